"""Grade one reply against a label: the key facts are there, no wrong passage, no fragment.

A label (tests/data/answers/README.md) names the passages a good reply quotes, the key
facts it must state (each a list of alternative wordings) and passages that would mislead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.distress import ACKNOWLEDGEMENT

DECLINED = re.compile(
    r"does not cover that|don't want to guess|I can only help with services and advice",
    re.IGNORECASE,
)
# The emergency signpost (safeguarding/signpost.py) opens every reply it leads.
SIGNPOST_OPENING = "Thank you for telling me."


@dataclass
class Grade:
    id: str
    covered: bool
    answered: bool
    facts_found: int
    facts_needed: int
    wrong_passage: bool
    fragment: bool
    distress: bool = False  # the label says the writer is struggling
    acknowledged: bool = False  # the reply opened with a kind sentence
    signposted: bool = False  # the risk-of-harm check put the emergency signpost first

    @property
    def all_facts(self) -> bool:
        return self.covered and self.answered and self.facts_found == self.facts_needed

    @property
    def harmful(self) -> bool:
        """Quoting a passage that misleads this family is worse than saying nothing."""
        return self.wrong_passage

    @property
    def declined_rightly(self) -> bool:
        return not self.covered and not self.answered


def quoted_sections(citation_urls: list[str]) -> set[str]:
    return {url.rsplit("#", 1)[1] for url in citation_urls if "#" in url}


def is_fragment(text: str) -> bool:
    """A reply whose quote is one short sentence, or opens mid-thought, does not answer."""
    body = text.split("\n\nRead it all in", 1)[0].strip()
    if not body:
        return True
    first = body.lstrip("- ").split()[0] if body.split() else ""
    words = len(body.split())
    return words < 15 or (first[:1].islower() if first else True)


def grade(label: dict, text: str, citation_urls: list[str], card_names: list[str]) -> Grade:
    seen = (text + "\n" + "\n".join(card_names)).lower()
    declined = bool(DECLINED.search(text))
    facts = label.get("facts") or []
    found = sum(
        1 for alternatives in facts if any(option.lower() in seen for option in alternatives)
    )
    wrong_anchors = {passage.split("#", 1)[1] for passage in label.get("wrong") or []}
    return Grade(
        id=label["id"],
        covered=bool(label.get("covered")),
        answered=not declined,
        facts_found=found,
        facts_needed=len(facts),
        wrong_passage=bool(wrong_anchors & quoted_sections(citation_urls)),
        fragment=not declined and label.get("kind") != "service" and is_fragment(text),
        distress=bool(label.get("distress")),
        acknowledged=text.startswith(ACKNOWLEDGEMENT),
        signposted=text.startswith(SIGNPOST_OPENING),
    )
