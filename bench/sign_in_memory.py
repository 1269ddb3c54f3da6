"""Memory added by a burst of anonymous sign-ins: the api's bound on concurrent password checks.

Starts the real app under uvicorn in this process, sends 24 wrong sign-ins at once (the size of
the burst in the security review, issue 13), and reports how far the process's peak resident
memory grew and how the sign-ins were answered.
"""

from __future__ import annotations

import re
import resource
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import uvicorn

from api.main import create_app
from bench.report import machine_description, replace_section
from core.config import PROJECT_ROOT, Settings
from officers.accounts import create_officer
from tests.stack import free_port

BURST = 24


def sign_in_once(base: str, username: str, start: threading.Barrier) -> int:
    with httpx.Client(base_url=base, timeout=60) as client:
        page = client.get("/officer/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        start.wait()
        form = {"username": username, "password": "not the password", "csrf_token": token}
        return client.post("/officer/login", data=form).status_code


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            database_url=f"sqlite:///{Path(folder) / 'app.db'}",
            login_attempts_per_minute=100_000,  # the bound under test, not the rate limit
        )
        create_officer(settings.database_url, "amy", "correct horse battery")
        port = free_port()
        # No lifespan: the risk detector it loads plays no part in signing in.
        config = uvicorn.Config(create_app(settings), port=port, lifespan="off", log_level="error")
        server = uvicorn.Server(config)
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        try:
            sign_in_once(base, "warm-up", threading.Barrier(1))
            before = peak_rss_mib()
            start, answers = threading.Barrier(BURST), []
            threads = [
                threading.Thread(
                    target=lambda n=n: answers.append(sign_in_once(base, f"guess{n}", start))
                )
                for n in range(BURST)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            grown = peak_rss_mib() - before
        finally:
            server.should_exit = True
    statuses = ", ".join(
        f"{count} × {status}" for status, count in sorted(Counter(answers).items())
    )
    section = (
        f"Measured {time.strftime('%Y-%m-%d')} by `python -m bench.sign_in_memory` on "
        f"{machine_description()}: {BURST} wrong sign-ins sent at once to the api "
        f"(`LOCALOFFER_LOGIN_CONCURRENT_CHECKS` = {settings.login_concurrent_checks}).\n\n"
        f"| peak memory added | answers |\n|---|---|\n| {grown:.0f} MiB | {statuses} |\n\n"
        '401 is a checked, wrong sign-in; 429 is "busy", answered at once without a check. '
        "The security review measured ~900 MiB for the same burst before the bound."
    )
    replace_section(PROJECT_ROOT / "docs" / "benchmarks.md", "Sign-in memory", section)
    print(section)


if __name__ == "__main__":
    main()
