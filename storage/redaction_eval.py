"""Score the redactor against messages the team labelled by hand."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from core.config import PROJECT_ROOT
from storage.redaction import Redactor

_LABEL = re.compile(r"\[\[([A-Z_]+)\|(.+?)\]\]")


@dataclass
class LabelledMessage:
    text: str
    details: list[tuple[int, int, str]]  # start, end, kind


@dataclass
class RedactionScore:
    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    labelled: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    predicted: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    correct_predictions: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    missed: list[tuple[str, str]] = field(default_factory=list)  # kind, text
    false_alarms: list[tuple[str, str]] = field(default_factory=list)

    def recall(self, kinds: set[str]) -> float:
        labelled = sum(self.labelled[kind] for kind in kinds)
        return sum(self.found[kind] for kind in kinds) / labelled if labelled else 1.0

    def precision(self, kinds: set[str]) -> float:
        predicted = sum(self.predicted[kind] for kind in kinds)
        right = sum(self.correct_predictions[kind] for kind in kinds)
        return right / predicted if predicted else 1.0


STRUCTURED = {"EMAIL", "PHONE", "POSTCODE", "NHS_NUMBER", "DATE_OF_BIRTH", "ADDRESS"}


def load_labelled(path: Path) -> list[LabelledMessage]:
    """Messages written as `my son [[NAME|Oliver]] is 7`, one a line; `#` starts a comment."""
    messages = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, details, last = "", [], 0
        for match in _LABEL.finditer(line):
            text += line[last : match.start()]
            details.append((len(text), len(text) + len(match.group(2)), match.group(1)))
            text += match.group(2)
            last = match.end()
        messages.append(LabelledMessage(text + line[last:], details))
    return messages


def score(redactor: Redactor, messages: list[LabelledMessage]) -> RedactionScore:
    """A labelled detail counts as found when one prediction covers all of it."""
    result = RedactionScore()
    for message in messages:
        predictions = redactor.find(message.text)
        for start, end, kind in message.details:
            result.labelled[kind] += 1
            if any(p.start <= start and end <= p.end for p in predictions):
                result.found[kind] += 1
            else:
                result.missed.append((kind, message.text[start:end]))
        for prediction in predictions:
            result.predicted[prediction.kind] += 1
            if any(
                prediction.start < end and start < prediction.end
                for start, end, _kind in message.details
            ):
                result.correct_predictions[prediction.kind] += 1
            else:
                result.false_alarms.append(
                    (prediction.kind, message.text[prediction.start : prediction.end])
                )
    return result


_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def plain_messages(root: Path = PROJECT_ROOT) -> list[str]:
    """Messages with no personal details: NLU examples, retrieval and out-of-scope questions."""
    texts = [
        json.loads(line)["question"]
        for line in (root / "tests" / "data" / "retrieval_eval.jsonl").read_text().splitlines()
        if line.strip()
    ]
    texts += [
        line.strip()
        for line in (root / "tests" / "data" / "unanswerable.txt").read_text().splitlines()
        if line.strip()
    ]
    for item in yaml.safe_load((root / "bot" / "data" / "nlu.yml").read_text())["nlu"]:
        for line in (item.get("examples") or "").splitlines():
            text = _ANNOTATION.sub(r"\1", line.strip().removeprefix("- ").strip())
            if text:
                texts.append(text)
    return texts
