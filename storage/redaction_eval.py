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
    with_details: int = 0
    clean: int = 0  # messages with details whose every detail was covered
    without_details: int = 0
    changed: list[str] = field(default_factory=list)  # detail-free messages that were touched

    def recall(self, kinds: set[str]) -> float:
        labelled = sum(self.labelled[kind] for kind in kinds)
        return sum(self.found[kind] for kind in kinds) / labelled if labelled else 1.0

    def clean_share(self) -> float:
        return self.clean / self.with_details if self.with_details else 1.0

    def changed_share(self) -> float:
        return len(self.changed) / self.without_details if self.without_details else 0.0

    def precision(self, kinds: set[str]) -> float:
        predicted = sum(self.predicted[kind] for kind in kinds)
        right = sum(self.correct_predictions[kind] for kind in kinds)
        return right / predicted if predicted else 1.0


STRUCTURED = {"EMAIL", "PHONE", "POSTCODE", "NHS_NUMBER", "DATE_OF_BIRTH", "ADDRESS"}
KINDS = ["NAME", "SCHOOL", "SOCIAL_HANDLE", "NI_NUMBER", *sorted(STRUCTURED)]
# A title or a possessive next to a name may be left in place: "Mrs [NAME]", "[NAME]'s mum".
_TITLE = re.compile(r"^(?:mr|mrs|ms|miss|mx|dr|prof)\.?\s+", re.I)


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


def covered(text: str, start: int, end: int, predictions) -> bool:
    """Every letter and digit of the detail lies inside some prediction (titles aside)."""
    title = _TITLE.match(text[start:end])
    start += title.end() if title else 0
    if text[start:end].lower().endswith("'s"):
        end -= 2
    hidden = {i for p in predictions for i in range(p.start, p.end)}
    return all(i in hidden for i in range(start, end) if text[i].isalnum())


def score(redactor: Redactor, messages: list[LabelledMessage]) -> RedactionScore:
    """A labelled detail counts as found when predictions cover all of its letters and digits."""
    result = RedactionScore()
    for message in messages:
        predictions = redactor.find(message.text)
        if not message.details:
            result.without_details += 1
            if predictions:
                result.changed.append(message.text)
        else:
            result.with_details += 1
        all_found = True
        for start, end, kind in message.details:
            result.labelled[kind] += 1
            if covered(message.text, start, end, predictions):
                result.found[kind] += 1
            else:
                all_found = False
                result.missed.append((kind, message.text[start:end]))
        result.clean += bool(message.details) and all_found
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
