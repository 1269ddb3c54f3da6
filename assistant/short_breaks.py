"""Which short-breaks level a family's answers point to. The council's team decides.

English councils share a three-level model (universal, targeted, specialist); the wording of
how to apply comes from each council's own guidance, quoted by the action.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from assistant.answers import PERSON, guidance_reply
from assistant.replies import Reply
from indexer.search import Hit


class Level(Enum):
    NOT_CHILDRENS = "not_childrens"  # 18 or over: adult social care, not short breaks
    OTHER_COUNCIL = "other_council"
    UNIVERSAL = "universal"
    TARGETED = "targeted"
    TARGETED_WITH_EVIDENCE = "targeted_with_evidence"


@dataclass(frozen=True)
class ShortBreaksAnswers:
    age: int
    lives_in_area: bool
    substantial_disability: bool
    gets_dla_or_pip: bool
    has_ehc_plan: bool


@dataclass(frozen=True)
class ShortBreaksOutcome:
    level: Level
    summary: str  # one plain sentence on what is likely
    next_step: str  # what to do now


def likely_level(answers: ShortBreaksAnswers) -> ShortBreaksOutcome:
    """The level the answers point to, with the next step. Never a decision."""
    if answers.age >= 18:
        return ShortBreaksOutcome(
            Level.NOT_CHILDRENS,
            "Short breaks for children stop at 18, so these levels do not apply.",
            "Adult social care can check what help there is for a young adult. "
            "Ask the Local Offer team to put you in touch.",
        )
    if not answers.lives_in_area:
        return ShortBreaksOutcome(
            Level.OTHER_COUNCIL,
            "Short breaks come from the council where your child lives.",
            "Please look at the Local Offer of your own council.",
        )
    if not answers.substantial_disability:
        return ShortBreaksOutcome(
            Level.UNIVERSAL,
            "Your child can use the open clubs and activities for all families. "
            "You do not need to apply for these.",
            "Ask me to find clubs near you, or look in the directory.",
        )
    if answers.gets_dla_or_pip or answers.has_ehc_plan:
        evidence = "the DLA or PIP letter" if answers.gets_dla_or_pip else "the EHC plan"
        return ShortBreaksOutcome(
            Level.TARGETED_WITH_EVIDENCE,
            "Your child is likely to be able to get targeted short breaks. "
            f"You can send {evidence} as proof.",
            "If your child's needs are complex, you can also ask for a social care "
            "assessment for specialist short breaks.",
        )
    return ShortBreaksOutcome(
        Level.TARGETED,
        "Your child may be able to get targeted short breaks. You will need to show "
        "how the disability affects daily life, for example with a letter from a doctor.",
        "If your child's needs are complex, you can also ask for a social care "
        "assessment for specialist short breaks.",
    )


DECISION_STATEMENT = (
    "This is only a guide. The council's short breaks team looks at each request and "
    "makes the decision."
)


HOW_TO_APPLY_QUERY = "apply for short breaks online form"


def short_breaks_reply(
    outcome: ShortBreaksOutcome, how_to_apply: Hit | None, stale_after_months: int
) -> Reply:
    """The likely level, the next step, the council's own words on applying, and who decides."""
    parts = [outcome.summary, outcome.next_step]
    citations = []
    if how_to_apply is not None and outcome.level in (Level.TARGETED, Level.TARGETED_WITH_EVIDENCE):
        quoted = guidance_reply(HOW_TO_APPLY_QUERY, how_to_apply, stale_after_months)
        parts.append(f"How to apply: {quoted.text}")
        citations = quoted.citations
    parts.append(DECISION_STATEMENT)
    return Reply(text="\n\n".join(parts), citations=citations, buttons=[PERSON])
