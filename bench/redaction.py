"""Redaction quality on labelled family messages: details covered, clean messages, changes.

python -m bench.redaction [--set dev|blind|all] [--record]

`dev` is the set written apart from the rules and tuned on; `blind` was written blind by
someone else and is scored once per change of approach, never tuned on; the older sets were
written alongside the rules. `--record` writes the table into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import date

from bench.report import machine_description, replace_section
from core.config import PROJECT_ROOT
from storage.redaction import get_redactor
from storage.redaction_eval import KINDS, load_labelled, plain_messages, score

DATA = PROJECT_ROOT / "tests" / "data"
SETS = {
    "dev": ("development (170, written apart from the rules; tuned on)", "redaction/dev.txt"),
    "blind": ("blind (330, written blind; scored once, then seen again)", "redaction/blind.txt"),
    "dev2": ("second development (200, another writer; tuned on)", "redaction/dev2.txt"),
    "blind2": ("second blind (300, that writer; never tuned on)", "redaction/blind2.txt"),
    "labelled": ("labelled (110, written alongside the old rules)", "redaction_labelled.txt"),
    "heldout": ("held out (40, after the old rules)", "redaction_heldout.txt"),
}
REAL_QUESTIONS = PROJECT_ROOT.parent / "shared" / "questions" / "real_parent_questions.jsonl"


def table(names: list[str]) -> list[str]:
    redactor = get_redactor()
    lines = [
        "| Set | Details covered | Messages clean | Detail-free changed | "
        + " | ".join(KINDS)
        + " |",
        "|---" * (4 + len(KINDS)) + "|",
    ]
    timings: list[float] = []
    for name in names:
        label, path = SETS[name]
        messages = load_labelled(DATA / path)
        result = score(redactor, messages)
        for message in messages:
            started = time.perf_counter()
            redactor.find(message.text)
            timings.append((time.perf_counter() - started) * 1000)
        found, labelled = sum(result.found.values()), sum(result.labelled.values())
        lines.append(
            f"| {label} | {found}/{labelled} = {result.recall(set(KINDS)):.3f} | "
            f"{result.clean}/{result.with_details} = {result.clean_share():.3f} | "
            f"{len(result.changed)}/{result.without_details} = {result.changed_share():.3f} | "
            + " | ".join(f"{result.found[k]}/{result.labelled[k]}" for k in KINDS)
            + " |"
        )
    plain = plain_messages()
    if REAL_QUESTIONS.exists():
        plain += [json.loads(line)["question"] for line in REAL_QUESTIONS.read_text().splitlines()]
    touched = [text for text in plain if redactor.find(text)]
    lines += [
        "",
        f"Messages with no personal details (NLU examples, evaluation and out-of-scope "
        f"questions, and the 62 real parents' questions): {len(touched)} of {len(plain)} had "
        f"anything redacted ({len(touched) / len(plain):.1%}).",
        f"Time to find the details in one message, median over {len(timings)}: "
        f"{statistics.median(timings):.1f} ms.",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.redaction")
    parser.add_argument("--set", choices=[*SETS, "all"], default="dev")
    parser.add_argument("--record", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args()
    names = list(SETS) if args.set == "all" else [args.set]
    lines = [
        f"Machine: {machine_description()}. Date: {date.today().isoformat()}. "
        f"Command: `python -m bench.redaction --set {args.set}`.",
        "",
        "A detail counts as covered when redactions hide all its letters and digits (a title "
        "such as Mrs or a trailing 's may stay). A message is clean when all its details are.",
        "",
        *table(names),
    ]
    section = "\n".join(lines)
    print(section)
    if args.record:
        replace_section(PROJECT_ROOT / "docs" / "benchmarks.md", "Redaction", section)


if __name__ == "__main__":
    main()
