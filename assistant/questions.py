"""Answering 'how does this work?' from guidance, or honestly not answering."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.answers import guidance_reply, services_reply, term_reply, unknown_reply
from assistant.glossary import Glossary
from assistant.quotes import best_quote
from assistant.replies import Reply
from indexer.council import Council
from indexer.search import Hit, Retriever


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


def answer_question(question: str, knowledge: Knowledge) -> Answer:
    """The best guidance passage, quoted, if the question is close enough to the guidance."""
    hits = knowledge.retriever.search(question, top_k=3, kind="guidance").hits
    if not hits or max(hit.dense_score or 0 for hit in hits) < knowledge.min_score:
        return Answer(unknown_reply(knowledge.council), False, _candidates(hits))
    # The passage holding the single sentence closest to the question wins: passages ranked
    # by their whole text are often neighbours ("week 6" and "week 16") that read alike.
    quotes = [best_quote(question, hit.payload.get("passage") or "") for hit in hits]
    chosen = max(range(len(hits)), key=lambda i: quotes[i].score)
    reply = guidance_reply(
        question,
        hits[chosen],
        knowledge.stale_after_months,
        knowledge.glossary,
        quote=quotes[chosen].text,
    )
    return Answer(reply, True, _candidates(hits))


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
