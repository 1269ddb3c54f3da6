"""The short-breaks eligibility check: a form, then the likely level and how to apply."""

from __future__ import annotations

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.types import DomainDict

from assistant.service_search import parse_age
from assistant.short_breaks import (
    HOW_TO_APPLY_QUERY,
    ShortBreaksAnswers,
    likely_level,
    short_breaks_reply,
)
from bot.actions.context import latest_text, retriever, send, settings

FORM_SLOTS = ("sb_age", "sb_lives_in_area", "sb_disability", "sb_dla_pip", "sb_ehcp")


class ValidateShortBreaksForm(FormValidationAction):
    def name(self) -> str:
        return "validate_short_breaks_form"

    async def extract_sb_age(self, dispatcher, tracker: Tracker, domain: DomainDict):
        if tracker.get_slot("requested_slot") != "sb_age":
            return {}
        text = latest_text(tracker)
        age = retriever().extractor.extract(text).age
        age = age if age is not None else parse_age(text)
        return {"sb_age": age} if age is not None else {}

    def validate_sb_age(self, value, dispatcher, tracker, domain):
        age = parse_age(value)
        if age is None:
            dispatcher.utter_message(text="Please tell me your child's age in years, like 9.")
            return {"sb_age": None}
        return {"sb_age": age}


class ActionShortBreaksResult(Action):
    def name(self) -> str:
        return "action_short_breaks_result"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict):
        answers = ShortBreaksAnswers(
            age=parse_age(tracker.get_slot("sb_age")) or 0,
            lives_in_area=bool(tracker.get_slot("sb_lives_in_area")),
            substantial_disability=bool(tracker.get_slot("sb_disability")),
            gets_dla_or_pip=bool(tracker.get_slot("sb_dla_pip")),
            has_ehc_plan=bool(tracker.get_slot("sb_ehcp")),
        )
        hits = retriever().search(HOW_TO_APPLY_QUERY, top_k=1, kind="guidance").hits
        reply = short_breaks_reply(
            likely_level(answers), hits[0] if hits else None, settings().stale_after_months
        )
        send(dispatcher, reply)
        return [SlotSet(slot, None) for slot in FORM_SLOTS]
