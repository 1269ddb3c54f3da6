"""Answering 'how does this work?' from guidance, or honestly not answering."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.answers import (
    clarifying_reply,
    composed_reply,
    services_reply,
    term_reply,
    unknown_reply,
)
from assistant.cards import card_from_hit
from assistant.compose import compose_quote
from assistant.contacts import describe_contact
from assistant.direction import misdirected
from assistant.distress import ACKNOWLEDGEMENT, sounds_distressed
from assistant.elsewhere import referrals_for
from assistant.glossary import Glossary
from assistant.passages import Candidate, rank_passages
from assistant.replies import Button, Reply, ServiceCard
from assistant.understanding import ReadMessage, read_message
from indexer.council import Council
from indexer.search import Hit, Retriever

# A message of a few words whose best passage is weak and whose top passages come from three
# or more documents is asked one question back, never answered at random.
VAGUE_MOST_WORDS = 14
ASKS_FOR_HELP = re.compile(
    r"\b(?:help|support|advice|anything|what (?:can|could) (?:i|we) (?:get|do)|"
    r"what(?:'s| is) (?:there|available|out there))\b",
    re.IGNORECASE,
)
VAGUE_BAND = 0.1
# Just above the cut-off, the best passage is often about the question but not its answer.
PARTLY_BAND = 0.05
# An answer often spans sections ("the deadline" and "you need a mediation certificate"):
# up to two more join, each with a short quote of its own.
OTHER_SECTION_MARGIN = 0.04
OTHER_SECTIONS_CONSIDERED = 3
MOST_OTHER_SECTIONS = 2
OTHER_SENTENCES = 3
OTHER_DOCUMENT_MARGIN = 0.03
MOST_CARDS = 2


@dataclass(frozen=True)
class Knowledge:
    """What answering needs: the index, the council, its glossary and two settings."""

    retriever: Retriever
    council: Council
    glossary: Glossary
    min_score: float
    stale_after_months: int


@dataclass
class Answer:
    reply: Reply
    answered: bool
    candidates: list[dict] = field(default_factory=list)  # what an officer sees if unanswered


def _candidates(hits: list[Hit]) -> list[dict]:
    return [
        {"id": hit.id, "title": hit.title, "score": hit.dense_score, "kind": hit.kind}
        for hit in hits
    ]


def answer_question(text: str, knowledge: Knowledge) -> Answer:
    """Quote the council's guidance that answers the question in `text`, or say it cannot."""
    message = read_message(text)
    age = knowledge.retriever.extractor.extract(text).age
    distressed = sounds_distressed(text)
    opening = ACKNOWLEDGEMENT if distressed else ""
    candidates = [
        candidate
        for candidate in rank_passages(message, knowledge.retriever, age)
        if not misdirected(candidate.hit.payload.get("passage") or "", text)
    ]
    listed = _candidates([candidate.hit for candidate in candidates[:3]])
    for entry, candidate in zip(listed, candidates, strict=False):
        entry["score"] = round(candidate.score, 4)
    if is_vague(message, candidates, knowledge.min_score):
        return Answer(clarifying_reply(text, opening), True, listed)
    if not candidates or candidates[0].score < knowledge.min_score:
        referrals = referrals_for(message.question, knowledge.council)
        return Answer(unknown_reply(knowledge.council, opening, referrals), False, listed)
    main = candidates[0]
    quote = _expand(compose_quote(main, message.kind), knowledge.glossary)
    others = other_sections(main, candidates[1:])
    closing = ""
    if main.score < knowledge.min_score + PARTLY_BAND:
        advice = knowledge.council.contacts["sendiass"]
        closing = (
            f"This may only partly answer your question. If it does not, {describe_contact(advice)}"
        )
    reply = composed_reply(
        main.hit,
        quote,
        knowledge.stale_after_months,
        also=[
            (
                other.hit,
                _expand(compose_quote(other, message.kind, OTHER_SENTENCES), knowledge.glossary),
            )
            for other in others
        ],
        opening=f"{opening} This is what the council's guidance says." if opening else "",
        closing=closing,
        cards=linked_cards(main.hit, knowledge),
        buttons=_other_question(message, main, knowledge),
    )
    return Answer(reply, True, listed)


