"""`python -m api`: officers are created, reset, disabled and listed from the command line."""

from __future__ import annotations

import io
import time
from datetime import timedelta

import pyotp
import pytest

from api.__main__ import main
from core.config import get_settings
from officers.accounts import authenticate
from officers.sessions import session_for, start_session
from storage.audit_log import audit_entries
from storage.models import USERNAME_LENGTH

PASSWORD = "correct horse battery"


@pytest.fixture
def url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("LOCALOFFER_DATABASE_URL", url)
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def run(monkeypatch, *argv: str, password: str = PASSWORD) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return main([*argv, "--password-stdin"] if argv[0] == "create-officer" else list(argv))


def test_resetting_a_password_keeps_the_authenticator_app_and_ends_sessions(
    url, monkeypatch, capsys
):
    assert run(monkeypatch, "create-officer", "amy", "--totp") == 0
    secret = capsys.readouterr().out.split("secret (shown once): ")[1].strip()
    signed_in = authenticate(url, "amy", PASSWORD, pyotp.TOTP(secret).now())
    token = start_session(url, signed_in.officer_id, timedelta(hours=1))
    assert run(monkeypatch, "create-officer", "amy", password="a brand new password") == 0
    out = capsys.readouterr().out
    assert "secret" not in out and "signed out" in out
    assert session_for(url, token) is None
    next_code = pyotp.TOTP(secret).at(time.time() + 30)  # the code just used is spent
    assert authenticate(url, "amy", "a brand new password", next_code).ok


def test_officers_are_disabled_enabled_and_listed(url, monkeypatch, capsys):
    run(monkeypatch, "create-officer", "amy")
    run(monkeypatch, "create-officer", "bea")
    token = start_session(url, authenticate(url, "amy", PASSWORD).officer_id, timedelta(hours=1))
    capsys.readouterr()
    assert main(["disable-officer", "amy"]) == 0
    assert "cannot sign in" in capsys.readouterr().out
    assert session_for(url, token) is None and not authenticate(url, "amy", PASSWORD).ok
    assert main(["list-officers"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert any(line.startswith("amy") and "disabled" in line for line in listed)
    assert any(line.startswith("bea") and "active" in line for line in listed)
    assert main(["enable-officer", "amy"]) == 0
    assert authenticate(url, "amy", PASSWORD).ok
    assert main(["disable-officer", "nobody"]) == 1
    assert "list-officers" in capsys.readouterr().err


def test_every_account_change_is_logged_as_what_changed_and_to_whom(url, monkeypatch):
    longest = "a" * USERNAME_LENGTH
    run(monkeypatch, "create-officer", longest, "--totp")
    run(monkeypatch, "create-officer", longest, password="a brand new password")
    main(["disable-officer", longest])
    main(["enable-officer", longest])
    assert run(monkeypatch, "create-officer", longest + "b") == 1  # too long: nothing changed
    logged = [(e.username, e.action, e.detail) for e in reversed(audit_entries(url))]
    assert logged == [
        ("command line", f"created officer {longest}", "new authenticator secret"),
        ("command line", f"reset password for {longest}", ""),
        ("command line", f"disabled officer {longest}", "0 session(s) ended"),
        ("command line", f"enabled officer {longest}", ""),
    ]
