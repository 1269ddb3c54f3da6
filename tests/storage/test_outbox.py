"""With the app database unreachable nothing is lost: records wait, redacted, then are written."""

from __future__ import annotations

import json
import logging
import secrets

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from storage import outbox
from storage.database import session_scope
from storage.models import Enquiry, UnansweredQuestion, UrgentFlag
from tests.services import app_database_url, drop_postgres_database, fresh_postgres_database


def test_records_wait_while_the_database_is_away_and_are_written_when_it_returns(tmp_path):
    name = f"lo_later_{secrets.token_hex(4)}"  # not created yet: connections are refused
    url, box = app_database_url(name), tmp_path / "outbox.jsonl"
    fields = {"conversation_id": "c1", "intent": "x", "intent_ranking": [], "top_results": []}
    text = "my son Oliver needs help, call 07700 900123"
    assert outbox.write(url, box, "unanswered", text=text, **fields) is False
    assert outbox.pending(box) == 1
    kept = box.read_text()
    assert "Oliver" not in kept and "07700" not in kept and "[PHONE]" in kept

    created = fresh_postgres_database("lo_outbox")
    try:
        url = app_database_url(created)
        assert outbox.write(url, box, "unanswered", text="a second question", **fields) is True
        assert outbox.pending(box) == 0
        with session_scope(url) as session:
            stored = sorted(row.text for row in session.scalars(select(UnansweredQuestion)))
        assert stored == ["a second question", "my son [NAME] needs help, call [PHONE]"]
    finally:
        drop_postgres_database(created)


def test_an_empty_outbox_costs_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    assert outbox.flush(url, tmp_path / "none.jsonl") == 0
    assert (
        outbox.write(
            url,
            tmp_path / "none.jsonl",
            "enquiry",
            kind="question",
            answered=True,
            matches=1,
            facets={},
        )
        is True
    )


UNANSWERED = {"conversation_id": "c1", "intent": "x", "intent_ranking": [], "top_results": []}
URGENT = {"conversation_id": "c2", "signpost": "Call 999 in an emergency.", "channel": "rest"}


def test_a_nul_byte_is_stripped_before_redaction_and_later_records_are_written(tmp_path):
    away = app_database_url(f"lo_later_{secrets.token_hex(4)}")  # not created: refused
    box = tmp_path / "outbox.jsonl"
    nul = "please call 07700\x00900123 about my son"  # PostgreSQL refuses NUL in text
    assert outbox.write(away, box, "unanswered", text=nul, **UNANSWERED) is False
    assert outbox.write(away, box, "unanswered", text="a question after it", **UNANSWERED) is False
    assert "07700" not in box.read_text()  # the NUL cannot hide the number from the redactor

    created = fresh_postgres_database("lo_outbox")
    try:
        url = app_database_url(created)
        assert outbox.write(url, box, "unanswered", text="the latest", **UNANSWERED) is True
        assert outbox.pending(box) == 0
        with session_scope(url) as session:
            stored = sorted(row.text for row in session.scalars(select(UnansweredQuestion)))
        assert stored == ["a question after it", "please call [PHONE] about my son", "the latest"]
    finally:
        drop_postgres_database(created)


def test_an_over_long_urgent_flag_is_written_cut_to_its_columns_and_the_next_one_too(tmp_path):
    away = app_database_url(f"lo_later_{secrets.token_hex(4)}")
    box = tmp_path / "outbox.jsonl"
    long_flag = {
        **URGENT,
        "conversation_id": "telegram-" + "9" * 100,  # String(64)
        "matched": "self_harm: " + "x" * 300,  # String(200)
        "channel": "c" * 50,  # String(32)
    }
    assert outbox.write(away, box, "urgent", text="I want to hurt myself", **long_flag) is False
    assert (
        outbox.write(away, box, "urgent", text="he hits me", matched="abuse: hits", **URGENT)
        is False
    )

    created = fresh_postgres_database("lo_outbox")
    try:
        url = app_database_url(created)
        assert outbox.flush(url, box) == 2
        assert outbox.pending(box) == 0
        with session_scope(url) as session:
            flags = {row.text: row for row in session.scalars(select(UrgentFlag))}
        assert set(flags) == {"I want to hurt myself", "he hits me"}
        cut = flags["I want to hurt myself"]
        assert cut.conversation_id == long_flag["conversation_id"][:64]
        assert cut.matched == long_flag["matched"][:200] and cut.channel == "c" * 32
    finally:
        drop_postgres_database(created)


