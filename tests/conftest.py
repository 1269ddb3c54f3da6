"""Shared fixtures: real sources, real indexes built once per test session, real databases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.paths import KNOWLEDGE, REPO_ROOT, SMALL_SOURCE  # noqa: F401 (re-exported)
from tests.services import app_database_url, drop_postgres_database, fresh_postgres_database
from tests.stack import MODEL, start_stack

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(params=["sqlite", "postgres"])
def any_database(request, tmp_path):
    """An app database URL: a SQLite file, then a fresh PostgreSQL database (dropped after)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'app.db'}"
        return
    name = fresh_postgres_database("lo_test")
    try:
        yield app_database_url(name)
    finally:
        drop_postgres_database(name)


def _find_oruk_fixtures() -> Path:
    for parent in [REPO_ROOT, *REPO_ROOT.parents]:
        candidate = parent / "shared" / "fixtures" / "oruk"
        if candidate.is_dir():
            return candidate
    raise RuntimeError("shared/fixtures/oruk not found beside the repository")


@pytest.fixture(scope="session")
def oruk_fixtures() -> Path:
    return _find_oruk_fixtures()


@pytest.fixture(scope="session")
def small_index(tmp_path_factory) -> Path:
    """The small test source, built with the real model."""
    from indexer.build import build_index

    out = tmp_path_factory.mktemp("small") / "index"
    build_index(SMALL_SOURCE, out, progress=False)
    return out


@pytest.fixture(scope="session")
def knowledge_index(tmp_path_factory) -> Path:
    """The embedded default knowledge, built with the real model."""
    from indexer.build import build_index

    out = tmp_path_factory.mktemp("knowledge") / "index"
    build_index(KNOWLEDGE, out, progress=False)
    return out


@pytest.fixture(scope="session", params=["embedded", "postgres"])
def stack(request, knowledge_index, tmp_path_factory):
    """The whole assistant, once on the one-machine default and once on PostgreSQL + Redis."""
    if not MODEL.is_file():
        pytest.fail(f"No trained model at {MODEL}: run `make train` (make test does it for you).")
    running = start_stack(
        knowledge_index, tmp_path_factory.mktemp(f"stack-{request.param}"), backend=request.param
    )
    try:
        yield running
    finally:
        running.stop()


# Tests that start a Rasa server or a browser: `make test-fast` leaves them out.
_STACK_FIXTURES = {"stack", "api", "browser", "telegram", "other_council_rasa"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _STACK_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.stack)
