"""`python -m storage purge | migrate | revision MESSAGE | redact | verify-audit`."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from typing import TextIO

from alembic import command

from core.config import get_settings
from storage.audit_log import verify_audit_log
from storage.database import alembic_config, get_engine
from storage.retention import purge


def write_revision(message: str) -> int:
    """Autogenerate against a scratch database at the current head, so only changes appear."""
    with tempfile.TemporaryDirectory() as scratch:
        engine = get_engine(f"sqlite:///{scratch}/scratch.db")
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.revision(config, message=message, autogenerate=True)
        engine.dispose()
    return 0


def redact_lines(source: TextIO, sink: TextIO, as_json: bool) -> int:
    """One message a line in, its redacted form out, with the same redactor the stores use."""
    from storage.redaction import get_redactor

    redactor = get_redactor()
    for line in source:
        message = line.removesuffix("\n").removesuffix("\r")
        text, details = redactor.redact_with_details(message)
        if as_json:
            spans = [[detail.start, detail.end, detail.kind] for detail in details]
            sink.write(json.dumps({"text": text, "spans": spans}, ensure_ascii=False) + "\n")
        else:
            sink.write(text + "\n")
        sink.flush()
    return 0


def verify_audit(url: str) -> int:
    """Say whether the audit log's hash chain holds; 1 when an entry was changed or deleted."""
    check = verify_audit_log(url)
    if not check.ok:
        print(
            f"The audit log does not verify: {check.problem}. Compare the database with a backup "
            "to see what was changed.",
            file=sys.stderr,
        )
        return 1
    print(f"The audit log verifies: {check.entries} entries, newest hash {check.head_hash}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    settings = get_settings()
    parser = argparse.ArgumentParser(prog="python -m storage")
    commands = parser.add_subparsers(dest="command", required=True)
    purge_command = commands.add_parser(
        "purge", help="delete what is older than its retention period (LOCALOFFER_*RETENTION_DAYS)"
    )
    purge_command.add_argument(
        "--older-than-days",
        type=int,
        default=settings.retention_days,
        help=f"default {settings.retention_days} (LOCALOFFER_RETENTION_DAYS)",
    )
    commands.add_parser("migrate", help="bring the app database to the newest revision")
    revision = commands.add_parser("revision", help="write the next migration from the models")
    revision.add_argument("message")
    redact_command = commands.add_parser(
        "redact", help="redact one message a line from standard input, as the stores do"
    )
    redact_command.add_argument(
        "--json",
        action="store_true",
        help='write {"text": ..., "spans": [[start, end, "KIND"], ...]} a line',
    )
    commands.add_parser(
        "verify-audit", help="check that no audit log entry was changed or deleted since written"
    )
    args = parser.parse_args(argv)
    if args.command == "migrate":
        get_engine(settings.database_url)
        print("The app database is at the newest revision.")
        return 0
    if args.command == "revision":
        return write_revision(args.message)
    if args.command == "redact":
        return redact_lines(sys.stdin, sys.stdout, args.json)
    if args.command == "verify-audit":
        return verify_audit(settings.database_url)
    if args.older_than_days < 1:
        parser.error("--older-than-days must be at least 1")
    purged = purge(
        settings.database_url,
        args.older_than_days,
        settings.tracker_store_url,
        audit_days=settings.audit_retention_days,
        outbox=settings.outbox_path,
        dead_letter_days=settings.dead_letter_retention_days,
    )
    print(
        f"Deleted what families told us older than {args.older_than_days} days, audit entries "
        f"older than {settings.audit_retention_days} days and dead letters older than "
        f"{settings.dead_letter_retention_days} days: {purged}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
