"""Finding people's names in how families write: lower case, capitals, cues and word-names.

The English pipeline's PERSON entities catch a capitalised name in a well-formed sentence and
little else. Families write "his name is oliver", "our twins rose and lily", "I'm Ava's mum",
"ZAINAB keeps running out of class". So a name is also a word that
- follows a cue that introduces a person ("my son", "called", "I'm", "Mrs"), or
- comes before a possessive that belongs to a person ("Ava's mum", "kai's EHCP"), or
- is a first name in Faker's name lists for many countries, unless it is also an everyday
  English word (will, may, hope) that the tagger reads as one, or
- is a proper noun the council's own content never uses (a capitalised word mid-sentence).
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from pathlib import Path

from presidio_analyzer import EntityRecognizer, RecognizerResult

_CUE = re.compile(
    r"\b(?:my|our|her|his|their|the)\s+(?:(?:foster|step|little|eldest|oldest|youngest|"
    r"adopted|middle|twin|baby|big|younger|older)[\s-]?)?"
    r"(?:son|daughter|child|boy|girl|grandson|granddaughter|nephew|niece|brother|sister|"
    r"husband|wife|partner|twins|kids?|children|baby|toddler|teenager|carer|grandchild|"
    r"lad|lass|wee\s+one|eldest|youngest|ex|mum|dad|mam|mom|stepson|stepdaughter|"
    r"sen[cd]o|teacher|ta|social\s+worker|key\s*worker|caseworker|case\s+officer|"
    r"paediatrician|consultant|health\s+visitor|gp|ot|salt|therapist|psychologist|"
    r"ed\s+psych|headteacher|head)"
    r"(?:'s)?,?\s+(?:(?:who\s+)?is\s+called\s+|called\s+|named\s+|is\s+|,\s*)?"
    r"|\b(?:(?:his|her|their|my|our|child's|son's|daughter's)\s+name(?:'s|\s+is)|"
    r"called|named|i\s+am|i'm|im|this\s+is|it's|its|call\s+me|ask\s+for|speak\s+to|"
    r"spoke\s+to|speaking\s+to|talked\s+to|emailed|rang|phoned|mum\s+to|dad\s+to|mum\s+of|"
    r"dad\s+of|mam\s+of|mum\s+here,?|dad\s+here,?|signed|regards,?|thanks,?|cheers,?|"
    r"love,?|x+|hi,?|hey,?|hiya,?|hello,?|morning,?)\s+"
    r"|\b(?:mr|mrs|ms|miss|mx|dr|prof|nurse|sister|auntie|aunty|uncle|nan|nana|grandma|"
    r"grandad|granny)\.?\s+",
    re.I,
)
# Possessives that belong to a person: "Ava's mum", "kai's EHCP".
_OWNED = re.compile(
    r"\s*'s\s+(?:mum|dad|mam|mom|mother|father|nan|gran|grandma|grandad|carer|sister|"
    r"brother|auntie|aunt|uncle|step|foster|teacher|ta|senco|sendco|key|social|school|"
    r"nursery|college|class|ehcp|ehc|plan|review|annual|assessment|diagnosis|needs|"
    r"behaviour|transport|taxi|school|bus|place|dla|pip|referral|appointment|birthday|"
    r"health|camhs|paediatrician|consultant|support|one\s+to\s+one|1:1|wheelchair)\b",
    re.I,
)
_AND_NAME = re.compile(r"\s*(?:,|&|\band\b|\bor\b|\+)\s*(?=[A-Za-z])", re.I)
_WORD = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)
_SURNAME = re.compile(r"\s+([A-Z][\w'-]+)")

# Words that start sentences or name things, never people, even after a cue or capitalised.
NOT_NAMES = frozenset(
    """
    a an and are as at autism autistic but can could did do does down for from has have he her
    hers him his how i if in is it its just me my no not of on or our she so that the their
    them there they this to was we what when where which who why with would yes you your
    hi hello hiya hey dear thanks thank please ok okay adhd ehc ehcp sen send senco sendco camhs
    nhs gp ot salt asd pda spld mld sld pmld dld dcd fasd ocd odd hi vi msi dla pip uc lol omg
    dyslexia dyspraxia dyscalculia epilepsy deaf blind school college nursery council local
    offer primary academy club team service services support mum dad mam mom parent parents
    carer year years old age aged also still really very only about after before both each
    every all any some one two three four five six seven eight nine ten first second
    tourette tourettes asperger aspergers duchenne rett angelman fragile williams downs down's
    mr mrs ms miss mx dr prof sir madam sorry cheers brilliant great section surname name
    mondays tuesdays wednesdays thursdays fridays saturdays sundays weekends weekend today
    tomorrow yesterday tonight morning afternoon evening night week month
    monday tuesday wednesday thursday friday saturday sunday
    january february march april june july september october november december
    england scotland wales ireland britain uk english welsh scottish irish british polish
    urdu punjabi bengali arabic somali romanian christmas easter halloween eid diwali
    ramadan god jesus allah mencap barnardo barnardo's contact scope sense ipsea sendiass
    nas mind young minds youngminds citizens advice google facebook whatsapp instagram
    tiktok discord snapchat youtube zoom teams amazon tesco asda lidl aldi morrisons
    not nothing none nobody anyone someone everyone here back home waiting trying going
    getting having being feeling struggling worried stressed desperate sure afraid glad
    happy sad new good bad better best worse worst
    son sons daughter daughters child children kid kids boy girl baby brother sister stepdad
    stepmum husband wife partner grandson granddaughter nephew niece ds dd dh dp dc
    hun mate love pal babe lovely chick
    """.split()
)
_FAKER_LOCALES = (
    "en_GB en_IE en_US en_IN en_PK pl_PL ro_RO hi_IN bn_BD yo_NG tr_TR it_IT pt_PT fr_FR "
    "es_ES de_DE lt_LT lv_LV cs_CZ sk_SK uk_UA ru_RU bg_BG hu_HU ga_IE fa_IR ne_NP tw_GH "
    "zu_ZA ka_GE vi_VN ar_SA ar_AE el_GR hr_HR sl_SI nl_NL da_DK sv_SE no_NO fi_FI et_EE"
).split()


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """First names from Faker's people lists for many countries, and our own for the rest."""
    names: set[str] = set()
    for locale in _FAKER_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except (ImportError, AttributeError):
            continue
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            listed = getattr(provider, attribute, None) or ()
            names.update(
                name.lower()
                for name in listed
                if name.isascii() and name.isalpha() and len(name) > 1
            )
    path = Path(__file__).with_name("first_names.txt")
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            names.update(line.split())
    return frozenset(names - NOT_NAMES)


