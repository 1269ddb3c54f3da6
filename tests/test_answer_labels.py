"""The answer labels still point at the knowledge: a content edit that breaks one fails here.

Every passage and service a label cites exists (services active), and every key fact can be
met by quoting what the label cites, so the answer figures measure the assistant, not rot in
the labels. Only the labels' references are read, never used to tune anything.
"""

from __future__ import annotations

import json
import re

import pytest

from bench.answers import SETS
from indexer.guidance import load_guidance, split_into_passages
from indexer.oruk import load_directory
from tests.paths import KNOWLEDGE


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("**", "")).lower()


@pytest.fixture(scope="module")
def content() -> dict[str, str]:
    """Id -> searchable text of every guidance passage and active service."""
    texts: dict[str, str] = {}
    for document in load_guidance(KNOWLEDGE / "guidance"):
        for passage in split_into_passages(document):
            texts[passage.id] = _plain(" ".join(passage.heading_path) + " " + passage.text)
    for service in load_directory(KNOWLEDGE / "directory").services:
        if service.is_active:
            texts[service.id] = _plain(json.dumps(service.__dict__, default=str))
    return texts


@pytest.mark.parametrize("name", sorted(SETS))
def test_labels_cite_content_that_exists_and_holds_their_facts(name, content):
    problems = []
    for line in SETS[name].read_text().splitlines():
        if not line.strip():
            continue
        label = json.loads(line)
        cited = [*label.get("passages", []), *label.get("services", [])]
        missing = [ref for ref in [*cited, *label.get("wrong", [])] if ref not in content]
        if missing:
            problems.append(f"{label['id']}: cites {missing}")
            continue
        quoted = " ".join(content[ref] for ref in cited)
        for fact in label.get("facts", []):
            if not any(_plain(option) in quoted for option in fact):
                problems.append(f"{label['id']}: no cited text holds any of {fact}")
        if label.get("covered") is False and label.get("facts"):
            problems.append(f"{label['id']}: not covered, yet has facts")
    assert problems == []
