"""When the app database is unreachable, records wait in a local file and are written later.

The conversation must never fail because the database is down, and nothing a family told us
may be lost silently: a record that cannot be written is appended (already redacted, flushed
to disk) to the outbox, and every later write first empties the outbox into the database.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
from pathlib import Path

from sqlalchemy.exc import DBAPIError, OperationalError

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
UNREACHABLE = (OperationalError, DBAPIError)
_lock = threading.Lock()


def write(url: str, outbox: Path, record_type: str, /, **fields) -> bool:
    """Write one record now if the database answers, else keep it; True when written now."""
    with _lock:
        try:
            _flush(url, outbox)
            WRITERS[record_type](url, **fields)
            return True
        except UNREACHABLE as error:
            logger.warning("App database unreachable (%s); keeping a %s record", error, record_type)
            _append(outbox, {"type": record_type, "fields": _redacted(fields)})
            return False


def pending(outbox: Path) -> int:
    """How many records wait in the outbox."""
    if not outbox.exists():
        return 0
    return sum(1 for line in outbox.read_text(encoding="utf-8").splitlines() if line.strip())


def flush(url: str, outbox: Path) -> int:
    """Write every waiting record; returns how many were written."""
    with _lock:
        return _flush(url, outbox)


def _flush(url: str, outbox: Path) -> int:
    if not outbox.exists() or outbox.stat().st_size == 0:
        return 0
    with outbox.open("r+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # the api and the action server may share it
        waiting = [json.loads(line) for line in handle if line.strip()]
        written = 0
        try:
            for record in waiting:
                WRITERS[record["type"]](url, **record["fields"])
                written += 1
        finally:
            handle.seek(0)
            handle.truncate()
            for record in waiting[written:]:
                handle.write(json.dumps(record) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
    if written:
        logger.info("Wrote %d records that waited for the app database", written)
    return written


def _append(outbox: Path, record: dict) -> None:
    outbox.parent.mkdir(parents=True, exist_ok=True)
    with outbox.open("a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.write(json.dumps(record) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


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
