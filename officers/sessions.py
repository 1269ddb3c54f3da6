"""Signed-in officer sessions: a random cookie token (only its hash is stored) and a CSRF token."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.database import session_scope
from storage.models import Officer, OfficerSession, as_utc


@dataclass(frozen=True)
class SignedIn:
    username: str
    csrf_token: str

    def csrf_matches(self, token: str) -> bool:
        return hmac.compare_digest(self.csrf_token, token or "")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(url: str, officer_id: int, lifetime: timedelta) -> str:
    """A new session for a signed-in officer; returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    with session_scope(url) as session:
        session.add(
            OfficerSession(
                token_hash=_hash(token),
                officer_id=officer_id,
                csrf_token=secrets.token_urlsafe(32),
                expires_at=datetime.now(UTC) + lifetime,
            )
        )
    return token


def session_for(url: str, token: str | None) -> SignedIn | None:
    """Who holds this cookie token, or None when it is unknown, expired or a disabled officer's."""
    if not token:
        return None
    with session_scope(url) as session:
        row = session.execute(
            select(OfficerSession, Officer.username)
            .join(Officer, Officer.id == OfficerSession.officer_id)
            .where(OfficerSession.token_hash == _hash(token), Officer.disabled_at.is_(None))
        ).first()
        if row is None:
            return None
        signed_in, username = row
        if as_utc(signed_in.expires_at) <= datetime.now(UTC):
            session.delete(signed_in)
            return None
        return SignedIn(username, signed_in.csrf_token)


def end_session(url: str, token: str | None) -> None:
    if token:
        with session_scope(url) as session:
            session.execute(delete(OfficerSession).where(OfficerSession.token_hash == _hash(token)))


def end_all_sessions(session: Session, officer_id: int) -> int:
    """End every session of an officer, in the caller's transaction; how many there were."""
    result = session.execute(delete(OfficerSession).where(OfficerSession.officer_id == officer_id))
    return result.rowcount
