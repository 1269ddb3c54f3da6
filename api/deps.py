"""Things routes need, created once per process and handed out with `Depends`."""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from fastapi import Depends, Request

from api.rate_limit import RateLimiter
from api.sessions import RedisSessionStore, SessionStore
from core.config import Settings, get_settings
from indexer.council import Council, load_council
from indexer.oruk import load_directory
from review.gaps import Provision
from safeguarding.detector import RiskDetector
from safeguarding.loader import get_detector


def settings() -> Settings:
    return get_settings()


def council(settings: Settings = Depends(settings)) -> Council:
    """The council of the source this api serves (its numbers are in every apology)."""
    return council_of(settings.source)


@lru_cache(maxsize=8)
def council_of(source: Path) -> Council:
    return load_council(source)


def detector() -> RiskDetector:
    """The same risk check the Rasa server runs, for when Rasa is away and for feedback."""
    return get_detector(get_settings().safeguarding_dir)


def sessions(request: Request) -> SessionStore | RedisSessionStore:
    return request.app.state.sessions


def limits(request: Request) -> dict[str, RateLimiter]:
    return request.app.state.limits


def sign_in_checks(request: Request) -> threading.BoundedSemaphore:
    """Slots for the password checks this process may run at once."""
    return request.app.state.sign_in_checks


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@lru_cache(maxsize=1)
def provision() -> Provision:
    """The council's active services with their facets, for the gap report."""
    source = get_settings().source
    services = load_directory(source / "directory").services
    council_ = council_of(source)
    return Provision(services, council_.towns, council_.name)
