"""`python -m api`: officers are created, reset, disabled and listed from the command line."""

from __future__ import annotations

import io
from datetime import timedelta

import pyotp
import pytest

from api.__main__ import main
from core.config import get_settings
from officers.accounts import authenticate
from officers.sessions import session_for, start_session

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
    assert authenticate(url, "amy", "a brand new password", pyotp.TOTP(secret).now()).ok
