"""`python -m api create-officer NAME`: add an officer, or reset one's password."""

from __future__ import annotations

import argparse
import getpass
import sys

from core.config import get_settings
from officers.accounts import AccountError, create_officer, find_officer, random_password
from officers.sessions import audit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-officer", help="add an officer or reset a password")
    create.add_argument("username")
    how = create.add_mutually_exclusive_group()
    how.add_argument("--random-password", action="store_true", help="make one and print it once")
    how.add_argument("--password-stdin", action="store_true", help="read it from standard input")
    create.add_argument(
        "--totp",
        action=argparse.BooleanOptionalAction,
        help="--totp issues a new authenticator-app secret, --no-totp removes it; "
        "a reset without either keeps the officer's app working",
    )
    args = parser.parse_args(argv)
    return create_command(args)


def create_command(args: argparse.Namespace) -> int:
    url = get_settings().database_url
    if args.random_password:
        password = random_password()
    elif args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password (12 characters or more): ")
        if password != getpass.getpass("Same again: "):
            print("The two passwords differ; nothing was changed.", file=sys.stderr)
            return 1
    existing = find_officer(url, args.username)
    try:
        secret = create_officer(url, args.username, password, args.totp)
    except AccountError as error:
        print(f"{error} Nothing was changed.", file=sys.stderr)
        return 1
    username = args.username.strip().lower()
    if existing:
        audit(url, username, "password reset from the command line")
        print(f"Officer '{username}' has a new password; anyone signed in as them was signed out.")
    else:
        audit(url, username, "created from the command line")
        print(f"Officer '{username}' can sign in.")
    if args.random_password:
        print(f"Password (shown once, not stored anywhere): {password}")
    if secret:
        print(f"Authenticator app secret (shown once): {secret}")
    elif existing and existing.second_factor and args.totp is None:
        print("Their authenticator app keeps working.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
