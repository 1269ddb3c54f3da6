"""Questions about how things work, jargon, and messages the classifier could not place."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.types import DomainDict

from assistant.questions import Answer, answer_anything, answer_question, define_term
from bot.actions.context import intent_ranking, knowledge, latest_text, send, settings
from storage.records import record_unanswered


def deliver(dispatcher, tracker: Tracker, answer: Answer) -> list:
    """Send the answer; an unanswered question is recorded for officers."""
    send(dispatcher, answer.reply)
    if not answer.answered:
        record_unanswered(
            settings().database_url,
            tracker.sender_id,
            latest_text(tracker),
            (tracker.latest_message.get("intent") or {}).get("name") or "",
            intent_ranking(tracker),
            answer.candidates,
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
        return deliver(dispatcher, tracker, define_term(term, latest_text(tracker), knowledge()))


class ActionSearchFallback(Action):
    """Search anyway when the classifier is unsure; admit it below the threshold."""

    def name(self) -> str:
        return "action_search_fallback"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict):
        return deliver(dispatcher, tracker, answer_anything(latest_text(tracker), knowledge()))
