"""The review queue: unanswered questions and thumbs-down feedback, newest first."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, or_, select

from review.spreadsheet import spreadsheet_csv
from storage.database import session_scope
from storage.models import Feedback, Theme, UnansweredQuestion, UrgentFlag, as_utc

STATUSES = ("new", "reviewed", "resolved", "needs_content")
STATUS_LABELS = {
    "new": "New",
    "reviewed": "Reviewed",
    "resolved": "Resolved",
    "needs_content": "Needs new content",
}
KINDS = ("question", "feedback")


@dataclass(frozen=True)
class QueueFilter:
    since: date | None = None
    until: date | None = None
    theme_id: int | None = None
    status: str | None = None
    kind: str | None = None


@dataclass
class QueueItem:
    kind: str  # question or feedback
    id: int
    created_at: datetime
    text: str
    reply: str
    context: list[dict]
    candidates: list[dict]
    status: str
    note: str
    reviewed_by: str = ""
    theme: str = ""
    rating: str = ""
    facets: dict = field(default_factory=dict)


def _window(query, column, selection: QueueFilter):
    if selection.since:
        query = query.where(column >= datetime.combine(selection.since, time.min, UTC))
    if selection.until:
        end = datetime.combine(selection.until + timedelta(days=1), time.min, UTC)
        query = query.where(column < end)
    return query


def queue_items(url: str, selection: QueueFilter, limit: int = 500) -> list[QueueItem]:
    """The items that match `selection`, newest first."""
    items: list[QueueItem] = []
    with session_scope(url) as session:
        themes = {theme.id: theme.name for theme in session.scalars(select(Theme))}
        if selection.kind in (None, "question"):
            query = select(UnansweredQuestion)
            query = _window(query, UnansweredQuestion.created_at, selection)
            if selection.status:
                query = query.where(UnansweredQuestion.status == selection.status)
            if selection.theme_id:
                query = query.where(UnansweredQuestion.theme_id == selection.theme_id)
            query = query.order_by(UnansweredQuestion.created_at.desc()).limit(limit)
            items += [_question_item(row, themes) for row in session.scalars(query)]
        if selection.kind in (None, "feedback") and not selection.theme_id:
            query = select(Feedback).where(
                or_(Feedback.rating == "down", Feedback.rating.in_(("1", "2")))
            )
            query = _window(query, Feedback.created_at, selection)
            if selection.status:
                query = query.where(Feedback.status == selection.status)
            query = query.order_by(Feedback.created_at.desc()).limit(limit)
            items += [_feedback_item(row) for row in session.scalars(query)]
    items.sort(key=lambda item: item.created_at, reverse=True)
    return items[:limit]


def _question_item(row: UnansweredQuestion, themes: dict[int, str]) -> QueueItem:
    return QueueItem(
        "question",
        row.id,
        as_utc(row.created_at),
        row.text,
        row.reply,
        row.context or [],
        [entry for entry in row.top_results or [] if "title" in entry],
        row.status,
        row.note,
        row.reviewed_by,
        themes.get(row.theme_id, ""),
        facets=row.facets or {},
    )


def _feedback_item(row: Feedback) -> QueueItem:
    return QueueItem(
        "feedback",
        row.id,
        as_utc(row.created_at),
        row.comment,
        row.reply,
        row.context or [],
        [],
        row.status,
        row.note,
        row.reviewed_by,
        rating=row.rating,
    )


FLAGS_PER_PAGE = 20


@dataclass(frozen=True)
class FlagPage:
    """One page of urgent flags, and how many there are in all."""

    flags: list[UrgentFlag]
    total: int
    page: int
    pages: int


def urgent_flags(
    url: str, acknowledged: bool = False, page: int = 1, per_page: int = FLAGS_PER_PAGE
) -> FlagPage:
    """Unacknowledged flags (or acknowledged ones), newest first, a page at a time: every
    one stays reachable, however many there are."""
    waiting = (
        UrgentFlag.acknowledged_at.is_not(None)
        if acknowledged
        else (UrgentFlag.acknowledged_at.is_(None))
    )
    with session_scope(url) as session:
        total = session.scalar(select(func.count()).select_from(UrgentFlag).where(waiting)) or 0
        pages = max(1, -(-total // per_page))
        page = min(max(1, page), pages)
        query = (
            select(UrgentFlag)
            .where(waiting)
            .order_by(UrgentFlag.created_at.desc(), UrgentFlag.id.desc())
            .offset((page - 1) * per_page)
            .limit(per_page)
        )
        return FlagPage(list(session.scalars(query)), total, page, pages)


def acknowledge(url: str, flag_id: int, officer: str) -> bool:
    """Record who saw a flag and when; False when there is no such flag."""
    with session_scope(url) as session:
        row = session.get(UrgentFlag, flag_id)
        if row is None:
            return False
        if row.acknowledged_at is None:
            row.acknowledged_by = officer
            row.acknowledged_at = datetime.now(UTC)
        return True


def flag_items(url: str, selection: QueueFilter) -> list[QueueItem]:
    """Urgent flags as queue items, for the CSV export."""
    with session_scope(url) as session:
        query = _window(select(UrgentFlag), UrgentFlag.created_at, selection)
        query = query.order_by(UrgentFlag.created_at.desc())
        return [
            QueueItem(
                "urgent",
                row.id,
                as_utc(row.created_at),
                row.text,
                row.signpost,
                row.context or [],
                [],
                "acknowledged" if row.acknowledged_at else "new",
                row.matched,
                row.acknowledged_by,
            )
            for row in session.scalars(query)
        ]


def mark(url: str, kind: str, item_id: int, status: str, note: str, officer: str) -> bool:
    """Set an item's status and note; False when there is no such item."""
    if status not in STATUSES or kind not in KINDS:
        raise ValueError(f"Unknown status or kind: {status!r}, {kind!r}")
    model = UnansweredQuestion if kind == "question" else Feedback
    with session_scope(url) as session:
        row = session.get(model, item_id)
        if row is None:
            return False
        row.status = status
        row.note = note.strip()[:2000]
        row.reviewed_by = officer
        row.reviewed_at = datetime.now(UTC)
        return True


CSV_COLUMNS = ["kind", "id", "created_at", "status", "theme", "rating", "text", "reply", "note"]


def queue_csv(items: list[QueueItem]) -> str:
    """The filtered view as CSV, for a spreadsheet or a commissioning paper."""
    return spreadsheet_csv(
        CSV_COLUMNS,
        (
            [
                item.kind,
                item.id,
                item.created_at.isoformat(timespec="seconds"),
                item.status,
                item.theme,
                item.rating,
                item.text,
                item.reply,
                item.note,
            ]
            for item in items
        ),
    )
