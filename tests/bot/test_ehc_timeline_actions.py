"""The EHC timeline form reads the family's own words and fills only what they gave."""

from __future__ import annotations

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.ehc_timeline import ValidateEhcTimelineForm

DOMAIN = {
    "slots": {name: {"type": "any"} for name in ("ehc_stage", "ehc_date", "ehc_reading")},
    "forms": {"ehc_timeline_form": {"required_slots": ["ehc_stage", "ehc_date"]}},
}


def tracker(
    text: str, requested: str | None = None, reading: dict | None = None, intent: str = "inform"
) -> Tracker:
    slots = {
        "requested_slot": requested,
        "ehc_reading": reading,
        "ehc_stage": None,
        "ehc_date": None,
    }
    latest = {"text": text, "intent": {"name": intent}}
    events = [{"event": "user", "text": text, "parse_data": latest}]
    return Tracker(
        "family", slots, latest, events, False, None, {"name": "ehc_timeline_form"}, "action_listen"
    )


def validate(text: str, requested: str | None = None, reading: dict | None = None) -> dict:
    events = asyncio.run(
        ValidateEhcTimelineForm().run(
            CollectingDispatcher(), tracker(text, requested, reading), DOMAIN
        )
    )
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}


def test_a_full_question_fills_both_slots_at_once():
    slots = validate("got the draft plan on 2 December 2025, when do I reply by")
    assert (slots["ehc_stage"], slots["ehc_date"]) == ("draft_plan", [2025, 12, 2, 1])


def test_a_step_alone_asks_for_the_date_and_the_answer_joins_what_was_said():
    first = validate("we got the draft plan")
    assert first["ehc_stage"] == "draft_plan" and "ehc_date" not in first  # Rasa asks for it
    answer = validate("2 December 2025", requested="ehc_date", reading=first["ehc_reading"])
    assert answer["ehc_reading"]["stage"] == "draft_plan"
    assert answer["ehc_date"] == [2025, 12, 2, 1]


def test_a_new_question_starts_afresh():
    earlier = validate("we got the draft plan on 2 December 2025")["ehc_reading"]
    slots = validate("the final plan came on 1 May 2026", reading=earlier)
    assert slots["ehc_reading"]["dates"] == {"final_plan": [2026, 5, 1, 1]}
    assert slots["ehc_stage"] == "final_plan"


def test_any_answer_to_the_date_question_is_taken_and_not_sure_counts():
    said = validate("we got the draft plan")["ehc_reading"]
    assert validate("hmm", requested="ehc_date", reading=said)["ehc_date"] == "not_sure"
    assert validate("not sure", requested="ehc_date", reading=said)["ehc_date"] == "not_sure"


def test_a_date_after_today_is_asked_about_again():
    slots = validate("request received 10 January 2099")
    assert "ehc_date" not in slots
    again = validate("sorry, 10 January 2026", requested="ehc_date", reading=slots["ehc_reading"])
    assert again["ehc_date"] == [2026, 1, 10, 1]


def test_the_reading_kept_between_turns_holds_no_text_the_redactor_would_change():
    reading = validate("we asked for an assessment on 3 March 2026")["ehc_reading"]
    assert reading["dates"] == {"request": [2026, 3, 3, 1]}

    def strings(value):
        if isinstance(value, dict):
            return [s for item in value.values() for s in strings(item)]
        if isinstance(value, list):
            return [s for item in value for s in strings(item)]
        return [value] if isinstance(value, str) else []

    assert set(strings(reading)) <= {"request"}


def test_a_disclosure_fills_nothing_so_the_signpost_rule_answers_first():
    said = validate("we got the draft plan")["ehc_reading"]
    events = asyncio.run(
        ValidateEhcTimelineForm().run(
            CollectingDispatcher(),
            tracker("he says he wants to die", "ehc_date", said, intent="risk_of_harm"),
            DOMAIN,
        )
    )
    assert events == []
