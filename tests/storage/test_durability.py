"""No acknowledged write is lost: a feedback writer killed with SIGKILL fifty times."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, select, text

from storage.database import session_scope
from storage.models import Feedback
from tests.paths import REPO_ROOT

KILLS = 50
WRITER = """
import sys
from storage.records import record_feedback
url, run = sys.argv[1], sys.argv[2]
for number in range(100000):
    key = f"{run}-{number}"
    # No comment, as most thumbs come: each of the hundred writers starts without loading the
    # redactor's pipeline, so the test measures commits rather than start-up.
    record_feedback(url, "durability", "", "up", idempotency_key=key)
    print(key, flush=True)  # acknowledged: the commit has returned
"""


@pytest.fixture
def database_url(any_database):
    return any_database


def _kill_once(url: str, run: int, rng: random.Random) -> list[str]:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, url, str(run)],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    writer.stdout.readline()  # wait until it is writing, then kill it mid-stream
    time.sleep(rng.uniform(0.0, 0.15))
    writer.send_signal(signal.SIGKILL)
    remaining, _ = writer.communicate(timeout=30)
    return remaining.split()


@pytest.mark.slow
def test_every_acknowledged_feedback_survives_sigkill(database_url):
    rng = random.Random(7)
    acknowledged: list[str] = []
    for run in range(KILLS):
        acknowledged += [f"{run}-0"] + _kill_once(database_url, run, rng)
    with session_scope(database_url) as session:
        stored = set(session.scalars(select(Feedback.idempotency_key)))
    assert len(acknowledged) > KILLS
    assert set(acknowledged) <= stored
    engine = create_engine(database_url)
    with engine.connect() as connection:
        if database_url.startswith("sqlite"):
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        else:
            assert connection.execute(text("SHOW synchronous_commit")).scalar() == "on"
    engine.dispose()
