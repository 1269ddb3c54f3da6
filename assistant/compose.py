"""Choose the sentences of a guidance passage that answer a question, as the council wrote them.

Answers are quoted, never generated. The sentence closest to the question anchors the
quote; close neighbours join it; the kind of question pulls in the sentence it needs (a
time limit for "how long", the rule and its exceptions for "can they"); a list keeps its
lead-in and items; a quote never opens on a sentence that leans on the one before.
"""

from __future__ import annotations

import re

import numpy as np

from assistant.passages import Candidate

MOST_SENTENCES = 5
MOST_ITEMS = 8
# A neighbour joins the quote when it is nearly as relevant as the best sentence.
NEIGHBOUR_MARGIN = 0.12
FOLLOWING_MARGIN = 0.25
OPENING_SENTENCES = 2
# A sentence carrying what this kind of question needs counts this much more.
KIND_BONUS = 0.08
# ...and is pulled into the quote if it is this close to the best sentence.
KIND_MARGIN = 0.2
# Whatever was asked, a time limit is rarely a side detail in SEND: it is what gets missed.
DEADLINE_BONUS = 0.04
DEADLINE_MARGIN = 0.35

KIND_CUES: dict[str, re.Pattern] = {
    "when": re.compile(
        r"\b\d+\s*(?:working |school |calendar )?(?:days?|weeks?|months?|years?)\b|"
        r"\b(?:within|deadline|by the end of|time limit|before)\b",
        re.IGNORECASE,
    ),
    "can": re.compile(
        r"\b(?:must|must not|cannot|can't|can|may|may not|only|unless|except|have to|"
        r"does not have to|do not have to|right|law|legal|unlawful|duty)\b",
        re.IGNORECASE,
    ),
    "who": re.compile(r"\b(?:phone|call|email|contact|\d{4} \d{3} \d{4})\b", re.IGNORECASE),
    "how": re.compile(
        r"\b(?:apply|ask|write|form|send|online|request|contact|fill|complete)\b", re.IGNORECASE
    ),
}
# Openings that lean on the sentence before: a quote starting here would start mid-thought.
_LEANS_BACK = re.compile(
    r"^(?:it|this|that|these|those|they|them|he|she|but|however|also|so|then|if so|"
    r"if not|otherwise|instead|as well|too|even so|in that case|there)\b",
    re.IGNORECASE,
)


def _list_span(units: list[tuple[str, str]], index: int) -> tuple[int, int]:
    """First and last index of the list (lead-in and items) that unit `index` belongs to."""
    start = index
    while start > 0 and units[start][1] == "item":
        start -= 1
    if units[start][1] != "lead" and units[start][1] != "item":
        start += 1
    end = index
    if units[end][1] == "lead":
        end += 1
    while end + 1 < len(units) and units[end + 1][1] == "item":
        end += 1
    return start, min(end, len(units) - 1)


def choose_units(
    candidate: Candidate, kind: str = "", most: int = MOST_SENTENCES, opening: int | None = None
) -> list[int]:
    """Indexes of the units to quote, in reading order."""
    units = candidate.units
    if not units:
        return []
    scores = np.array(candidate.unit_scores, dtype=float)
    cue = KIND_CUES.get(kind)
    cued = [bool(cue and cue.search(text)) for text, _ in units]
    timed = [bool(KIND_CUES["when"].search(text)) for text, _ in units]
    boosted = (
        scores
        + KIND_BONUS * np.array(cued, dtype=float)
        + DEADLINE_BONUS * np.array(timed, dtype=float)
    )
    best = int(np.argmax(boosted))
    chosen = {best}
    opening = OPENING_SENTENCES if opening is None else opening
    if opening and best >= opening:
        # A section usually opens with its rule ("...is unlawful"); the detail comes after.
        chosen.update(range(min(opening, most - 1)))
    for offset in (1, -1, 2, -2, 3):
        neighbour = best + offset
        if not 0 <= neighbour < len(units) or _sentences(units, chosen) >= most:
            continue
        adjacent = neighbour - 1 in chosen or neighbour + 1 in chosen
        # The council's own next sentence usually carries on the point (the deadline after
        # the right, the exception after the rule), so it joins unless it is far off topic.
        follows = neighbour == max(chosen) + 1 and offset > 0 and units[neighbour][1] == "text"
        margin = FOLLOWING_MARGIN if follows else NEIGHBOUR_MARGIN
        if adjacent and boosted[neighbour] >= boosted[best] - margin:
            chosen.add(neighbour)
    if cue and not any(cued[i] for i in chosen) and _sentences(units, chosen) < most:
        pulled = [i for i in range(len(units)) if cued[i]]
        if pulled:
            strongest = max(pulled, key=lambda i: boosted[i])
            if boosted[strongest] >= boosted[best] - KIND_MARGIN:
                chosen.add(strongest)
    if not any(timed[i] for i in chosen) and _sentences(units, chosen) < most:
        limits = [i for i in range(len(units)) if timed[i]]
        if limits:
            strongest = max(limits, key=lambda i: boosted[i])
            if boosted[strongest] >= boosted[best] - DEADLINE_MARGIN:
                chosen.add(strongest)
    if len(chosen) == 1 and len(units) > 1:
        # One sentence rarely answers: add the more relevant of its neighbours.
        options = [i for i in (best - 1, best + 1) if 0 <= i < len(units)]
        chosen.add(max(options, key=lambda i: boosted[i]))
    for index in list(chosen):
        if units[index][1] in ("lead", "item"):
            start, end = _list_span(units, index)
            chosen.update(range(start, min(end, start + MOST_ITEMS) + 1))
    # Every run of quoted sentences starts on one that stands on its own.
    changed = True
    while changed:
        changed = False
        for index in sorted(chosen):
            if index > 0 and index - 1 not in chosen and _LEANS_BACK.match(units[index][0]):
                previous = index - 1
                start = _list_span(units, previous)[0] if units[previous][1] == "item" else previous
                chosen.update(range(start, index))
                changed = True
    return sorted(chosen)


def _sentences(units: list[tuple[str, str]], chosen: set[int]) -> int:
    """How many sentences a choice holds: a list counts once, with its lead-in."""
    return sum(1 for i in chosen if units[i][1] != "item")


def render_units(units: list[tuple[str, str]], indexes: list[int]) -> str:
    """Quoted units as text: prose runs together, list items on their own lines."""
    lines: list[str] = []
    previous = None
    for index in indexes:
        text, role = units[index]
        if role == "item":
            lines.append(f"- {text}")
        elif lines and previous == index - 1 and units[previous][1] == "text":
            lines[-1] += " " + text
        else:
            if lines:
                lines.append("")
            lines.append(text)
        previous = index
    return "\n".join(lines).replace("\n\n\n", "\n\n")


def compose_quote(
    candidate: Candidate, kind: str = "", most: int = MOST_SENTENCES, opening: int | None = None
) -> str:
    return render_units(candidate.units, choose_units(candidate, kind, most, opening))
