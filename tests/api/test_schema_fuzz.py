"""Generated requests from the api's own OpenAPI schema: never a server error."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings

from api.main import OFFICER_MODULES, create_app
from api.routes import (
    chat,
    feedback,
    health,
    widget,
)
from core.config import Settings
from officers.accounts import authenticate, create_officer
from officers.sessions import start_session
from tests.stack import free_port

DEAD = f"http://127.0.0.1:{free_port()}"  # the relay's failure path is part of the contract
SETTINGS = Settings(
    rasa_url=DEAD,
    action_server_url=DEAD,
    database_url=f"sqlite:///{Path(tempfile.mkdtemp()) / 'fuzz.db'}",
    rate_limit_per_address=100_000,
    rate_limit_per_session=100_000,
    new_sessions_per_address=100_000,
    login_attempts_per_minute=100_000,
)
app = create_app(SETTINGS)


# The officer pages are not in the published schema, but they are fuzzed all the same.
everything = FastAPI(title=app.title, version=app.version)
for module in (chat, feedback, health, widget, *OFFICER_MODULES):
    everything.include_router(module.router)
app.openapi = everything.openapi
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
# Half the requests come from a signed-in officer, so the officer pages' own checks are fuzzed
# too, not only the sign-in wall in front of them.
create_officer(SETTINGS.database_url, "fuzz", "a long enough password")
SIGNED_IN = start_session(
    SETTINGS.database_url,
    authenticate(SETTINGS.database_url, "fuzz", "a long enough password").officer_id,
    timedelta(hours=1),
)
REQUESTS = {"sent": 0}


@schema.parametrize()
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_generated_request_causes_a_server_error(case):
    signed_in = REQUESTS["sent"] % 2 == 0
    response = case.call(cookies={"lo_officer": SIGNED_IN} if signed_in else {})
    REQUESTS["sent"] += 1
    if case.path == "/readyz":  # 503 is its documented answer while Rasa is away
        assert response.status_code < 500 or response.status_code == 503
        return
    assert response.status_code < 500, (case.method, case.path, case.body, response.text)


def test_at_least_a_thousand_requests_were_generated():
    assert REQUESTS["sent"] >= 1000, REQUESTS
