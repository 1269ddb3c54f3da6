"""The statutory EHC dates against worked examples, counted as the law words them."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.ehc_timeline import (
    add_months,
    appeal_deadline,
    draft_comments_deadline,
    first_review_deadline,
    most_recent_past,
    phase_transfer_deadline,
    request_deadlines,
    review_deadlines,
)


def test_a_request_on_tuesday_3_march_2026_runs_to_6_16_and_20_weeks():
    dates = {d.key: d.due for d in request_deadlines(date(2026, 3, 3))}
    assert dates == {
        "decide_to_assess": date(2026, 4, 14),
        "decide_on_plan": date(2026, 6, 23),
        "final_plan": date(2026, 7, 21),
    }
    assert all(due.weekday() == 1 for due in dates.values())  # weeks keep the weekday


def test_a_request_received_on_a_bank_holiday_still_counts_from_that_day():
    # Monday 25 August 2025 was the summer bank holiday; the law counts from receipt.
    dates = {d.key: d.due for d in request_deadlines(date(2025, 8, 25))}
    assert dates["decide_to_assess"] == date(2025, 10, 6)
    # ...and a deadline on a bank holiday is not moved: 6 weeks before Christmas Day 2026.
    assert request_deadlines(date(2026, 11, 13))[0].due == date(2026, 12, 25)


def test_weeks_run_across_a_leap_day():
    assert request_deadlines(date(2028, 2, 1))[0].due == date(2028, 3, 14)
    assert request_deadlines(date(2027, 2, 1))[0].due == date(2027, 3, 15)


def test_the_draft_period_counts_the_day_it_was_served_as_day_1():
    assert draft_comments_deadline(date(2026, 11, 27)).due == date(2026, 12, 11)
    assert draft_comments_deadline(date(2026, 12, 25)).due == date(2027, 1, 8)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 12, 31), 2, date(2026, 2, 28)),
        (date(2027, 12, 31), 2, date(2028, 2, 29)),  # leap year
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 3, 15), -4, date(2025, 11, 15)),
    ],
)
def test_months_end_at_the_end_of_a_shorter_month(start, months, expected):
    assert add_months(start, months) == expected


def test_the_appeal_runs_2_months_from_the_letter_or_1_month_from_a_later_certificate():
    assert appeal_deadline(date(2025, 12, 31)).due == date(2026, 2, 28)
    later = appeal_deadline(date(2026, 1, 10), date(2026, 2, 20))
    assert (later.due, later.rule) == (date(2026, 3, 20), "1 month from the mediation certificate")
    earlier = appeal_deadline(date(2026, 1, 10), date(2026, 1, 20))
    assert (earlier.due, earlier.rule) == (date(2026, 3, 10), "2 months from the decision letter")
    assert appeal_deadline(None, date(2026, 1, 31)).due == date(2026, 2, 28)
    with pytest.raises(ValueError):
        appeal_deadline(None, None)


def test_a_review_meeting_gives_a_decision_in_4_weeks_and_the_next_review_in_12_months():
    dates = {d.key: d.due for d in review_deadlines(date(2026, 6, 30))}
    assert dates == {"review_decision": date(2026, 7, 28), "next_review": date(2027, 6, 30)}
    assert first_review_deadline(date(2024, 2, 29)).due == date(2025, 2, 28)


def test_phase_transfer_is_before_15_february_or_31_march_for_post_16():
    assert phase_transfer_deadline(2027, to_post16=False).due == date(2027, 2, 15)
    assert phase_transfer_deadline(2027, to_post16=True).due == date(2027, 3, 31)
    assert phase_transfer_deadline(2027, to_post16=False).rule == "before 15 February"


def test_a_day_without_a_year_is_the_most_recent_one_that_has_passed():
    today = date(2026, 12, 4)
    assert most_recent_past(3, 3, today) == date(2026, 3, 3)
    assert most_recent_past(25, 12, today) == date(2025, 12, 25)
    assert most_recent_past(4, 12, today) == date(2026, 12, 4)
    assert most_recent_past(29, 2, today) == date(2024, 2, 29)
