"""`python -m api create-officer | disable-officer | enable-officer NAME`, `list-officers`."""

from __future__ import annotations

import argparse
import getpass
import sys

from core.config import get_settings
from officers.accounts import (
    AccountError,
    create_officer,
    disable_officer,
    enable_officer,
    find_officer,
    list_officers,
    random_password,
)
from storage.audit_log import audit

# Who the audit log says did what these commands do: whoever could run them on the server.
COMMAND_LINE = "command line"


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
    for name, help_text in (
        ("disable-officer", "stop an officer signing in and end their sessions"),
        ("enable-officer", "let a disabled officer sign in again"),
    ):
        commands.add_parser(name, help=help_text).add_argument("username")
    commands.add_parser("list-officers", help="who can sign in, and who is disabled or locked")
    args = parser.parse_args(argv)
    url = get_settings().database_url
    try:
        if args.command == "create-officer":
            return create_command(url, args)
        if args.command == "list-officers":
            return list_command(url)
        username = args.username.strip().lower()
        if args.command == "disable-officer":
            ended = disable_officer(url, username)
            audit(url, COMMAND_LINE, f"disabled officer {username}", f"{ended} session(s) ended")
            print(f"Officer '{username}' cannot sign in now; {ended} session(s) ended.")
        else:
            enable_officer(url, username)
            audit(url, COMMAND_LINE, f"enabled officer {username}")
            print(f"Officer '{username}' can sign in again.")
    except AccountError as error:
        print(f"{error} Nothing was changed.", file=sys.stderr)
        return 1
    return 0


def list_command(url: str) -> int:
    officers = list_officers(url)
    if not officers:
        print("No officers yet: `python -m api create-officer NAME` adds one.")
    for officer in officers:
        if officer.disabled:
            state = "disabled"
        elif officer.locked_until:
            state = f"locked until {officer.locked_until:%Y-%m-%d %H:%M} UTC"
        else:
            state = "active"
        code = "app code" if officer.second_factor else "password only"
        print(
            f"{officer.username:<24} {state:<32} {code:<14} {officer.sessions} session(s)  "
            f"since {officer.created_at:%Y-%m-%d}"
        )
    return 0


def create_command(url: str, args: argparse.Namespace) -> int:
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
    secret = create_officer(url, args.username, password, args.totp)
    username = args.username.strip().lower()
    if existing:
        audit(url, COMMAND_LINE, f"reset password for {username}", _second_factor(args.totp))
        print(f"Officer '{username}' has a new password; anyone signed in as them was signed out.")
    else:
        audit(url, COMMAND_LINE, f"created officer {username}", _second_factor(args.totp))
        print(f"Officer '{username}' can sign in.")
    if args.random_password:
        print(f"Password (shown once, not stored anywhere): {password}")
    if secret:
        print(f"Authenticator app secret (shown once): {secret}")
    elif existing and existing.second_factor and args.totp is None:
        print("Their authenticator app keeps working.")
    if existing and existing.disabled:
        print(f"They are still disabled: `python -m api enable-officer {username}` lets them in.")
    return 0


def _second_factor(totp: bool | None) -> str:
    return {True: "new authenticator secret", False: "authenticator removed"}.get(totp, "")


if __name__ == "__main__":
    sys.exit(main())
