"""Tables of the app database."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class UnansweredQuestion(Base):
    """A question the assistant could not answer from the council's content."""

    __tablename__ = "unanswered_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)  # redacted before it is stored
    intent: Mapped[str] = mapped_column(String(64), default="")
    intent_ranking: Mapped[list] = mapped_column(JSON, default=list)
    top_results: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(32), default="new")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class UrgentFlag(Base):
    """A conversation where someone disclosed a risk of harm: reviewed first by officers."""

    __tablename__ = "urgent_flags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)  # redacted before it is stored
    matched: Mapped[str] = mapped_column(String(200), default="")
    signpost: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Feedback(Base):
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
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
