"""With the app database unreachable nothing is lost: records wait, redacted, then are written."""

from __future__ import annotations

import secrets

from sqlalchemy import select

from storage import outbox
from storage.database import session_scope
from storage.models import UnansweredQuestion
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
