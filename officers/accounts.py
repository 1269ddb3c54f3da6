"""Officer accounts: argon2 password hashes, sign-in throttled and locked out, optional TOTP."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from hmac import compare_digest

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from officers.sessions import end_all_sessions
from officers.throttle import (
    Counted,
    SignInPolicy,
    count_attempt,
    forget_failures,
    pause_or_lock,
    take_back,
    throttle_source,
)
from storage.database import session_scope
from storage.models import USERNAME_LENGTH, Officer, OfficerSession, as_utc

# OWASP's argon2id parameters (19 MiB, 2 passes, 1 lane): argon2-cffi's default takes 64 MiB a
# check, which many sign-ins at once multiply. Older hashes still verify and are redone at sign-in.
_hasher = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
# Checked against whenever an attempt is refused unchecked (unknown name, paused, locked,
# disabled), so every refusal takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
MIN_PASSWORD_LENGTH = 12


class AccountError(ValueError):
    """A request about an account that cannot be carried out, said in plain words."""


@dataclass(frozen=True)
class LoginResult:
    officer_id: int | None
    username: str
    # For the audit log only; everyone who fails is told the same: "unknown" username, "too
    # long" (longer than any officer's), "wrong" password, "code" wrong or missing, "replayed" (a
    # code used before), "disabled", "paused" (this username from this address), "locked".
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.officer_id is not None


@dataclass(frozen=True)
class OfficerSummary:
    """What `python -m api list-officers` shows about one officer: never a secret."""

    username: str
    second_factor: bool
    disabled: bool
    locked_until: datetime | None  # the account lock, when there is one now
    sessions: int  # signed-in browsers that have not expired
    created_at: datetime


def list_officers(url: str) -> list[OfficerSummary]:
    """Every officer, by username."""
    with session_scope(url) as session:
        officers = session.scalars(select(Officer).order_by(Officer.username)).all()
        return [_summary(session, officer) for officer in officers]


def find_officer(url: str, username: str) -> OfficerSummary | None:
    with session_scope(url) as session:
        officer = _officer(session, username)
        return _summary(session, officer) if officer else None


def disable_officer(url: str, username: str) -> int:
    """Stop an officer signing in and end their sessions; returns how many sessions ended."""
    with session_scope(url) as session:
        officer = _existing_officer(session, username)
        officer.disabled_at = officer.disabled_at or datetime.now(UTC)
        return end_all_sessions(session, officer.id)


def enable_officer(url: str, username: str) -> None:
    """Let a disabled officer sign in again, with the password and code they had."""
    with session_scope(url) as session:
        _existing_officer(session, username).disabled_at = None


def _officer(session: Session, username: str) -> Officer | None:
    query = select(Officer).where(Officer.username == username.strip().lower())
    return session.scalars(query).first()


def _existing_officer(session: Session, username: str) -> Officer:
    officer = _officer(session, username)
    if officer is None:
        raise AccountError(
            f"There is no officer called '{username.strip().lower()}'. "
            "`python -m api list-officers` shows who there is."
        )
    return officer


def _summary(session: Session, officer: Officer) -> OfficerSummary:
    now = datetime.now(UTC)
    sessions = session.scalar(
        select(func.count())
        .select_from(OfficerSession)
        .where(OfficerSession.officer_id == officer.id, OfficerSession.expires_at > now)
    )
    locked_until = as_utc(officer.locked_until)
    return OfficerSummary(
        officer.username,
        bool(officer.totp_secret),
        officer.disabled_at is not None,
        locked_until if locked_until and locked_until > now else None,
        sessions,
        as_utc(officer.created_at),
    )


def random_password() -> str:
    return secrets.token_urlsafe(15)


def create_officer(url: str, username: str, password: str, totp: bool | None = None) -> str:
    """Create an officer, or reset one's password and end their sessions; returns a new TOTP secret.

    `totp` True issues a new authenticator secret, False removes it, None keeps what the officer
    has (a reset must not lock someone out of their own authenticator app).
    """
    username = username.strip().lower()
    if not username or len(username) > USERNAME_LENGTH:
        raise AccountError(f"A username must be 1 to {USERNAME_LENGTH} characters.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"A password must be at least {MIN_PASSWORD_LENGTH} characters.")
    secret = pyotp.random_base32() if totp else ""
    password_hash = _hasher.hash(password)
    with session_scope(url) as session:
        officer = _officer(session, username)
        if officer is None:
            session.add(Officer(username=username, password_hash=password_hash, totp_secret=secret))
            return secret
        officer.password_hash = password_hash
        if totp is not None:
            officer.totp_secret = secret
            officer.totp_last_step = 0
        officer.failed_logins = 0
        officer.locked_until = None
        forget_failures(session, username)
        # Whoever knew the old password may be signed in with it.
        end_all_sessions(session, officer.id)
    return secret


def authenticate(
    url: str,
    username: str,
    password: str,
    code: str = "",
    max_failures: int = 5,
    lockout: timedelta = timedelta(minutes=15),
    *,
    address: str = "",
    account_max_failures: int = 50,
) -> LoginResult:
    """Check a sign-in from `address`: refused past the limits of `officers.throttle`."""
    policy = SignInPolicy(max_failures, account_max_failures, lockout)
    username = normalised(username)
    if len(username) > USERNAME_LENGTH:
        # No officer's name is this long, and cut to fit it would name the officer whose name
        # it starts with. Refused like any other failure, and as slowly.
        _verify(_DUMMY_HASH, password)
        return LoginResult(None, username, "too long")
    # Counted and committed before the password is checked: racing attempts see each other.
    with session_scope(url) as session:
        counted = count_attempt(
            session, username, throttle_source(address), datetime.now(UTC), policy
        )
    problem = counted.refusal(policy)
    account = counted.account
    if problem:
        _verify(_DUMMY_HASH, password)  # a refusal takes as long as a wrong password
    else:
        password_ok = _verify(account.password_hash, password)
        step = _code_step(account.totp_secret, code) if account.totp_secret else 0
        code_ok = not account.totp_secret or step > account.totp_last_step
        if password_ok and code_ok:
            rehashed = _rehash_if_old(account.password_hash, password)
            with session_scope(url) as session:
                if _signed_in(session, counted, step, rehashed):
                    return LoginResult(account.id, username)
            problem = "replayed"  # the same code won a race a moment ago
        elif password_ok and step and step <= account.totp_last_step:
            problem = "replayed"
        else:
            problem = "wrong" if not password_ok else "code"
    return LoginResult(None, username, pause_or_lock(url, counted, policy) or problem)


def normalised(username: str) -> str:
    return username.strip().lower()


def _code_step(secret: str, code: str) -> int:
    """The time-step `code` belongs to, this one or either neighbour (clocks drift); 0 if none."""
    totp = pyotp.TOTP(secret)
    now = totp.timecode(datetime.now(UTC))
    typed = code.strip().encode()
    matches = [
        s for s in (now - 1, now, now + 1) if compare_digest(totp.generate_otp(s).encode(), typed)
    ]
    return max(matches, default=0)


def _signed_in(session: Session, counted: Counted, step: int, rehashed: str) -> bool:
    """Take the code's step (once only, even against a racing attempt) and the counts back."""
    account = counted.account
    if step:
        claimed = session.execute(
            update(Officer)
            .where(Officer.id == account.id, Officer.totp_last_step < step)
            .values(totp_last_step=step)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:
            return False
    take_back(session, counted)
    if rehashed:  # unless a password reset got there first
        session.execute(
            update(Officer)
            .where(Officer.id == account.id, Officer.password_hash == account.password_hash)
            .values(password_hash=rehashed)
            .execution_options(synchronize_session=False)
        )
    return True


def _rehash_if_old(password_hash: str, password: str) -> str:
    """A hash with today's parameters when `password_hash` has older ones, else ""."""
    return _hasher.hash(password) if _hasher.check_needs_rehash(password_hash) else ""


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, InvalidHashError):
        return False
