"""Faults a family must not feel: a dead action server, an unreachable database."""

from __future__ import annotations

import secrets

import pytest
from sqlalchemy import select

from storage import outbox
from storage.database import session_scope
from storage.models import UnansweredQuestion
from tests.api.conftest import client_for
from tests.services import app_database_url, create_postgres_database, drop_postgres_database
from tests.stack import all_text, start_stack

TEAM_PHONE = "0113 496 0100"


def say(api, session: str | None, text: str) -> tuple[str, str]:
    body = {"message": text} | ({"session_id": session} if session else {})
    response = api.post("/api/chat", json=body)
    assert response.status_code == 200, response.text
    data = response.json()
    return data["session_id"], "\n".join(message["text"] for message in data["messages"])


def test_a_dead_action_server_gets_an_apology_and_the_conversation_carries_on(api, stack):
    session, reply = say(api, None, "is there any autism friendly swimming")
    assert "How old" in reply
    stack.stop_actions()
    try:
        session, reply = say(api, session, "he's 9")
        assert TEAM_PHONE in reply  # the apology gives the Local Offer team's number
    finally:
        stack.start_actions()
    session, reply = say(api, session, "he's 9")
    assert "Which town" in reply
    session, reply = say(api, session, "Dunmere")
    assert "Dunmere Baths Relaxed Swim" in reply or "Relaxed Swim" in reply


@pytest.mark.stack
def test_with_the_database_away_chat_answers_and_nothing_is_lost(knowledge_index, tmp_path):
    name = f"lo_away_{secrets.token_hex(4)}"  # not created yet: every connection is refused
    stack = start_stack(knowledge_index, tmp_path, database_url=app_database_url(name))
    box = tmp_path / "outbox.jsonl"
    try:
        first = stack.send(
            "away-1", "does the council pay for a wheelchair accessible holiday cottage?"
        )
        assert TEAM_PHONE in all_text(first)  # the "I don't know, here is who to ask" answer
        assert outbox.pending(box) >= 1

        create_postgres_database(name)  # the database comes back
        stack.send("away-2", "is there a council grant for a family holiday abroad")
        assert outbox.pending(box) == 0
        with session_scope(stack.database_url) as session:
            stored = {row.text for row in session.scalars(select(UnansweredQuestion))}
        assert {
            "does the council pay for a wheelchair accessible holiday cottage?",
            "is there a council grant for a family holiday abroad",
        } <= stored
    finally:
        stack.stop()
        drop_postgres_database(name)


def test_feedback_the_database_cannot_take_is_refused_out_loud(tmp_path):
    dead = "postgresql+psycopg://postgres@127.0.0.1:9/nowhere"  # nothing listens on port 9
    with client_for(database_url=dead, index_dir=tmp_path / "none") as api:
        response = api.post(
            "/api/feedback",
            json={"session_id": "s", "rating": "down", "comment": "hi", "idempotency_key": "k" * 8},
        )
    assert response.status_code == 503
    assert "could not save your feedback" in response.json()["detail"]
