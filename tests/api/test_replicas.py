"""Two api replicas sharing Redis: a conversation and its limits follow the family across them."""

from __future__ import annotations

import secrets

import redis

from tests.api.conftest import client_for
from tests.services import REDIS_URL, ensure_redis


def two_replicas(stack, knowledge_index, **overrides):
    ensure_redis()
    shared = {
        "rasa_url": stack.rasa_url,
        "database_url": stack.database_url,
        "index_dir": knowledge_index,
        "shared_state_url": REDIS_URL,
        **overrides,
    }
    return client_for(**shared), client_for(**shared)


def test_a_button_offered_by_one_replica_is_accepted_by_the_other(stack, knowledge_index):
    first, second = two_replicas(stack, knowledge_index)
    with first, second:
        greeting = first.post("/api/chat", json={"message": "hiya"}).json()
        session = greeting["session_id"]
        payload = next(
            button["payload"]
            for message in greeting["messages"]
            for button in message["buttons"]
            if button["title"] == "Find a service"
        )
        reply = second.post("/api/chat", json={"session_id": session, "payload": payload})
        assert reply.status_code == 200, reply.text
        assert reply.json()["session_id"] == session
        assert "How old" in " ".join(m["text"] for m in reply.json()["messages"])


def test_the_per_session_limit_counts_across_replicas(stack, knowledge_index):
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter("lo:rate:*"):  # no counts left from other tests this minute
        client.delete(key)
    first, second = two_replicas(stack, knowledge_index, rate_limit_per_session=3)
    with first, second:
        session = first.post("/api/chat", json={"message": "hello"}).json()["session_id"]
        statuses = [
            replica.post("/api/chat", json={"session_id": session, "message": "thanks"}).status_code
            for replica in (second, first, second)
        ]
    assert statuses == [200, 200, 429]


def test_a_new_session_id_is_random_and_unknown_ids_are_replaced(stack, knowledge_index):
    first, second = two_replicas(stack, knowledge_index)
    with first, second:
        guessed = secrets.token_hex(16)
        reply = second.post("/api/chat", json={"session_id": guessed, "message": "hello"})
        assert reply.json()["session_id"] != guessed
