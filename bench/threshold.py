"""Calibrate the score below which the assistant says it does not know.

    python -m bench.threshold

Answerable: the retrieval evaluation questions. Unanswerable: questions the council's
content does not cover (tests/data/unanswerable.txt). For each, the best document's cosine
similarity; the threshold is the one that best separates the two (balanced accuracy).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402

from bench.report import machine_description, replace_section  # noqa: E402
from core.config import PROJECT_ROOT, get_settings  # noqa: E402
from indexer.build import build_index  # noqa: E402
from indexer.evaluation import load_questions  # noqa: E402
from indexer.search import Retriever  # noqa: E402

DATA = PROJECT_ROOT / "tests" / "data"


def best_scores(retriever: Retriever, questions: list[str]) -> np.ndarray:
    scores = []
    for question in questions:
        hits = retriever.search(question, top_k=1).hits
        scores.append(hits[0].dense_score if hits else 0.0)
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
    answerable_questions = [q.question for q in load_questions(DATA / "retrieval_eval.jsonl")]
    unanswerable_questions = (DATA / "unanswerable.txt").read_text().splitlines()
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
        "| questions | n | best-match cosine: median | 10th percentile | 90th percentile |",
        "|---|---|---|---|---|",
        f"| answerable (evaluation set) | {len(answerable)} | {np.median(answerable):.2f} | "
        f"{np.percentile(answerable, 10):.2f} | {np.percentile(answerable, 90):.2f} |",
        f"| not covered (`tests/data/unanswerable.txt`) | {len(unanswerable)} | "
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
