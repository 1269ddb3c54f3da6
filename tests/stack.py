"""The real stack: the Rasa server and the action server on free ports, and ways to talk to it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import uvicorn

from bot.endpoints import write_endpoints
from bot.model_check import verify
from core.config import Settings
from tests.paths import KNOWLEDGE, REPO_ROOT
from tests.services import (
    REDIS_URL,
    app_database_url,
    drop_postgres_database,
    ensure_redis,
    fresh_postgres_database,
    tracker_store_url,
)

MODEL = REPO_ROOT / "var" / "models" / "localoffer.tar.gz"
RASA = REPO_ROOT / ".venv-rasa" / "bin" / "rasa"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise RuntimeError(f"{url} did not come up in {seconds}s:\n{log.read_text()[-3000:]}")


@dataclass
class Stack:
    """A running assistant: talk to it as the REST channel would."""

    rasa_url: str
    action_port: int
    database_url: str
    workdir: Path
    action_env: dict
    processes: dict = field(default_factory=dict)
    backend: str = "embedded"
    stores: dict = field(default_factory=dict)  # tracker_store_url, lock_store_url
    databases: list = field(default_factory=list)  # PostgreSQL databases to drop at the end
    source: Path = KNOWLEDGE  # the council whose numbers the Rasa server gives

    def start_rasa(self) -> tuple[subprocess.Popen, str]:
        """Another Rasa server sharing this stack's action server and stores."""
        process, url = start_rasa(
            self.workdir, self.action_port, extra_env=rasa_env(self.source), **self.stores
        )
        self.processes[f"rasa-{url}"] = process
        return process, url

    def send(self, sender: str, text: str) -> list[dict]:
        response = httpx.post(
            f"{self.rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            timeout=60,
        )
        response.raise_for_status()
        return response.json()

    def start_actions(self) -> None:
        log = self.workdir / "actions.log"
        self.processes["actions"] = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bot.action_server",
                "--actions",
                "bot.actions",
                "--port",
                str(self.action_port),
            ],
            cwd=REPO_ROOT,
            env=self.action_env,
            stdout=log.open("a"),
            stderr=subprocess.STDOUT,
        )
        wait_until_up(
            f"http://127.0.0.1:{self.action_port}/health", self.processes["actions"], log, 120
        )

    def stop_actions(self) -> None:
        process = self.processes.pop("actions", None)
        if process is not None:
            process.terminate()
            process.wait(timeout=30)

    def stop(self) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        for name in self.databases:
            drop_postgres_database(name)


def texts(messages: list[dict]) -> list[str]:
    return [message["text"] for message in messages if "text" in message]


def all_text(messages: list[dict]) -> str:
    return "\n".join(texts(messages))


def cards(messages: list[dict]) -> list[dict]:
    return [card for m in messages if "custom" in m for card in m["custom"].get("cards", [])]


def citations(messages: list[dict]) -> list[dict]:
    return [c for m in messages if "custom" in m for c in m["custom"].get("citations", [])]


def rasa_env(source: Path) -> dict:
    """The Rasa server fills in the council's numbers from this source's council.yml."""
    return {"LOCALOFFER_SOURCE": str(source)}


def start_rasa(
    workdir: Path,
    action_port: int,
    credentials: Path = REPO_ROOT / "bot" / "credentials.yml",
    extra_env: dict | None = None,
    tracker_store_url: str = "",
    lock_store_url: str = "",
) -> tuple[subprocess.Popen, str]:
    """A Rasa server on a free localhost port, running the trained model; (process, url)."""
    verify(MODEL)
    port = free_port()
    endpoints = workdir / f"endpoints-{port}.yml"
    stores = Settings(tracker_store_url=tracker_store_url, lock_store_url=lock_store_url)
    write_endpoints(
        endpoints, stores, f"http://127.0.0.1:{action_port}/webhook", key_prefix=workdir.name
    )
    log = workdir / f"rasa-{port}.log"
    process = subprocess.Popen(
        [
            str(RASA),
            "run",
            "--model",
            str(MODEL),
            "--endpoints",
            str(endpoints),
            "--credentials",
            str(credentials),
            "--port",
            str(port),
            "--interface",
            "127.0.0.1",
        ],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), **(extra_env or {})},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/", process, log, 300)
    except BaseException:
        process.terminate()
        raise
    return process, url


def start_stack(
    index_dir: Path,
    workdir: Path,
    source: Path = KNOWLEDGE,
    backend: str = "embedded",
    database_url: str | None = None,
) -> Stack:
    """The action server and the Rasa server on free ports, using `index_dir`; call `stop()`.

    `embedded` is the one-machine default (SQLite, conversations in memory, in-process locks);
    `postgres` puts the app database and Rasa's tracker store in fresh PostgreSQL databases and
    Rasa's locks in Redis, as in production.
    """
    action_port = free_port()
    databases, stores = [], {}
    if backend == "postgres":
        ensure_redis()
        databases = [fresh_postgres_database("lo_app"), fresh_postgres_database("lo_rasa")]
        database_url = app_database_url(databases[0])
        stores = {
            "tracker_store_url": tracker_store_url(databases[1]),
            "lock_store_url": REDIS_URL,
        }
    else:
        database_url = database_url or f"sqlite:///{workdir / 'app.db'}"
    action_env = {
        **os.environ,
        "LOCALOFFER_INDEX_DIR": str(index_dir),
        "LOCALOFFER_SOURCE": str(source),
        "LOCALOFFER_DATABASE_URL": database_url,
        "LOCALOFFER_OUTBOX_PATH": str(workdir / "outbox.jsonl"),
        "HF_HUB_OFFLINE": "1",
        "SANIC_HOST": "127.0.0.1",
    }
    running = Stack(
        "", action_port, database_url, workdir, action_env, {}, backend, stores, databases, source
    )
    try:
        running.start_actions()
        running.processes["rasa"], running.rasa_url = start_rasa(
            workdir, action_port, extra_env=rasa_env(source), **stores
        )
    except BaseException:
        running.stop()
        raise
    return running


@contextmanager
def serving(app) -> Iterator[str]:
    """Serve an ASGI app with uvicorn on a free localhost port; yields its URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)
