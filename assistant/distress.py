"""Notice when a family is struggling, so the reply can open with one kind sentence.

This is not the risk-of-harm check (safeguarding/ does that, and it always comes first):
it is for the parent at the end of their tether who still needs the answer. A sentence is
compared by meaning with a few ways of saying "this is too much"; the cut-off was tuned on
the labelled development set (docs/benchmarks.md).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from indexer import embedding

THRESHOLD = 0.55
_WAYS_OF_SAYING_IT = (
    "I am exhausted and I can't cope any more",
    "I'm at the end of my tether",
    "I am so stressed and worried, I don't know what to do",
    "I'm in tears every day over this",
    "we are really struggling as a family",
    "I feel like I'm failing my child",
    "I feel so alone with all of this",
    "I'm desperate, nobody is listening to us",
    "this is breaking me, I'm worn out",
    "I'm at my wits' end",
)
ACKNOWLEDGEMENT = "I'm sorry things are so hard at the moment."


@lru_cache(maxsize=1)
def _examples() -> np.ndarray:
    return embedding.encode(list(_WAYS_OF_SAYING_IT))


def distress_score(sentences: list[str]) -> float:
    """How close the closest sentence comes to saying it is all too much (cosine, -1 to 1)."""
    if not sentences:
        return 0.0
    scores = embedding.encode(sentences) @ _examples().T
    return float(scores.max())


def sounds_distressed(sentences: list[str], threshold: float = THRESHOLD) -> bool:
    return distress_score(sentences) >= threshold
