"""Two Rasa servers sharing the PostgreSQL tracker store and the Redis lock store."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.stack import all_text


@pytest.fixture(scope="module")
def second_rasa(stack):
    if stack.backend != "postgres":
        pytest.skip("only servers that share a tracker store can share a conversation")
    process, url = stack.start_rasa()
    yield url
    process.terminate()
    process.wait(timeout=30)


def send(url: str, sender: str, text: str) -> list[dict]:
    response = httpx.post(
        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
    )
    response.raise_for_status()
    return response.json()


def test_a_conversation_whose_turns_alternate_between_servers_stays_coherent(stack, second_rasa):
    sender = f"shared-{uuid.uuid4().hex[:8]}"
    assert "How old" in all_text(
        send(stack.rasa_url, sender, "is there any autism friendly swimming")
    )
    assert "Which town" in all_text(send(second_rasa, sender, "he's 9"))  # the form kept its slot
    results = all_text(send(stack.rasa_url, sender, "Dunmere"))
    assert "age 9" in results and "Dunmere" in results
    sunday = all_text(send(second_rasa, sender, "what about Sundays?"))
    assert "on Sunday" in sunday


def test_simultaneous_messages_in_one_conversation_are_taken_in_turn(stack, second_rasa):
    sender = f"shared-{uuid.uuid4().hex[:8]}"
    send(stack.rasa_url, sender, "hello")
    with ThreadPoolExecutor(4) as pool:
        replies = list(
            pool.map(
                lambda pair: send(pair[0], sender, pair[1]),
                [(stack.rasa_url, "what does EHCP mean"), (second_rasa, "what is OPAL")] * 2,
            )
        )
    assert all(replies)  # the Redis lock serialises the turns; none is dropped or errors


def test_the_tracker_store_keeps_families_words_only_redacted(stack, second_rasa):
    import psycopg

    sender = f"shared-{uuid.uuid4().hex[:8]}"
    reply = send(stack.rasa_url, sender, "my son Oliver needs speech therapy, ring 07700 900123")
    assert reply  # the turn itself is answered from the words as typed
    with psycopg.connect(stack.stores["tracker_store_url"]) as connection:
        stored = [
            row[0]
            for row in connection.execute(
                "SELECT data FROM events WHERE sender_id = %s AND type_name = 'user'", (sender,)
            )
        ]
    assert stored and all("Oliver" not in data and "07700" not in data for data in stored)
    assert any("[NAME]" in data and "[PHONE]" in data for data in stored)
