"""The labelled messages the risk model learns from, and the held-out ones it is judged on.

`safeguarding/data/` holds the tuning part of the labelled set (disclosures and look-alikes
written as families write); the held-out part lives in `tests/data/safeguarding/heldout/` and
is never read here. Everyday questions in the assistant's words add look-alikes, and its
`risk_of_harm` examples add disclosures: `safeguarding/data/everyday/` holds them, taken once
from the NLU examples and kept apart from them, so that teaching Rasa a new intent cannot move
the risk model (a retrain on new NLU examples once flipped "she kills it at drama" to a
disclosure). Add to that file on purpose, and re-run the safeguarding benchmark when you do.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"
NLU_FILE = Path(__file__).resolve().parent.parent / "bot" / "data" / "nlu.yml"
EVERYDAY_FILE = DATA / "everyday" / "assistant_examples.jsonl"
CATEGORIES = (
    "domestic_abuse",
    "child_abuse",
    "exploitation",
    "neglect",
    "self_harm",
    "suicidal",
    "overdose",
    "missing",
    "carer_breakdown",
    "child_violence",
    "threats_to_kill",
    "radicalisation",
)
# The NLU intents whose examples are the practical questions families ask.
REQUEST_INTENTS = {"find_service", "ask_question", "check_short_breaks", "define_term"}
SPEAKERS = ("child_or_young_person", "parent_about_child", "parent_about_self", "other_adult")


@dataclass(frozen=True)
class LabelledMessage:
    text: str
    disclosure: bool
    category: str = ""  # a risk category for disclosures; the look-alike's kind otherwise
    speaker: str = ""
    writer: str = ""  # which set it came from: cross-validation leaves one writer out


def read_labelled(path: Path) -> list[LabelledMessage]:
    """One JSON object a line: text, label (disclosure or lookalike), category, speaker."""
    messages = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            label = row["label"]
            if label not in ("disclosure", "lookalike"):
                raise ValueError(f"label must be disclosure or lookalike, not {label!r}")
            if label == "disclosure" and row["category"] not in CATEGORIES:
                raise ValueError(f"unknown category {row['category']!r}")
            messages.append(
                LabelledMessage(
                    row["text"],
                    label == "disclosure",
                    row["category"],
                    row.get("speaker", ""),
                    path.stem,
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: {error}") from error
    return messages


def nlu_examples(path: Path = NLU_FILE) -> list[LabelledMessage]:
    """The assistant's own training examples, annotations removed."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    messages = []
    for block in data.get("nlu", []):
        intent = block.get("intent")
        if not intent:
            continue
        for line in block.get("examples", "").splitlines():
            text = re.sub(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})", r"\1", line.lstrip("- ").strip())
            if text:
                messages.append(LabelledMessage(text, intent == "risk_of_harm", intent))
    return messages


def everyday_examples(path: Path = EVERYDAY_FILE) -> list[LabelledMessage]:
    """The assistant's everyday messages the model learns from: one JSON object a line, with
    the text and the NLU intent it was written for (`risk_of_harm` ones are disclosures)."""
    messages = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            messages.append(
                LabelledMessage(row["text"], row["intent"] == "risk_of_harm", row["intent"])
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: {error}") from error
    return messages


def composed(
    messages: list[LabelledMessage], requests: list[str], seed: int = 7
) -> list[LabelledMessage]:
    """Each short labelled message set inside an everyday request, keeping its label.

    Families mention the thing that matters in passing, before or after a practical question
    about an EHCP or transport. Composing short messages with ordinary requests teaches the
    model that a disclosure anywhere in a message counts, and that a request does not make it
    safe (nor a look-alike dangerous)."""
    import random

    rng = random.Random(seed)
    made = []
    for message in messages:
        if len(message.text.split()) > 30 or not requests:
            continue
        request = rng.choice(requests)
        text = (
            f"{request.rstrip('.?!')}. {message.text}"
            if rng.random() < 0.5
            else f"{message.text.rstrip('.?!')}. {request}"
        )
        made.append(
            LabelledMessage(
                text,
                message.disclosure,
                message.category,
                message.speaker,
                f"{message.writer}/composed",
            )
        )
    return made


def training_messages() -> list[LabelledMessage]:
    """Everything the model is fitted on: the tuning part, the everyday examples, and the
    tuning part's short messages composed with everyday requests."""
    labelled: list[LabelledMessage] = []
    for path in sorted(DATA.glob("*.jsonl")):
        labelled += read_labelled(path)
    everyday = everyday_examples()
    requests = [
        m.text for m in everyday if m.category in REQUEST_INTENTS and len(m.text.split()) >= 5
    ]
    return labelled + everyday + composed(labelled, requests)
