"""Questions about how things work, jargon, and messages the classifier could not place."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.types import DomainDict

from assistant.questions import Answer, answer_anything, answer_question, define_term
from assistant.service_search import activities_named
from bot.actions.context import (
    enquiry_facets,
    intent_ranking,
    knowledge,
    latest_text,
    recent_turns,
    retriever,
    send,
    store,
)


def deliver(dispatcher, tracker: Tracker, answer: Answer, kind: str = "question") -> list:
    """Send the answer; an unanswered question is recorded for officers."""
    send(dispatcher, answer.reply)
    text = latest_text(tracker)
    asked = enquiry_facets(retriever().extractor.extract(text), activities_named(text))
    store(
        "enquiry",
        kind=kind,
        answered=answer.answered,
        matches=len(answer.candidates),
        facets=asked,
    )
    if not answer.answered:
        store(
            "unanswered",
            conversation_id=tracker.sender_id,
            text=text,
            intent=(tracker.latest_message.get("intent") or {}).get("name") or "",
            intent_ranking=intent_ranking(tracker),
            top_results=answer.candidates,
            facets=asked,
            reply=answer.reply.text,
            context=recent_turns(tracker),
        )
    return []


class ActionAnswerQuestion(Action):
    def name(self) -> str:
        return "action_answer_question"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict):
        return deliver(dispatcher, tracker, answer_question(latest_text(tracker), knowledge()))


class ActionDefineTerm(Action):
    def name(self) -> str:
        return "action_define_term"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict):
        terms = [
            e["value"] for e in tracker.latest_message.get("entities", []) if e["entity"] == "term"
        ]
        term = str(terms[0]) if terms else ""
        answer = define_term(term, latest_text(tracker), knowledge())
        return deliver(dispatcher, tracker, answer, kind="term")


class ActionSearchFallback(Action):
    """Search anyway when the classifier is unsure; admit it below the threshold."""

    def name(self) -> str:
        return "action_search_fallback"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict):
        return deliver(dispatcher, tracker, answer_anything(latest_text(tracker), knowledge()))