def is_vague(message: ReadMessage, candidates: list[Candidate], min_score: float) -> bool:
    """Too short to say what it is about, and the guidance agrees: nothing stands out."""
    if len(message.text.split()) > VAGUE_MOST_WORDS or message.kind in ("when", "who"):
        return False
    if not ASKS_FOR_HELP.search(message.text):
        return False  # a specific question the content does not cover is not vague
    if not candidates or candidates[0].score >= min_score + VAGUE_BAND:
        return False
    documents = {candidate.hit.payload.get("source") for candidate in candidates[:4]}
    return len(documents) >= 3


def says_something_about_the_child(text: str, extractor) -> bool:
    """A request for help that names the child, an age or a need is more than 'help'."""
    facets = extractor.extract(text)
    named = re.search(r"\b(?:son|daughter|child|kid|boy|girl|he|she|ds|dd)\b", text, re.I)
    return bool(facets.age is not None or facets.needs or named)


def _expand(quote: str, glossary: Glossary | None) -> str:
    return glossary.expand_jargon(quote) if glossary is not None else quote


def other_sections(main: Candidate, others: list[Candidate]) -> list[Candidate]:
    """Further sections join when their best sentence answers nearly as well as the first's."""
    # Another document joins only when it holds a sentence closer to the question than any
    # of the first section's, or scores all but the same: a deadline from another process
    # (a DLA appeal under a transport appeal) misleads however close its other words are.
    source = main.hit.payload.get("source")
    considered = [
        other
        for other in others[:OTHER_SECTIONS_CONSIDERED]
        if not other.penalised
        and (
            other.hit.payload.get("source") == source
            or other.best_unit_score > main.best_unit_score
            or other.score >= main.score - OTHER_DOCUMENT_MARGIN
        )
    ]
    # A section holding a sentence closer to the question than any of the first's comes first.
    sharper = [other for other in considered if other.best_unit_score > main.best_unit_score]
    close = [
        other
        for other in considered
        if other not in sharper and other.score >= main.score - OTHER_SECTION_MARGIN
    ]
    return (sorted(sharper, key=lambda other: -other.best_unit_score) + close)[:MOST_OTHER_SECTIONS]


def linked_cards(hit: Hit, knowledge: Knowledge) -> list[ServiceCard]:
    """Cards for the services that do the work the section describes (SENDIASS, DLA advice)."""
    ids = list(hit.payload.get("services") or [])
    return [
        card_from_hit(service, knowledge.stale_after_months)
        for service in knowledge.retriever.lookup(ids)
    ][:MOST_CARDS]


def _other_question(message: ReadMessage, main: Candidate, knowledge: Knowledge) -> list[Button]:
    """When a message asks two things, offer to answer the second after the main one."""
    if len(message.questions) < 2:
        return []
    for question in message.questions:
        ranked = rank_passages(read_message(question), knowledge.retriever)
        if ranked and ranked[0].hit.id != main.hit.id and ranked[0].score >= knowledge.min_score:
            # Alone, "and can I ask myself?" has lost its subject: the button carries it.
            topic = main.hit.payload.get("document") or main.hit.title
            return [Button("Answer my other question", f"{question} ({topic})")]
    return []


def answer_anything(text: str, knowledge: Knowledge) -> Answer:
    """For messages the classifier could not place: search everything before giving up."""
    response = knowledge.retriever.search(text, top_k=3)
    hits = response.hits
    if not hits or (hits[0].dense_score or 0) < knowledge.min_score:
        return Answer(unknown_reply(knowledge.council), False, _candidates(hits))
    if hits[0].kind == "guidance":
        return answer_question(text, knowledge)
    services = [hit for hit in hits if hit.kind == "service"]
    reply = services_reply(services, response.facets, False, knowledge.stale_after_months)
    return Answer(reply, True, _candidates(hits))


def define_term(term: str, text: str, knowledge: Knowledge) -> Answer:
    """The glossary entry for a term; failing that, the best guidance passage."""
    entry = knowledge.glossary.lookup(term) if term else None
    if entry is None:
        entry = knowledge.glossary.lookup(text)
    if entry is not None:
        return Answer(term_reply(entry, knowledge.stale_after_months), True)
    return answer_question(text, knowledge)
