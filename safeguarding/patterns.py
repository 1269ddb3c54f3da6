"""The deterministic layer: explicit phrases that disclose a risk of harm.

No model can talk the check out of one of these. They are kept to explicit, first-hand
wording ("i took 20 paracetamol", "he hit me", "want to die") so that a question about a
topic ("suicide prevention training") is left to the model, which knows a request from a
disclosure. Only the standard library, so both environments import it.
"""

from __future__ import annotations

import re

_SELF = r"(?:my|him|her|them|your|our)sel(?:f|ves)"
_PERSON = r"(?:me|him|her|them|my\s+\w+|the\s+(?:kids?|baby|children))"
_ADULT = (
    r"(?:partner|husband|wife|boyfriend|girlfriend|dad|stepdad|step\s+dad|father|mum|mam|"
    r"mom|stepmum|ex|uncle|carer)"
)
_CHILD = (
    r"(?:i|he|she|they|we|(?:my|our|the)\s+(?:\w+\s+)?"
    r"(?:son|daughter|child|kid|boy|girl|brother|sister|grandson|granddaughter))"
)

RISK_PATTERNS: list[tuple[str, str]] = [
    (
        "self_harm",
        rf"\b(?:cut|cuts|cutting|burn|burns|burning|burnt|hurt|hurts|hurting|harm|harms|harming|"
        rf"punch|punching|starv\w+)\s+{_SELF}",
    ),
    ("self_harm", r"\bcut(?:ting)?\s+(?:my|her|his)\s+(?:arms?|wrists?|legs?|thighs?)\b"),
    ("self_harm", r"\b(?:i|she|he)\s+(?:cut|cuts|cutting|cutt)\s+again\b"),
    ("suicidal", rf"\bkill(?:s|ing)?\s+{_SELF}"),
    ("suicidal", r"\b(?:want|wants|wanted|wanting|going)\s+to\s+die\b"),
    ("suicidal", r"\bend\s+(?:it\s+all|my\s+life|his\s+life|her\s+life|their\s+life)\b"),
    ("suicidal", r"\b(?:no|not\s+any)\s+(?:point|reason)\s+(?:in\s+)?(?:living|going\s+on)\b"),
    ("suicidal", r"\b(?:better\s+off|happier)\s+(?:without|if)\s+(?:me|i|i'?m)\b"),
    ("suicidal", r"\b(?:not|never)\s+(?:to\s+)?wake\s+up\b"),
    ("suicidal", r"\b(?:take|taking|took|end)\s+(?:my|his|her)\s+own\s+life\b"),
    (
        "suicidal",
        r"\b(?:i'?m|i\s+am|i\s+feel|feeling|she'?s|he'?s|is)\s+(?:really\s+|so\s+)?suicidal\b",
    ),
    (
        "overdose",
        r"\b(?:took|taken|swallowed|had)\s+(?:a\s+)?(?:whole|all|loads|lots|handful|packet|box|"
        r"bottle|\d+)\s+(?:of\s+)?(?:(?:my|mums?|dads?|her|his|the)\s+)?(?:pills|tablets|"
        r"paracetamol|meds|medication|ibuprofen|sleeping)",
    ),
    ("overdose", r"\boverdos(?:ed|ing)\b|\b(?:has|have|had)\s+(?:taken\s+)?an?\s+overdose\b"),
    (
        "overdose",
        r"\b(?:paracetamol|ibuprofen|pills|tablets|meds|medication|calpol|sleeping)\b.{0,60}"
        r"\b(?:took|taken|swallowed|had|necked|downed)\s+(?:like\s+|about\s+|around\s+)?\d+\b",
    ),
    (
        "overdose",
        r"\b(?:drank|swallowed|ate|has\s+eaten)\s+(?:some\s+)?(?:bleach|washing\s+(?:up\s+)?liquid|"
        r"a\s+(?:battery|magnet|washing\s+tablet|dishwasher\s+tablet)|anti.?freeze|detergent)",
    ),
    ("child_abuse", r"\babus(?:ed|es|ing|ive|er)\b"),
    (
        "child_abuse",
        r"\btouch(?:ed|es|ing)\s+(?:me|him|her|them)\s+(?:inappropriately|down\s+there)",
    ),
    ("child_abuse", r"\b(?:raped|rape\s+me|molest\w*|sexually\s+assault\w*)\b"),
    ("child_abuse", r"\bmade\s+(?:me|him|her)\s+(?:do|touch|watch)\s+(?:stuff|things|him|her)\b"),
    ("neglect", r"\bneglect(?:ed|ing)\b"),
    ("neglect", r"\b(?:no|any)\s+food\s+in\s+the\s+house\b"),
    ("neglect", r"\block(?:s|ed)?\s+(?:me|him|her|them)\s+in\b"),
    ("exploitation", r"\bgroom(?:ed|ing)\s+(?:me|him|her|them|my)\b"),
    ("exploitation", r"\b(?:send|sent|sending)\s+(?:him|her|them)\s+(?:pics|nudes|photos)\b"),
    ("exploitation", r"\bnudes?\b.{0,40}\b(?:threat\w*|share|post|send\s+money)"),
    (
        # A child lashing out in a meltdown is everyday in SEND families ("he kicked me in
        # tesco"): hitting words count here only when an adult in the home does it.
        "domestic_abuse",
        rf"\b{_ADULT}\s+(?:\w+\s+)?(?:hit|hits|hitting|beat|beats|beating|kick|kicks|kicked|"
        rf"kicking|punch|punched|punches|punching|slap|slapped|slaps|shoved|pushed|pinned|"
        rf"grabbed)\s+{_PERSON}\b",
    ),
    ("domestic_abuse", rf"\b(?:strangl\w*|chok(?:es|ed|ing)|throttl\w*)\s+{_PERSON}\b"),
    ("domestic_abuse", r"\b(?:by|round|around)\s+(?:the|my)\s+(?:throat|neck)\b"),
    ("threats_to_kill", r"\bthreaten(?:s|ed|ing)?\s+to\s+(?:kill|stab|hurt)\b"),
    (
        "threats_to_kill",
        r"\b(?:will|gonna|'?ll)\s+(?:kill|stab|murder)\s+(?:me|us|him|her|them|you)\b",
    ),
    ("child_violence", r"\b(?:someone|somebody|he|she|they)\s+(?:is|are|keeps?)\s+hurting\b"),
    ("child_violence", r"\bbruis(?:e|es|ed|ing)\b.{0,40}\b(?:sister|brother|sibling|baby)\b"),
    ("domestic_abuse", r"\b(?:not|isn'?t|don'?t\s+feel|dont\s+feel)\s+safe\s+(?:at\s+home|with)\b"),
    ("domestic_abuse", r"\b(?:scared|afraid|frightened)\s+to\s+go\s+home\b"),
    ("domestic_abuse", r"\bin\s+danger\b"),
    ("missing", rf"\b{_CHILD}\s+(?:has\s+)?(?:ran|run|runs)\s+away\b"),
    ("missing", r"\bcan'?t\s+find\s+(?:him|her|them|my\s+(?:son|daughter|child|kid|boy|girl))\b"),
    ("missing", rf"\b{_CHILD}\s+(?:has\s+|have\s+|is\s+|are\s+)?(?:gone|went|been)\s+missing\b"),
    ("missing", rf"\b{_CHILD}\s+(?:is|are)\s+missing\b"),
    ("missing", r"\bhasn'?t\s+(?:come|been)\s+home\b"),
    ("carer_breakdown", r"\bcan'?t\s+(?:cope|go\s+on|do\s+this)\s+(?:any\s*more|anymore)\b"),
    (
        "carer_breakdown",
        r"\b(?:don'?t|dont)\s+know\s+what\s+i'?(?:ll|\s+will|\s+might)\s+do\b",
    ),
]
_COMPILED = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in RISK_PATTERNS]


def find_risk(text: str) -> tuple[str, str] | None:
    """(category, matched words) for the first explicit risk phrase in `text`, or None."""
    for kind, pattern in _COMPILED:
        match = pattern.search(text or "")
        if match:
            return kind, match.group(0)
    return None
