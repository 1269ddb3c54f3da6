"""The Rasa project itself: its data validates, and its test stories and NLU test set pass."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests.conftest import REPO_ROOT
from tests.stack import MODEL, RASA

TESTS = REPO_ROOT / "tests" / "bot"
INTENT_MACRO_F1 = 0.90
ENTITY_MICRO_F1 = 0.85


def rasa(*args: str, timeout: int = 1200) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(RASA), *args],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def model():
    if not MODEL.is_file():
        pytest.fail(f"No trained model at {MODEL}: run `make train` (make test does it for you).")
    return MODEL


def test_training_data_validates():
    result = rasa(
        "data",
        "validate",
        "--domain",
        "bot",
        "--data",
        "bot/data",
        "--config",
        "config.yml",
        "--fail-on-warnings",
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_every_test_story_passes(model, tmp_path):
    stories = TESTS / "test_stories.yml"
    result = rasa(
        "test",
        "core",
        "--model",
        str(model),
        "--stories",
        str(stories),
        "--out",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stderr[-4000:]
    report = json.loads((tmp_path / "story_report.json").read_text())
    failed = (tmp_path / "failed_test_stories.yml").read_text()
    assert "story:" not in failed, failed[:4000]
    assert report["conversation_accuracy"]["total"] >= 25
    assert report["conversation_accuracy"]["correct"] == report["conversation_accuracy"]["total"]


def test_nlu_on_the_held_out_test_set(model, tmp_path):
    result = rasa(
        "test",
        "nlu",
        "--model",
        str(model),
        "--nlu",
        str(TESTS / "nlu_test.yml"),
        "--out",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stderr[-4000:]
    intents = json.loads((tmp_path / "intent_report.json").read_text())
    entities = json.loads((tmp_path / "DIETClassifier_report.json").read_text())
    intent_f1 = intents["macro avg"]["f1-score"]
    entity_f1 = entities["micro avg"]["f1-score"]
    print(f"intent macro-F1 {intent_f1:.3f}, entity micro-F1 {entity_f1:.3f}")
    assert intent_f1 >= INTENT_MACRO_F1
    assert entity_f1 >= ENTITY_MICRO_F1
