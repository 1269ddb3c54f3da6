"""Conversation understanding on the held-out NLU test set (never trained on).

python -m bench.nlu        (needs a trained model: make train)
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from bench.report import machine_description, replace_section
from core.config import PROJECT_ROOT

MODEL = PROJECT_ROOT / "var" / "models" / "localoffer.tar.gz"
TEST_SET = PROJECT_ROOT / "tests" / "bot" / "nlu_test.yml"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [
                str(PROJECT_ROOT / ".venv-rasa" / "bin" / "rasa"),
                "test",
                "nlu",
                "--model",
                str(MODEL),
                "--nlu",
                str(TEST_SET),
                "--out",
                folder,
            ],
            cwd=PROJECT_ROOT,
            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
            check=True,
            capture_output=True,
        )
        intents = json.loads((Path(folder) / "intent_report.json").read_text())
        entities = json.loads((Path(folder) / "DIETClassifier_report.json").read_text())
    rows = [
        f"| {name} | {values['precision']:.2f} | {values['recall']:.2f} | "
        f"{values['f1-score']:.2f} | {values['support']} |"
        for name, values in sorted(entities.items())
        if isinstance(values, dict) and "avg" not in name
    ]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} by `python -m bench.nlu` (`rasa test nlu` on "
        f"`tests/bot/nlu_test.yml`, {intents['macro avg']['support']} messages never trained "
        f"on) on {machine_description()}.",
        "",
        f"- Intent macro-F1: **{intents['macro avg']['f1-score']:.3f}** (target ≥ 0.90); "
        f"accuracy {intents['accuracy']:.3f}.",
        f"- Entity micro-F1 (DIET): **{entities['micro avg']['f1-score']:.3f}** (target ≥ 0.85).",
        "",
        "| entity | precision | recall | F1 | support |",
        "|---|---|---|---|---|",
        *rows,
    ]
    section = "\n".join(lines)
    replace_section(PROJECT_ROOT / "docs" / "benchmarks.md", "Conversation understanding", section)
    print(section)


if __name__ == "__main__":
    main()
