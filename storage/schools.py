"""The school a child goes to: a school's name next to a child identifies the child in a small town.

A school is only a personal detail when the message ties it to the family ("he goes to St
Mary's Primary", "my daughter is in year 6 at Brackenby Primary"); a parent asking whether
Kelby Park School has places names no one. So a name is found first (words before a school
word, a saint's name, or one of the schools in the council's own directory), then kept as a
detail when an attendance cue comes before it, or when the message is about the family's own
child and the name is not the subject of a question about the school.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from presidio_analyzer import EntityRecognizer, RecognizerResult

_SCHOOL_WORD = re.compile(
    r"\b(?:primary|infants?|juniors?|academy|high|grammar|secondary|school|college|"
    r"sixth\s+form|nursery|pre-?school)(?:\s+(?:school|college|academy))?\b",
    re.I,
)
_SAINT = re.compile(
    r"\b(?:(?P<town>[A-Z][a-z]+)\s+)?(?:st\.?|saint)\s+[A-Za-z][\w'’-]*|\bour\s+lady(?:'s)?"
    r"(?:\s+of\s+[A-Z]\w+)?",
    re.I,
)
_CONNECTORS = {"st", "st.", "saint", "rc", "ce", "cofe", "catholic", "church"}
_C_OF_E = re.compile(r"\bc\.?\s*of\s*e\.?\s+$", re.I)
# In a lower-case or shouted message, the tagger decides which words can belong to a name.
_NAME_POS = {"PROPN", "NOUN", "ADJ", "X"}
_GENERIC = set(
    "the a an his her their our my new local special mainstream faith specialist independent "
    "private residential same different other this that current next big catholic church "
    "village free day boarding assisted resourced alternative primary infant infants junior "
    "juniors secondary high grammar school college nursery academy sixth form preschool "
    "pre-school provision very too so really quite".split()
)
_STOP = set(
    "to a an the of for in on at and or with his her their our my this that is was are be been "
    "he she they it we i you him them goes go going went attends attended attending starts "
    "started start moved move moving left from into about than as year reception before after "
    "when while but so if because since just still now currently".split()
)
_ATTENDS = re.compile(
    r"(?:goes\s+to|go\s+to|going\s+to|went\s+to|attends|attended|attending|at|in|"
    r"starts?|started|starting|transport\s+to|taxi\s+to|bus\s+to|moved?\s+(?:\w+\s+)?to|"
    r"moving\s+(?:\w+\s+)?to|left|leaving|excluded\s+from|school\s*(?:is|:|-)|"
    r"nursery\s*(?:is|:|-)|college\s*(?:is|:|-))\s+(?:the\s+)?$",
    re.I,
)
_ENQUIRY = re.compile(
    r"(?:\bis|\bdoes|\bhas|\bcan|\bwill|\bdo|\bare|\babout|\bvisit(?:ing|ed)?|"
    r"\bapply(?:ing)?(?:\s+(?:to|for))?|\bplaces?\s+at|\bspaces?\s+at|\bopen\s+day\s+at|"
    r"\bconsider(?:ing)?|\bthinking\s+about|\bwhat\s+is|\bwhat's|\bhow\s+is|\binto|"
    r"\bor|\bthan|\blike)\s+(?:the\s+)?$",
    re.I,
)
_CHILD = re.compile(
    r"\b(?:my|our|me)\s+(?:\w+\s+)?(?:son|daughter|child|kid|kids|boy|girl|lad|lass|twins|"
    r"grandson|granddaughter|grandchild|children|nephew|niece|stepson|stepdaughter|one)\b"
    r"|\b(?:he|she|hes|shes|he's|she's)\b|\bi\s+(?:go|am|started|attend)\b|\bi'm\s+in\b",
    re.I,
)


def school_names(
    text: str, known: Iterable[str] = (), pos: dict[int, str] | None = None
) -> list[tuple[int, int]]:
    """Spans that name a school: "Ashworth CofE Juniors", "st joseph's", a directory school.

    `pos` maps a word's offset to its part of speech, from the tagger."""
    mixed = any(ch.isupper() for ch in text) and not text.isupper()
    spans: list[tuple[int, int]] = []
    for match in _SCHOOL_WORD.finditer(text):
        start = _extend_left(text, match.start(), mixed, pos or {})
        words = text[start : match.end()].lower().split()
        if start < match.start() and not set(words) <= _GENERIC:
            spans.append((start, match.end()))
    for match in _SAINT.finditer(text):
        start = match.start("town") if match.group("town") else match.start()
        spans.append((start, match.end()))
    for name in known:
        for found in re.finditer(r"\b" + re.escape(name) + r"\b", text, re.I):
            spans.append((found.start(), found.end()))
    return _merged(spans)


class SchoolRecogniser(EntityRecognizer):
    """SCHOOL_NAME spans; `schools_of_the_family` then keeps those tied to the child."""

    def __init__(self, known: list[str]):
        self.known = known
        super().__init__(supported_entities=["SCHOOL_NAME"], name="school names")

    def load(self) -> None:  # nothing beyond the council's list
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        tokens = nlp_artifacts.tokens if nlp_artifacts else None
        pos = {token.idx: token.pos_ for token in tokens} if tokens is not None else {}
        return [
            RecognizerResult("SCHOOL_NAME", start, end, 0.8)
            for start, end in school_names(text, self.known, pos)
        ]


def schools_of_the_family(
    text: str, names: Iterable[tuple[int, int]], named_people: bool = False
) -> list[tuple[int, int]]:
    """Of the school `names` found in `text`, those that tie it to the family's own child."""
    about_child = named_people or bool(_CHILD.search(text))
    kept = []
    for start, end in _merged(list(names)):
        before = text[max(0, start - 40) : start]
        asked_about = bool(_ENQUIRY.search(before))
        if (_ATTENDS.search(before) or about_child) and not asked_about:
            kept.append((start, end))
    return kept


def _extend_left(text: str, position: int, mixed: bool, pos: dict[int, str]) -> int:
    """Take the name's words before the school word: capitalised ones, or in a lower-case or
    shouted message the nouns and adjectives that are not everyday words, up to four."""
    start = position
    for _ in range(5):
        c_of_e = _C_OF_E.search(text[max(0, start - 12) : start])
        if c_of_e:
            start -= len(text[max(0, start - 12) : start]) - c_of_e.start()
            continue
        window = text[max(0, start - 40) : start]
        found = re.search(r"([A-Za-z][\w'’.-]*)\s+$", window)
        if not found or not _belongs_to_name(
            found.group(1), mixed, pos.get(start - len(window) + found.start(1), "X")
        ):
            break
        start -= len(window) - found.start(1)
    return start


def _belongs_to_name(word: str, mixed: bool, part_of_speech: str) -> bool:
    lower = word.lower()
    if lower in _CONNECTORS:
        return True
    if mixed:
        return word[:1].isupper() and lower not in _STOP
    return lower not in _STOP and lower not in _GENERIC and part_of_speech in _NAME_POS


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
