"""Matters outside the Local Offer (housing, admissions, parking) and who handles them.

Only consulted when the council's SEND content has no answer, so a loose match costs a
family one extra line, never a wrong answer.
"""

from __future__ import annotations

import numpy as np

from indexer import embedding
from indexer.council import Council, Referral

MIN_SIMILARITY = 0.45


def referrals_for(question: str, council: Council, limit: int = 1) -> list[Referral]:
    """The council's referrals whose topic the question is about, closest first."""
    if not council.elsewhere or not question.strip():
        return []
    vectors = embedding.encode([question, *(referral.about for referral in council.elsewhere)])
    scores = vectors[1:] @ vectors[0]
    order = np.argsort(-scores)
    return [council.elsewhere[i] for i in order[:limit] if scores[i] >= MIN_SIMILARITY]
