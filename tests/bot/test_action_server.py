"""The action server refuses to start on a missing or broken index, saying what is wrong."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.paths import REPO_ROOT


def test_a_missing_index_stops_the_action_server_with_a_clear_message(tmp_path):
    started = subprocess.run(
        [sys.executable, "-m", "bot.action_server", "--actions", "bot.actions", "--port", "1"],
        cwd=REPO_ROOT,
        env={**os.environ, "LOCALOFFER_INDEX_DIR": str(tmp_path / "nowhere")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode == 2
    assert "cannot start: No index found" in started.stderr
    assert "python -m indexer build" in started.stderr and "Traceback" not in started.stderr
