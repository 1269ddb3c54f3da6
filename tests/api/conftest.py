"""The api, wired to the real stack (or to a dead or silent one) through its settings."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from core.config import Settings
from tests.stack import free_port

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def client_for(**overrides) -> TestClient:
    return TestClient(create_app(Settings(**overrides)))


@pytest.fixture
def api(stack, knowledge_index):
    with client_for(
        rasa_url=stack.rasa_url,
        action_server_url=f"http://127.0.0.1:{stack.action_port}",
        database_url=stack.database_url,
        index_dir=knowledge_index,
    ) as client:
        yield client


@pytest.fixture
def api_without_rasa(tmp_path):
    dead = free_port()  # nothing listens here
    with client_for(
        rasa_url=f"http://127.0.0.1:{dead}",
        action_server_url=f"http://127.0.0.1:{dead}",
        database_url=f"sqlite:///{tmp_path / 'app.db'}",
        index_dir=tmp_path / "no-index",
    ) as client:
        yield client


@pytest.fixture
def silent_rasa():
    """A server that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
                held.append(connection)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    listener.close()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium under Playwright: never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: `make setup-browser` installs it.")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
