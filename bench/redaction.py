"""Redaction quality on the team's labelled messages: recall and precision by kind.

python -m bench.redaction
"""

from __future__ import annotations

import statistics
import time
from datetime import date

from bench.report import machine_description, replace_section
from core.config import PROJECT_ROOT
from storage.redaction import get_redactor
from storage.redaction_eval import STRUCTURED, load_labelled, plain_messages, score

SETS = {
    "labelled (110 messages, rules written alongside)": "redaction_labelled.txt",
    "held out (40 messages; scored once before the proper-noun rule was added)": (
        "redaction_heldout.txt"
    ),
}
KINDS = ["NAME", "EMAIL", "PHONE", "POSTCODE", "NHS_NUMBER", "DATE_OF_BIRTH", "ADDRESS"]


def main() -> None:
    redactor = get_redactor()
    lines = [
        f"Machine: {machine_description()}. Date: {date.today().isoformat()}. "
        "Command: `python -m bench.redaction`.",
        "",
        "A labelled detail counts as found when one redaction covers all of it; a redaction is "
        "correct when it overlaps a labelled detail.",
        "",
        "| Set | Kind | Labelled | Recall | Precision |",
        "|---|---|---|---|---|",
    ]
    all_messages = []
    for label, file_name in SETS.items():
        messages = load_labelled(PROJECT_ROOT / "tests" / "data" / file_name)
        all_messages += messages
        result = score(redactor, messages)
        for kinds, name in [(STRUCTURED, "all structured"), ({"NAME"}, "names")] + [
            ({kind}, kind) for kind in KINDS if kind != "NAME"
        ]:
            labelled = sum(result.labelled[kind] for kind in kinds)
            lines.append(
                f"| {label} | {name} | {labelled} | {result.recall(kinds):.3f} | "
                f"{result.precision(kinds):.3f} |"
            )
        misses = ", ".join(f"{kind} '{text}'" for kind, text in result.missed) or "none"
        alarms = ", ".join(f"'{text}'" for _, text in result.false_alarms) or "none"
        lines += [f"| {label} | missed: {misses}; false alarms: {alarms} | | | |"]
    plain = plain_messages()
    touched = [text for text in plain if redactor.find(text)]
    lines += [
        "",
        f"Messages with no personal details (NLU examples, evaluation and out-of-scope "
        f"questions): {len(touched)} of {len(plain)} had anything redacted "
        f"({len(touched) / len(plain):.1%}): " + "; ".join(f"'{text}'" for text in touched),
    ]
    redactor.redact("warm up the model")
    timings = []
    for message in all_messages:
        started = time.perf_counter()
        redactor.redact(message.text)
        timings.append((time.perf_counter() - started) * 1000)
    lines += [
        "",
        f"Time to redact one message, median over {len(timings)}: "
        f"{statistics.median(timings):.1f} ms.",
    ]
    section = "\n".join(lines)
    print(section)
    replace_section(PROJECT_ROOT / "docs" / "benchmarks.md", "Redaction", section)


if __name__ == "__main__":
    main()
