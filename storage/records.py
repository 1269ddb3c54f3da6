"""Write what officers review; every text is redacted here, before it reaches the database.

Every value is fitted to its column first (`storage.columns`), so the database never refuses
a record for a stray NUL or an over-long id, whether it is written now or from the outbox.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from storage.columns import fit, storable
from storage.database import session_scope
from storage.models import Enquiry, Feedback, UnansweredQuestion, UrgentFlag
from storage.redaction import redact


def record_unanswered(
    url: str,
    conversation_id: str,
    text: str,
    intent: str,
    intent_ranking: list[dict],
    top_results: list[dict],
    facets: dict | None = None,
    reply: str = "",
    context: list[dict] | None = None,
) -> int:
    """Store a question the assistant could not answer; returns its id."""
    values = fit(
        UnansweredQuestion,
        conversation_id=conversation_id,
        text=redact_text(text),
        intent=intent,
        intent_ranking=intent_ranking,
        top_results=top_results,
        facets=facets or {},
        reply=reply,
        context=redact_turns(context or []),
    )
    with session_scope(url) as session:
        row = UnansweredQuestion(**values)
        session.add(row)
        session.flush()
        return row.id


# Open flags one conversation may raise before further ones are counted on its latest flag.
FLAGS_PER_CONVERSATION = 3


def raise_flag(
    url: str,
    conversation_id: str,
    text: str,
    matched: str,
    signpost: str,
    context: list[dict] | None = None,
    channel: str = "",
) -> tuple[int, bool]:
    """Mark a conversation for urgent officer review after a disclosure of risk.

    Returns (flag id, whether it is new). The same words in the same conversation are one flag,
    whichever process saw them first (the api and the action server both check).

    Past `FLAGS_PER_CONVERSATION` open flags, a conversation's further disclosures raise the
    count on its latest flag instead of adding rows: one person cannot bury everyone else's.
    """
    values = fit(
        UrgentFlag,
        conversation_id=conversation_id,
        text=redact_text(text),
        matched=matched,
        signpost=signpost,
        context=redact_turns(context or []),
        channel=channel,
    )
    with session_scope(url) as session:
        open_flags = list(
            session.scalars(
                select(UrgentFlag)
                .where(UrgentFlag.conversation_id == values["conversation_id"])
                .where(UrgentFlag.acknowledged_at.is_(None))
                .order_by(UrgentFlag.id.desc())
            )
        )
        for flag in open_flags:
            if flag.text == values["text"]:
                return flag.id, False
        if len(open_flags) >= FLAGS_PER_CONVERSATION:
            latest = open_flags[0]
            latest.repeats += 1
            return latest.id, False
        row = UrgentFlag(**values)
        session.add(row)
        session.flush()
        return row.id, True


def record_feedback(
    url: str,
    conversation_id: str,
    comment: str,
    rating: str = "",
    message_id: str = "",
    kind: str = "comment",
    idempotency_key: str | None = None,
    reply: str = "",
    context: list[dict] | None = None,
) -> int:
    """Store feedback once per idempotency key; returns the row's id, new or existing."""
    values = fit(
        Feedback,
        conversation_id=conversation_id,
        message_id=message_id,
        kind=kind,
        rating=rating,
        comment=redact_text(comment),
        idempotency_key=idempotency_key,
        reply=reply,
        context=redact_turns(context or []),
    )
    try:
        with session_scope(url) as session:
            row = Feedback(**values)
            session.add(row)
            session.flush()
            return row.id
    except IntegrityError:
        if idempotency_key is None:
            raise
        with session_scope(url) as session:
            key = values["idempotency_key"]
            query = select(Feedback.id).where(Feedback.idempotency_key == key)
            return session.scalars(query).one()


def record_enquiry(url: str, kind: str, answered: bool, matches: int, facets: dict) -> None:
    """Count one request by what was asked for (need, town, category, activity), never by words."""
    counted = {key: _first(facets.get(key)) for key in ("need", "town", "category", "activity")}
    values = fit(Enquiry, kind=kind, answered=answered, matches=matches, **counted)
    with session_scope(url) as session:
        session.add(Enquiry(**values))


def redact_text(text: str) -> str:
    """What a family typed, as it may be stored: made storable first, then redacted.

    In that order because a NUL inside a phone number ("07700\\x00900123") hides it from the
    redactor, and stripping the NUL afterwards would store the number whole.
    """
    return redact(storable(text))


def redact_turns(turns: list[dict]) -> list[dict]:
    """Conversation turns as officers see them: the family's words redacted, the bot's kept."""
    return [
        {
            "speaker": turn["speaker"],
            "text": redact_text(turn["text"]) if turn["speaker"] == "family" else turn["text"],
        }
        for turn in turns
    ]


def _first(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value or "")


def feedback_for(url: str, conversation_id: str) -> list[Feedback]:
    with session_scope(url) as session:
        query = select(Feedback).where(Feedback.conversation_id == conversation_id)
        return list(session.scalars(query))


def unanswered_for(url: str, conversation_id: str) -> list[UnansweredQuestion]:
    with session_scope(url) as session:
        query = select(UnansweredQuestion).where(
            UnansweredQuestion.conversation_id == conversation_id
        )
        return list(session.scalars(query))


def urgent_flags_for(url: str, conversation_id: str) -> list[UrgentFlag]:
    with session_scope(url) as session:
        query = select(UrgentFlag).where(UrgentFlag.conversation_id == conversation_id)
        return list(session.scalars(query))
