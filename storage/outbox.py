"""When the app database is unreachable, records wait in a local file and are written later.

The conversation must never fail because the database is down, and nothing a family told us
may be lost silently: a record that cannot be written is appended (already redacted, flushed
to disk) to the outbox, and every later write first empties the outbox into the database.

Only an unreachable database makes a record wait. A record the database refuses for what it
holds would be refused again on every retry and hold up every record behind it, so it goes to
the dead-letter file beside the outbox (`outbox.dead.jsonl`), redacted too, with the error and
the time, for someone to look at; the records after it carry on.

Each line is one `OutboxRecord` as JSON, `{"v": 1, "type": ..., "fields": {...}, "at": ...}`;
lines written before versions existed have no "v" and are read as version 1. "at" is when the
line was written: `python -m storage purge` forgets waiting records and dead letters by it. A
line that cannot be read (cut short by a crash, an unknown type, fields its writer does not
take) is dead-lettered as it stands, so it cannot block the lines after it either.
"""

from __future__ import annotations

import fcntl
import inspect
import json
import logging
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from storage.columns import storable
from storage.records import (
    raise_flag,
    record_enquiry,
    record_feedback,
    record_unanswered,
    redact_text,
)

logger = logging.getLogger(__name__)

WRITERS = {
    "unanswered": record_unanswered,
    "urgent": raise_flag,
    "feedback": record_feedback,
    "enquiry": record_enquiry,
}
# The database could not be reached, or gave no connection in time: the record may be fine,
# so it waits. (Refused connections, a missing database, a dropped connection, a full pool.)
UNREACHABLE = (OperationalError, InterfaceError, PoolTimeoutError)
# A write failed for one of these: unreachable (above), or the record refused for what it holds
# (DataError, IntegrityError, ProgrammingError, a value the driver cannot encode).
WRITE_ERRORS = (DBAPIError, PoolTimeoutError, UnicodeError)
VERSION = 1
_lock = threading.Lock()


@dataclass(frozen=True)
class OutboxRecord:
    """One line of the outbox: which writer takes the record, and its fields (redacted)."""

    record_type: str
    fields: dict

    def to_dict(self) -> dict:
        """What its line holds, as JSON."""
        return {"v": VERSION, "type": self.record_type, "fields": self.fields}


class UnreadableLine(ValueError):
    """An outbox line that is not a record this code can write; it goes to the dead letters."""