class NameRecogniser(EntityRecognizer):
    """PERSON spans from cues, possessives, first names and proper nouns; `keep` never a name."""

    def __init__(self, keep: set[str], nlp):
        self.keep = keep
        self.nlp = nlp  # the spaCy pipeline Presidio already loaded, for re-cased copies
        super().__init__(supported_entities=["PERSON"], name="family names")

    def load(self) -> None:  # nothing to load beyond what __init__ was given
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        spans = self.spans(text, nlp_artifacts.tokens if nlp_artifacts else None)
        return [RecognizerResult("PERSON", start, end, 0.8) for start, end in spans]

    def spans(self, text: str, doc) -> list[tuple[int, int]]:
        letters = [ch for ch in text if ch.isalpha()]
        if letters and sum(ch.isupper() for ch in letters) > 0.6 * len(letters):
            lowered = text.lower()  # SHOUTED messages: read as lower case, same offsets
            if len(lowered) == len(text):
                text, doc = lowered, self.nlp(lowered)
        tokens = {token.idx: token for token in doc} if doc is not None else {}
        found: list[tuple[int, int]] = []
        for cue in _CUE.finditer(text):
            found += self._listed_after(text, cue.end(), tokens)
        for word in _WORD.finditer(text):
            token = word.group().removesuffix("'s")
            start, end = word.start(), word.start() + len(token)
            owned = bool(_OWNED.match(text, end)) and (
                token[:1].isupper() or token.lower() in first_names()
            )
            if self._could_be(text, start, token, tokens.get(start), cued=owned):
                found.append(self._with_surname(text, start, end, tokens))
            pair = _PAIR.match(text, start)
            if pair and all(name.lower() in first_names() for name in pair.group(1, 2)):
                found += [pair.span(1), pair.span(2)]
        last = list(_WORD.finditer(text))[-1:] if text.rstrip()[-1:].isalpha() else []
        for word in last:
            before = text[: word.start()].rstrip()
            signed = before.endswith((",", "-", "x")) or bool(re.search(r"\d$", before))
            if (
                signed
                and word.group().lower() in first_names()
                and word.group().lower() not in self.keep
            ):
                found.append((word.start(), word.end()))
        for entity in doc.ents if doc is not None else ():
            if entity.label_ == "PERSON" and self._is_person(entity.text):
                title = _TITLE.match(entity.text)
                found.append((entity.start_char + (title.end() if title else 0), entity.end_char))
        return found

    def _listed_after(self, text: str, position: int, tokens) -> list[tuple[int, int]]:
        """The name right after a cue, and any joined to it: "twins rose and lily"."""
        spans = []
        while True:
            word = _WORD.match(text, position)
            if not word:
                return spans
            token = word.group().removesuffix("'s")
            joined = _AND_NAME.match(text, word.end())
            paired = bool(joined) and (
                (_WORD.match(text, joined.end()) or _EMPTY).group().lower() in first_names()
            )
            listed = token.lower() in first_names()
            if not ((paired or spans) and listed) and not self._could_be(
                text, word.start(), token, tokens.get(word.start()), cued=True
            ):
                return spans
            span = self._with_surname(text, word.start(), word.start() + len(token), tokens)
            spans.append(span)
            joined = _AND_NAME.match(text, span[1])
            if not joined:
                return spans
            position = joined.end()

    def _could_be(self, text: str, start: int, word: str, token, cued: bool) -> bool:
        """Whether `word` at `start` reads as a person's name; `cued` when a cue introduced it."""
        lower = word.lower().removesuffix("'s")
        if lower in NOT_NAMES or lower in self.keep or len(lower) < 2:
            return False
        if word.isupper() and len(word) <= 4 and not cued:
            return False  # ADHD, SALT, OT
        if re.search(r"\bst\.?\s+$", text[max(0, start - 4) : start], re.I):
            return False  # St Mary's is a school or a church
        pos = token.pos_ if token is not None else ""
        mid_sentence = start > 0 and text[:start].rstrip()[-1:] not in ".!?"
        entity = token.ent_type_ if token is not None else ""
        listed = lower in first_names() or all(
            part in first_names() for part in lower.split("-") if part
        )
        everyday = lower in _WORD_NAMES
        if _SCHOOL_NEXT.match(text, start + len(word)):
            return False  # Greenfield Primary is a school
        if cued:
            if word[:1].isupper():
                # The tagger often calls an unfamiliar name an adverb: "my husband Olumide".
                return (pos == "ADV" or pos not in _NEVER_NAMES) and not _in_title_case_phrase(
                    text, start, word
                )
            # The tagger's PROPN on a lower-case word is noise; a listed name that is not a verb
            # or a pronoun here ("my son said") is the evidence that holds, or a word after
            # "i'm", "its", "called" that then stops: "hi im ahmed my brother...", "kayden here".
            if listed:
                return pos not in _NEVER_NAMES and (not everyday or pos == "PROPN")
            return (
                pos in ("PROPN", "NOUN", "X")
                and bool(_STRONG_CUE.search(text[max(0, start - 16) : start]))
                and bool(_ENDS_INTRODUCTION.match(text, start + len(word)))
            )
        if everyday and word.istitle() and mid_sentence and pos == "PROPN":
            return not _TIME_BEFORE.search(text[max(0, start - 12) : start])
        if everyday:
            return entity == "PERSON" or (
                # "will has been off school": a modal never takes "has", so at the start of a
                # sentence the word-name followed by what a person does is the person.
                (
                    word[:1].isupper()
                    or (text.islower() and (pos in ("PROPN", "NOUN") or not mid_sentence))
                )
                and bool(_ACTS.match(text, start + len(word)))
            )
        if word[:1].isupper() and not word.isupper():
            if sum(ch.isupper() for ch in word) > 1 + word.count("-"):
                return False  # SATs, EHCPs
            if entity == "PERSON":
                return True
            if _in_title_case_phrase(text, start, word):
                return False  # Parent Carer Forum
            if listed:
                return True
            if _PLACE_BEFORE.search(text[max(0, start - 12) : start]):
                return False  # moved from Leeds, go to Manchester
            acts = bool(_ACTS.match(text, start + len(word)))
            return (
                pos == "PROPN"
                and not _in_title_case_phrase(text, start, word)
                and (
                    (entity in ("", "ORG") and mid_sentence)
                    or (entity in ("", "ORG", "GPE") and acts)
                )
            )
        acts = bool(_ACTS.match(text, start + len(word)))
        return listed and acts and pos not in _NEVER_NAMES

    def _with_surname(self, text: str, start: int, end: int, tokens) -> tuple[int, int]:
        following = _SURNAME.match(text, end)
        if following:
            surname = following.group(1).removesuffix("'s")
            lower = surname.lower()
            token = tokens.get(following.start(1))
            if (
                lower not in NOT_NAMES
                and lower not in self.keep
                and (token is None or token.pos_ not in _NEVER_NAMES)
                and not (surname.isupper() and not text[start:end].isupper())
            ):
                return start, following.start(1) + len(surname)
        return start, end

    def _is_person(self, entity: str) -> bool:
        words = [word.lower().removesuffix("'s") for word in _WORD.findall(entity)]
        if not words or any(ch.isdigit() for ch in entity) or not entity[:1].isupper():
            return False
        return not any(word in self.keep or word in NOT_NAMES for word in words)


