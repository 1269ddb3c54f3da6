"""Delete what families told us once it is older than the council keeps it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, inspect, or_, text

from storage.database import new_engine, session_scope
from storage.models import (
    Enquiry,
    Feedback,
    OfficerSession,
    SignInFailure,
    UnansweredQuestion,
    UrgentFlag,
)

KEPT_TABLES = (UnansweredQuestion, Feedback, UrgentFlag, Enquiry)


@dataclass
class Purged:
    rows: dict[str, int]

    def __str__(self) -> str:
        return ", ".join(f"{count} {table}" for table, count in self.rows.items())


def purge(url: str, days: int, tracker_store_url: str = "", now: datetime | None = None) -> Purged:
    """Delete rows older than `days`, expired officer sessions and stale sign-in failures."""
    if days < 1:
        raise ValueError("Keep things for at least one day.")
    now = now or datetime.now(UTC)
    cutoff = now - timedelta(days=days)
    rows: dict[str, int] = {}
    with session_scope(url) as session:
        for model in KEPT_TABLES:
            result = session.execute(delete(model).where(model.created_at < cutoff))
            rows[model.__tablename__] = result.rowcount
        session.execute(delete(OfficerSession).where(OfficerSession.expires_at < now))
        # Counts of failed sign-ins matter for minutes, and the usernames typed may be anything
        # (a password in the wrong box): a day is enough.
        session.execute(
            delete(SignInFailure).where(
                SignInFailure.last_failed_at < now - timedelta(days=1),
                or_(SignInFailure.blocked_until.is_(None), SignInFailure.blocked_until < now),
            )
        )
    if tracker_store_url:
        rows["conversation events"] = _purge_tracker_store(tracker_store_url, cutoff)
    return Purged(rows)


def _purge_tracker_store(url: str, cutoff: datetime) -> int:
    # Rasa's SQL tracker store keeps one row per event, stamped in seconds since 1970.
    engine = new_engine(url)
    try:
        if not inspect(engine).has_table("events"):
            return 0
        with engine.begin() as connection:
            result = connection.execute(
                text("DELETE FROM events WHERE timestamp < :cutoff"),
                {"cutoff": cutoff.timestamp()},
            )
            return result.rowcount
    finally:
        engine.dispose()
