"""Failed sign-ins are counted before any password is checked, per address and per account."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime, timedelta

import pyotp
from sqlalchemy import select, update

from officers.accounts import LoginResult, authenticate, create_officer
from officers.throttle import throttle_source
from storage.database import session_scope
from storage.models import Officer, SignInFailure

PASSWORD = "correct horse battery"
ATTACKER = "203.0.113.9"


def race(attempts: list[tuple[str, str]], url: str, **limits) -> list[LoginResult]:
    """Every (password, address) attempt at once, each on its own thread."""
    start = threading.Barrier(len(attempts))
    results: list[LoginResult] = []

    def attempt(password: str, address: str) -> None:
        start.wait()
        results.append(authenticate(url, "amy", password, address=address, **limits))

    threads = [threading.Thread(target=attempt, args=pair) for pair in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_racing_wrong_passwords_from_one_address_get_five_checks_then_a_pause(any_database):
    create_officer(any_database, "amy", PASSWORD)
    results = race([(f"guess {n}", ATTACKER) for n in range(29)], any_database)
    # Counted before checking: four plain failures, the fifth pauses, the rest are refused.
    assert Counter(r.problem for r in results) == {"wrong": 4, "paused": 25}
    right = authenticate(any_database, "amy", PASSWORD, address=ATTACKER)
    assert not right.ok and right.problem == "paused"


def test_racing_wrong_passwords_from_many_addresses_lock_the_account(any_database):
    create_officer(any_database, "amy", PASSWORD)
    guesses = [(f"guess {n}", f"198.51.100.{n}") for n in range(30)]
    results = race(guesses, any_database, account_max_failures=10)
    assert Counter(r.problem for r in results) == {"wrong": 9, "locked": 21}
    right = authenticate(
        any_database, "amy", PASSWORD, address="192.0.2.1", account_max_failures=10
    )
    assert not right.ok and right.problem == "locked"


def test_five_wrong_passwords_from_one_address_do_not_shut_the_officer_out_elsewhere(
    any_database,
):
    create_officer(any_database, "amy", PASSWORD)
    results = [authenticate(any_database, "amy", f"guess {n}", address=ATTACKER) for n in range(5)]
    assert [r.problem for r in results] == ["wrong"] * 4 + ["paused"]
    assert not authenticate(any_database, "amy", PASSWORD, address=ATTACKER).ok
    assert authenticate(any_database, "amy", PASSWORD, address="192.0.2.1").ok


def test_a_pause_ends_after_its_time(any_database):
    create_officer(any_database, "amy", PASSWORD)
    for n in range(5):
        authenticate(any_database, "amy", f"guess {n}", address=ATTACKER)
    with session_scope(any_database) as session:
        session.execute(
            update(SignInFailure).values(blocked_until=datetime.now(UTC) - timedelta(seconds=1))
        )
    assert authenticate(any_database, "amy", PASSWORD, address=ATTACKER).ok


def test_an_account_lock_ends_after_its_time(any_database):
    create_officer(any_database, "amy", PASSWORD)
    for n in range(3):
        authenticate(
            any_database, "amy", f"guess {n}", address=f"198.51.100.{n}", account_max_failures=3
        )
    assert authenticate(any_database, "amy", PASSWORD, account_max_failures=3).problem == "locked"
    with session_scope(any_database) as session:
        session.execute(
            update(Officer).values(locked_until=datetime.now(UTC) - timedelta(seconds=1))
        )
    assert authenticate(any_database, "amy", PASSWORD, account_max_failures=3).ok


def test_signing_in_starts_the_counts_again(any_database):
    create_officer(any_database, "amy", PASSWORD)
    for _ in range(3):
        for n in range(4):
            authenticate(any_database, "amy", f"guess {n}", address=ATTACKER)
        assert authenticate(any_database, "amy", PASSWORD, address=ATTACKER).ok


def test_an_unknown_username_is_paused_like_a_real_one(any_database):
    create_officer(any_database, "amy", PASSWORD)
    real = [authenticate(any_database, "amy", "guess", address=ATTACKER) for _ in range(5)]
    unknown = [authenticate(any_database, "nobody", "guess", address=ATTACKER) for _ in range(5)]
    assert [r.problem for r in unknown] == ["unknown"] * 4 + ["paused"]
    assert [r.problem for r in real] == ["wrong"] * 4 + ["paused"]


def test_one_ipv6_site_counts_as_one_address():
    assert throttle_source("2001:db8:1:2::5") == throttle_source("2001:db8:1:2:aa::9")
    assert throttle_source("2001:db8:1:2::5") != throttle_source("2001:db8:1:3::5")
    assert throttle_source("::ffff:203.0.113.9") == "203.0.113.9"
    assert throttle_source("testclient") == "testclient"


def test_one_code_sent_many_times_at_once_signs_in_once(any_database):
    secret = create_officer(any_database, "amy", PASSWORD, totp=True)
    code = pyotp.TOTP(secret).now()
    start = threading.Barrier(4)
    results: list[LoginResult] = []

    def attempt(address: str) -> None:
        start.wait()
        results.append(authenticate(any_database, "amy", PASSWORD, code, address=address))

    threads = [threading.Thread(target=attempt, args=(f"198.51.100.{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.problem for r in results) == ["", "replayed", "replayed", "replayed"]


def test_the_daily_purge_forgets_failures_older_than_a_day_unless_still_paused(any_database):
    from storage.retention import purge

    now = datetime.now(UTC)
    with session_scope(any_database) as session:
        for username, last_failed, blocked_until in [
            ("old", now - timedelta(days=2), None),
            ("recent", now - timedelta(hours=1), None),
            ("still paused", now - timedelta(days=2), now + timedelta(hours=1)),
        ]:
            session.add(
                SignInFailure(
                    username=username,
                    address=ATTACKER,
                    failures=1,
                    last_failed_at=last_failed,
                    blocked_until=blocked_until,
                )
            )
    purge(any_database, days=365, now=now)
    with session_scope(any_database) as session:
        kept = sorted(row.username for row in session.scalars(select(SignInFailure)))
    assert kept == ["recent", "still paused"]
