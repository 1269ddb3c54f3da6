"""Every path a family can take to the assistant signposts a disclosure and flags it."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from api.main import create_app
from core.config import Settings
from officers.accounts import create_officer
from storage.records import urgent_flags_for
from tests.api.conftest import client_for
from tests.api.test_officer_routes import PASSWORD, sign_in
from tests.paths import SMALL_SOURCE
from tests.stack import free_port

FRONT_DOOR = "0113 496 0300"
TEAM = "0113 496 0100"
DISCLOSURE = "my mum's boyfriend punched me in the stomach last night and said worse is coming"


def _feedback(client, session: str, comment: str):
    return client.post(
        "/api/feedback",
        json={
            "session_id": session,
            "rating": "down",
            "comment": comment,
            "idempotency_key": uuid.uuid4().hex,
        },
    )


def test_with_rasa_down_the_api_signposts_first_then_apologises_and_flags(
    api_without_rasa, tmp_path
):
    response = api_without_rasa.post("/api/chat", json={"message": DISCLOSURE})
    first, second = response.json()["messages"]
    assert "999" in first["text"] and FRONT_DOOR in first["text"]
    assert "not working right now" in second["text"] and TEAM in second["text"]
    database = f"sqlite:///{tmp_path / 'app.db'}"  # the fixture's own database
    [flag] = urgent_flags_for(database, response.json()["session_id"])
    assert flag.channel == "web" and "punched" in flag.text


def test_an_everyday_message_with_rasa_down_gets_only_the_apology(api_without_rasa):
    response = api_without_rasa.post(
        "/api/chat", json={"message": "he had a massive meltdown at the dentist, any tips"}
    )
    [only] = response.json()["messages"]
    assert "not working right now" in only["text"] and FRONT_DOOR not in only["text"]


def test_a_disclosure_in_a_feedback_comment_is_signposted_and_flagged(tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'app.db'}")
    with client_for(database_url=settings.database_url) as client:
        response = _feedback(client, "fb-1", "not helpful. i just want to go to sleep forever")
        plain = _feedback(client, "fb-2", "the swimming times were out of date")
    assert response.status_code == 200
    [signpost] = response.json()["messages"]
    assert "999" in signpost["text"] and FRONT_DOOR in signpost["text"]
    assert "116 123" in signpost["text"]
    [flag] = urgent_flags_for(settings.database_url, "fb-1")
    assert flag.channel == "feedback"
    assert plain.json()["messages"] == []
    assert urgent_flags_for(settings.database_url, "fb-2") == []


def test_fifty_one_flags_from_one_session_leave_the_first_and_another_familys_visible(
    tmp_path,
):
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'app.db'}",
        flags_per_address_per_minute=1000,  # the per-conversation cap is what is tested here
        rate_limit_per_address=1000,
    )
    create_officer(settings.database_url, "amy", PASSWORD)
    with client_for(**settings.model_dump()) as client:
        assert _feedback(client, "genuine", "my dad hits me when hes drunk").status_code == 200
        for n in range(51):
            comment = f"flood {n}: he is going to kill me tonight"
            assert _feedback(client, "flooder", comment).status_code == 200
        sign_in(client)
        page = client.get("/officer/queue").text
    assert "flood 0: he is going to kill me tonight" in page
    assert "my dad hits me when hes drunk" in page
    assert "48 more disclosures in this conversation" in page


def test_an_officer_acknowledges_a_flag_and_it_says_who(tmp_path):
    database = f"sqlite:///{tmp_path / 'app.db'}"
    create_officer(database, "amy", PASSWORD)
    with client_for(database_url=database, rasa_url=f"http://127.0.0.1:{free_port()}") as client:
        client.post("/api/chat", json={"message": DISCLOSURE})
        sign_in(client)
        page = client.get("/officer/queue").text
        assert "1 not yet acknowledged" in page
        [flag_id] = {int(part.split('"')[0]) for part in page.split('id="flag-')[1:]}
        token = page.split('name="csrf_token" value="')[1].split('"')[0]
        client.post(f"/officer/flags/{flag_id}/acknowledge", data={"csrf_token": token})
        assert "not yet acknowledged" not in client.get("/officer/queue").text
        assert "Acknowledged by amy" in client.get("/officer/flags/acknowledged").text


def test_the_apology_and_the_apis_signpost_give_the_active_councils_numbers(tmp_path):
    app = create_app(
        Settings(
            source=SMALL_SOURCE,
            database_url=f"sqlite:///{tmp_path / 'app.db'}",
            rasa_url=f"http://127.0.0.1:{free_port()}",
        )
    )
    with TestClient(app) as client:
        [apology] = client.post("/api/chat", json={"message": "hello"}).json()["messages"]
        [signpost, _] = client.post("/api/chat", json={"message": DISCLOSURE}).json()["messages"]
    assert "0113 496 0001" in apology["text"] and TEAM not in apology["text"]
    assert "0113 496 0003" in signpost["text"] and FRONT_DOOR not in signpost["text"]


def test_with_the_action_server_stopped_the_signpost_and_the_flag_still_come(api, stack):
    stack.stop_actions()
    try:
        response = api.post("/api/chat", json={"message": DISCLOSURE})
    finally:
        stack.start_actions()
    first = response.json()["messages"][0]["text"]
    assert "999" in first and FRONT_DOOR in first
    [flag] = urgent_flags_for(stack.database_url, response.json()["session_id"])
    assert flag.channel == "web"
