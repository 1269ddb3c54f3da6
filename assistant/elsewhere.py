"""Matters outside the Local Offer (housing, admissions, parking) and who handles them.

Only consulted when the council's SEND content has no answer, so a loose match costs a
family one extra line, never a wrong answer.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from indexer import embedding
from indexer.council import Council, Referral

MIN_SIMILARITY = 0.45


@lru_cache(maxsize=8)
def _about_vectors(abouts: tuple[str, ...]) -> np.ndarray:
    """The council's referral topics, encoded once per process rather than per question."""
    return embedding.encode(list(abouts))


def referrals_for(question: str, council: Council, limit: int = 1) -> list[Referral]:
    """The council's referrals whose topic the question is about, closest first."""
    if not council.elsewhere or not question.strip():
        return []
    question_vector = embedding.encode([question])[0]
    scores = _about_vectors(tuple(referral.about for referral in council.elsewhere)) @ (
        question_vector
    )
    order = np.argsort(-scores)
    return [council.elsewhere[i] for i in order[:limit] if scores[i] >= MIN_SIMILARITY]
