"""Officer sign-in: hashed passwords, lock-out, the second factor, sessions and the audit log."""

from __future__ import annotations

import time
from datetime import timedelta

import pyotp
import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from officers.accounts import (
    AccountError,
    authenticate,
    create_officer,
    disable_officer,
    enable_officer,
    list_officers,
)
from officers.sessions import end_session, session_for, start_session
from storage.audit_log import audit, audit_entries
from storage.database import session_scope
from storage.models import USERNAME_LENGTH, Officer


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'app.db'}"


def test_the_password_is_stored_only_as_an_argon2_hash(url):
    create_officer(url, "Amy", "correct horse battery")
    with session_scope(url) as session:
        officer = session.scalars(select(Officer)).one()
    assert officer.username == "amy"
    assert officer.password_hash.startswith("$argon2id$")
    assert "correct horse" not in officer.password_hash


def test_a_short_password_is_refused(url):
    with pytest.raises(AccountError, match="at least 12"):
        create_officer(url, "amy", "short")


def test_right_password_signs_in_and_wrong_one_does_not(url):
    create_officer(url, "amy", "correct horse battery")
    assert authenticate(url, "amy", "correct horse battery").ok
    assert authenticate(url, "amy", "wrong horse battery").problem == "wrong"
    assert authenticate(url, "nobody", "correct horse battery").problem == "unknown"


def test_a_name_longer_than_any_officers_is_refused_not_cut_to_one(url):
    longest = "a" * USERNAME_LENGTH
    create_officer(url, longest, "correct horse battery")
    refused = authenticate(url, longest + "a", "correct horse battery")
    assert not refused.ok and refused.problem == "too long"
    assert authenticate(url, longest, "correct horse battery").ok


def test_an_officer_with_totp_needs_the_current_code(url):
    secret = create_officer(url, "amy", "correct horse battery", totp=True)
    assert authenticate(url, "amy", "correct horse battery", "").problem == "code"
    assert authenticate(url, "amy", "correct horse battery", "000000").problem in ("code", "")
    assert authenticate(url, "amy", "correct horse battery", pyotp.TOTP(secret).now()).ok


def test_a_session_lasts_until_it_ends_or_expires(url):
    create_officer(url, "amy", "correct horse battery")
    officer_id = authenticate(url, "amy", "correct horse battery").officer_id
    token = start_session(url, officer_id, timedelta(hours=1))
    signed_in = session_for(url, token)
    assert signed_in.username == "amy" and signed_in.csrf_matches(signed_in.csrf_token)
    assert not signed_in.csrf_matches("forged")
    assert session_for(url, "not-a-token") is None
    end_session(url, token)
    assert session_for(url, token) is None
    expired = start_session(url, officer_id, timedelta(seconds=-1))
    assert session_for(url, expired) is None


def test_audit_entries_come_back_newest_first(url):
    audit(url, "amy", "signed in")
    audit(url, "amy", "GET /officer/queue", "status=new")
    assert [entry.action for entry in audit_entries(url)] == ["GET /officer/queue", "signed in"]


def test_new_passwords_are_hashed_with_owasps_argon2id_parameters(url):
    create_officer(url, "amy", "correct horse battery")
    with session_scope(url) as session:
        officer = session.scalars(select(Officer)).one()
    assert officer.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_a_hash_with_older_parameters_signs_in_and_is_rehashed(url):
    create_officer(url, "amy", "correct horse battery")
    older = PasswordHasher(memory_cost=65536, time_cost=3, parallelism=4)
    with session_scope(url) as session:
        session.scalars(select(Officer)).one().password_hash = older.hash("correct horse battery")
    assert authenticate(url, "amy", "correct horse battery").ok
    with session_scope(url) as session:
        rehashed = session.scalars(select(Officer)).one().password_hash
    assert rehashed.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert authenticate(url, "amy", "correct horse battery").ok


def test_a_password_reset_ends_the_officers_sessions(url):
    create_officer(url, "amy", "correct horse battery")
    officer_id = authenticate(url, "amy", "correct horse battery").officer_id
    token = start_session(url, officer_id, timedelta(hours=1))
    create_officer(url, "amy", "a brand new password")
    assert session_for(url, token) is None
    assert not authenticate(url, "amy", "correct horse battery").ok
    assert authenticate(url, "amy", "a brand new password").ok


def test_a_password_reset_keeps_the_authenticator_app_working(url):
    secret = create_officer(url, "amy", "correct horse battery", totp=True)
    assert create_officer(url, "amy", "a brand new password") == ""
    assert authenticate(url, "amy", "a brand new password").problem == "code"
    assert authenticate(url, "amy", "a brand new password", pyotp.TOTP(secret).now()).ok


