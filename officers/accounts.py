"""Officer accounts: argon2 password hashes, lock-out after repeated failures, optional TOTP."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import select

from storage.database import session_scope
from storage.models import Officer, as_utc

_hasher = PasswordHasher()
# Checked against when the username is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
MIN_PASSWORD_LENGTH = 12


class AccountError(ValueError):
    """A request about an account that cannot be carried out, said in plain words."""


@dataclass(frozen=True)
class LoginResult:
    officer_id: int | None
    username: str
    problem: str = ""  # "", "wrong", "locked", "code"

    @property
    def ok(self) -> bool:
        return self.officer_id is not None


def random_password() -> str:
    return secrets.token_urlsafe(15)


def create_officer(url: str, username: str, password: str, totp: bool = False) -> str:
    """Create an officer, or reset the password of an existing one; returns the TOTP secret."""
    username = username.strip().lower()
    if not username or len(username) > 80:
        raise AccountError("A username must be 1 to 80 characters.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"A password must be at least {MIN_PASSWORD_LENGTH} characters.")
    secret = pyotp.random_base32() if totp else ""
    with session_scope(url) as session:
        officer = session.scalars(select(Officer).where(Officer.username == username)).first()
        if officer is None:
            officer = Officer(username=username, password_hash="")
            session.add(officer)
        officer.password_hash = _hasher.hash(password)
        officer.totp_secret = secret
        officer.failed_logins = 0
        officer.locked_until = None
    return secret


def authenticate(
    url: str,
    username: str,
    password: str,
    code: str = "",
    max_failures: int = 5,
    lockout: timedelta = timedelta(minutes=15),
) -> LoginResult:
    """Check a sign-in. Too many failures lock the account for `lockout`, right or wrong."""
    username = username.strip().lower()
    now = datetime.now(UTC)
    with session_scope(url) as session:
        officer = session.scalars(select(Officer).where(Officer.username == username)).first()
        if officer is None:
            _verify(_DUMMY_HASH, password)
            return LoginResult(None, username, "wrong")
        locked_until = as_utc(officer.locked_until)
        if locked_until and locked_until > now:
            return LoginResult(None, username, "locked")
        password_ok = _verify(officer.password_hash, password)
        code_ok = not officer.totp_secret or pyotp.TOTP(officer.totp_secret).verify(
            code.strip(), valid_window=1
        )
        if password_ok and code_ok:
            officer.failed_logins = 0
            officer.locked_until = None
            return LoginResult(officer.id, username)
        officer.failed_logins += 1
        if officer.failed_logins >= max_failures:
            officer.failed_logins = 0
            officer.locked_until = now + lockout
            return LoginResult(None, username, "locked")
        return LoginResult(None, username, "wrong" if not password_ok else "code")


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, InvalidHashError):
        return False
