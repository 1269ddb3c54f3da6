"""The EHC timeline form reads the family's own words and fills only what they gave."""

from __future__ import annotations

import asyncio

from rasa_sdk import Tracker

from bot.actions.ehc_timeline import ValidateEhcTimelineForm, family_words


def user(text: str, intent: str) -> dict:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


def tracker(events: list[dict], requested: str | None = None) -> Tracker:
    latest = events[-1] if events and events[-1]["event"] == "user" else {}
    return Tracker(
        "family",
        {"requested_slot": requested},
        {"text": latest.get("text", ""), "intent": (latest.get("parse_data") or {}).get("intent")},
        events,
        False,
        None,
        {"name": "ehc_timeline_form"},
        "action_listen",
    )


def extract(events: list[dict], requested: str | None = None) -> dict:
    form, found = ValidateEhcTimelineForm(), {}
    for slot in ("ehc_stage", "ehc_date"):
        found |= asyncio.run(getattr(form, f"extract_{slot}")(None, tracker(events, requested), {}))
    return found


def test_the_words_run_from_the_last_timeline_question_to_now():
    events = [
        user("swimming in Kelby on Saturday", "find_service"),
        user("we asked for an assessment", "ask_ehc_timeline"),
        {"event": "bot", "text": "When did the council get your request?"},
        user("3 March", "inform"),
    ]
    assert family_words(tracker(events)) == "we asked for an assessment. 3 March"
    done = [*events, {"event": "action", "name": "action_ehc_timeline"}]
    assert family_words(tracker(done)) == ""


def test_a_full_question_fills_both_slots_and_a_step_alone_leaves_the_date_to_ask():
    full = extract([user("got the draft plan on 2 December 2025", "ask_ehc_timeline")])
    assert full == {"ehc_stage": "draft_plan", "ehc_date": "2025-12-02"}
    assert extract([user("we got the draft plan", "ask_ehc_timeline")]) == {
        "ehc_stage": "draft_plan"
    }


def test_any_answer_to_the_date_question_is_taken_and_not_sure_counts():
    events = [user("we got the draft plan", "ask_ehc_timeline"), user("hmm", "nlu_fallback")]
    assert extract(events, requested="ehc_date")["ehc_date"] == "not_sure"
    events[-1] = user("not sure", "deny")
    assert extract(events)["ehc_date"] == "not_sure"


def test_a_date_after_today_is_asked_about_again():
    events = [user("request received 10 January 2099", "ask_ehc_timeline")]
    assert "ehc_date" not in extract(events, requested="ehc_date")