def test_a_password_reset_can_issue_a_new_secret_or_remove_it(url):
    old = create_officer(url, "amy", "correct horse battery", totp=True)
    new = create_officer(url, "amy", "correct horse battery", totp=True)
    assert new and new != old
    assert authenticate(url, "amy", "correct horse battery", pyotp.TOTP(new).now()).ok
    create_officer(url, "amy", "correct horse battery", totp=False)
    assert authenticate(url, "amy", "correct horse battery").ok


def test_a_password_reset_lifts_pauses_and_locks(url):
    create_officer(url, "amy", "correct horse battery")
    for n in range(5):
        authenticate(url, "amy", f"guess {n}", address="203.0.113.9", account_max_failures=5)
    assert (
        authenticate(
            url, "amy", "correct horse battery", address="192.0.2.1", account_max_failures=5
        ).problem
        == "locked"
    )
    create_officer(url, "amy", "a brand new password")
    assert authenticate(url, "amy", "a brand new password", address="203.0.113.9").ok


def test_a_disabled_officer_cannot_sign_in_and_their_sessions_end(url):
    create_officer(url, "amy", "correct horse battery")
    officer_id = authenticate(url, "amy", "correct horse battery").officer_id
    tokens = [start_session(url, officer_id, timedelta(hours=1)) for _ in range(2)]
    assert disable_officer(url, "Amy") == 2
    assert [session_for(url, token) for token in tokens] == [None, None]
    assert authenticate(url, "amy", "correct horse battery").problem == "disabled"
    # A session started by anything else is refused as well.
    assert session_for(url, start_session(url, officer_id, timedelta(hours=1))) is None
    create_officer(url, "amy", "a brand new password")  # a reset does not undo a disable
    assert authenticate(url, "amy", "a brand new password").problem == "disabled"
    enable_officer(url, "amy")
    assert authenticate(url, "amy", "a brand new password").ok


def test_officers_are_listed_with_their_state_and_no_secrets(url):
    create_officer(url, "bea", "correct horse battery", totp=True)
    create_officer(url, "amy", "correct horse battery")
    start_session(url, authenticate(url, "amy", "correct horse battery").officer_id, timedelta(1))
    disable_officer(url, "bea")
    listed = {officer.username: officer for officer in list_officers(url)}
    assert [officer.username for officer in list_officers(url)] == ["amy", "bea"]
    assert (listed["amy"].second_factor, listed["amy"].disabled, listed["amy"].sessions) == (
        False,
        False,
        1,
    )
    assert (listed["bea"].second_factor, listed["bea"].disabled, listed["bea"].sessions) == (
        True,
        True,
        0,
    )


def test_disabling_an_unknown_officer_says_how_to_see_who_there_is(url):
    with pytest.raises(AccountError, match="list-officers"):
        disable_officer(url, "nobody")


def test_every_refusal_checks_exactly_one_password(url, monkeypatch):
    """So a refusal takes as long as a wrong password, whatever the reason for it."""
    import officers.accounts

    secret = create_officer(url, "amy", "correct horse battery", totp=True)
    create_officer(url, "cal", "correct horse battery")
    disable_officer(url, "cal")
    checks = []
    real_verify = officers.accounts._verify
    monkeypatch.setattr(
        officers.accounts, "_verify", lambda *args: checks.append(1) or real_verify(*args)
    )
    attempts = [
        ("nobody", "correct horse battery", ""),
        ("cal", "correct horse battery", ""),
        ("amy", "correct horse battery", "000000"),
        ("amy", "wrong horse battery", pyotp.TOTP(secret).now()),
        *[("amy", "wrong horse battery", "")] * 4,  # the fifth failure in all pauses
        ("amy", "correct horse battery", pyotp.TOTP(secret).now()),
    ]
    problems = []
    for username, password, code in attempts:
        checks.clear()
        problems.append(authenticate(url, username, password, code).problem)
        assert len(checks) == 1, (username, problems[-1])
    assert problems == [
        "unknown",
        "disabled",
        "code",
        "wrong",
        "wrong",
        "wrong",
        "paused",
        "paused",
        "paused",
    ]


def test_a_code_signs_in_once(url):
    secret = create_officer(url, "amy", "correct horse battery", totp=True)
    code = pyotp.TOTP(secret).now()
    assert authenticate(url, "amy", "correct horse battery", code).ok
    again = authenticate(url, "amy", "correct horse battery", code)
    assert not again.ok and again.problem == "replayed"


def test_an_earlier_code_is_refused_once_a_later_one_was_used(url):
    secret = create_officer(url, "amy", "correct horse battery", totp=True)
    totp = pyotp.TOTP(secret)
    next_code, this_code = totp.at(time.time() + totp.interval), totp.now()
    assert authenticate(url, "amy", "correct horse battery", next_code).ok  # a fast clock
    assert authenticate(url, "amy", "correct horse battery", this_code).problem == "replayed"
