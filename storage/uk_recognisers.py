"""Presidio recognisers for the personal details English families type into a Local Offer chat.

Presidio brings the framework and two generic recognisers (NHS numbers with their check
digit, phone numbers through Google's libphonenumber); these add what a family message holds
besides: emails, spelt out too, social and gaming handles, National Insurance numbers
in the test prefix too, street addresses and house names, and birth dates written as people
say them. (The school a child goes to is `storage.schools`; names are `storage.names`.)
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, PatternRecognizer

_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
_STREET = (
    "road rd street st lane ln avenue ave close drive dr court ct way crescent cres place pl "
    "grove gardens gdns terrace walk hill row square sq mews view parade green rise cottages "
    "mill house farm lodge yard wharf quay park fold croft vale end estate bank"
).split()
_STREETS = "(?:" + "|".join(_STREET) + r")\b"
_NAMEWORD = r"[A-Z][\w'-]+"
# "18 miles each way" and "7 places does St Luke's have" are not addresses.
_NOT_AMOUNT = (
    r"(?!(?:miles?|minutes?|mins?|hours?|hrs?|places?|weeks?|days?|years?|months?|times?|"
    r"pupils?|kids?|children|sessions?|nights?|more|or|and|to|of)\b)"
)


def _patterns(entity: str, score: float, *regexes: str, context: list[str] | None = None):
    patterns = [Pattern(f"{entity} {n}", regex, score) for n, regex in enumerate(regexes)]
    return PatternRecognizer(
        supported_entity=entity,
        patterns=patterns,
        context=context,
        global_regex_flags=regex.IGNORECASE,
    )


def recognisers() -> list[PatternRecognizer]:
    """Our UK recognisers, each scoring 0.6 or more so they pass the redactor's threshold."""
    return [
        _patterns(
            "EMAIL_ADDRESS",
            0.8,
            r"\b[\w.+-]+(?:\s+dot\s+[\w+-]+)*\s*(?:\(at\)|\[at\]|\{at\}|\s+at\s+|@)\s*[\w-]+"
            r"(?:\s*(?:\(dot\)|\[dot\]|\{dot\}|\s+dot\s+|\.)\s*[\w-]+)*"
            r"\s*(?:\(dot\)|\[dot\]|\{dot\}|\s+dot\s+|\.)\s*"
            r"(?:com|org|net|co|uk|gov|ac|nhs|sch|io|me|info|edu|biz)\b"
            r"(?:\s*(?:\(dot\)|\[dot\]|\s+dot\s+|\.)\s*(?:uk|com|org))?",
        ),
        _patterns("EMAIL_ADDRESS", 0.8, r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),
        _patterns("UK_POSTCODE", 0.7, r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"),
        _patterns(
            "SOCIAL_HANDLE",
            0.8,
            r"(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}\b",
            r"\b[A-Za-z0-9_.]{2,32}#\d{4}\b",
            r"\b(?:facebook|fb|instagram|tiktok|twitter|x|youtube|linkedin)\.com/[\w./-]+",
            r"(?<=\b(?:insta|instagram|snap|snapchat|tiktok|discord|twitter|threads|xbox|psn|"
            r"roblox|fortnite|steam|twitch|gamertag|username|handle|telegram|kik)\s)"
            r"(?!is\b|on\b|me\b|handle\b|name\b|the\b|it\b)[\w.#-]*[\d_.#][\w.#-]*",
            r"(?<=\b(?:insta|instagram|snap|snapchat|tiktok|discord|twitter|threads|xbox|psn|"
            r"roblox|fortnite|steam|twitch|gamertag|username|handle|telegram|kik)\s(?:is|:|-)\s)"
            r"[\w.#-]{3,}",
            r"(?<=\b(?:insta|instagram|snap|snapchat|tiktok|discord|twitter|threads|xbox|psn|"
            r"roblox|fortnite|steam|twitch|gamertag|username|handle|telegram|kik)(?:\s?name)?:\s?)"
            r"[\w.#-]{3,}",
        ),
        _patterns(
            "UK_NINO",
            0.8,
            r"\b[a-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[a-d]\b",
            context=["national insurance", "ni number", "nino", "ni no"],
        ),
        _patterns(
            "UK_NHS",
            0.7,
            r"(?<=\bnhs\b[^\d]{0,20})\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)",
        ),
        _patterns(
            "PHONE_NUMBER",
            0.7,
            r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?(?:[\s-]?\d){6,8}(?!\d)",
        ),
        _patterns(
            "ADDRESS",
            0.7,
            r"\b(?:(?:flat|apartment|apt|unit)\s+\d+[a-z]?,?\s+(?:" + _NAMEWORD + r"\s+){0,3}"
            r"(?:"
            + _STREETS
            + r",?\s+)?)?(?:no\.?\s+)?\d{1,4}[a-z]?,?\s+"
            + _NOT_AMOUNT
            + r"(?:[A-Za-z][\w'-]+\s+){1,3}"
            + _STREETS,
            r"\bthe\s+(?:"
            + _NAMEWORD
            + r"\s+){1,2}?"
            + _STREETS
            + r",\s+(?:[A-Za-z][\w'-]+\s+){1,2}"
            + _STREETS,
        ),
        _patterns(
            "DATE_OF_BIRTH",
            0.7,
            r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}\b",
            r"\b(?:19|20)\d{2}[/.-]\d{1,2}[/.-]\d{1,2}\b",
            r"\b"
            + _WEEKDAY
            + r"(?:the\s+)?"
            + _ORDINAL
            + r"\s+(?:of\s+)?"
            + MONTH
            + r"(?:,?\s+(?:19|20)\d{2})?\b",
            r"\b" + _WEEKDAY + MONTH + r"\s+(?:the\s+)?" + _ORDINAL + r"(?:,?\s+(?:19|20)\d{2})?\b",
        ),
    ]
