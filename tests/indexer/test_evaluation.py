"""Ranking quality on the evaluation set: questions as parents type them, over knowledge/."""

from __future__ import annotations

from indexer.evaluation import evaluate, load_questions
from indexer.search import Retriever
from tests.conftest import REPO_ROOT

QUESTIONS = REPO_ROOT / "tests" / "data" / "retrieval_eval.jsonl"


def test_the_evaluation_set_is_big_enough_and_its_gold_ids_exist(knowledge_index):
    questions = load_questions(QUESTIONS)
    assert len(questions) >= 60
    known = {document.id for document in Retriever(knowledge_index).index.documents}
    for item in questions:
        assert set(item.gold) <= known, item


def test_hybrid_recall_at_5_is_at_least_0_9_and_beats_dense_only_in_mrr(knowledge_index):
    retriever = Retriever(knowledge_index)
    questions = load_questions(QUESTIONS)
    hybrid = evaluate(retriever, questions, "hybrid")
    dense = evaluate(retriever, questions, "dense")
    print(
        f"hybrid recall@5={hybrid.recall_at_5:.3f} MRR={hybrid.mrr:.3f}; dense MRR={dense.mrr:.3f}"
    )
    assert hybrid.recall_at_5 >= 0.9, hybrid.misses
    assert hybrid.mrr >= dense.mrr
