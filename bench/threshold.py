"""Calibrate the score below which the assistant says it does not know.

    python -m bench.threshold

Answerable: the retrieval evaluation questions and the covered questions of the labelled
development set. Unanswerable: questions the council's content does not cover
(tests/data/unanswerable.txt and the development set's uncovered ones). For each, the score
the answerer itself uses (the best passage's composed score, `assistant/passages.py`); the
threshold is the one that best separates the two (balanced accuracy). Not blind: the
development set and these lists are tuned on.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402

from assistant.passages import rank_passages  # noqa: E402
from assistant.understanding import read_message  # noqa: E402
from bench.answers import load_set  # noqa: E402
from bench.report import machine_description, replace_section  # noqa: E402
from core.config import PROJECT_ROOT, get_settings  # noqa: E402
from indexer.build import build_index  # noqa: E402
from indexer.evaluation import load_questions  # noqa: E402
from indexer.search import Retriever  # noqa: E402

DATA = PROJECT_ROOT / "tests" / "data"


def best_scores(retriever: Retriever, questions: list[str]) -> np.ndarray:
    scores = []
    for question in questions:
        age = retriever.extractor.extract(question).age
        ranked = rank_passages(read_message(question), retriever, age)
        scores.append(ranked[0].score if ranked else 0.0)
    return np.array(scores)


def calibrate(answerable: np.ndarray, unanswerable: np.ndarray) -> tuple[float, float]:
    """(threshold, balanced accuracy) maximising balanced accuracy over candidate cut-offs."""
    best = (0.0, 0.0)
    for threshold in np.arange(0.10, 0.80, 0.01):
        kept = (answerable >= threshold).mean()
        refused = (unanswerable < threshold).mean()
        balanced = (kept + refused) / 2
        if balanced > best[1]:
            best = (round(float(threshold), 2), float(balanced))
    return best


def main() -> None:
    development = [label for label in load_set("dev") if label["kind"] != "service"]
    answerable_questions = [
        q.question
        for q in load_questions(DATA / "retrieval_eval.jsonl")
        if any("#" in gold for gold in q.gold)
    ]
    answerable_questions += [label["question"] for label in development if label["covered"]]
    unanswerable_questions = (DATA / "unanswerable.txt").read_text().splitlines()
    unanswerable_questions += [label["question"] for label in development if not label["covered"]]
    with tempfile.TemporaryDirectory() as folder:
        index = Path(folder) / "index"
        build_index(PROJECT_ROOT / "knowledge", index, progress=False)
        retriever = Retriever(index)
        answerable = best_scores(retriever, answerable_questions)
        unanswerable = best_scores(retriever, unanswerable_questions)
    threshold, balanced = calibrate(answerable, unanswerable)
    current = get_settings().answer_min_score
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} by `python -m bench.threshold` on "
        f"{machine_description()}.",
        "",
        "| questions | n | best passage score: median | 10th percentile | 90th percentile |",
        "|---|---|---|---|---|",
        f"| answerable (evaluation and development sets) | {len(answerable)} | "
        f"{np.median(answerable):.2f} | "
        f"{np.percentile(answerable, 10):.2f} | {np.percentile(answerable, 90):.2f} |",
        f"| not covered (`unanswerable.txt`, development set) | {len(unanswerable)} | "
        f"{np.median(unanswerable):.2f} | {np.percentile(unanswerable, 10):.2f} | "
        f"{np.percentile(unanswerable, 90):.2f} |",
        "",
        f"Best cut-off: **{threshold:.2f}** (balanced accuracy {balanced:.3f}). The setting "
        f"`LOCALOFFER_ANSWER_MIN_SCORE` is {current:.2f}: at it, "
        f"{(answerable >= current).mean() * 100:.0f} % of answerable questions are answered and "
        f"{(unanswerable < current).mean() * 100:.0f} % of uncovered ones are declined.",
    ]
    section = "\n".join(lines)
    replace_section(PROJECT_ROOT / "docs" / "benchmarks.md", "Answer threshold", section)
    print(section)


if __name__ == "__main__":
    main()