def parse_line(line: str) -> OutboxRecord:
    """The record on one outbox line, or `UnreadableLine` saying what is wrong with it."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise UnreadableLine(f"not JSON ({error.msg} at character {error.pos})") from None
    if not isinstance(data, dict):
        raise UnreadableLine(f"a JSON {type(data).__name__}, not an object")
    version = data.get("v", 1)  # lines from before versions existed are version 1
    if version != VERSION:
        raise UnreadableLine(f"version {version!r}; this code reads version {VERSION}")
    record_type, fields = data.get("type"), data.get("fields")
    if record_type not in WRITERS:
        raise UnreadableLine(f"type {record_type!r} is not one of {', '.join(WRITERS)}")
    if not isinstance(fields, dict):
        raise UnreadableLine(f"the fields of a record of type {record_type} are not an object")
    try:
        inspect.signature(WRITERS[record_type]).bind("url", **fields)
    except TypeError as error:
        raise UnreadableLine(
            f"the fields do not fit a record of type {record_type} ({error})"
        ) from None
    return OutboxRecord(record_type, fields)


def unreachable(error: Exception) -> bool:
    """Whether a failed write says nothing against the record: the database was not there."""
    return isinstance(error, UNREACHABLE) or bool(getattr(error, "connection_invalidated", False))


def write(url: str, outbox: Path, record_type: str, /, **fields) -> bool:
    """Write one record now if the database takes it, else keep it; True when written now.

    Kept means in the outbox while the database is unreachable, in the dead-letter file when
    the database refuses the record itself.
    """
    with _lock:
        try:
            _flush(url, outbox)
            WRITERS[record_type](url, **fields)
            return True
        except WRITE_ERRORS as error:
            record = OutboxRecord(record_type, _redacted(fields))
            if not unreachable(error):
                _dead_letter(outbox, [_refused(record, error)])
                return False
            _append(outbox, {**record.to_dict(), "at": _now()})
            logger.warning(
                "App database unreachable (%s); keeping the %s record, %d now wait in %s",
                error,
                record_type,
                pending(outbox),
                outbox,
            )
            return False


@dataclass(frozen=True)
class OutboxCounts:
    """Records waiting for the database, and records it refused (someone should look at those)."""

    pending: int
    dead_letter: int


def pending(outbox: Path) -> int:
    """How many records wait in the outbox."""
    return _count_lines(outbox)


def counts(outbox: Path) -> OutboxCounts:
    """How many records wait in the outbox, and how many lie in its dead-letter file."""
    return OutboxCounts(pending(outbox), _count_lines(dead_letter_path(outbox)))


def warn_if_waiting(outbox: Path) -> OutboxCounts:
    """Log a warning when records wait or were refused (a process starting up calls this)."""
    found = counts(outbox)
    if found.pending:
        logger.warning(
            "%d records wait in %s for the app database; the next write sends them",
            found.pending,
            outbox,
        )
    if found.dead_letter:
        logger.warning(
            "%d records the app database refused are kept in %s for someone to check",
            found.dead_letter,
            dead_letter_path(outbox),
        )
    return found


def dead_letter_path(outbox: Path) -> Path:
    """Where records the database refused are kept: `outbox.dead.jsonl` beside `outbox.jsonl`."""
    return outbox.with_suffix(".dead.jsonl")


def flush(url: str, outbox: Path) -> int:
    """Write every waiting record; returns how many were written.

    Raises an `UNREACHABLE` error when the database goes away, keeping what was not written.
    """
    with _lock:
        return _flush(url, outbox)


def _flush(url: str, outbox: Path) -> int:
    if not outbox.exists() or outbox.stat().st_size == 0:
        return 0
    with outbox.open("r+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # the api and the action server may share it
        lines = [line for line in handle if line.strip()]
        handled = written = 0  # handled: written, or moved to the dead-letter file
        refused: list[dict] = []
        try:
            for line in lines:
                try:
                    record = parse_line(line)
                except UnreadableLine as error:
                    refused.append(_unreadable(line, error))
                    handled += 1
                    continue
                try:
                    WRITERS[record.record_type](url, **record.fields)
                    written += 1
                except Exception as error:
                    # A record from disk must never hold up the rest: anything but an
                    # unreachable database (even a bug) sends it to the dead-letter file.
                    if unreachable(error):
                        raise
                    refused.append(_refused(record, error))
                handled += 1
        finally:
            # The dead letters reach the disk before the outbox forgets them: a crash between
            # the two leaves a record in both, never in neither.
            if refused:
                _dead_letter(outbox, refused)
            handle.seek(0)
            handle.truncate()
            handle.writelines(
                line if line.endswith("\n") else line + "\n" for line in lines[handled:]
            )
            handle.flush()
            os.fsync(handle.fileno())
    if written:
        logger.info("Wrote %d records that waited for the app database", written)
    return written


def purge(outbox: Path, waiting_before: datetime, dead_before: datetime) -> OutboxCounts:
    """Forget records waiting since before `waiting_before` and dead letters from before
    `dead_before`; how many of each went. A line that does not say when it was written stays.
    """
    with _lock:
        return OutboxCounts(
            _drop_lines_before(outbox, waiting_before),
            _drop_lines_before(dead_letter_path(outbox), dead_before),
        )


def _drop_lines_before(path: Path, before: datetime) -> int:
    if not path.exists():
        return 0
    with path.open("r+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # writers append under the same lock
        lines = [line for line in handle if line.strip()]
        kept = [line for line in lines if not _written_before(line, before)]
        if len(kept) < len(lines):
            handle.seek(0)
            handle.truncate()
            handle.writelines(line if line.endswith("\n") else line + "\n" for line in kept)
            handle.flush()
            os.fsync(handle.fileno())
    return len(lines) - len(kept)


def _written_before(line: str, before: datetime) -> bool:
    try:
        return datetime.fromisoformat(json.loads(line)["at"]) < before
    except (ValueError, KeyError, TypeError):  # not JSON, no "at", or no time zone in it
        return False


def _refused(record: OutboxRecord, error: Exception) -> dict:
    return {
        **record.to_dict(),
        "error": type(error).__name__,
        "detail": _detail(error),
        "at": _now(),
    }


def _unreadable(line: str, error: UnreadableLine) -> dict:
    # The line as it stands: it was redacted when it was written.
    return {
        "v": VERSION,
        "line": line.rstrip("\n"),
        "error": "UnreadableLine",
        "detail": str(error),
        "at": _now(),
    }


def _detail(error: Exception) -> str:
    """The database's own first line (never SQLAlchemy's, which repeats the parameters)."""
    cause = getattr(error, "orig", None) or error
    return (str(cause).strip().splitlines() or [""])[0]


def _dead_letter(outbox: Path, entries: list[dict]) -> None:
    path = dead_letter_path(outbox)
    for entry in entries:
        _append(path, entry)
        what = (
            f"a record of type {entry['type']}" if "type" in entry else "an unreadable outbox line"
        )
        logger.error(
            "Not written: %s (%s: %s); it is kept in %s for someone to check",
            what,
            entry["error"],
            entry["detail"],
            path,
        )


def _append(path: Path, record: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.write(json.dumps(record) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _count_lines(path: Path) -> int:
    if not path.exists():
        return 0
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _redacted(fields: dict) -> dict:
    """What a family typed is redacted before it touches the disk, as in the database."""
    safe = storable(fields)
    for key in ("text", "comment"):
        if isinstance(safe.get(key), str):
            safe[key] = redact_text(safe[key])
    if isinstance(safe.get("context"), list):
        safe["context"] = [
            {**turn, "text": redact_text(turn["text"])} if turn.get("speaker") == "family" else turn
            for turn in safe["context"]
        ]
    return safe