_EMPTY = re.compile("").match("")


# "in May", "over the Summer": a month or a season, not a girl.
def _in_title_case_phrase(text: str, start: int, word: str) -> bool:
    """Part of "Short Break", "Local Authority", "Passenger Assistant": a thing, not a person."""
    before = re.search(r"([A-Za-z]+)\s+$", text[max(0, start - 30) : start])
    after = re.match(r"\s+([A-Za-z]+)", text[start + len(word) :])
    return any(
        found
        and found.group(1)[:1].isupper()
        and found.group(1).lower() not in first_names()
        and found.group(1).lower() not in ("i", "mr", "mrs", "ms", "miss", "dr")
        for found in (before, after)
    )


_PLACE_BEFORE = re.compile(r"\b(?:from|to|in|near|around|outside|towards|via)\s+$", re.I)
_PAIR = re.compile(
    r"([^\W\d_][\w'-]*)\s+(?:and|&)\s+([^\W\d_][\w'-]*)\s+(?:are|were|have|both|go|aged)\b",
    re.I,
)
_STRONG_CUE = re.compile(r"\b(?:i'm|im|i\s+am|its|it's|called|named|name\s+is|name's)\s+$", re.I)
_ENDS_INTRODUCTION = re.compile(r"\s*(?:[,.!]|$|\s+(?:here|and|my|mum|dad|mam|from|,))", re.I)
_TIME_BEFORE = re.compile(
    r"\b(?:in|over|during|since|until|till|by|before|after|the|this|last|next|of|early|late|"
    r"mid|every|each|from|to)\s+$",
    re.I,
)
_INTRODUCED = re.compile(r"\s*(?:,|-|\bhere\b|$)", re.I)
_SCHOOL_NEXT = re.compile(
    r"\s+(?:primary|infants?|juniors?|academy|high\s+school|school|college|nursery)\b", re.I
)
# What a person does next: "Grace has", "rose keeps", "Will turns 18", "May's EHCP".
_ACTS = re.compile(
    r"(?:'s\b|\s+(?:is|was|has|had|keeps|kept|gets|got|goes|went|turns|turned|starts|started|"
    r"says|said|needs|needed|loves|hates|can't|cannot|won't|doesn't|didn't|isn't|wasn't|"
    r"struggles|refuses|attends|uses|likes|wants|and\s+i|and\s+her|and\s+his|who|aged|age)\b"
    r"|\s+\(?\d{1,2}\b)",
    re.I,
)
_TITLE = re.compile(r"(?:mr|mrs|ms|miss|mx|dr|prof)\.?\s+", re.I)
# Parts of speech a name never takes, whatever list it is on.
_NEVER_NAMES = frozenset("VERB AUX ADP DET PRON CCONJ SCONJ PART NUM ADV PUNCT SYM".split())
# First names that are also everyday English words: a name only when the tagger says so.
_WORD_NAMES = frozenset(
    "rose hope grace faith joy summer autumn dawn sky amber ruby holly ivy violet poppy daisy "
    "iris heather jasmine willow river storm rain angel crystal penny bill mark jack will may "
    "pat sunny june august frank art rob sue".split()
)
