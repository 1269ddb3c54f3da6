"""The EHC timeline form reads the family's own words and fills only what they gave."""

from __future__ import annotations

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.ehc_timeline import ValidateEhcTimelineForm

DOMAIN = {
    "slots": {name: {"type": "any"} for name in ("ehc_stage", "ehc_date", "ehc_words")},
    "forms": {"ehc_timeline_form": {"required_slots": ["ehc_stage", "ehc_date"]}},
}


def tracker(text: str, requested: str | None = None, words: str | None = None) -> Tracker:
    slots = {"requested_slot": requested, "ehc_words": words, "ehc_stage": None, "ehc_date": None}
    latest = {"text": text, "intent": {"name": "inform"}}
    events = [{"event": "user", "text": text, "parse_data": latest}]
    return Tracker(
        "family", slots, latest, events, False, None, {"name": "ehc_timeline_form"}, "action_listen"
    )


def validate(text: str, requested: str | None = None, words: str | None = None) -> dict:
    events = asyncio.run(
        ValidateEhcTimelineForm().run(
            CollectingDispatcher(), tracker(text, requested, words), DOMAIN
        )
    )
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}


def test_a_full_question_fills_both_slots_at_once():
    slots = validate("got the draft plan on 2 December 2025, when do I reply by")
    assert (slots["ehc_stage"], slots["ehc_date"]) == ("draft_plan", "2025-12-02")


def test_a_step_alone_asks_for_the_date_and_the_answer_joins_what_was_said():
    first = validate("we got the draft plan")
    assert first["ehc_stage"] == "draft_plan" and "ehc_date" not in first  # Rasa asks for it
    answer = validate("2 December 2025", requested="ehc_date", words=first["ehc_words"])
    assert answer["ehc_words"] == "we got the draft plan. 2 December 2025"
    assert answer["ehc_date"] == "2025-12-02"


def test_a_new_question_starts_afresh():
    slots = validate("the final plan came on 1 May 2026", words="we got the draft plan")
    assert slots["ehc_words"] == "the final plan came on 1 May 2026"
    assert slots["ehc_stage"] == "final_plan"


def test_any_answer_to_the_date_question_is_taken_and_not_sure_counts():
    said = "we got the draft plan"
    assert validate("hmm", requested="ehc_date", words=said)["ehc_date"] == "not_sure"
    assert validate("not sure", requested="ehc_date", words=said)["ehc_date"] == "not_sure"


def test_a_date_after_today_is_asked_about_again():
    slots = validate("request received 10 January 2099")
    assert "ehc_date" not in slots
    again = validate("sorry, 10 January 2026", requested="ehc_date", words=slots["ehc_words"])
    assert again["ehc_date"] == "2026-01-10"
