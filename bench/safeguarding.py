"""The risk-of-harm check on the held-out writers: recall by kind, false alarms by kind.

    python -m bench.safeguarding            # held out (blind), and the phrases alone beside it
    python -m bench.safeguarding --record   # also writes the section of docs/benchmarks.md
    python -m bench.safeguarding --heldout tests/data/safeguarding/heldout_g --record

The held-out part (`tests/data/safeguarding/heldout/`) was written by two writers who saw
neither the code nor the tuning part, in styles the model never learned from. It is scored
here and nowhere in the build.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bench.report import machine_description, replace_section
from core.config import PROJECT_ROOT
from safeguarding.detector import RiskDetector
from safeguarding.loader import get_detector
from safeguarding.patterns import find_risk
from safeguarding.training_data import LabelledMessage, nlu_examples, read_labelled

HELDOUT = PROJECT_ROOT / "tests" / "data" / "safeguarding" / "heldout"


def heldout_messages(folder: Path = HELDOUT) -> list[LabelledMessage]:
    return [m for path in sorted(folder.glob("*.jsonl")) for m in read_labelled(path)]


@dataclass
class Result:
    caught: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # kind: [hit, n]
    alarms: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list = field(default_factory=list)
    false_alarms: list = field(default_factory=list)
    milliseconds: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        hit = sum(v[0] for v in self.caught.values())
        return hit / max(1, sum(v[1] for v in self.caught.values()))

    @property
    def false_alarm_rate(self) -> float:
        hit = sum(v[0] for v in self.alarms.values())
        return hit / max(1, sum(v[1] for v in self.alarms.values()))

    def summary(self) -> str:
        return (
            f"recall {self.recall:.3f}, false alarms {self.false_alarm_rate:.3f}; "
            f"missed: {self.misses[:5]}; false alarms: {self.false_alarms[:5]}"
        )


def evaluate(detector: RiskDetector | None, messages: list[LabelledMessage]) -> Result:
    """Score `detector` (or, with None, the phrases alone) on labelled messages."""
    result = Result()
    for message in messages:
        started = time.perf_counter()
        if detector is None:
            flagged = find_risk(message.text) is not None
        else:
            flagged = detector.assess(message.text).disclosed
        result.milliseconds.append((time.perf_counter() - started) * 1000)
        tally = result.caught if message.disclosure else result.alarms
        tally[message.category][0] += int(flagged)
        tally[message.category][1] += 1
        if message.disclosure and not flagged:
            result.misses.append(message.text)
        if not message.disclosure and flagged:
            result.false_alarms.append(message.text)
    return result


def _rows(model: Result, phrases: Result, tally: str) -> list[str]:
    rows = []
    for kind in sorted(getattr(model, tally)):
        hit, n = getattr(model, tally)[kind]
        phrase_hit, _ = getattr(phrases, tally)[kind]
        rows.append(f"| {kind} | {n} | {hit / n:.2f} ({hit}) | {phrase_hit / n:.2f} |")
    return rows


SETS = {
    "heldout": (
        "Safeguarding",
        "The held-out writers C and D (second-language and phonetic writing, dictation; carers, "
        "siblings, young adults with learning disabilities, euphemism)",
    ),
    "heldout_g": (
        "Safeguarding: second blind set",
        "The second held-out pair, G and H (parents and carers in regional dialect with the "
        "serious thing said in passing; young people, siblings and professionals), written "
        "after the first blind figure (section Safeguarding) was taken. That figure was of the "
        "model before short messages were composed with everyday requests for training; this "
        "one is of the model after",
    ),
}


def report(heldout: Result, phrases: Result, own: Result, folder: Path) -> str:
    described = SETS.get(folder.name, ("", f"The labelled messages in {folder}"))[1]
    lines = [
        f"Machine: {machine_description()}. Date: {date.today().isoformat()}. "
        f"Command: `python -m bench.safeguarding --heldout {folder.relative_to(PROJECT_ROOT)} "
        "--record`.",
        "",
        f"**Blind figure.** {described}: "
        f"{sum(v[1] for v in heldout.caught.values())} disclosures and "
        f"{sum(v[1] for v in heldout.alarms.values())} look-alikes, never read by the build, "
        "scored once. Beside it, the phrases alone (the deterministic layer).",
        "",
        f"- Recall: **{heldout.recall:.3f}** (phrases alone {phrases.recall:.3f}).",
        f"- Look-alikes signposted: **{heldout.false_alarm_rate:.3f}** "
        f"(phrases alone {phrases.false_alarm_rate:.3f}).",
        f"- Median time per message: {statistics.median(heldout.milliseconds):.1f} ms "
        "(ONNX Runtime, one thread).",
        "",
        "| Kind of disclosure | Messages | Recall | Phrases alone |",
        "|---|---|---|---|",
        *_rows(heldout, phrases, "caught"),
        "",
        "| Kind of look-alike | Messages | Signposted | Phrases alone |",
        "|---|---|---|---|",
        *_rows(heldout, phrases, "alarms"),
        "",
        "Missed disclosures:",
        "",
        *[f"- {text}" for text in heldout.misses],
        "",
        "Look-alikes signposted:",
        "",
        *[f"- {text}" for text in heldout.false_alarms],
        "",
        "**Not blind.** The assistant's own NLU examples, which the model trained on: recall "
        f"{own.recall:.3f}, other intents' examples signposted {own.false_alarm_rate:.3f}. "
        "The tuning part's out-of-fold figures are in the section below it.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.safeguarding", description=__doc__)
    parser.add_argument("--record", action="store_true", help="write docs/benchmarks.md")
    parser.add_argument("--heldout", type=Path, default=HELDOUT, help="folder of *.jsonl sets")
    args = parser.parse_args(argv)
    folder = args.heldout.resolve()
    detector = get_detector()
    messages = heldout_messages(folder)
    heldout = evaluate(detector, messages)
    phrases = evaluate(None, messages)
    own = evaluate(detector, nlu_examples())
    body = report(heldout, phrases, own, folder)
    print(body)
    if args.record:
        title = SETS.get(folder.name, (f"Safeguarding: {folder.name}", ""))[0]
        replace_section(PROJECT_ROOT / "docs" / "benchmarks.md", title, body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
