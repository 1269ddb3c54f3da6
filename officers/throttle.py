"""Failed sign-ins, counted before a password is checked: per username and address, per account.

Each attempt is counted as a failure in one atomic statement before its password is checked, so
attempts that race each other each see all the others' counts; a success takes its count back.
A few failures pause one username from one address; only many more, from anywhere, lock the
account, so nobody can lock an officer out with a handful of guesses.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import case, delete, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from storage.database import session_scope
from storage.models import Officer, SignInFailure, as_utc


@dataclass(frozen=True)
class SignInPolicy:
    max_failures: int = 5  # for one username from one address, before a pause
    account_max_failures: int = 50  # for one account from every address, before a lock
    lockout: timedelta = timedelta(minutes=15)  # how long a pause or a lock lasts


@dataclass(frozen=True)
class Account:
    """What a sign-in needs to know about the officer it names."""

    id: int
    password_hash: str = field(repr=False)
    totp_secret: str = field(repr=False)
    totp_last_step: int
    failed_logins: int  # this attempt included, unless the account was already locked
    locked_until: datetime | None
    disabled: bool


@dataclass(frozen=True)
class Counted:
    """One attempt, counted: its pair's failures and, when it names an officer, the account."""

    username: str
    source: str
    now: datetime
    pair_failures: int  # this attempt included, unless the pair was already paused
    pair_blocked_until: datetime | None
    account: Account | None

    @property
    def pair_paused(self) -> bool:
        return self.pair_blocked_until is not None and self.pair_blocked_until > self.now

    @property
    def account_locked(self) -> bool:
        locked_until = self.account.locked_until if self.account else None
        return locked_until is not None and locked_until > self.now

    def refusal(self, policy: SignInPolicy) -> str:
        """Why this attempt is refused before its password is checked, or "" to check it."""
        # Past a limit without a pause or lock yet: attempts racing the one that sets it.
        if self.pair_paused or self.pair_failures > policy.max_failures:
            return "paused"
        if self.account is None:
            return "unknown"
        if self.account.disabled:
            return "disabled"
        if self.account_locked or self.account.failed_logins > policy.account_max_failures:
            return "locked"
        return ""


def throttle_source(address: str) -> str:
    """Where failures are counted from: the address, or an IPv6 client's /64 (one site's)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def count_attempt(
    session: Session, username: str, source: str, now: datetime, policy: SignInPolicy
) -> Counted:
    """Count an attempt as a failure of its pair and, unless the pair is paused, its account."""
    failures, blocked_until = _count_pair(session, username, source, now, policy.lockout)
    counted = Counted(username, source, now, failures, as_utc(blocked_until), None)
    if counted.refusal(policy) == "paused":
        return counted  # a paused pair adds nothing to the account's count
    account = _count_account(session, username, now)
    return Counted(username, source, now, failures, as_utc(blocked_until), account)


def _count_pair(
    session: Session, username: str, source: str, now: datetime, lockout: timedelta
) -> tuple[int, datetime | None]:
    table = SignInFailure.__table__
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    paused = table.c.blocked_until > now
    forgotten = table.c.last_failed_at < now - lockout
    statement = (
        insert(table)
        .values(username=username, address=source, failures=1, last_failed_at=now)
        .on_conflict_do_update(
            index_elements=[table.c.username, table.c.address],
            set_={
                # A paused pair is not counted further, so its pause ends on time; failures
                # older than a lock-out are forgotten.
                "failures": case(
                    (paused, table.c.failures), (forgotten, 1), else_=table.c.failures + 1
                ),
                "last_failed_at": case((paused, table.c.last_failed_at), else_=now),
            },
        )
        .returning(table.c.failures, table.c.blocked_until)
    )
    failures, blocked_until = session.execute(statement).one()
    return failures, blocked_until


def _count_account(session: Session, username: str, now: datetime) -> Account | None:
    locked = Officer.locked_until > now
    statement = (
        update(Officer)
        .where(Officer.username == username)
        .values(
            failed_logins=case((locked, Officer.failed_logins), else_=Officer.failed_logins + 1)
        )
        .returning(
            Officer.id,
            Officer.password_hash,
            Officer.totp_secret,
            Officer.totp_last_step,
            Officer.failed_logins,
            Officer.locked_until,
            Officer.disabled_at,
        )
        .execution_options(synchronize_session=False)
    )
    row = session.execute(statement).first()
    if row is None:
        return None
    return Account(
        row.id,
        row.password_hash,
        row.totp_secret,
        row.totp_last_step,
        row.failed_logins,
        as_utc(row.locked_until),
        row.disabled_at is not None,
    )


def take_back(session: Session, counted: Counted) -> None:
    """A right password and code: the account and this pair start counting again."""
    session.execute(
        update(Officer)
        .where(Officer.id == counted.account.id)
        .values(failed_logins=0, locked_until=None)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        delete(SignInFailure).where(
            SignInFailure.username == counted.username, SignInFailure.address == counted.source
        )
    )


def pause_or_lock(url: str, counted: Counted, policy: SignInPolicy) -> str:
    """Pause the pair or lock the account when this failure reaches a limit; which it did."""
    pause = not counted.pair_paused and counted.pair_failures >= policy.max_failures
    lock = (
        counted.account is not None
        and not counted.account_locked
        and counted.account.failed_logins >= policy.account_max_failures
    )
    if not (pause or lock):
        return ""
    until = counted.now + policy.lockout
    with session_scope(url) as session:
        if pause:
            session.execute(
                update(SignInFailure)
                .where(
                    SignInFailure.username == counted.username,
                    SignInFailure.address == counted.source,
                )
                .values(blocked_until=until, failures=0)
                .execution_options(synchronize_session=False)
            )
        if lock:
            session.execute(
                update(Officer)
                .where(Officer.id == counted.account.id)
                .values(locked_until=until, failed_logins=0)
                .execution_options(synchronize_session=False)
            )
    return "locked" if lock else "paused"


def forget_failures(session: Session, username: str) -> None:
    """After a password reset: every pause for this username is lifted."""
    session.execute(delete(SignInFailure).where(SignInFailure.username == username))
