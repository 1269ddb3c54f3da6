"""Compose replies from search results. Every fact shown comes from the council's content."""

from __future__ import annotations

from datetime import date

from assistant.cards import card_from_hit, render_service_text
from assistant.contacts import describe_contact, talk_to_a_person
from assistant.freshness import freshness_note
from assistant.glossary import Glossary, GlossaryEntry
from assistant.quotes import best_sentences
from assistant.replies import Button, Citation, Reply, ServiceCard
from indexer.council import Council, Referral
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
        url=section_link(hit),
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


def section_link(hit: Hit) -> str:
    """The address of the section a passage came from, so a family can read all of it."""
    url = hit.payload.get("url") or ""
    anchor = hit.id.split("#", 1)[1] if "#" in hit.id else ""
    return f"{url}#{anchor}" if url and anchor else url


def composed_reply(
    main: Hit,
    quote: str,
    stale_after_months: int,
    also: list[tuple[Hit, str]] | None = None,
    opening: str = "",
    closing: str = "",
    cards: list[ServiceCard] | None = None,
    buttons: list[Button] | None = None,
    today: date | None = None,
) -> Reply:
    """Quoted sentences from one section (or two), each with where to read the whole of it."""
    sources = [main, *(hit for hit, _ in also or [])]
    citations = [guidance_citation(hit, stale_after_months, today) for hit in sources]
    blocks = [opening] if opening else []
    blocks.append(quote)
    for other, other_quote in also or []:
        section = other.payload.get("section") or other.title
        blocks.append(f"The guidance also says, under '{section}':\n{other_quote}")
    if closing:
        blocks.append(closing)
    for hit, citation in zip(sources, citations, strict=True):
        section = hit.payload.get("section")
        where = f"'{citation.title}', section '{section}'" if section else f"'{citation.title}'"
        blocks.append(f"Read it all in {where}: {section_link(hit)}\n{citation.note}".rstrip())
    return Reply(
        text="\n\n".join(blocks),
        citations=citations,
        cards=cards or [],
        buttons=(buttons or []) + [PERSON],
    )


def unknown_reply(
    council: Council,
    opening: str = "",
    referrals: list[Referral] | None = None,
) -> Reply:
    """An honest 'I don't know', who can help, and what happens to the question next."""
    team = council.contacts["local_offer_team"]
    advice = council.contacts["sendiass"]
    lines = [opening] if opening else []
    lines.append(
        "I'm sorry, the council's information does not cover that, and I don't want to guess."
    )
    for referral in referrals or []:
        lines.append(
            f"This sounds like a question about {referral.topic}, which is outside the Local "
            f"Offer. {describe_contact(referral.contact)}"
        )
    lines.append("These people can help:")
    lines.append(f"- {describe_contact(team)}")
    lines.append(f"- For free, independent advice on SEND: {describe_contact(advice)}")
    for helpline in council.national_helplines:
        lines.append(f"- {describe_contact(helpline)}")
    lines.append(
        "I have passed your question on to the Local Offer team. They read every question I "
        "could not answer and use them to fill the gaps, but they will not reply to you "
        "directly, so please contact one of the people above if you need an answer soon."
    )
    return Reply(text="\n".join(lines), buttons=[PERSON])


# Each button asks a clear question and carries the family's words, so nothing they said
# (an age, a need) is asked again.
CLARIFY_TOPICS = (
    ("Support at school", "What support should school give? ({asked})"),
    ("Clubs and activities", "Find clubs and activities ({asked})"),
    ("Short breaks", "Can we get short breaks? ({asked})"),
    ("EHC plans", "How do I ask for an EHC needs assessment? ({asked})"),
)


def clarifying_reply(text: str, opening: str = "") -> Reply:
    """One question back, with buttons that carry the family's own words forward."""
    asked = text.strip().rstrip("?.!")
    lines = [opening] if opening else []
    lines.append("I can help with that. Which of these is closest to what you need?")
    buttons = [Button(title, template.format(asked=asked)) for title, template in CLARIFY_TOPICS]
    buttons.append(Button("Not sure", "/talk_to_person"))
    return Reply(text=" ".join(lines), buttons=buttons)


def person_reply(council: Council) -> Reply:
    return Reply(text=talk_to_a_person(council))
