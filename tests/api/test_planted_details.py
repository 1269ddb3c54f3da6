"""A family's name and phone number, planted in a conversation, are found nowhere afterwards.

The production shape: the app database and Rasa's tracker store on PostgreSQL, chat sessions,
rate limits and Rasa's locks in Redis. Every table of both databases, every Redis key and every
log and outbox file is read back and searched.
"""

from __future__ import annotations

import logging
import uuid

import psycopg
import pytest
import redis
from sqlalchemy.engine import make_url

from tests.api.conftest import client_for
from tests.services import REDIS_URL, ensure_redis

PHONE = "07700 900461"
PLANTED = ["Philippa", "Quenby", "Barnaby", "900461", "07700900461"]
TURNS = [
    f"hi I'm Philippa Quenby, my son Barnaby Quenby is 7, you can ring me on {PHONE}",
    f"does the council pay for a holiday cottage for Barnaby? ring {PHONE}",
    f"Barnaby Quenby says he wants to kill himself, please call me on {PHONE}",
]


def all_rows(database_url: str) -> dict[str, str]:
    """Every row of every table in the database, as JSON text, by table."""
    url = make_url(database_url).set(drivername="postgresql")
    with psycopg.connect(url.render_as_string(hide_password=False)) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
        ]
        assert tables, f"no tables in {database_url}"
        return {
            table: "\n".join(
                row[0]
                for row in connection.execute(f'SELECT row_to_json(t)::text FROM "{table}" t')
            )
            for table in tables
        }


READ_BY_TYPE = {
    b"string": lambda client, key: client.get(key),
    b"hash": lambda client, key: client.hgetall(key),
    b"list": lambda client, key: client.lrange(key, 0, -1),
    b"set": lambda client, key: client.smembers(key),
    b"zset": lambda client, key: client.zrange(key, 0, -1),
}


def everything_in_redis() -> str:
    client = redis.Redis.from_url(REDIS_URL)
    return "\n".join(
        f"{key!r} {READ_BY_TYPE.get(client.type(key), lambda *_: b'')(client, key)!r}"
        for key in client.scan_iter(count=1000)
    )


def files_under(folder) -> str:
    return "\n".join(
        path.read_text(errors="replace")
        for path in folder.rglob("*")
        if path.is_file() and path.suffix in {".log", ".jsonl", ".json", ".txt"}
    )


def leaked(text: str) -> list[str]:
    """Each planted detail found, with what surrounds it, so a failure says where to look."""
    lowered = text.lower()
    return [
        text[max(0, at - 120) : at + 40]
        for detail in PLANTED
        if (at := lowered.find(detail.lower())) >= 0
    ]


def test_a_planted_name_and_phone_number_are_stored_nowhere(
    stack, knowledge_index, tmp_path, caplog
):
    if stack.backend != "postgres":
        pytest.skip("the production shape: PostgreSQL and Redis")
    ensure_redis()
    caplog.set_level(logging.DEBUG)
    with client_for(
        rasa_url=stack.rasa_url,
        action_server_url=f"http://127.0.0.1:{stack.action_port}",
        database_url=stack.database_url,
        index_dir=knowledge_index,
        shared_state_url=REDIS_URL,
        outbox_path=tmp_path / "outbox.jsonl",
    ) as api:
        session = None
        replies = []
        for text in TURNS:
            body = {"message": text} | ({"session_id": session} if session else {})
            response = api.post("/api/chat", json=body)
            assert response.status_code == 200, response.text
            session = response.json()["session_id"]
            replies.append(" ".join(m["text"] for m in response.json()["messages"]))
        feedback = api.post(
            "/api/feedback",
            json={
                "session_id": session,
                "rating": "down",
                "comment": f"this is Philippa Quenby, call {PHONE}",
                "idempotency_key": uuid.uuid4().hex,
            },
        )
        assert feedback.status_code == 200, feedback.text
    assert "999" in replies[-1]  # the disclosure was heard, so an urgent flag was written

    app_rows = all_rows(stack.database_url)
    # The scan is not vacuous: the records are there, with the details taken out.
    assert "holiday cottage" in app_rows["unanswered_questions"]
    assert session in app_rows["feedback"] and "[PHONE]" in app_rows["feedback"]
    assert app_rows["urgent_flags"]
    places = {
        **{f"the app database's {table}": rows for table, rows in app_rows.items()},
        **{
            f"the tracker store's {table}": rows
            for table, rows in all_rows(stack.stores["tracker_store_url"]).items()
        },
        "Redis": everything_in_redis(),
        "the logs and outboxes of Rasa and the action server": files_under(stack.workdir),
        "the api's outbox": files_under(tmp_path),
        "the api's log records": caplog.text,
    }
    assert "[PHONE]" in places["the tracker store's events"]
    assert {place: leaked(text) for place, text in places.items() if leaked(text)} == {}
