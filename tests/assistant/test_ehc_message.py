"""Reading the step and the date out of a family's own words."""

from __future__ import annotations

import json
from datetime import date

import pytest

from assistant.ehc_message import FamilyDate, follow_on, from_slot, read_ehc_message, to_slot
from assistant.ehc_timeline import Stage
from tests.paths import REPO_ROOT

TODAY = date(2026, 12, 4)  # a Friday
PHRASINGS = [
    json.loads(line)
    for line in (REPO_ROOT / "tests" / "data" / "ehc_dates.jsonl").read_text().splitlines()
]


def test_the_first_example_question_gives_the_request_and_its_date():
    message = read_ehc_message("we asked for an assessment on 3 March, when should we hear?", TODAY)
    assert (message.stage, message.when) == (Stage.REQUEST, FamilyDate(date(2026, 3, 3)))
    assert message.complete


def test_friday_said_on_a_friday_is_last_friday():
    message = read_ehc_message("got the draft plan on Friday, when do I have to reply by?", TODAY)
    assert (message.stage, message.when.value) == (Stage.DRAFT_PLAN, date(2026, 11, 27))


def test_weeks_ago_and_a_month_alone():
    final = read_ehc_message("the final plan came 2 weeks ago", TODAY)
    assert (final.stage, final.when.value) == (Stage.FINAL_PLAN, date(2026, 11, 20))
    review = read_ehc_message("annual review was in June", TODAY)
    assert review.stage is Stage.ANNUAL_REVIEW
    assert review.when == FamilyDate(date(2026, 6, 1), day_known=False)
    assert review.when.latest == date(2026, 6, 30)


@pytest.mark.parametrize("row", PHRASINGS, ids=lambda row: row["text"][:40])
def test_each_written_phrasing_gives_its_date(row):
    message = read_ehc_message(row["text"], TODAY)
    found = message.when or message.future
    if row["date"] is None:
        assert found is None
    elif len(row["date"]) == 7:
        assert (found.value.isoformat()[:7], found.day_known) == (row["date"], False)
    else:
        assert found.value.isoformat() == row["date"]


def test_may_the_verb_is_not_a_month():
    assert read_ehc_message("may we ask when the draft will come", TODAY).when is None
    assert read_ehc_message("the draft came in May", TODAY).when.value == date(2026, 5, 1)


def test_decimals_and_ranges_are_not_dates():
    assert read_ehc_message("we asked for the assessment 1.5 weeks back", TODAY).when is None
    assert read_ehc_message("we asked, they said 1-2 weeks", TODAY).when is None


def test_each_step_keeps_its_own_date_and_the_latest_step_leads():
    message = read_ehc_message("we asked on 3 March and got the draft plan on 20 June", TODAY)
    assert message.dates == {
        Stage.REQUEST: FamilyDate(date(2026, 3, 3)),
        Stage.DRAFT_PLAN: FamilyDate(date(2026, 6, 20)),
    }
    assert message.stage is Stage.DRAFT_PLAN


def test_an_answer_to_when_was_that_joins_the_step_said_before():
    message = read_ehc_message("we got the draft plan. last Tuesday", TODAY)
    assert (message.stage, message.when.value) == (Stage.DRAFT_PLAN, date(2026, 12, 1))


def test_a_final_plan_with_15_days_to_comment_is_most_likely_the_draft():
    message = read_ehc_message(
        "we have 15 days to comment on the final plan, it came on 1 December", TODAY
    )
    assert (message.stage, message.stated_stage) == (Stage.DRAFT_PLAN, Stage.FINAL_PLAN)
    assert message.dates[Stage.DRAFT_PLAN].value == date(2026, 12, 1)


def test_an_appeal_against_the_draft_is_most_likely_about_the_final_plan():
    message = read_ehc_message("we want to appeal the draft plan we got on 20 November", TODAY)
    assert (message.stage, message.stated_stage) == (Stage.FINAL_PLAN, Stage.DRAFT_PLAN)


def test_not_sure_is_an_answer_and_a_future_date_is_held_back():
    unsure = read_ehc_message("we asked for an assessment but I'm not sure when", TODAY)
    assert (unsure.stage, unsure.when, unsure.not_sure) == (Stage.REQUEST, None, True)
    assert unsure.complete
    future = read_ehc_message("request received 10 January 2027", TODAY)
    assert future.when is None and future.future.value == date(2027, 1, 10)
    assert not future.complete


def test_a_move_to_college_is_a_post_16_phase_transfer_in_the_future():
    message = read_ehc_message("she starts college in September 2027", TODAY)
    assert (message.stage, message.post16, message.when.value) == (
        Stage.PHASE_TRANSFER,
        True,
        date(2027, 9, 1),
    )


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("the council agreed to assess on 3 November", Stage.DECIDED_TO_ASSESS),
        ("they refused to assess on 2 October", Stage.REFUSED),
        ("got a decision letter saying they won't issue a plan", Stage.REFUSED),
        ("our mediation certificate came on Monday", Stage.MEDIATION_CERTIFICATE),
        ("his review meeting was on 10 November", Stage.ANNUAL_REVIEW),
        ("the plan was issued in January 2025", Stage.FINAL_PLAN),
        ("moving up to secondary in September 2027", Stage.PHASE_TRANSFER),
    ],
)
def test_stage_words_name_the_step(text, stage):
    assert read_ehc_message(text, TODAY).stage is stage


def test_an_answer_on_a_later_turn_joins_the_step_said_before():
    earlier = read_ehc_message("we got the draft plan", TODAY)
    merged = follow_on(earlier, read_ehc_message("last Tuesday", TODAY))
    assert (merged.stage, merged.when.value) == (Stage.DRAFT_PLAN, date(2026, 12, 1))
    step = follow_on(
        read_ehc_message("it was 3 March", TODAY), read_ehc_message("we asked for one", TODAY)
    )
    assert (step.stage, step.when.value) == (Stage.REQUEST, date(2026, 3, 3))  # "which step?"
    corrected = follow_on(
        read_ehc_message("request received 10 January 2027", TODAY),
        read_ehc_message("sorry, 10 January 2026", TODAY),
    )
    assert (corrected.when.value, corrected.future) == (date(2026, 1, 10), None)


def test_the_reading_survives_a_slot_round_trip():
    message = read_ehc_message(
        "we have 15 days to comment on the final plan, it came on 1 December", TODAY
    )
    assert from_slot(to_slot(message)) == message
    assert from_slot(None) == read_ehc_message("", TODAY)


def test_a_date_asked_about_is_not_taken_for_the_day_it_happened():
    message = read_ehc_message("got the draft plan on Monday, do I have to reply by Friday?", TODAY)
    assert message.when.value == date(2026, 11, 30)
    asked = read_ehc_message("we got the draft plan, is the deadline 15 December?", TODAY)
    assert asked.when is None
    assert read_ehc_message("the review is next Monday", TODAY).when is None


def test_a_question_about_how_things_work_is_not_a_family_event():
    assert read_ehc_message(
        "how many days do i get to comment on the draft ehc plan?", TODAY
    ).general
    assert not read_ehc_message("we got the draft plan", TODAY).general
    assert not read_ehc_message("the draft came on Friday", TODAY).general
