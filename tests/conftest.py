"""Shared fixtures: real sources, and real indexes built once per test session."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.paths import KNOWLEDGE, REPO_ROOT, SMALL_SOURCE  # noqa: F401 (re-exported)
from tests.stack import MODEL, RASA, Stack, free_port, wait_until_up

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


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


@pytest.fixture(scope="session")
def stack(knowledge_index, tmp_path_factory):
    if not MODEL.is_file():
        pytest.fail(f"No trained model at {MODEL}: run `make train` (make test does it for you).")
    workdir = tmp_path_factory.mktemp("stack")
    action_port, rasa_port = free_port(), free_port()
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n')
    database_url = f"sqlite:///{workdir / 'app.db'}"
    action_env = {
        **os.environ,
        "LOCALOFFER_INDEX_DIR": str(knowledge_index),
        "LOCALOFFER_SOURCE": str(KNOWLEDGE),
        "LOCALOFFER_DATABASE_URL": database_url,
        "HF_HUB_OFFLINE": "1",
        "SANIC_HOST": "127.0.0.1",
    }
    running = Stack(f"http://127.0.0.1:{rasa_port}", action_port, database_url, workdir, action_env)
    try:
        running.start_actions()
        log = workdir / "rasa.log"
        running.processes["rasa"] = subprocess.Popen(
            [
                str(RASA),
                "run",
                "--model",
                str(MODEL),
                "--endpoints",
                str(endpoints),
                "--credentials",
                str(REPO_ROOT / "bot" / "credentials.yml"),
                "--port",
                str(rasa_port),
                "--interface",
                "127.0.0.1",
            ],
            cwd=REPO_ROOT,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        wait_until_up(f"{running.rasa_url}/", running.processes["rasa"], log, 300)
        yield running
    finally:
        running.stop()
