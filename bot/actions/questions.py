"""Questions about how things work, jargon, and messages the classifier could not place."""

from __future__ import annotations

import re

from rasa_sdk import Action, Tracker
from rasa_sdk.types import DomainDict

from assistant.answers import clarifying_reply
from assistant.questions import (
    Answer,
    answer_anything,
    answer_question,
    define_term,
    says_something_about_the_child,
)
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


CARRIED_WORDS = re.compile(r"\(.+\)\s*$")


class ActionHelp(Action):
    """'Help' alone gets the menu; 'what help is there for my son, he's 6' gets one question
    back whose buttons keep what the family said."""

    def name(self) -> str:
        return "action_help"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict):
        text = latest_text(tracker)
        if CARRIED_WORDS.search(text):
            # A clarifying button's question, with the family's words: answer it, never loop.
            return deliver(dispatcher, tracker, answer_anything(text, knowledge()))
        if says_something_about_the_child(text, retriever().extractor):
            send(dispatcher, clarifying_reply(text))
        else:
            dispatcher.utter_message(response="utter_help")
        return []
