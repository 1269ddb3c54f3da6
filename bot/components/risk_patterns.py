"""Phrases that disclose a risk of harm: self-harm, suicide, abuse, danger, a child missing.

Deliberately broad: a false alarm costs a family one extra paragraph of phone numbers;
a miss could cost far more. Only the standard library, so both environments can import it.
"""

from __future__ import annotations

import re

_SELF = r"(?:my|him|her|them|your|our)sel(?:f|ves)"
RISK_PATTERNS: list[tuple[str, str]] = [
    ("self-harm", r"\bself[\s-]*harm\w*"),
    ("self-harm", rf"\b(?:cut|cuts|cutting|hurt|hurts|hurting|harm|harms|harming)\s+{_SELF}"),
    ("suicide", r"\bsuicid\w*"),
    ("suicide", rf"\bkill(?:s|ing)?\s+{_SELF}"),
    ("suicide", r"\b(?:want|wants|wanted|wanting)\s+to\s+die\b"),
    ("suicide", r"\bend\s+(?:it\s+all|my\s+life|his\s+life|her\s+life|their\s+life|it)\b"),
    ("suicide", r"\b(?:no|not\s+any)\s+(?:point|reason)\s+(?:in\s+)?(?:living|going\s+on)\b"),
    (
        "overdose",
        r"\boverdos\w*|\btaken\s+(?:too\s+many|loads\s+of|a\s+lot\s+of)\s+(?:pills|tablets)",
    ),
    ("abuse", r"\babus(?:e|ed|es|ing|ive|er)\b"),
    ("abuse", r"\bneglect(?:ed|ing)?\b"),
    ("abuse", r"\bgroom(?:ed|ing)\b"),
    ("abuse", r"\btouch(?:ed|es|ing)\s+(?:me|him|her|them)\s+inappropriately"),
    ("violence", r"\bdomestic\s+(?:violence|abuse)\b"),
    ("violence", r"\bviolen(?:t|ce)\b"),
    ("violence", r"\bbruis(?:e|es|ed|ing)\b"),
    (
        "violence",
        r"\b(?:hit|hits|hitting|beat|beats|beating|kick|kicks|kicking|punch|punches|punching|"
        r"strangl\w*|chok(?:e|es|ed|ing))\s+(?:me|him|her|us|them|my)\b",
    ),
    ("violence", r"\b(?:threaten\w*|going)\s+to\s+(?:kill|hurt)\b"),
    ("violence", r"\b(?:someone|somebody|he|she|they)\s+(?:is|are|keeps?)\s+hurting\b"),
    ("danger", r"\b(?:not|isn'?t|don'?t\s+feel)\s+safe\s+(?:at\s+home|with)\b"),
    ("danger", r"\b(?:scared|afraid|frightened)\s+to\s+go\s+home\b"),
    ("danger", r"\bin\s+danger\b"),
    ("missing", r"\b(?:ran|run|running|has\s+run)\s+away\b"),
    ("missing", r"\bcan'?t\s+find\s+(?:him|her|them|my\s+(?:son|daughter|child|kid))\b"),
    ("missing", r"\b(?:gone|went|is)\s+missing\b"),
    ("crisis", r"\bcan'?t\s+(?:cope|go\s+on)\b"),
    ("crisis", r"\bcrisis\b"),
]
_COMPILED = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in RISK_PATTERNS]


def find_risk(text: str) -> tuple[str, str] | None:
    """(kind, matched words) for the first risk phrase in `text`, or None."""
    for kind, pattern in _COMPILED:
        match = pattern.search(text or "")
        if match:
            return kind, match.group(0)
    return None
