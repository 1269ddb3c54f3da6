"""Notice when a family is struggling, so the reply can open with one kind sentence.

This is not the risk-of-harm check (safeguarding/ does that, and it always comes first):
it is for the parent at the end of their tether who still needs the answer. A logistic
regression over MiniLM embeddings of labelled messages (assistant/data/distress_train.jsonl,
written apart from the evaluation sets) is fitted once per process; the cut-off was chosen
on the labelled development set (docs/benchmarks.md).
"""

from __future__ import annotations

import json
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from indexer import embedding

TRAINING = Path(__file__).parent / "data" / "distress_train.jsonl"
THRESHOLD = 0.7
ACKNOWLEDGEMENT = "I'm sorry things are so hard at the moment."
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _classifier() -> LogisticRegression:
    rows = [json.loads(line) for line in TRAINING.read_text().splitlines() if line.strip()]
    vectors = embedding.encode([row["text"] for row in rows])
    labels = np.array([bool(row["distress"]) for row in rows])
    return LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000).fit(vectors, labels)


def distress_score(text: str) -> float:
    """The probability that the message shows its writer is struggling."""
    if not text.strip():
        return 0.0
    with _lock:  # fitted once; concurrent first calls wait rather than fit twice
        classifier = _classifier()
    return float(classifier.predict_proba(embedding.encode([text]))[0, 1])


def sounds_distressed(text: str, threshold: float = THRESHOLD) -> bool:
    return distress_score(text) >= threshold
