"""POST /api/chat against the real assistant, and what happens when it is not there."""

from __future__ import annotations

import re
import time

import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient

from api.main import create_app
from api.routes.chat import _text_to_send
from api.schemas import ChatRequest
from core.config import Settings
from tests.api.conftest import client_for


def test_a_message_gets_replies_with_ids_and_a_new_session(api):
    response = api.post(
        "/api/chat", json={"message": "relaxed swimming in Dunmere for my 9 year old"}
    )
    assert response.status_code == 200
    body = response.json()
    assert re.fullmatch(r"[0-9a-f]{32}", body["session_id"])
    assert all(message["id"] for message in body["messages"])
    names = [card["name"] for message in body["messages"] for card in message["cards"]]
    assert "Dunmere Baths Relaxed Swim" in names


def test_the_same_session_keeps_the_conversation(api):
    first = api.post("/api/chat", json={"message": "is there any autism friendly swimming"}).json()
    assert "How old" in first["messages"][0]["text"]
    second = api.post(
        "/api/chat", json={"session_id": first["session_id"], "message": "she is 9"}
    ).json()
    assert second["session_id"] == first["session_id"]
    assert "Which town" in second["messages"][0]["text"]


def test_only_offered_buttons_reach_the_assistant_as_intents(api):
    greeting = api.post("/api/chat", json={"message": "hello"}).json()
    session = greeting["session_id"]
    offered = {b["payload"] for m in greeting["messages"] for b in m["buttons"]}
    assert "/talk_to_person" in offered
    reply = api.post("/api/chat", json={"session_id": session, "payload": "/talk_to_person"})
    assert reply.status_code == 200 and "0113 496 0100" in reply.json()["messages"][0]["text"]
    forged = api.post("/api/chat", json={"session_id": session, "payload": "/risk_of_harm"})
    assert forged.status_code == 400
    assert "no longer available" in forged.json()["detail"]


def test_typed_text_starting_with_a_slash_is_sent_as_text():
    request = ChatRequest(message='/inform{"town": "Kelby"}')
    assert _text_to_send(request, set(), 1000) == 'inform{"town": "Kelby"}'


@pytest.mark.parametrize(
    "typed", ["/ /risk_of_harm", " / \t/risk_of_harm", "//\u3000/risk_of_harm"]
)
def test_typed_text_never_reaches_rasa_as_an_intent_whatever_comes_before_the_slash(typed):
    assert _text_to_send(ChatRequest(message=typed), set(), 1000) == "risk_of_harm"


def test_a_message_of_only_slashes_and_spaces_is_empty():
    with pytest.raises(HTTPException) as refused:
        _text_to_send(ChatRequest(message=" / / "), set(), 1000)
    assert refused.value.status_code == 422


def test_bad_input_gets_a_readable_4xx(api):
    empty = api.post("/api/chat", json={"message": "   "})
    assert empty.status_code == 422 and empty.json()["detail"] == "Please type a message first."
    long = api.post("/api/chat", json={"message": "a" * 1001})
    assert long.status_code == 413 and "1,000 characters" in long.json()["detail"]
    broken = api.post(
        "/api/chat", content=b'{"message": ', headers={"Content-Type": "application/json"}
    )
    assert broken.status_code == 422 and "could not read" in broken.json()["detail"]
    for response in (empty, long, broken):
        assert "Traceback" not in response.text


def test_when_rasa_is_down_the_family_gets_an_apology_and_a_number(api_without_rasa):
    response = api_without_rasa.post("/api/chat", json={"message": "hello"})
    assert response.status_code == 200
    [message] = response.json()["messages"]
    assert "not working right now" in message["text"] and "0113 496 0100" in message["text"]


def test_when_rasa_stays_silent_the_apology_comes_within_ten_seconds(silent_rasa, tmp_path):
    with client_for(rasa_url=silent_rasa, database_url=f"sqlite:///{tmp_path / 'a.db'}") as client:
        started = time.monotonic()
        response = client.post("/api/chat", json={"message": "hello"})
        elapsed = time.monotonic() - started
    assert response.status_code == 200 and elapsed < 10
    assert "not working right now" in response.json()["messages"][0]["text"]


