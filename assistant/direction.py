"""Check a passage points the right way for this family before it is quoted.

Some passages are right for most families and wrong for one: the walking-distance rule
quoted to a parent whose child cannot walk, the 19 to 25 travel rules to a parent of a
seven-year-old. Each conflict is a pair: what the passage is about, and what the family
said that makes it the wrong answer.
"""

from __future__ import annotations

import re

CONFLICTS: tuple[tuple[re.Pattern, re.Pattern], ...] = (
    (
        re.compile(r"\bwalking distance", re.IGNORECASE),
        re.compile(
            r"\b(?:can(?:no|')?t walk|cannot walk|unable to walk|non[- ]?mobile|wheelchair|"
            r"doesn'?t walk|does not walk|not able to walk)\b",
            re.IGNORECASE,
        ),
    ),
)


def misdirected(passage: str, message: str) -> bool:
    """True when the passage's rule does not apply to what the family told us."""
    return any(about.search(passage) and family.search(message) for about, family in CONFLICTS)
