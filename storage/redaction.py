"""Remove personal details from text before it is stored for officers."""

from __future__ import annotations

import re

# Order matters: the most specific patterns run first so a postcode is not read as a phone.
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("[EMAIL]", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    ("[NHS_NUMBER]", re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b(?=\D*(?:nhs|$))", re.I)),
    (
        "[PHONE]",
        re.compile(r"(?<!\w)(?:\+44\s?\(?0?\)?\s?|\(?0)(?:\d[\s\-()]?){9,10}(?!\d)"),
    ),
    (
        "[POSTCODE]",
        re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.I),
    ),
    (
        "[DATE_OF_BIRTH]",
        re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}\b"),
    ),
]


def redact(text: str) -> str:
    """`text` with emails, phone numbers, postcodes, NHS numbers and dates replaced by tags."""
    for tag, pattern in PATTERNS:
        text = pattern.sub(tag, text)
    return text
