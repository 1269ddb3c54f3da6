"""Weekly figures for the officers' dashboard."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from storage.database import session_scope
from storage.models import Enquiry, Feedback, as_utc


@dataclass
class Week:
    starts: date
    questions: int = 0
    answered: int = 0
    thumbs_up: int = 0
    thumbs_down: int = 0

    @property
    def share_answered(self) -> float | None:
        return self.answered / self.questions if self.questions else None

    @property
    def share_thumbs_up(self) -> float | None:
        rated = self.thumbs_up + self.thumbs_down
        return self.thumbs_up / rated if rated else None


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly(url: str, weeks: int = 12, today: date | None = None) -> list[Week]:
    """The last `weeks` weeks, oldest first, including weeks when nothing happened."""
    first = _monday(today or date.today()) - timedelta(weeks=weeks - 1)
    table: dict[date, Week] = defaultdict(lambda: Week(date.min))
    for offset in range(weeks):
        start = first + timedelta(weeks=offset)
        table[start] = Week(start)
    with session_scope(url) as session:
        for created, answered in session.execute(select(Enquiry.created_at, Enquiry.answered)):
            week = table.get(_monday(as_utc(created).date()))
            if week:
                week.questions += 1
                week.answered += int(answered)
        for created, rating in session.execute(select(Feedback.created_at, Feedback.rating)):
            week = table.get(_monday(as_utc(created).date()))
            if week and rating in ("up", "down"):
                week.thumbs_up += rating == "up"
                week.thumbs_down += rating == "down"
    return [table[start] for start in sorted(table) if start >= first]
