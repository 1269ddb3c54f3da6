"""`python -m storage purge` forgets old themes, audit entries and outbox lines; keeps new ones."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from storage import audit_log, outbox
from storage.audit_log import audit, audit_entries, verify_audit_log
from storage.database import session_scope
from storage.models import Theme, UnansweredQuestion
from storage.records import record_unanswered
from storage.retention import purge

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def question(url: str, text: str, days_old: int) -> int:
    question_id = record_unanswered(url, "c", text, "x", [], [])
    with session_scope(url) as session:
        session.execute(
            update(UnansweredQuestion)
            .where(UnansweredQuestion.id == question_id)
            .values(created_at=NOW - timedelta(days=days_old))
        )
    return question_id


def theme_of(url: str, representative: str, members: list[int]) -> int:
    with session_scope(url) as session:
        theme = Theme(name="A theme", representative=representative, size=len(members))
        session.add(theme)
        session.flush()
        session.execute(
            update(UnansweredQuestion)
            .where(UnansweredQuestion.id.in_(members))
            .values(theme_id=theme.id)
        )
        return theme.id


def test_a_theme_goes_with_the_question_it_quotes(any_database):
    url = any_database
    old, recent = question(url, "old words", 400), question(url, "recent words", 3)
    gone = theme_of(url, "old words", [old])
    quoting_an_old_one = theme_of(url, "old words", [question(url, "old words", 380), recent])
    kept = theme_of(url, "recent words", [recent, question(url, "more recent words", 2)])
    purged = purge(url, days=365, now=NOW)
    with session_scope(url) as session:
        left = set(session.scalars(select(Theme.id)))
        orphans = session.scalars(
            select(UnansweredQuestion.id).where(
                UnansweredQuestion.theme_id.in_([gone, quoting_an_old_one])
            )
        ).all()
    assert left == {kept} and purged.rows["themes"] == 2
    assert orphans == []


def test_old_audit_entries_go_and_the_rest_still_verify(any_database, monkeypatch):
    url = any_database
    for days_old, action in ((800, "signed in"), (750, "acknowledged flag 1"), (10, "signed out")):
        monkeypatch.setattr(audit_log, "utcnow", lambda days=days_old: NOW - timedelta(days=days))
        audit(url, "amy", action)
    monkeypatch.undo()
    purged = purge(url, days=365, audit_days=730, now=NOW)
    assert purged.rows["audit_log"] == 2
    kept = [(entry.username, entry.action) for entry in audit_entries(url)]
    assert kept == [
        ("storage purge", "purged 2 audit entries from before 04 Dec 2024"),
        ("amy", "signed out"),
    ]
    check = verify_audit_log(url)
    assert check.ok and check.entries == 2, check.problem
    assert purge(url, days=365, audit_days=730, now=NOW).rows["audit_log"] == 0


def write_lines(path, ages_in_days: list[int | None]) -> None:
    path.write_text(
        "".join(
            json.dumps(
                {"v": 1, "type": "enquiry", "fields": {"n": n}}
                | ({} if age is None else {"at": (NOW - timedelta(days=age)).isoformat()})
            )
            + "\n"
            for n, age in enumerate(ages_in_days)
        )
    )


def numbers(path) -> list[int]:
    return [json.loads(line)["fields"]["n"] for line in path.read_text().splitlines()]


def test_old_outbox_records_and_dead_letters_go_and_recent_ones_stay(tmp_path):
    box = tmp_path / "outbox.jsonl"
    write_lines(box, [400, 2, None])  # a line from before lines said when stays
    write_lines(outbox.dead_letter_path(box), [400, 100, 30])
    url = f"sqlite:///{tmp_path / 'app.db'}"
    purged = purge(url, days=365, outbox=box, dead_letter_days=90, now=NOW)
    assert (purged.rows["outbox records"], purged.rows["dead letters"]) == (1, 2)
    assert numbers(box) == [1, 2] and numbers(outbox.dead_letter_path(box)) == [2]


def test_a_record_waiting_in_the_outbox_says_when_it_was_written(tmp_path):
    box = tmp_path / "outbox.jsonl"
    unreachable = "postgresql+psycopg://nobody@127.0.0.1:1/none"
    assert not outbox.write(
        unreachable, box, "enquiry", kind="q", answered=False, matches=0, facets={}
    )
    [line] = box.read_text().splitlines()
    written = datetime.fromisoformat(json.loads(line)["at"])
    assert abs(written - datetime.now(UTC)) < timedelta(minutes=1)


def test_the_purge_command_uses_each_retention_period(tmp_path, monkeypatch, capsys):
    from core.config import get_settings
    from storage.__main__ import main

    box = tmp_path / "outbox.jsonl"
    write_lines(outbox.dead_letter_path(box), [20, 5])
    monkeypatch.setenv("LOCALOFFER_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("LOCALOFFER_OUTBOX_PATH", str(box))
    monkeypatch.setenv("LOCALOFFER_DEAD_LETTER_RETENTION_DAYS", "10")
    get_settings.cache_clear()
    try:
        assert main(["purge"]) == 0
    finally:
        get_settings.cache_clear()
    assert numbers(outbox.dead_letter_path(box)) == [1]
    assert "dead letters older than 10 days: " in capsys.readouterr().out
