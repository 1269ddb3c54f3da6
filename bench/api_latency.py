"""What the api adds on top of a direct call to the Rasa REST channel, measured side by side.

    python -m bench.api_latency     (needs a trained model: make train)

Starts the action server and the Rasa server (as the tests do) and the api in-process, then
sends each message both ways, alternating, and reports p50 and p95 of the difference.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import httpx  # noqa: E402
import numpy as np  # noqa: E402
import uvicorn  # noqa: E402

from api.main import create_app  # noqa: E402
from bench.report import machine_description, replace_section  # noqa: E402
from core.config import PROJECT_ROOT, Settings  # noqa: E402
from indexer.build import build_index  # noqa: E402
from tests.stack import free_port, start_stack  # noqa: E402

MESSAGES = ["hello", "what's a SENCO?", "thanks", "can I speak to a person", "what is OPAL"]
ROUNDS = 40


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        build_index(PROJECT_ROOT / "knowledge", workdir / "index", progress=False)
        stack = start_stack(workdir / "index", workdir)
        port = free_port()
        settings = Settings(
            rasa_url=stack.rasa_url,
            database_url=stack.database_url,
            rate_limit_per_session=100_000,
            rate_limit_per_address=100_000,
        )
        server = uvicorn.Server(
            uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
        )
        threading.Thread(target=server.run, daemon=True).start()
        time.sleep(2)
        direct, relayed = [], []
        try:
            with httpx.Client(timeout=30) as client:
                session = None
                for number in range(ROUNDS * len(MESSAGES) + 5):
                    text = MESSAGES[number % len(MESSAGES)]
                    started = time.perf_counter()
                    client.post(
                        f"{stack.rasa_url}/webhooks/rest/webhook",
                        json={"sender": "bench-direct", "message": text},
                    ).raise_for_status()
                    middle = time.perf_counter()
                    response = client.post(
                        f"http://127.0.0.1:{port}/api/chat",
                        json={"session_id": session, "message": text},
                    )
                    response.raise_for_status()
                    session = response.json()["session_id"]
                    ended = time.perf_counter()
                    if number >= 5:  # warm-up
                        direct.append((middle - started) * 1000)
                        relayed.append((ended - middle) * 1000)
        finally:
            server.should_exit = True
            stack.stop()
    added = np.array(relayed) - np.array(direct)
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} by `python -m bench.api_latency` on "
        f"{machine_description()}: {len(added)} messages sent both ways, alternating.",
        "",
        "| | p50 ms | p95 ms |",
        "|---|---|---|",
        f"| direct to the Rasa REST channel | {np.median(direct):.1f} | "
        f"{np.percentile(direct, 95):.1f} |",
        f"| through the api (`POST /api/chat`) | {np.median(relayed):.1f} | "
        f"{np.percentile(relayed, 95):.1f} |",
        f"| added by the api (per-message difference) | {np.median(added):.1f} | "
        f"{np.percentile(added, 95):.1f} |",
    ]
    section = "\n".join(lines)
    replace_section(PROJECT_ROOT / "docs" / "benchmarks.md", "Chat api latency", section)
    print(section)


if __name__ == "__main__":
    main()
