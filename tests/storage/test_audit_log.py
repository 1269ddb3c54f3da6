"""The audit log is a hash chain: an entry changed or deleted in the database is found."""

from __future__ import annotations

import threading

import pytest
from alembic import command
from sqlalchemy import text

from storage.__main__ import main
from storage.audit_log import (
    append,
    audit,
    audit_entries,
    audit_page,
    entry_hash,
    verify_audit_log,
)
from storage.database import alembic_config, get_engine, new_engine, session_scope


def write_three(url: str) -> None:
    audit(url, "amy", "signed in", address="192.0.2.1")
    audit(url, "amy", "acknowledged flag 12")
    audit(url, "bea", "marked question 5 answered", "note: added to the guide")


def change(url: str, statement: str) -> None:
    with get_engine(url).begin() as connection:
        connection.execute(text(statement))


def test_entries_written_one_after_another_verify(any_database):
    write_three(any_database)
    check = verify_audit_log(any_database)
    assert check.ok and check.entries == 3
    assert check.head_hash == audit_entries(any_database)[0].entry_hash


def test_an_empty_log_verifies(any_database):
    assert verify_audit_log(any_database).ok


@pytest.mark.parametrize(
    ("statement", "problem"),
    [
        ("UPDATE audit_log SET detail = 'nothing' WHERE id = 3", "entry 3 was changed"),
        ("UPDATE audit_log SET username = 'cal' WHERE id = 1", "entry 1 was changed"),
        ("DELETE FROM audit_log WHERE id = 2", "the entry before entry 3 was deleted"),
        ("DELETE FROM audit_log WHERE id = 1", "the entry before entry 2 was deleted"),
        ("DELETE FROM audit_log WHERE id = 3", "the newest entries were deleted"),
    ],
)
def test_an_entry_changed_or_deleted_in_the_database_is_found(any_database, statement, problem):
    write_three(any_database)
    change(any_database, statement)
    check = verify_audit_log(any_database)
    assert not check.ok and problem in check.problem


def test_an_entry_rehashed_after_a_change_still_breaks_the_next_link(any_database):
    write_three(any_database)
    entry = audit_entries(any_database)[1]  # entry 2
    entry.detail = "nothing happened"
    rehashed = entry_hash(entry.previous_hash, entry)
    change(
        any_database,
        f"UPDATE audit_log SET detail = 'nothing happened', entry_hash = '{rehashed}' WHERE id = 2",
    )
    assert "the entry before entry 3" in verify_audit_log(any_database).problem


def test_writers_at_the_same_moment_never_fork_the_chain(any_database):
    audit(any_database, "amy", "signed in")  # the engine and its migrations, before the race
    start = threading.Barrier(8)
    errors: list[Exception] = []

    def write_many(writer: int) -> None:
        start.wait()
        try:
            for number in range(15):
                audit(any_database, f"officer{writer}", f"viewed page {number}")
        except Exception as error:  # pragma: no cover - reported by the assert below
            errors.append(error)

    threads = [threading.Thread(target=write_many, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    check = verify_audit_log(any_database)
    assert check.ok and check.entries == 1 + 8 * 15, check.problem


def test_checking_the_log_does_not_wait_for_a_writer(any_database):
    write_three(any_database)
    with session_scope(any_database) as session:
        append(session, "amy", "signed out")  # holds the chain's lock until the block ends
        check = verify_audit_log(any_database)
    assert check.ok and check.entries == 3
    assert verify_audit_log(any_database).entries == 4


def test_the_log_is_read_a_page_at_a_time_newest_first(any_database):
    for number in range(1, 8):
        audit(any_database, "amy", f"action {number}")
    first, third = audit_page(any_database, 1, per_page=3), audit_page(any_database, 3, per_page=3)
    assert [e.action for e in first.entries] == ["action 7", "action 6", "action 5"]
    assert [e.action for e in third.entries] == ["action 1"]
    assert (first.total, first.pages, third.page) == (7, 3, 3)
    assert [e.id for e in audit_page(any_database, 99, per_page=3).entries] == [1]


def test_entries_written_before_the_chain_are_chained_by_the_migration(any_database):
    engine = new_engine(any_database)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
        for when, action in (("2026-01-01 09:00:00.250000", "signed in"), ("2026-01-02", "x")):
            connection.execute(
                text(
                    "INSERT INTO audit_log (username, action, detail, address, created_at)"
                    " VALUES ('amy', :action, '', '', :when)"
                ),
                {"action": action, "when": when},
            )
    engine.dispose()
    audit(any_database, "amy", "signed in")  # migrates to the newest revision first
    check = verify_audit_log(any_database)
    assert check.ok and check.entries == 3, check.problem


def test_the_verify_audit_command_says_whether_the_log_holds(tmp_path, monkeypatch, capsys):
    from core.config import get_settings

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("LOCALOFFER_DATABASE_URL", url)
    get_settings.cache_clear()
    try:
        write_three(url)
        assert main(["verify-audit"]) == 0
        assert "verifies: 3 entries" in capsys.readouterr().out
        change(url, "DELETE FROM audit_log WHERE id = 2")
        assert main(["verify-audit"]) == 1
        assert "does not verify: the entry before entry 3" in capsys.readouterr().err
    finally:
        get_settings.cache_clear()
