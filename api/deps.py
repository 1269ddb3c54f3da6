"""Things routes need, created once per process and handed out with `Depends`."""

from __future__ import annotations

from functools import lru_cache

from fastapi import Request

from api.rate_limit import RateLimiter
from api.sessions import RedisSessionStore, SessionStore
from core.config import Settings, get_settings
from indexer.council import Council, load_council
from indexer.oruk import load_directory
from review.gaps import Provision


def settings() -> Settings:
    return get_settings()


@lru_cache(maxsize=1)
def council() -> Council:
    return load_council(get_settings().source)


def sessions(request: Request) -> SessionStore | RedisSessionStore:
    return request.app.state.sessions


def limits(request: Request) -> dict[str, RateLimiter]:
    return request.app.state.limits


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@lru_cache(maxsize=1)
def provision() -> Provision:
    """The council's active services with their facets, for the gap report."""
    source = get_settings().source
    services = load_directory(source / "directory").services
    council_ = council()
    return Provision(services, council_.towns, council_.name)