def test_a_record_the_database_refuses_is_dead_lettered_and_the_rest_are_written(tmp_path):
    away = app_database_url(f"lo_later_{secrets.token_hex(4)}")
    box = tmp_path / "outbox.jsonl"
    refused = {"kind": "question", "answered": False, "matches": "lots", "facets": {}}  # an int
    assert outbox.write(away, box, "enquiry", **refused) is False
    assert (
        outbox.write(away, box, "unanswered", text="call me on 07700 900123", **UNANSWERED) is False
    )

    created = fresh_postgres_database("lo_outbox")
    try:
        url = app_database_url(created)
        assert outbox.flush(url, box) == 1
        assert outbox.pending(box) == 0
        [dead] = _lines(outbox.dead_letter_path(box))
        assert (dead["type"], dead["fields"], dead["error"]) == ("enquiry", refused, "DataError")
        assert dead["at"] and dead["v"] == 1
        with session_scope(url) as session:
            [stored] = session.scalars(select(UnansweredQuestion))
        assert stored.text == "call me on [PHONE]"

        # Written straight away, a refused record is dead-lettered too (redacted), and the
        # caller carries on.
        nan = {**UNANSWERED, "intent_ranking": [{"name": "x", "confidence": float("nan")}]}
        assert outbox.write(url, box, "unanswered", text="I'm on 07700 900123", **nan) is False
        assert outbox.counts(box) == outbox.OutboxCounts(pending=0, dead_letter=2)
        assert "07700" not in outbox.dead_letter_path(box).read_text()
    finally:
        drop_postgres_database(created)


def test_a_down_database_keeps_every_record_in_the_outbox_and_dead_letters_none(tmp_path):
    box = tmp_path / "outbox.jsonl"
    for url in (
        "postgresql+psycopg://postgres@127.0.0.1:9/nowhere",  # nothing listens on port 9
        app_database_url(f"lo_later_{secrets.token_hex(4)}"),  # the server says no such database
    ):
        assert outbox.write(url, box, "unanswered", text="still here", **UNANSWERED) is False
        assert (
            outbox.write(url, box, "urgent", text="help", matched="risk: help", **URGENT) is False
        )
        with pytest.raises(OperationalError):
            outbox.flush(url, box)
    assert outbox.counts(box) == outbox.OutboxCounts(pending=4, dead_letter=0)
    assert not outbox.dead_letter_path(box).exists()


def test_lines_without_a_version_are_read_and_an_unreadable_line_does_not_block_the_rest(tmp_path):
    url, box = f"sqlite:///{tmp_path / 'app.db'}", tmp_path / "outbox.jsonl"
    enquiry = {"kind": "question", "answered": True, "matches": 1, "facets": {"town": "Kelby"}}
    box.write_text(
        json.dumps({"type": "enquiry", "fields": enquiry})
        + "\n"  # written before versions
        + '{"v": 1, "type": "enquiry", "fields": {"kind": "q"\n'  # cut short by a crash
        + json.dumps({"v": 1, "type": "postcard", "fields": {}})
        + "\n"
        + json.dumps({"v": 1, "type": "enquiry", "fields": {**enquiry, "colour": "red"}})
        + "\n"
        + json.dumps({"v": 2, "type": "enquiry", "fields": enquiry})
        + "\n"
        + json.dumps({"v": 1, "type": "enquiry", "fields": enquiry})
        + "\n"
    )
    assert outbox.flush(url, box) == 2
    assert outbox.pending(box) == 0
    dead = _lines(outbox.dead_letter_path(box))
    assert [entry["error"] for entry in dead] == ["UnreadableLine"] * 4
    assert "not JSON" in dead[0]["detail"] and '"kind": "q"' in dead[0]["line"]
    assert "postcard" in dead[1]["detail"] and "colour" in dead[2]["detail"]
    assert "version 2" in dead[3]["detail"]
    with session_scope(url) as session:
        assert [row.town for row in session.scalars(select(Enquiry))] == ["Kelby", "Kelby"]


def test_outbox_lines_carry_their_version_and_parse_into_records(tmp_path):
    box = tmp_path / "outbox.jsonl"
    down = "postgresql+psycopg://postgres@127.0.0.1:9/nowhere"
    outbox.write(down, box, "enquiry", kind="term", answered=False, matches=0, facets={})
    [line] = box.read_text().splitlines()
    assert json.loads(line)["v"] == 1
    assert outbox.parse_line(line) == outbox.OutboxRecord(
        "enquiry", {"kind": "term", "answered": False, "matches": 0, "facets": {}}
    )
    with pytest.raises(outbox.UnreadableLine, match="not JSON"):
        outbox.parse_line("[")


def test_a_warning_says_when_records_wait_or_were_refused(tmp_path, caplog):
    box = tmp_path / "outbox.jsonl"
    assert outbox.warn_if_waiting(box) == outbox.OutboxCounts(pending=0, dead_letter=0)
    assert not caplog.records
    down = "postgresql+psycopg://postgres@127.0.0.1:9/nowhere"
    for _ in range(2):
        outbox.write(down, box, "enquiry", kind="term", answered=False, matches=0, facets={})
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="storage.outbox"):
        assert outbox.warn_if_waiting(box) == outbox.OutboxCounts(pending=2, dead_letter=0)
    [warning] = caplog.records
    assert warning.levelno == logging.WARNING and "2 records wait" in warning.getMessage()


def _lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]
