"""Retrieval quality on a set of questions with known right answers (gold ids)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from indexer.search import Mode, Retriever


@dataclass(frozen=True)
class EvalQuestion:
    question: str
    gold: tuple[str, ...]  # any of these ids in the results counts as found


@dataclass(frozen=True)
class EvalResult:
    questions: int
    recall_at_5: float
    mrr: float
    misses: tuple[str, ...]


def load_questions(path: Path) -> list[EvalQuestion]:
    """One JSON object per line: {"question": "...", "gold": ["id", ...]}."""
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        if not record.get("question") or not record.get("gold"):
            raise ValueError(f"{path}:{number}: needs a question and at least one gold id")
        questions.append(EvalQuestion(record["question"], tuple(record["gold"])))
    return questions


def evaluate(
    retriever: Retriever, questions: list[EvalQuestion], mode: Mode = "hybrid", depth: int = 10
) -> EvalResult:
    """Recall@5 (a gold id in the top five) and MRR (of the first gold id, to `depth`)."""
    found = 0
    reciprocal_ranks = 0.0
    misses = []
    for item in questions:
        ids = [hit.id for hit in retriever.search(item.question, top_k=depth, mode=mode).hits]
        rank = next((i for i, hit_id in enumerate(ids, start=1) if hit_id in item.gold), None)
        if rank is not None and rank <= 5:
            found += 1
        else:
            misses.append(item.question)
        if rank is not None:
            reciprocal_ranks += 1.0 / rank
    total = len(questions)
    return EvalResult(total, found / total, reciprocal_ranks / total, tuple(misses))
