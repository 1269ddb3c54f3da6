"""Liveness and readiness for load balancers and `make run`."""

from __future__ import annotations

import httpx
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from api import deps
from core.config import Settings
from indexer.index_files import IndexUnavailable, read_manifest, resolve_version
from storage import outbox

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz(settings: Settings = Depends(deps.settings)) -> dict:
    """The api process is up, and how many of its records have not reached the app database.

    Records waiting or refused never make it unhealthy (a restart would not write them); they
    are there for monitoring to alert on.
    """
    waiting = outbox.counts(settings.outbox_path)
    return {
        "status": "ok",
        "outbox": {"pending": waiting.pending, "dead_letter": waiting.dead_letter},
    }


@router.get("/readyz")
async def readyz(request: Request, settings: Settings = Depends(deps.settings)):
    """Ready only when Rasa, the action server and the index all answer."""
    client: httpx.AsyncClient = request.app.state.http
    checks = {
        "rasa": await _answers(client, f"{settings.rasa_url}/"),
        "actions": await _answers(client, f"{settings.action_server_url}/health"),
        "index": _index_readable(settings),
    }
    ready = all(checks.values())
    return JSONResponse(
        status_code=200 if ready else 503,
        content={"status": "ready" if ready else "not ready", "checks": checks},
    )


async def _answers(client: httpx.AsyncClient, url: str) -> bool:
    try:
        return (await client.get(url, timeout=2.0)).status_code == 200
    except httpx.HTTPError:
        return False


def _index_readable(settings: Settings) -> bool:
    try:
        read_manifest(resolve_version(settings.index_dir))
    except IndexUnavailable:
        return False
    return True
