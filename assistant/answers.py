"""Compose replies from search results. Every fact shown comes from the council's content."""

from __future__ import annotations

from datetime import date

from assistant.cards import card_from_hit, render_service_text
from assistant.contacts import describe_contact, talk_to_a_person
from assistant.freshness import freshness_note
from assistant.glossary import Glossary, GlossaryEntry
from assistant.quotes import best_sentences
from assistant.replies import Button, Citation, Reply
from indexer.council import Council
from indexer.facets import CATEGORIES, DAY_NAMES, NEEDS, QueryFacets
from indexer.search import Hit

MORE = Button("Show more", "/more_results")
REFINE = Button("Change the search", "/refine_search")
PERSON = Button("Talk to a person", "/talk_to_person")


def describe_facets(facets: QueryFacets) -> str:
    """'for age 14, autism, in Kelby, on Saturday, free' from what the search applied."""
    parts = []
    if facets.age is not None:
        parts.append(f"age {facets.age}")
    parts += [NEEDS[key][0].lower() for key in facets.needs if key in NEEDS]
    parts += [CATEGORIES[key][0].lower() for key in facets.categories if key in CATEGORIES]
    if facets.towns:
        parts.append("in " + " or ".join(facets.towns))
    if facets.days:
        parts.append("on " + " or ".join(DAY_NAMES[code] for code in facets.days))
    if facets.free:
        parts.append("free")
    return ", ".join(parts)


def services_reply(
    hits: list[Hit],
    facets: QueryFacets,
    has_more: bool,
    stale_after_months: int,
    activities: list[str] | None = None,
    today: date | None = None,
) -> Reply:
    """Service cards with 'more' and 'change the search' buttons."""
    wanted = ", ".join(part for part in [*(activities or []), describe_facets(facets)] if part)
    if not hits:
        looking = f" ({wanted})" if wanted else ""
        return Reply(
            text=f"I could not find a service that matches{looking}. You could try a "
            "different town or day, or talk to a person who may know more.",
            buttons=[REFINE, PERSON],
        )
    cards = [card_from_hit(hit, stale_after_months, today) for hit in hits]
    intro = f"Here are some services ({wanted}):" if wanted else "Here are some services:"
    body = "\n\n".join(render_service_text(card, number) for number, card in enumerate(cards, 1))
    buttons = ([MORE] if has_more else []) + [REFINE, PERSON]
    return Reply(text=f"{intro}\n\n{body}", buttons=buttons, cards=cards)


def guidance_citation(hit: Hit, stale_after_months: int, today: date | None = None) -> Citation:
    payload = hit.payload
    return Citation(
        title=payload.get("document") or hit.title,
        url=payload.get("url") or "",
        last_updated=payload.get("last_updated") or "",
        note=freshness_note(
            payload.get("last_updated") or "", "guidance", stale_after_months, today
        ),
    )


def guidance_reply(
    question: str,
    hit: Hit,
    stale_after_months: int,
    glossary: Glossary | None = None,
    today: date | None = None,
    quote: str | None = None,
) -> Reply:
    """The best one to three sentences of the passage, quoted, with where they came from."""
    if quote is None:
        quote = best_sentences(question, hit.payload.get("passage") or "")
    if glossary is not None:
        quote = glossary.expand_jargon(quote)
    citation = guidance_citation(hit, stale_after_months, today)
    source = f"From '{citation.title}'"
    section = hit.payload.get("section")
    if section:
        source += f", section '{section}'"
    text = f"{quote}\n\n{source}: {citation.url}\n{citation.note}".rstrip()
    return Reply(text=text, citations=[citation], buttons=[PERSON])


def term_reply(entry: GlossaryEntry, stale_after_months: int, today: date | None = None) -> Reply:
    """A glossary definition, quoted, with its source."""
    note = freshness_note(entry.last_updated, "guidance", stale_after_months, today)
    citation = Citation("Glossary", entry.url, entry.last_updated, note)
    text = f"{entry.term}: {entry.definition}\n\nFrom the glossary: {entry.url}\n{note}".rstrip()
    return Reply(text=text, citations=[citation])


def unknown_reply(council: Council) -> Reply:
    """An honest 'I don't know' with people who will, never a guess."""
    team = council.contacts["local_offer_team"]
    advice = council.contacts["sendiass"]
    return Reply(
        text="Sorry, I don't know the answer to that, and I don't want to guess. "
        "I have passed your question to the Local Offer team so they can improve this "
        f"service.\n{describe_contact(team)}\n{describe_contact(advice)}",
        buttons=[PERSON],
    )


def person_reply(council: Council) -> Reply:
    return Reply(text=talk_to_a_person(council))
