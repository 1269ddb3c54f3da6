"""The Rasa tracker store's engine keeps the events it writes out of its error messages."""

from __future__ import annotations

import subprocess

from tests.paths import REPO_ROOT

RASA_PYTHON = REPO_ROOT / ".venv-rasa" / "bin" / "python"
TYPED = "Sam Smith 07700 900123"
PROBE = """
import sys
from rasa.shared.core.domain import Domain
from sqlalchemy import text
from bot.tracker_store import RedactingTrackerStore

store = RedactingTrackerStore(Domain.empty(), dialect="sqlite", db=sys.argv[1])
try:
    with store.engine.begin() as connection:
        insert = text("INSERT INTO no_such_table (note) VALUES (:note)")
        connection.execute(insert, {"note": sys.argv[2]})
except Exception as error:
    print(error)
"""


def test_a_failed_tracker_store_statement_does_not_show_its_parameters(tmp_path):
    probe = subprocess.run(
        [str(RASA_PYTHON), "-c", PROBE, str(tmp_path / "rasa.db"), TYPED],
        cwd=REPO_ROOT,
        env={"PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "no_such_table" in probe.stdout
    assert TYPED not in probe.stdout
