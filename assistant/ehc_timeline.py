"""The statutory EHC timeline in England: the dates that follow from a family's date and step.

Counting follows the law's own words:

- Decision whether to assess: within 6 weeks of the council receiving the request
  (SEND Regulations 2014, regulation 5(1)).
- Decision not to issue a plan: within 16 weeks of receiving the request (regulation 10(1)).
- Draft plan: at least 15 days "beginning with the day on which the draft plan was served"
  (regulation 13(1)(a)), so that day is day 1 and day 15 is 14 days later.
- Final plan: within 20 weeks of receiving the request (regulation 13(2)).
- Annual review: within 12 months of the plan, then of the last review (Children and
  Families Act 2014, section 44(1)); the council's decision within 4 weeks of the review
  meeting (regulation 20(10)).
- Phase transfer: the plan reviewed and amended before 15 February in the calendar year of
  the move, or before 31 March for secondary school to a post-16 place (regulation 18(1)).
- Appeal: 2 months from the decision letter, or 1 month from the mediation certificate,
  whichever is later (Tribunal Procedure Rules 2008, rule 20).

Weekends and bank holidays move none of these. Regulations 5(4), 10(4) and 13(3) excuse the
council from the 6, 16 and 20 weeks only where meeting them is impractical for a listed
reason, for example advice asked of a school from a week before it closes for 4 weeks or more,
exceptional personal circumstances, or the family away from the area for 4 weeks or more.
Those cases depend on facts the assistant does not know, so replies mention them and the
dates here never assume them.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum


class Stage(Enum):
    """The step the family says they are at, named by the event that started it."""

    REQUEST = "request"  # the council received the request for an assessment
    DECIDED_TO_ASSESS = "decided_to_assess"
    REFUSED = "refused"  # a decision letter the family can appeal
    DRAFT_PLAN = "draft_plan"
    FINAL_PLAN = "final_plan"
    ANNUAL_REVIEW = "annual_review"  # the review meeting
    MEDIATION_CERTIFICATE = "mediation_certificate"
    PHASE_TRANSFER = "phase_transfer"


@dataclass(frozen=True)
class Deadline:
    """One date the law sets, counted from the family's date."""

    key: str  # stable name, e.g. "decide_to_assess"
    due: date
    rule: str  # how it is counted, in the family's words: "6 weeks from the request"


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or a shorter month's last day (31 Dec + 2 is 28 Feb)."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def last_day_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def request_deadlines(received: date) -> list[Deadline]:
    """Every date that runs from the day the council received the request."""
    return [
        Deadline("decide_to_assess", received + timedelta(weeks=6), "6 weeks from the request"),
        Deadline("decide_on_plan", received + timedelta(weeks=16), "16 weeks from the request"),
        Deadline("final_plan", received + timedelta(weeks=20), "20 weeks from the request"),
    ]


def draft_comments_deadline(served: date) -> Deadline:
    """Day 15 of the at-least-15-day period that begins on the day the draft was served."""
    return Deadline("draft_comments", served + timedelta(days=14), "15 days, counting that day")


def appeal_deadline(decision_letter: date | None, certificate: date | None = None) -> Deadline:
    """2 months from the decision letter or 1 month from the certificate, whichever is later."""
    if decision_letter is None and certificate is None:
        raise ValueError("an appeal deadline needs the decision letter's or certificate's date")
    from_letter = add_months(decision_letter, 2) if decision_letter else None
    from_certificate = add_months(certificate, 1) if certificate else None
    if from_certificate and (from_letter is None or from_certificate > from_letter):
        return Deadline("appeal", from_certificate, "1 month from the mediation certificate")
    return Deadline("appeal", from_letter, "2 months from the decision letter")


def review_deadlines(meeting: date) -> list[Deadline]:
    """The council's decision after a review meeting, and the next review."""
    return [
        Deadline("review_decision", meeting + timedelta(weeks=4), "4 weeks from the meeting"),
        Deadline("next_review", add_months(meeting, 12), "12 months from the review"),
    ]


def first_review_deadline(plan_issued: date) -> Deadline:
    return Deadline("next_review", add_months(plan_issued, 12), "12 months from the plan")


def phase_transfer_deadline(year_of_move: int, to_post16: bool) -> Deadline:
    """The plan must be amended *before* this date (regulation 18 says "before")."""
    if to_post16:
        return Deadline("phase_transfer", date(year_of_move, 3, 31), "before 31 March")
    return Deadline("phase_transfer", date(year_of_move, 2, 15), "before 15 February")


def most_recent_past(day: int, month: int, today: date) -> date:
    """A day and month without a year: the latest such date that is not after today."""
    for year in (today.year, today.year - 1, today.year - 2):
        try:
            candidate = date(year, month, day)
        except ValueError:  # 29 February in a year without one
            continue
        if candidate <= today:
            return candidate
    raise ValueError(f"no {day}/{month} in the last few years")