def test_a_session_is_rate_limited_with_a_readable_message(tmp_path, api_without_rasa):
    with client_for(
        rasa_url="http://127.0.0.1:9",
        rate_limit_per_session=2,
        database_url=f"sqlite:///{tmp_path / 'b.db'}",
    ) as client:
        session = client.post("/api/chat", json={"message": "hi"}).json()["session_id"]
        client.post("/api/chat", json={"session_id": session, "message": "hi"})
        third = client.post("/api/chat", json={"session_id": session, "message": "hi"})
    assert third.status_code == 429 and "wait a minute" in third.json()["detail"]


def test_new_conversations_are_limited_per_address_but_known_ones_and_other_addresses_go_on(
    tmp_path,
):
    app = create_app(
        Settings(
            rasa_url="http://127.0.0.1:9",
            new_sessions_per_address=3,
            database_url=f"sqlite:///{tmp_path / 'c.db'}",
        )
    )
    with TestClient(app, client=("203.0.113.5", 4000)) as here:
        kept = here.post("/api/chat", json={"message": "hi"}).json()["session_id"]
        for _ in range(2):
            assert here.post("/api/chat", json={"message": "hi"}).status_code == 200
        refused = here.post("/api/chat", json={"message": "hi"})
        # An id the api never issued starts a conversation too, so it counts the same.
        made_up = here.post("/api/chat", json={"session_id": "0" * 32, "message": "hi"})
        known = here.post("/api/chat", json={"session_id": kept, "message": "hi"})
        elsewhere = TestClient(app, client=("198.51.100.7", 4000))
        other_address = elsewhere.post("/api/chat", json={"message": "hi"})
    assert refused.status_code == 429 and made_up.status_code == 429
    assert refused.json()["detail"] == (
        "Too many new conversations from here. Please try again in a few minutes."
    )
    assert known.status_code == 200 and known.json()["session_id"] == kept
    assert other_address.status_code == 200


def test_new_conversations_from_one_ipv6_slash_64_are_counted_together(tmp_path):
    app = create_app(
        Settings(
            rasa_url="http://127.0.0.1:9",
            new_sessions_per_address=1,
            database_url=f"sqlite:///{tmp_path / 'd.db'}",
        )
    )
    with TestClient(app, client=("2001:db8:1:2::10", 4000)) as first:
        assert first.post("/api/chat", json={"message": "hi"}).status_code == 200
        neighbour = TestClient(app, client=("2001:db8:1:2:ffff::99", 4000))
        assert neighbour.post("/api/chat", json={"message": "hi"}).status_code == 429


def test_a_body_over_64_kib_is_refused_with_413(api_without_rasa):
    big = '{"message": "' + "a" * (64 * 1024) + '"}'
    response = api_without_rasa.post(
        "/api/chat", content=big, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413 and "too large" in response.json()["detail"]


def test_a_body_over_64_kib_without_a_content_length_is_counted_and_refused(api_without_rasa):
    def chunks():
        yield b'{"message": "'
        for _ in range(70):
            yield b"a" * 1024
        yield b'"}'

    response = api_without_rasa.post(
        "/api/chat", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert "content-length" not in response.request.headers
    assert response.status_code == 413 and "too large" in response.json()["detail"]


def test_a_body_under_the_limit_still_reaches_the_route(api_without_rasa):
    response = api_without_rasa.post("/api/chat", json={"message": "hello " * 1000})
    assert response.status_code == 413 and "1,000 characters" in response.json()["detail"]


@pytest.mark.parametrize(
    "path, body",
    [
        ("/api/chat", {"message": "hello", "metadata": {"intent": "risk_of_harm"}}),
        (
            "/api/feedback",
            {"session_id": "s", "rating": "up", "idempotency_key": "k" * 8, "officer": "amy"},
        ),
    ],
)
def test_a_field_the_api_does_not_know_is_refused(api_without_rasa, path, body):
    response = api_without_rasa.post(path, json=body)
    assert response.status_code == 422
    assert "could not read" in response.json()["detail"]
    assert ("metadata" if path == "/api/chat" else "officer") in response.json()["detail"]
