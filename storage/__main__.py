"""`python -m storage purge`: delete what is older than the retention period."""

from __future__ import annotations

import argparse
import sys

from core.config import get_settings
from storage.retention import purge


def main(argv: list[str] | None = None) -> int:
    settings = get_settings()
    parser = argparse.ArgumentParser(prog="python -m storage")
    commands = parser.add_subparsers(dest="command", required=True)
    purge_command = commands.add_parser("purge", help="delete rows older than the retention period")
    purge_command.add_argument(
        "--older-than-days",
        type=int,
        default=settings.retention_days,
        help=f"default {settings.retention_days} (LOCALOFFER_RETENTION_DAYS)",
    )
    args = parser.parse_args(argv)
    if args.older_than_days < 1:
        parser.error("--older-than-days must be at least 1")
    purged = purge(settings.database_url, args.older_than_days, settings.tracker_store_url)
    print(f"Deleted what was older than {args.older_than_days} days: {purged}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
