"""`python -m api create-officer NAME`: add an officer, or reset one's password."""

from __future__ import annotations

import argparse
import getpass
import sys

from core.config import get_settings
from officers.accounts import AccountError, create_officer, random_password


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-officer", help="add an officer or reset a password")
    create.add_argument("username")
    how = create.add_mutually_exclusive_group()
    how.add_argument("--random-password", action="store_true", help="make one and print it once")
    how.add_argument("--password-stdin", action="store_true", help="read it from standard input")
    create.add_argument("--totp", action="store_true", help="require a code from an app too")
    args = parser.parse_args(argv)

    if args.random_password:
        password = random_password()
    elif args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password (12 characters or more): ")
        if password != getpass.getpass("Same again: "):
            print("The two passwords differ; nothing was changed.", file=sys.stderr)
            return 1
    try:
        secret = create_officer(get_settings().database_url, args.username, password, args.totp)
    except AccountError as error:
        print(f"{error} Nothing was changed.", file=sys.stderr)
        return 1
    print(f"Officer '{args.username.strip().lower()}' can sign in.")
    if args.random_password:
        print(f"Password (shown once, not stored anywhere): {password}")
    if secret:
        print(f"Authenticator app secret (shown once): {secret}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
