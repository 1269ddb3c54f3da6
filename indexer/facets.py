"""Facets: what a family's words say about age, town, need, category, cost and day.

The same vocabulary describes services (from their structured fields and taxonomy terms)
and queries (through a spaCy matcher whose gazetteers come partly from the data itself),
so a filter compares like with like.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date

import spacy
from spacy.matcher import Matcher, PhraseMatcher

from indexer.models import Service, ServiceFacets

NEEDS: dict[str, tuple[str, list[str]]] = {
    "autism": (
        "Autism",
        [
            "autism",
            "autistic",
            "asd",
            "asc",
            "asperger",
            "aspergers",
            "asperger's",
            "autism spectrum",
            "on the spectrum",
            "neurodivergent",
        ],
    ),
    "adhd": (
        "ADHD",
        [
            "adhd",
            "attention deficit",
            "hyperactivity",
            "hyperactive",
        ],
    ),
    "learning-disability": (
        "Learning disability",
        [
            "learning disability",
            "learning disabilities",
            "learning difficulty",
            "learning difficulties",
            "down's syndrome",
            "downs syndrome",
            "down syndrome",
            "global developmental delay",
            "developmental delay",
            "pmld",
            "sld",
            "mld",
        ],
    ),
    "physical-disability": (
        "Physical disability",
        [
            "physical disability",
            "physical disabilities",
            "physically disabled",
            "wheelchair",
            "wheelchair user",
            "cerebral palsy",
            "mobility",
            "spina bifida",
            "muscular dystrophy",
        ],
    ),
    "hearing": (
        "Hearing impairment",
        [
            "deaf",
            "hearing",
            "hearing impairment",
            "hearing impaired",
            "hearing loss",
            "hard of hearing",
            "bsl",
            "british sign language",
            "sign language",
        ],
    ),
    "visual": (
        "Visual impairment",
        [
            "blind",
            "visual impairment",
            "visually impaired",
            "sight loss",
            "partially sighted",
            "sight impairment",
            "sight impaired",
        ],
    ),
    "semh": (
        "Social, emotional and mental health",
        [
            "semh",
            "anxiety",
            "anxious",
            "mental health",
            "depression",
            "depressed",
            "emotional wellbeing",
            "social, emotional and mental health",
            "low mood",
            "school refusal",
            "school avoidance",
            "ebsa",
            "self-harm",
            "self harm",
            "emotional",
            "behaviour",
            "behavior",
        ],
    ),
    "slcn": (
        "Speech, language and communication",
        [
            "speech",
            "speech and language",
            "language",
            "communication",
            "slcn",
            "non-verbal",
            "nonverbal",
            "non verbal",
            "selective mutism",
            "stammer",
            "stutter",
            "talking",
        ],
    ),
    "complex-medical": (
        "Complex medical needs",
        [
            "complex medical",
            "complex health",
            "medical needs",
            "life-limiting",
            "life limiting",
            "tube fed",
            "epilepsy",
            "gastrostomy",
            "tracheostomy",
            "complex needs",
        ],
    ),
    "sensory-processing": (
        "Sensory processing",
        [
            "sensory processing",
            "sensory",
            "sensory needs",
            "spd",
            "sensory seeking",
        ],
    ),
}

CATEGORIES: dict[str, tuple[str, list[str]]] = {
    "short-breaks": (
        "Short breaks",
        [
            "short break",
            "short breaks",
            "respite",
            "sitting service",
            "overnight stay",
            "overnights",
            "a break",
        ],
    ),
    "holiday-clubs": (
        "Holiday clubs",
        [
            "holiday club",
            "holiday clubs",
            "playscheme",
            "play scheme",
            "summer club",
            "half term",
            "half-term",
            "summer holidays",
            "easter holidays",
            "holidays",
            "haf",
        ],
    ),
    "sport-leisure": (
        "Sport and leisure",
        [
            "sport",
            "sports",
            "swimming",
            "swim",
            "swimming pool",
            "trampolining",
            "trampoline",
            "rebound",
            "cycling",
            "bike",
            "bikes",
            "football",
            "basketball",
            "rugby",
            "tennis",
            "boccia",
            "gym",
            "climbing",
            "horse riding",
            "riding",
            "leisure",
            "cinema",
            "park",
            "playground",
        ],
    ),
    "arts-music": (
        "Arts and music",
        [
            "art",
            "arts",
            "music",
            "drama",
            "dance",
            "dancing",
            "theatre",
            "choir",
            "singing",
            "craft",
            "crafts",
            "painting",
        ],
    ),
    "youth-groups": (
        "Youth groups",
        [
            "youth club",
            "youth clubs",
            "youth group",
            "youth groups",
            "scouts",
            "guides",
            "social group",
            "gaming",
            "make friends",
            "friends",
        ],
    ),
    "parent-support": (
        "Parent carer support",
        [
            "parent support",
            "support group",
            "parent carer forum",
            "parents group",
            "parent group",
            "siblings",
            "dads",
            "mums",
            "workshop",
            "course for parents",
        ],
    ),
    "advice-advocacy": (
        "Information, advice and advocacy",
        [
            "advice",
            "advocacy",
            "advocate",
            "sendiass",
            "independent support",
            "benefits",
            "legal advice",
        ],
    ),
    "health-therapy": (
        "Health and therapy",
        [
            "therapy",
            "therapist",
            "speech therapy",
            "speech and language therapy",
            "salt",
            "occupational therapy",
            "occupational therapist",
            "ot",
            "physio",
            "physiotherapy",
            "nurse",
            "nursing",
            "wheelchair service",
            "continence",
            "audiology",
            "sleep",
            "dietitian",
            "feeding",
            "autism assessment",
            "adhd assessment",
            "neurodevelopmental",
            "paediatrician",
            "epilepsy nurse",
        ],
    ),
    "mental-health": (
        "Emotional wellbeing and mental health",
        [
            "camhs",
            "counselling",
            "counseling",
            "counsellor",
            "mental health",
            "wellbeing",
            "crisis",
            "bereavement",
        ],
    ),
    "early-years": (
        "Early years",
        [
            "nursery",
            "nurseries",
            "preschool",
            "pre-school",
            "portage",
            "early years",
            "childminder",
            "stay and play",
        ],
    ),
    "education": (
        "Education and schools",
        [
            "school",
            "schools",
            "special school",
            "resource base",
            "alternative provision",
            "pupil referral",
            "tuition",
            "educational psychologist",
            "home education",
            "sixth form",
        ],
    ),
    "transport": (
        "Travel and transport",
        [
            "transport",
            "travel",
            "bus",
            "taxi",
            "school transport",
            "travel training",
            "blue badge",
            "bus pass",
        ],
    ),
    "adulthood": (
        "Preparing for adulthood",
        [
            "supported internship",
            "internship",
            "apprenticeship",
            "job",
            "jobs",
            "employment",
            "work experience",
            "college",
            "independent living",
            "supported living",
            "preparing for adulthood",
            "after school leaving",
            "leaving school",
        ],
    ),
    "equipment": (
        "Equipment and adaptations",
        [
            "equipment",
            "adaptations",
            "hoist",
            "toy library",
            "car seat",
            "communication aid",
            "aac",
            "sensory equipment",
            "buggy",
        ],
    ),
    "family-hubs": (
        "Family hubs",
        [
            "family hub",
            "family hubs",
            "children's centre",
            "childrens centre",
        ],
    ),
    "young-carers": (
        "Young carers",
        [
            "young carer",
            "young carers",
            "caring for my brother",
            "caring for my sister",
        ],
    ),
}

DAYS: dict[str, list[str]] = {
    "MO": ["monday", "mondays", "mon"],
    "TU": ["tuesday", "tuesdays", "tue", "tues"],
    "WE": ["wednesday", "wednesdays", "wed", "weds"],
    "TH": ["thursday", "thursdays", "thu", "thur", "thurs"],
    "FR": ["friday", "fridays", "fri"],
    "SA": ["saturday", "saturdays", "sat", "sats"],
    "SU": ["sunday", "sundays"],
}
WEEKEND_WORDS = ["weekend", "weekends"]
WEEKDAY_WORDS = ["weekday", "weekdays", "week day", "week days"]
DAY_NAMES = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
FREE_PHRASES = [
    "free",
    "free of charge",
    "no cost",
    "no charge",
    "costs nothing",
    "don't have to pay",
    "dont have to pay",
    "doesn't cost",
    "without paying",
    "no fee",
]
NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two "
        "twenty-three twenty-four twenty-five".split()
    )
}
BOROUGH_WIDE_HINTS = ("borough", "county", "council area", "all areas", "district", "whole")


@dataclass
class QueryFacets:
    """What a query asked for. Age, town, day and cost filter; need and category rank."""

    age: int | None = None
    towns: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    days: list[str] = field(default_factory=list)
    free: bool = False

    def is_empty(self) -> bool:
        return not (
            self.age is not None
            or self.towns
            or self.needs
            or self.categories
            or self.days
            or self.free
        )

    def as_dict(self) -> dict:
        """Only the facets that were applied, for JSON and for confirming with the family."""
        return {key: value for key, value in asdict(self).items() if value not in (None, [], False)}

    @classmethod
    def from_dict(cls, data: dict | None) -> QueryFacets:
        """The inverse of `as_dict`; unknown keys are ignored."""
        data = data or {}
        known = {key: data[key] for key in cls.__dataclass_fields__ if key in data}
        return cls(**known)

    def merged_with(self, other: QueryFacets) -> QueryFacets:
        """These facets, with anything `other` says taking precedence (for follow-ups)."""
        return QueryFacets(
            age=other.age if other.age is not None else self.age,
            towns=other.towns or self.towns,
            needs=other.needs or self.needs,
            categories=other.categories or self.categories,
            days=other.days or self.days,
            free=other.free or self.free,
        )


def canonical_need(text: str) -> str | None:
    """The need key a taxonomy term or word stands for, if any."""
    return _canonical(text, NEEDS)


def canonical_category(text: str) -> str | None:
    """The category key a taxonomy term or word stands for, if any."""
    return _canonical(text, CATEGORIES)


def _canonical(text: str, vocabulary: dict[str, tuple[str, list[str]]]) -> str | None:
    lowered = text.lower().strip()
    for prefix in ("need-", "cat-"):
        if lowered.startswith(prefix) and lowered[len(prefix) :] in vocabulary:
            return lowered[len(prefix) :]
    for key, (label, synonyms) in vocabulary.items():
        if lowered in (key, label.lower()) or lowered in synonyms:
            return key
    return None


def _mentions(text: str, vocabulary: dict[str, tuple[str, list[str]]]) -> set[str]:
    lowered = f" {text.lower()} "
    found = set()
    for key, (label, synonyms) in vocabulary.items():
        for phrase in [label.lower(), *synonyms]:
            if len(phrase) > 3 and re.search(rf"\b{re.escape(phrase)}\b", lowered):
                found.add(key)
                break
    return found


def service_facets(service: Service, towns: Iterable[str], council_name: str = "") -> ServiceFacets:
    """The facets of one service, from its structured fields first and its words second."""
    known_towns = {town.lower(): town for town in towns}
    facets = ServiceFacets(minimum_age=service.minimum_age, maximum_age=service.maximum_age)

    for location in service.locations:
        if location.town:
            facets.towns.add(known_towns.get(location.town.lower(), location.town))
    council_stem = council_name.lower().replace("council", "").strip()
    for area in service.service_areas:
        lowered = area.lower()
        if lowered in known_towns:
            facets.towns.add(known_towns[lowered])
        elif any(hint in lowered for hint in BOROUGH_WIDE_HINTS) or (
            council_name and council_name.lower() in lowered
        ):
            facets.borough_wide = True
        else:
            mentioned = [name for key, name in known_towns.items() if key in lowered]
            facets.towns.update(mentioned)
            if not mentioned and council_stem and council_stem in lowered:
                facets.borough_wide = True

    for term in service.taxonomy_terms:
        for text in (term.id, term.name):
            if need := canonical_need(text):
                facets.needs.add(need)
            if category := canonical_category(text):
                facets.categories.add(category)
        if not (canonical_need(term.id) or canonical_need(term.name)):
            facets.categories.update(_mentions(term.name, CATEGORIES))
    words = f"{service.name}. {service.description}"
    if not facets.needs:
        facets.needs = _mentions(words, NEEDS)
    if not facets.categories:
        facets.categories = _mentions(words, CATEGORIES)

    for schedule in service.schedules:
        facets.days.update(schedule.days)
        if not schedule.days and schedule.description:
            facets.days.update(days_named_in(schedule.description))

    facets.free = _is_free(service)
    return facets


def days_named_in(text: str) -> set[str]:
    """Day codes for the day names written in `text` ("Saturdays and Sundays")."""
    lowered = text.lower()
    found = {
        code
        for code, names in DAYS.items()
        if any(re.search(rf"\b{name}\b", lowered) for name in names if len(name) > 3)
    }
    if re.search(r"\bweekends?\b", lowered):
        found.update({"SA", "SU"})
    return found


def _is_free(service: Service) -> bool | None:
    today = date.today()
    current = [
        option
        for option in service.cost_options
        if option.valid_to is None or option.valid_to >= today
    ]
    if current:
        # "Free" must be the price itself, not "carers free" on a paid session.
        if any(
            option.amount == 0
            or (option.amount is None and re.match(r"^\s*free\b", option.description.lower()))
            for option in current
        ):
            return True
        if all(option.amount is not None and option.amount > 0 for option in current):
            return False
    if service.fees:
        return bool(re.search(r"\bfree\b", service.fees.lower()))
    return None


class FacetExtractor:
    """Finds facets in a family's words with a spaCy matcher built from the data's gazetteers."""

    def __init__(self, towns: Iterable[str], extra_terms: Iterable[tuple[str, str]] = ()):
        self._nlp = spacy.blank("en")
        self._phrases = PhraseMatcher(self._nlp.vocab, attr="LOWER")
        self._tokens = Matcher(self._nlp.vocab)
        self._lock = threading.Lock()
        self._town_names = {}

        def add_phrases(label: str, phrases: Iterable[str]) -> None:
            docs = [self._nlp.make_doc(phrase) for phrase in phrases if phrase.strip()]
            if docs:
                self._phrases.add(label, docs)

        for town in towns:
            key = f"TOWN:{town}"
            self._town_names[key] = town
            add_phrases(key, [town])
            if len(town) >= 6 and " " not in town:
                # Misspelt place names ("Dunmeer") still count; short names would over-match.
                self._tokens.add(key, [[{"LOWER": {_fuzzy(town, long_from=7): town.lower()}}]])
        for key, (label, synonyms) in NEEDS.items():
            add_phrases(f"NEED:{key}", [label, *synonyms])
            for word in synonyms:
                if len(word) >= 6 and " " not in word and "'" not in word:
                    self._tokens.add(f"NEED:{key}", [[{"LOWER": {_fuzzy(word): word}}]])
        for key, (label, synonyms) in CATEGORIES.items():
            add_phrases(f"CATEGORY:{key}", [label, *synonyms])
        for kind, term in extra_terms:
            vocabulary = NEEDS if kind == "need" else CATEGORIES
            if (key := _canonical(term, vocabulary)) is not None:
                add_phrases(f"{kind.upper()}:{key}", [term])
        for code, names in DAYS.items():
            add_phrases(f"DAY:{code}", names)
        add_phrases("DAY:WEEKEND", WEEKEND_WORDS)
        add_phrases("DAY:WEEKDAY", WEEKDAY_WORDS)
        add_phrases("FREE", FREE_PHRASES)

        number = {"LIKE_NUM": True}
        years = {"LOWER": {"IN": ["year", "years", "yr", "yrs", "yo", "y/o", "yr-old", "year-old"]}}
        self._tokens.add(
            "AGE",
            [
                [number, {"TEXT": "-", "OP": "?"}, years],
                [{"LOWER": {"IN": ["aged", "age", "ages"]}}, number],
                [{"LOWER": {"IN": ["'s", "is", "turns", "turned", "turning", "now"]}}, number],
                [{"TEXT": {"REGEX": r"^\d{1,2}(yo|yrs?|y/o)$"}}],
            ],
        )
        self._tokens.add("MONTHS", [[number, {"LOWER": {"IN": ["month", "months"]}}]])
        self._tokens.add("SCHOOL_YEAR", [[{"LOWER": {"IN": ["year", "yr", "y"]}}, number]])

    def extract(self, text: str) -> QueryFacets:
        """The facets a family's message states."""
        with self._lock:
            doc = self._nlp(text)
            matches = [
                (self._nlp.vocab.strings[match_id], start, end)
                for match_id, start, end in [*self._phrases(doc), *self._tokens(doc)]
            ]
        facets = QueryFacets()
        ages: list[tuple[int, int]] = []  # (priority, age): explicit "N years" beats "year 9"
        for label, start, end in sorted(matches, key=lambda match: match[1]):
            span = doc[start:end]
            kind, _, value = label.partition(":")
            if kind == "TOWN":
                _append(facets.towns, self._town_names[label])
            elif kind == "NEED":
                _append(facets.needs, value)
            elif kind == "CATEGORY":
                _append(facets.categories, value)
            elif kind == "DAY":
                codes = {"WEEKEND": ["SA", "SU"], "WEEKDAY": ["MO", "TU", "WE", "TH", "FR"]}
                for code in codes.get(value, [value]):
                    _append(facets.days, code)
            elif kind == "FREE":
                facets.free = True
            elif kind in ("AGE", "MONTHS", "SCHOOL_YEAR"):
                found = _number_in(span)
                if found is None or _measures_something_else(doc, start, end):
                    continue
                if kind == "AGE" and found <= 25:
                    ages.append((0, found))
                elif kind == "MONTHS" and found < 60:
                    ages.append((1, found // 12))
                elif kind == "SCHOOL_YEAR" and 1 <= found <= 14:
                    ages.append((2, found + 4))
        if ages:
            facets.age = min(ages)[1]
        return facets


# "he is 2.5 miles away", "she's 3 weeks into term": a number that measures something else.
OTHER_UNITS = {
    "mile",
    "miles",
    "km",
    "kilometres",
    "metres",
    "minutes",
    "mins",
    "hours",
    "hrs",
    "days",
    "weeks",
    "pounds",
    "percent",
    "%",
    "times",
    "sessions",
    "exclusions",
}


def _measures_something_else(doc, start: int, end: int) -> bool:
    numbers = [token for token in doc[start:end] if token.like_num]
    if any("." in token.text or "/" in token.text for token in numbers):
        return True
    return end < len(doc) and doc[end].lower_ in OTHER_UNITS


def _fuzzy(word: str, long_from: int = 8) -> str:
    """The spaCy operator allowing one typo in a short word and two in a long one."""
    return "FUZZY2" if len(word) >= long_from else "FUZZY1"


def _append(values: list[str], value: str) -> None:
    if value not in values:
        values.append(value)


def _number_in(span) -> int | None:
    for token in span:
        text = token.lower_
        digits = re.match(r"^(\d{1,3})", text)
        if digits:
            return int(digits.group(1))
        if text in NUMBER_WORDS:
            return NUMBER_WORDS[text]
    return None
