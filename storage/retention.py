"""Delete what is older than the council keeps it: families' words, audit entries, dead letters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, exists, inspect, or_, select, text, update
from sqlalchemy.orm import Session

from storage import outbox as outbox_file
from storage.audit_log import append, purge_audit_log
from storage.database import new_engine, session_scope
from storage.models import (
    Enquiry,
    Feedback,
    OfficerSession,
    SignInFailure,
    Theme,
    UnansweredQuestion,
    UrgentFlag,
)

KEPT_TABLES = (UnansweredQuestion, Feedback, UrgentFlag, Enquiry)
PURGE = "storage purge"  # who the audit log says purged it


@dataclass
class Purged:
    rows: dict[str, int]

    def __str__(self) -> str:
        return ", ".join(f"{count} {table}" for table, count in self.rows.items())


def purge(
    url: str,
    days: int,
    tracker_store_url: str = "",
    now: datetime | None = None,
    *,
    audit_days: int = 730,
    outbox: Path | None = None,
    dead_letter_days: int = 90,
) -> Purged:
    """Delete what families told us older than `days` (rows, themes, records in `outbox`),
    audit entries older than `audit_days`, dead letters older than `dead_letter_days`, expired
    officer sessions and stale sign-in failures.
    """
    if min(days, audit_days, dead_letter_days) < 1:
        raise ValueError("Keep things for at least one day.")
    now = now or datetime.now(UTC)
    cutoff = now - timedelta(days=days)
    rows: dict[str, int] = {}
    with session_scope(url) as session:
        for model in KEPT_TABLES:
            result = session.execute(delete(model).where(model.created_at < cutoff))
            rows[model.__tablename__] = result.rowcount
        rows["themes"] = _purge_themes(session)
        session.execute(delete(OfficerSession).where(OfficerSession.expires_at < now))
        # Counts of failed sign-ins matter for minutes, and the usernames typed may be anything
        # (a password in the wrong box): a day is enough.
        session.execute(
            delete(SignInFailure).where(
                SignInFailure.last_failed_at < now - timedelta(days=1),
                or_(SignInFailure.blocked_until.is_(None), SignInFailure.blocked_until < now),
            )
        )
    rows["audit_log"] = _purge_audit_log(url, now - timedelta(days=audit_days))
    if outbox is not None:
        dropped = outbox_file.purge(outbox, cutoff, now - timedelta(days=dead_letter_days))
        rows["outbox records"], rows["dead letters"] = dropped.pending, dropped.dead_letter
    if tracker_store_url:
        rows["conversation events"] = _purge_tracker_store(tracker_store_url, cutoff)
    return Purged(rows)


def _purge_themes(session: Session) -> int:
    # A theme quotes one of its questions as its representative: once that question has gone,
    # so does the theme (and it has gone with all its questions too).
    quoted = exists(
        select(UnansweredQuestion.id).where(
            UnansweredQuestion.theme_id == Theme.id,
            UnansweredQuestion.text == Theme.representative,
        )
    )
    gone = select(Theme.id).where(~quoted)
    # SQLite does not enforce the foreign key's ON DELETE SET NULL unless asked: say it here.
    session.execute(
        update(UnansweredQuestion)
        .where(UnansweredQuestion.theme_id.in_(gone))
        .values(theme_id=None)
        .execution_options(synchronize_session=False)
    )
    return session.execute(delete(Theme).where(~quoted)).rowcount


def _purge_audit_log(url: str, before: datetime) -> int:
    with session_scope(url) as session:
        deleted = purge_audit_log(session, before)
        if deleted:  # the log says where its beginning went
            append(session, PURGE, f"purged {deleted} audit entries from before {before:%d %b %Y}")
        return deleted


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
