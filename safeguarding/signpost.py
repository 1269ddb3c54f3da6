"""The reply to a disclosure: kind, short, and the right line first for what was said.

The council's own children's front door and out-of-hours numbers always appear, whatever the
order; the numbers come from the active council's `council.yml` when the reply is made.
"""

from __future__ import annotations

from indexer.council import Council
from safeguarding.detector import RiskAssessment

# Danger that may be happening now: 999 leads.
IMMEDIATE = {"overdose", "missing", "threats_to_kill", "child_violence", "domestic_abuse"}
# A parent in despair about themselves: Samaritans leads (after 999 where that leads).
DESPAIR = {"suicidal", "self_harm", "carer_breakdown"}

OPENING = (
    "Thank you for telling me. I'm worried about what you've said, "
    "and you don't have to deal with this alone."
)
OPENING_CARE = (
    "Thank you for telling me. What you're going through sounds really hard, "
    "and help is there right now."
)


def _lines(council: Council) -> dict[str, str]:
    front_door = council.contacts["childrens_front_door"]
    out_of_hours = council.contacts["out_of_hours"]
    hours = f" ({front_door.hours})" if front_door.hours else ""
    return {
        "999": "If anyone is in danger right now, or someone has taken something, call 999.",
        "front_door": (
            f"If a child is at risk, call {front_door.name} on {front_door.phone}{hours}. "
            f"Out of hours, call {out_of_hours.name} on {out_of_hours.phone}."
        ),
        "childline": "If you're under 19, talk to Childline free on 0800 1111, day or night.",
        "samaritans": "If you're struggling to cope, Samaritans listen any time: call 116 123.",
        "nspcc": "If you're an adult worried about a child, call the NSPCC on 0808 800 5000.",
    }


def line_order(assessment: RiskAssessment) -> list[str]:
    """Which lines to show, most fitting first."""
    first: list[str] = []
    if assessment.category in IMMEDIATE:
        first.append("999")
    if assessment.speaker == "child_or_young_person":
        first.append("childline")
    elif assessment.speaker == "parent_about_self" and assessment.category in DESPAIR:
        first.append("samaritans")
    elif assessment.speaker == "other_adult":
        first.append("nspcc")
    first.append("front_door")
    rest = ["999", "front_door", "childline", "samaritans", "nspcc"]
    return list(dict.fromkeys(first + rest))


def render_signpost(assessment: RiskAssessment | None, council: Council) -> str:
    """The whole emergency reply for `assessment` (None: a disclosure of unknown kind)."""
    assessment = assessment or RiskAssessment(disclosed=True)
    lines = _lines(council)
    opening = OPENING_CARE if assessment.category in DESPAIR else OPENING
    return "\n".join([opening, *(lines[key] for key in line_order(assessment))])


def urgent_help_line(council: Council) -> str:
    """One short line for a question about a risk topic that discloses nothing."""
    front_door = council.contacts["childrens_front_door"]
    return (
        f"If you ever need urgent help: 999 in an emergency, or {front_door.name} on "
        f"{front_door.phone} if a child is at risk."
    )
