"""Where a family is in the EHC process, through the real Rasa server, actions and index."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from assistant.ehc_timeline import most_recent_past, request_deadlines
from assistant.ehc_timeline_reply import say_date
from tests.stack import all_text, citations, texts

TEAM_PHONE, SENDIASS_PHONE = "0113 496 0100", "0113 496 0200"  # knowledge/council.yml


def new_sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def last(weekday: int, today: date) -> date:
    """The most recent such weekday before today (Monday is 0)."""
    return today - timedelta(days=(today.weekday() - weekday) % 7 or 7)


def test_we_asked_on_3_march_gets_the_dates_the_councils_words_and_who_to_call(stack):
    messages = stack.send(
        new_sender(), "we asked for an assessment on 3 March, when should we hear?"
    )
    text = all_text(messages)
    asked = most_recent_past(3, 3, date.today())
    decide, _, final = request_deadlines(asked)
    assert f"You asked on {say_date(asked)}." in text
    assert f"whether it will assess by {say_date(decide.due)} (6 weeks" in text
    assert f"final plan should be with you by {say_date(final.due)} (20 weeks" in text
    assert "tell you within 6 weeks of receiving the request" in text  # the council's sentence
    assert TEAM_PHONE in text and SENDIASS_PHONE in text and "complain" in text
    found = {citation["title"] for citation in citations(messages)}
    assert "Education, Health and Care needs assessments" in found
    assert all(citation["last_updated"] for citation in citations(messages))


def test_a_draft_got_on_friday_is_due_back_on_day_15(stack):
    text = all_text(
        stack.send(new_sender(), "got the draft plan on Friday, when do I have to reply by?")
    )
    friday = last(4, date.today())
    assert f"You got the draft plan on {say_date(friday)}." in text
    assert f"by {say_date(friday + timedelta(days=14))}. That is day 15" in text
    assert "The draft plan and your 15 days" in text  # the council's section, linked


def test_a_final_plan_on_31_december_can_be_appealed_until_the_end_of_february(stack):
    text = all_text(
        stack.send(new_sender(), "the final plan came on 31 December 2025, how long to appeal")
    )
    assert "do it by Saturday 28 February 2026 (2 months" in text
    assert "whichever is later" in text or "whichever date is later" in text


def test_a_final_plan_with_15_days_to_comment_is_gently_called_the_draft(stack):
    text = all_text(
        stack.send(
            new_sender(), "we have 15 days to comment on the final plan, it came on 1 December"
        )
    )
    came = most_recent_past(1, 12, date.today())
    assert text.startswith("You said the final plan, but the 15 days")
    assert f"by {say_date(came + timedelta(days=14))}" in text
    assert "If it is the final plan:" in text


def test_only_the_missing_date_is_asked_for_and_not_sure_is_an_answer(stack):
    sender = new_sender()
    question = all_text(
        stack.send(
            sender,
            "we have asked the council for an EHC needs assessment, can you work out our dates",
        )
    )
    assert "When did the council get your request?" in question
    assert "Which step" not in question
    answer = all_text(stack.send(sender, "not sure"))
    assert "That is fine." in answer and "within 6 weeks" in answer


def test_a_disclosure_while_we_ask_for_the_date_gets_the_signpost_first(stack):
    sender = new_sender()
    stack.send(
        sender, "we have asked the council for an EHC needs assessment, can you work out our dates"
    )
    messages = stack.send(sender, "sorry, my son told me last night he wants to kill himself")
    assert "999" in texts(messages)[0]
    assert "When did the council" not in all_text(stack.send(sender, "thanks"))
