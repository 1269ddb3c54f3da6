"""Feedback that is stored exactly once, and health and readiness."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

from storage import outbox
from storage.records import feedback_for, record_feedback
from tests.api.conftest import client_for


def test_thumbs_down_with_a_comment_is_stored_redacted(api, stack):
    session = uuid.uuid4().hex
    body = {
        "session_id": session,
        "message_id": "m1",
        "rating": "down",
        "comment": "wrong town, call me on 07700 900123",
        "idempotency_key": uuid.uuid4().hex,
    }
    response = api.post("/api/feedback", json=body)
    assert response.status_code == 200
    [row] = feedback_for(stack.database_url, session)
    assert (row.rating, row.kind, row.message_id) == ("down", "answer", "m1")
    assert row.comment == "wrong town, call me on [PHONE]"


def test_the_same_feedback_twice_is_one_row(api, stack):
    session = uuid.uuid4().hex
    body = {"session_id": session, "rating": "4", "idempotency_key": uuid.uuid4().hex}
    first = api.post("/api/feedback", json=body).json()
    second = api.post("/api/feedback", json=body).json()
    assert first["id"] == second["id"]
    [row] = feedback_for(stack.database_url, session)
    assert row.kind == "chat" and row.rating == "4"


def test_concurrent_retries_store_one_row(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    key = uuid.uuid4().hex
    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = list(
            pool.map(lambda _: record_feedback(url, "c", "x", "up", "m", "answer", key), range(16))
        )
    assert len(set(ids)) == 1
    assert len(feedback_for(url, "c")) == 1


def test_malformed_feedback_is_a_readable_4xx(api):
    response = api.post("/api/feedback", json={"session_id": "s", "rating": "meh"})
    assert response.status_code == 422
    assert "rating" in response.json()["detail"] and "Traceback" not in response.text


def test_ready_only_when_everything_answers(api, api_without_rasa):
    assert api.get("/healthz").json()["status"] == "ok"
    ready = api.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"] == {
        "rasa": True,
        "actions": True,
        "index": True,
    }
    not_ready = api_without_rasa.get("/readyz")
    assert not_ready.status_code == 503
    assert not_ready.json()["checks"] == {"rasa": False, "actions": False, "index": False}


def test_health_counts_records_waiting_in_the_outbox_and_those_dead_lettered(tmp_path):
    box = tmp_path / "outbox.jsonl"
    down = "postgresql+psycopg://postgres@127.0.0.1:9/nowhere"  # nothing listens on port 9
    outbox.write(down, box, "enquiry", kind="term", answered=False, matches=0, facets={})
    outbox.dead_letter_path(box).write_text('{"v": 1, "line": "[", "error": "UnreadableLine"}\n')
    # Without `with`, the app starts no lifespan: /healthz needs no risk model.
    health = client_for(outbox_path=box, database_url=down).get("/healthz")
    assert health.status_code == 200  # waiting records are for monitoring, not for restarts
    assert health.json() == {"status": "ok", "outbox": {"pending": 1, "dead_letter": 1}}


def test_the_widget_and_demo_page_are_served(api):
    script = api.get("/widget.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert len(script.content) < 50_000
    page = api.get("/")
    assert '<script src="/widget.js"' in page.text


def test_cors_allows_only_the_configured_origins(tmp_path):
    council_site = "https://www.harrowfield.example.org"
    with client_for(
        cors_origins=[council_site], database_url=f"sqlite:///{tmp_path / 'c.db'}"
    ) as client:

        def preflight(origin: str):
            return client.options(
                "/api/chat",
                headers={
                    "Origin": origin,
                    "Access-Control-Request-Method": "POST",
                    "Access-Control-Request-Headers": "content-type",
                },
            )

        allowed = preflight(council_site)
        refused = preflight("https://elsewhere.example.com")
    assert allowed.headers.get("access-control-allow-origin") == council_site
    assert "access-control-allow-origin" not in refused.headers
