"""Tables of the app database."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every one here was written in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


# The longest officer's username: `create-officer` refuses longer, and every column that holds
# one (officers, sign-in failures, the audit log, who reviewed or acknowledged) is this wide.
USERNAME_LENGTH = 80


class Base(DeclarativeBase):
    pass


class Reviewed:
    """What officers see and set on an item of the review queue."""

    reply: Mapped[str] = mapped_column(Text, default="")  # what the assistant had said
    context: Mapped[list] = mapped_column(JSON, default=list)  # earlier turns, redacted
    status: Mapped[str] = mapped_column(String(32), default="new", index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[str] = mapped_column(String(USERNAME_LENGTH), default="")
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )


class UnansweredQuestion(Reviewed, Base):
    """A question the assistant could not answer from the council's content."""

    __tablename__ = "unanswered_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)  # redacted before it is stored
    intent: Mapped[str] = mapped_column(String(64), default="")
    intent_ranking: Mapped[list] = mapped_column(JSON, default=list)
    top_results: Mapped[list] = mapped_column(JSON, default=list)
    facets: Mapped[dict] = mapped_column(JSON, default=dict)  # need, town, category, activity
    theme_id: Mapped[int | None] = mapped_column(
        ForeignKey("themes.id", ondelete="SET NULL"), nullable=True, index=True
    )


class UrgentFlag(Base):
    """A conversation where someone disclosed a risk of harm: reviewed first by officers."""

    __tablename__ = "urgent_flags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)  # redacted before it is stored
    matched: Mapped[str] = mapped_column(String(200), default="")
    signpost: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    context: Mapped[list] = mapped_column(JSON, default=list)  # earlier turns, redacted
    channel: Mapped[str] = mapped_column(String(32), default="")  # rest, telegram, feedback, api
    # Further disclosures in the same conversation, past the cap, are counted here instead of
    # adding rows, so one person cannot bury another family's flag.
    repeats: Mapped[int] = mapped_column(Integer, default=0)
    acknowledged_by: Mapped[str] = mapped_column(String(USERNAME_LENGTH), default="")
    acknowledged_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True, index=True
    )


class Feedback(Reviewed, Base):
    """What a family said about an answer or about the assistant."""

    __tablename__ = "feedback"
    # A retried submission (same key) is one row, even when the retries race each other.
    __table_args__ = (UniqueConstraint("idempotency_key", name="uq_feedback_idempotency_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(80), nullable=True)
    conversation_id: Mapped[str] = mapped_column(String(64), index=True)
    message_id: Mapped[str] = mapped_column(String(64), default="")
    kind: Mapped[str] = mapped_column(String(16), default="comment")  # answer, chat, comment
    rating: Mapped[str] = mapped_column(String(16), default="")  # up, down, or 1-5
    comment: Mapped[str] = mapped_column(Text, default="")  # redacted before it is stored


class Enquiry(Base):
    """One thing a family asked for, with no words of theirs: the demand side of the gap report."""

    __tablename__ = "enquiries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # service_search, question, term
    answered: Mapped[bool] = mapped_column(Boolean)
    matches: Mapped[int] = mapped_column(Integer, default=0)
    need: Mapped[str] = mapped_column(String(64), default="")
    town: Mapped[str] = mapped_column(String(64), default="")
    category: Mapped[str] = mapped_column(String(64), default="")
    activity: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )


class Theme(Base):
    """A cluster of unanswered questions that mean much the same thing."""

    __tablename__ = "themes"
    # An id stays with its theme across recomputes and is never given to another: SQLite would
    # otherwise hand the highest id of a deleted theme to the next new one.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    representative: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer)
    answer_document: Mapped[str] = mapped_column(String(200), default="")
    computed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Officer(Base):
    """A member of the Local Offer team who may review what families asked."""

    __tablename__ = "officers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(USERNAME_LENGTH), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    totp_secret: Mapped[str] = mapped_column(String(64), default="")
    # Failed sign-ins from every address since the last success: past a high threshold the
    # account itself is locked (the per-address throttle is `SignInFailure`).
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # The TOTP time-step of the last code accepted: a code is good once, never again.
    totp_last_step: Mapped[int] = mapped_column(Integer, default=0)
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SignInFailure(Base):
    """Failed sign-ins for one username from one address: what the per-address throttle counts.

    Rows exist for usernames that are no officer's too, so a pause says nothing about who exists.
    """

    __tablename__ = "sign_in_failures"

    username: Mapped[str] = mapped_column(String(USERNAME_LENGTH), primary_key=True)
    address: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    blocked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class OfficerSession(Base):
    """A signed-in browser. Only a hash of the cookie's token is kept."""

    __tablename__ = "officer_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id", ondelete="CASCADE"))
    csrf_token: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEntry(Base):
    """Who did what on the officer pages, and when: each entry chained to the one before."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(USERNAME_LENGTH), index=True)
    action: Mapped[str] = mapped_column(Text)  # what changed: "acknowledged flag 12"
    detail: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    previous_hash: Mapped[str] = mapped_column(String(64), default="")
    entry_hash: Mapped[str] = mapped_column(String(64), default="")


class AuditChain(Base):
    """The audit log's two ends, in one row (id 1) that every writer locks first."""

    __tablename__ = "audit_chain"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The hash the oldest entry kept follows: the genesis value, or the last purged entry's.
    anchor_id: Mapped[int] = mapped_column(Integer, default=0)
    anchor_hash: Mapped[str] = mapped_column(String(64))
    head_id: Mapped[int] = mapped_column(Integer, default=0)  # the newest entry
    head_hash: Mapped[str] = mapped_column(String(64))
