"""The officers' audit log: who did what, when and from where, each entry chained to the last.

Each entry stores the SHA-256 of the previous entry's hash and its own content, so changing or
deleting an entry breaks the chain from there on (`python -m storage verify-audit` finds it).
One row, `audit_chain`, holds both ends: the hash the oldest entry kept follows (the genesis
value, or after a purge the last purged entry's hash) and the newest entry's hash, so deleting
the newest entries shows too. Every writer takes that row's lock first, so entries written at
the same moment are chained one after another and the chain never forks.

The chain shows an entry changed or deleted by hand or by a fault; someone who can write to the
database and knows this code could rebuild the whole chain. Against them, copy the head hash
that `verify-audit` prints somewhere they cannot write, and compare it later.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from storage.columns import fit
from storage.database import session_scope
from storage.models import USERNAME_LENGTH, AuditChain, AuditEntry, as_utc, utcnow

GENESIS = "0" * 64  # what the first entry ever written follows
PER_PAGE = 50


def entry_hash(previous_hash: str, entry: AuditEntry) -> str:
    """The SHA-256 of the previous entry's hash and this entry's content."""
    moment = as_utc(entry.created_at).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    content = [moment, entry.username, entry.action, entry.detail, entry.address]
    return hashlib.sha256((previous_hash + json.dumps(content)).encode()).hexdigest()


def recorded_name(username: str) -> str:
    """The username as the log keeps it: one typed at sign-in may be longer than any officer's,
    so it is cut and marked cut, never read as the officer whose name it starts with.
    """
    if len(username) <= USERNAME_LENGTH:
        return username
    return username[: USERNAME_LENGTH - 1] + "…"


def audit(url: str, username: str, action: str, detail: str = "", address: str = "") -> None:
    """Write one entry: who (`username`), what changed (`action`, `detail`), from where."""
    with session_scope(url) as session:
        append(session, username, action, detail, address)


def append(
    session: Session, username: str, action: str, detail: str = "", address: str = ""
) -> AuditEntry:
    """Add an entry in the caller's transaction, chained to the newest one."""
    chain = _lock_chain(session)
    values = fit(
        AuditEntry, username=recorded_name(username), action=action, detail=detail, address=address
    )
    entry = AuditEntry(**values, created_at=utcnow(), previous_hash=chain.head_hash)
    entry.entry_hash = entry_hash(chain.head_hash, entry)
    session.add(entry)
    session.flush()
    session.execute(
        update(AuditChain)
        .where(AuditChain.id == 1)
        .values(head_id=entry.id, head_hash=entry.entry_hash)
        .execution_options(synchronize_session=False)
    )
    return entry


def _lock_chain(session: Session):
    # A write comes first: on PostgreSQL it locks the row, on SQLite it takes the database's
    # write lock. A second writer waits for the first to commit and then reads its new head.
    chain = session.execute(
        update(AuditChain)
        .where(AuditChain.id == 1)
        .values(head_id=AuditChain.head_id)
        .returning(
            AuditChain.anchor_id, AuditChain.anchor_hash, AuditChain.head_id, AuditChain.head_hash
        )
        .execution_options(synchronize_session=False)
    ).first()
    if chain is None:
        raise RuntimeError(
            "The audit log's chain row is missing, so no entry can be chained: "
            "`python -m storage verify-audit` says what else is wrong."
        )
    return chain


@dataclass(frozen=True)
class AuditPage:
    """One page of the log, newest first, and how many entries there are in all."""

    entries: list[AuditEntry]
    total: int
    page: int
    pages: int


def audit_page(url: str, page: int = 1, per_page: int = PER_PAGE) -> AuditPage:
    """Page `page` of the log, 1 being the newest entries; past the last page, the last."""
    with session_scope(url) as session:
        total = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
        pages = max(1, -(-total // per_page))
        page = min(max(1, page), pages)
        query = (
            select(AuditEntry)
            .order_by(AuditEntry.id.desc())
            .offset((page - 1) * per_page)
            .limit(per_page)
        )
        return AuditPage(list(session.scalars(query)), total, page, pages)


def audit_entries(url: str, limit: int = 200) -> list[AuditEntry]:
    """The newest `limit` entries, newest first."""
    return audit_page(url, 1, limit).entries


@dataclass(frozen=True)
class ChainCheck:
    """What `verify_audit_log` found: how many entries, the head hash, the first break if any."""

    entries: int
    head_hash: str
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


def verify_audit_log(url: str) -> ChainCheck:
    """Recompute the chain from its anchor to its head; the first entry that breaks it, if any."""
    # No lock: a long check must not hold up officers' pages. Entries up to the head read first
    # were all committed with it; newer ones are left for the next check.
    with session_scope(url) as session:
        chain = _chain_ends(session)
        if chain is None:
            return ChainCheck(0, "", "the chain row (audit_chain) is missing")
        query = select(AuditEntry).where(AuditEntry.id <= chain.head_id).order_by(AuditEntry.id)
        entries = list(session.scalars(query))
        if _chain_ends(session).anchor_id != chain.anchor_id:
            return ChainCheck(0, "", "a purge ran while it was being checked; check again")
    return ChainCheck(len(entries), chain.head_hash, _first_break(chain, entries))


def _chain_ends(session: Session):
    columns = (
        AuditChain.anchor_id,
        AuditChain.anchor_hash,
        AuditChain.head_id,
        AuditChain.head_hash,
    )
    return session.execute(select(*columns).where(AuditChain.id == 1)).first()


def _first_break(chain, entries: list[AuditEntry]) -> str:
    expected = chain.anchor_hash
    for entry in entries:
        if entry.id <= chain.anchor_id:
            return f"entry {entry.id} was purged, yet it is back"
        if entry_hash(entry.previous_hash, entry) != entry.entry_hash:
            return f"entry {entry.id} was changed after it was written"
        if entry.previous_hash != expected:
            return f"the entry before entry {entry.id} was deleted or changed"
        expected = entry.entry_hash
    if expected != chain.head_hash:
        return f"the newest entries were deleted: the chain's head is entry {chain.head_id}"
    return ""


def purge_audit_log(session: Session, before: datetime) -> int:
    """Delete the entries written before `before`, oldest first, in the caller's transaction.

    The last deleted entry's hash becomes the chain's anchor, so what is kept still verifies.
    """
    _lock_chain(session)
    last = session.execute(
        select(AuditEntry.id, AuditEntry.entry_hash)
        .where(AuditEntry.created_at < before)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    if last is None:
        return 0
    # Everything up to the newest old entry goes, so the entries kept are one unbroken run.
    deleted = session.execute(delete(AuditEntry).where(AuditEntry.id <= last.id)).rowcount
    session.execute(
        update(AuditChain)
        .where(AuditChain.id == 1)
        .values(anchor_id=last.id, anchor_hash=last.entry_hash)
        .execution_options(synchronize_session=False)
    )
    return deleted
