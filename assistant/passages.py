"""Rank guidance passages for a family's message, scoring each by its best sentence too.

A passage ranked on its whole text alone often loses to a neighbour that reads alike
("week 6" and "week 16"); the single sentence that answers is the sharper signal. The
family's story counts as context, never as the thing to look up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.glossary import is_glossary_passage
from assistant.understanding import ReadMessage
from indexer import embedding
from indexer.search import Hit, Retriever

# How much of a passage's score comes from its best sentence, and how much of the passage
# match comes from the whole message rather than the question sentences alone.
UNIT_SHARE = 0.25
CONTEXT_SHARE = 0.7
CANDIDATES = 6

# A passage whose heading names an age range the child is outside of is rarely the answer.
AGE_MISMATCH_PENALTY = 0.08
# A definition names the thing asked about without answering what to do about it; the
# glossary answers "what is", through its own intent, and is the last resort here.
GLOSSARY_PENALTY = 0.08
_HEADING_AGES = re.compile(r"\baged (\d{1,2}) (?:to|-) (\d{1,2})\b", re.IGNORECASE)


@dataclass
class Candidate:
    """A guidance passage with how well it, and each of its units, fits the question."""

    hit: Hit
    units: list[tuple[str, str]]
    unit_scores: np.ndarray
    score: float
    penalised: bool = False  # a definition, or a heading for another age group

    @property
    def best_unit_score(self) -> float:
        return float(self.unit_scores.max()) if len(self.unit_scores) else 0.0


def passage_units(hit: Hit) -> list[tuple[str, str]]:
    return [(str(text), str(role)) for text, role in hit.payload.get("units") or []]


def _age_mismatch(hit: Hit, age: int | None) -> bool:
    if age is None:
        return False
    for low, high in _HEADING_AGES.findall(" ".join(hit.payload.get("heading_path") or [])):
        if not int(low) <= age <= int(high):
            return True
    return False


def rank_passages(
    message: ReadMessage, retriever: Retriever, age: int | None = None
) -> list[Candidate]:
    """Guidance passages for the message, best first."""
    queries = [message.question]
    if message.story:
        queries.append(message.text)
    hits: dict[str, Hit] = {}
    for query in queries:
        for hit in retriever.search(query, top_k=CANDIDATES, kind="guidance", extract=False).hits:
            hits.setdefault(hit.id, hit)
    question_vector, message_vector = embedding.encode([message.question, message.text])
    # A long passage that covers several things embeds poorly as a whole; the passage
    # holding the single closest sentence joins the candidates whatever its whole-text rank.
    by_sentence = retriever.best_unit_owners(question_vector, CANDIDATES)
    for hit in retriever.lookup([i for i in by_sentence if i not in hits]):
        hits[hit.id] = hit
    if not hits:
        return []
    candidates = []
    for hit in hits.values():
        passage_vector = retriever.vector(hit.id)
        passage_score = float(passage_vector @ question_vector)
        if message.story:
            passage_score = (1 - CONTEXT_SHARE) * passage_score + CONTEXT_SHARE * float(
                passage_vector @ message_vector
            )
        units = passage_units(hit)
        unit_scores = retriever.unit_scores(hit.id, question_vector)
        best_unit = float(unit_scores.max()) if len(units) else passage_score
        score = (1 - UNIT_SHARE) * passage_score + UNIT_SHARE * best_unit
        penalty = GLOSSARY_PENALTY if is_glossary_passage(hit.payload) else 0.0
        if _age_mismatch(hit, age):
            penalty += AGE_MISMATCH_PENALTY
        candidates.append(Candidate(hit, units, unit_scores, score - penalty, penalty > 0))
    return sorted(candidates, key=lambda candidate: -candidate.score)
