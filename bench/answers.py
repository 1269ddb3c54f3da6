"""How well the assistant answers labelled questions: key facts stated, no harm, no fragments.

    python -m bench.answers --set dev              # through Rasa REST (the running stack)
    python -m bench.answers --set dev --direct     # in-process answering, the inner loop
    python -m bench.answers --set blind2 --record  # report a blind set once

The dev set labels the shared real parents' questions; the blind sets (tests/data/answers/
blind/, blind2/) were written apart from the code and are never tuned on; blind/ has been
scored once already, so blind2/ is the one still unread. --direct answers every
question with the guidance answerer (no Rasa routing), so it measures composing alone.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from datetime import date
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.answer_grading import Grade, grade  # noqa: E402
from bench.report import machine_description, replace_section  # noqa: E402
from core.config import PROJECT_ROOT  # noqa: E402

ANSWERS = PROJECT_ROOT / "tests" / "data" / "answers"
SHARED_QUESTIONS = PROJECT_ROOT.parent / "shared" / "questions" / "real_parent_questions.jsonl"
SETS = {
    "dev": ANSWERS / "dev_labels.jsonl",
    "blind": ANSWERS / "blind" / "harrowfield.jsonl",
    "blind2": ANSWERS / "blind2" / "harrowfield.jsonl",
}


def load_set(name: str) -> list[dict]:
    labels = [json.loads(line) for line in SETS[name].read_text().splitlines() if line.strip()]
    if name == "dev":
        questions = {
            row["id"]: row["question"]
            for row in map(json.loads, SHARED_QUESTIONS.read_text().splitlines())
        }
        for label in labels:
            label["question"] = questions[label["id"]]
    return labels


def ask_direct(questions: list[str], index_dir: str) -> list[tuple[str, list[str], list[str]]]:
    from assistant.glossary import Glossary
    from assistant.questions import Knowledge, answer_question
    from core.config import get_settings
    from indexer.council import load_council
    from indexer.search import Retriever

    settings = get_settings()
    retriever = Retriever(index_dir)
    knowledge = Knowledge(
        retriever,
        load_council(Path(settings.source)),
        Glossary(retriever.index.documents),
        settings.answer_min_score,
        settings.stale_after_months,
    )
    replies = []
    for question in questions:
        reply = answer_question(question, knowledge).reply
        replies.append(
            (
                reply.text,
                [citation.url for citation in reply.citations],
                [card.name for card in reply.cards],
            )
        )
    return replies


def ask_rest(questions: list[str], url: str) -> list[tuple[str, list[str], list[str]]]:
    import httpx

    replies = []
    for question in questions:
        response = httpx.post(
            url, json={"sender": f"bench-{uuid.uuid4().hex}", "message": question}, timeout=60
        )
        response.raise_for_status()
        texts, urls, names = [], [], []
        for message in response.json():
            texts.append(message.get("text") or "")
            custom = message.get("custom") or {}
            urls += [citation.get("url", "") for citation in custom.get("citations", [])]
            names += [card.get("name", "") for card in custom.get("cards", [])]
        replies.append(("\n\n".join(texts), urls, names))
    return replies


def summarise(grades: list[Grade]) -> dict:
    covered = [g for g in grades if g.covered]
    uncovered = [g for g in grades if not g.covered]
    return {
        "questions": len(grades),
        "covered": len(covered),
        "all_key_facts": sum(g.all_facts for g in covered) / max(len(covered), 1),
        "fact_share": sum(g.facts_found for g in covered)
        / max(sum(g.facts_needed for g in covered), 1),
        "answered_when_covered": sum(g.answered for g in covered) / max(len(covered), 1),
        "declined_when_not_covered": sum(g.declined_rightly for g in uncovered)
        / max(len(uncovered), 1),
        "harmful": sum(g.harmful for g in grades),
        "distress_acknowledged": sum(g.acknowledged for g in grades if g.distress)
        / max(sum(g.distress for g in grades), 1),
        "distress_signposted_instead": sum(g.signposted for g in grades if g.distress)
        / max(sum(g.distress for g in grades), 1),
        "signposted_without_distress": sum(g.signposted for g in grades if not g.distress)
        / max(sum(not g.distress for g in grades), 1),
        "acknowledged_without_distress": sum(g.acknowledged for g in grades if not g.distress)
        / max(sum(not g.distress for g in grades), 1),
        "fragments": sum(g.fragment for g in grades),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="dev")
    parser.add_argument("--direct", action="store_true")
    parser.add_argument("--index", default="var/index", help="index folder for --direct")
    parser.add_argument("--url", default="http://localhost:5005/webhooks/rest/webhook")
    parser.add_argument("--show", action="store_true", help="print each failing reply")
    parser.add_argument("--record", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args(argv)

    labels = load_set(args.set)
    questions = [label["question"] for label in labels]
    started = time.perf_counter()
    replies = ask_direct(questions, args.index) if args.direct else ask_rest(questions, args.url)
    per_question = (time.perf_counter() - started) / max(len(questions), 1)
    grades = [
        grade(label, text, urls, names)
        for label, (text, urls, names) in zip(labels, replies, strict=True)
    ]
    figures = summarise(grades)
    print(json.dumps(figures, indent=2))
    if args.show:
        for label, g, (text, _urls, _) in zip(labels, grades, replies, strict=True):
            if (
                (g.covered and not g.all_facts)
                or g.harmful
                or g.fragment
                or (not g.covered and g.answered)
            ):
                print(
                    f"\n--- {g.id} {g} \nQ: {label['question']}\nfacts: {label.get('facts')}"
                    f"\nwant: {label.get('passages')}\nA: {text[:900]}"
                )
    if args.record:
        how = "in-process answerer" if args.direct else "Rasa REST, the running stack"
        blind = "BLIND, reported once" if args.set.startswith("blind") else "NOT blind (tuned on)"
        lines = [
            f"Measured {date.today().isoformat()} on {machine_description()}, "
            f"`python -m bench.answers --set {args.set}{' --direct' if args.direct else ''}` "
            f"({how}); {blind}. Mean {per_question:.2f} s a question.",
            "",
            "| Figure | Value |",
            "|---|---|",
            *(
                f"| {key} | {value:.2f} |" if isinstance(value, float) else f"| {key} | {value} |"
                for key, value in figures.items()
            ),
        ]
        replace_section(
            PROJECT_ROOT / "docs" / "benchmarks.md", f"Answers: {args.set} set", "\n".join(lines)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
