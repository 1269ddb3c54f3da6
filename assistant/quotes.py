"""Pick the one to three sentences of a guidance passage that answer the question.

Answers are quoted, never generated: the council approved these words.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from indexer import embedding
from indexer.text import sentences

# A neighbour joins the quote when it is nearly as relevant as the best sentence.
NEIGHBOUR_MARGIN = 0.12


@dataclass(frozen=True)
class Quote:
    text: str
    score: float  # similarity of the best sentence to the question


def best_quote(question: str, passage: str, most: int = 3) -> Quote:
    """The most relevant sentence of `passage`, with close-scoring neighbours, in order."""
    parts = sentences(passage)
    if not parts:
        return Quote(passage.strip(), 0.0)
    vectors = embedding.encode([question, *parts])
    scores = vectors[1:] @ vectors[0]
    best = int(np.argmax(scores))
    chosen = {best}
    for offset in (1, -1, 2, -2):
        neighbour = best + offset
        if len(chosen) >= most or not 0 <= neighbour < len(parts):
            continue
        adjacent = neighbour - 1 in chosen or neighbour + 1 in chosen
        if adjacent and scores[neighbour] >= scores[best] - NEIGHBOUR_MARGIN:
            chosen.add(neighbour)
    # A sentence ending in a colon introduces the next one; never quote it alone.
    last = max(chosen)
    if parts[last].endswith(":") and last + 1 < len(parts):
        chosen.add(last + 1)
    return Quote(" ".join(parts[i] for i in sorted(chosen)), float(scores[best]))


def best_sentences(question: str, passage: str, most: int = 3) -> str:
    return best_quote(question, passage, most).text
