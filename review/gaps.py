"""The gap report: what families asked for, by need, town and category, against what exists."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select

from assistant.freshness import months_between
from assistant.service_search import says_activity
from indexer.documents import first_sentence
from indexer.facets import CATEGORIES, NEEDS, ServiceFacets, service_facets
from indexer.models import Service
from review.spreadsheet import spreadsheet_csv
from storage.database import session_scope
from storage.models import Enquiry


@dataclass
class GapRow:
    need: str
    town: str
    category: str
    activity: str
    asked: int
    unanswered: int
    services: int  # active services that fit every part of the request

    @property
    def label(self) -> str:
        parts = [
            self.activity,
            NEEDS.get(self.need, (self.need,))[0] if self.need else "",
            CATEGORIES.get(self.category, (self.category,))[0] if self.category else "",
        ]
        what = ", ".join(part for part in parts if part) or "anything"
        return f"{what} in {self.town}" if self.town else what


@dataclass(frozen=True)
class StaleService:
    id: str
    name: str
    last_modified: date | None


class Provision:
    """The council's active services with their facets, worked out once."""

    def __init__(self, services: list[Service], towns: list[str], council_name: str = ""):
        self.active = [service for service in services if service.is_active]
        self.facets: list[ServiceFacets] = [
            service_facets(service, towns, council_name) for service in self.active
        ]

    def count(self, need: str, town: str, category: str, activity: str) -> int:
        """Active services that fit the need, serve the town, and offer the category or activity."""
        total = 0
        for service, facets in zip(self.active, self.facets, strict=True):
            if need and need not in facets.needs:
                continue
            if town and not (facets.borough_wide or town in facets.towns):
                continue
            if category and category not in facets.categories:
                continue
            summary = f"{service.name} {first_sentence(service.description)}"
            if activity and not says_activity(summary, activity):
                continue
            total += 1
        return total

    def stale(self, months: int, today: date | None = None) -> list[StaleService]:
        """Active services nobody has updated for `months`, oldest first, for follow-up."""
        today = today or date.today()
        found = [
            StaleService(service.id, service.name, service.last_modified)
            for service in self.active
            if service.last_modified is None
            or months_between(service.last_modified, today) >= months
        ]
        return sorted(found, key=lambda item: item.last_modified or date.min)


def gap_report(url: str, provision: Provision, since: date | None = None) -> list[GapRow]:
    """Requests that named a need, town, category or activity, largest shortfall first."""
    counts: dict[tuple[str, str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    with session_scope(url) as session:
        query = select(Enquiry)
        if since:
            query = query.where(Enquiry.created_at >= datetime(*since.timetuple()[:3], tzinfo=UTC))
        for enquiry in session.scalars(query):
            key = (enquiry.need, enquiry.town, enquiry.category, enquiry.activity)
            if any(key):
                counts[key][0] += 1
                counts[key][1] += 0 if enquiry.answered else 1
    rows = [
        GapRow(*key, asked, unanswered, provision.count(*key))
        for key, (asked, unanswered) in counts.items()
    ]
    return sorted(rows, key=lambda row: (row.services > 0, -row.unanswered, -row.asked, row.label))


def gaps_csv(rows: list[GapRow]) -> str:
    """The gap report as CSV; no cell runs as a spreadsheet formula."""
    return spreadsheet_csv(
        ["need", "town", "category", "activity", "asked", "unanswered", "services"],
        (
            [
                row.need,
                row.town,
                row.category,
                row.activity,
                row.asked,
                row.unanswered,
                row.services,
            ]
            for row in rows
        ),
    )
