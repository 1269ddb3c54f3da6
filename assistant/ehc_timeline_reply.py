"""Say where a family is in the EHC process: the dates worked out, in the council's own words.

The dates come from `assistant.ehc_timeline`; each step's rule is quoted from the council's
guidance (the sentence that states that time limit), with its source and review date; the
people to contact come from `council.yml`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from assistant.answers import PERSON, guidance_citation
from assistant.contacts import describe_contact
from assistant.ehc_message import EhcMessage, FamilyDate
from assistant.ehc_timeline import (
    Deadline,
    Stage,
    appeal_deadline,
    draft_comments_deadline,
    first_review_deadline,
    phase_transfer_deadline,
    request_deadlines,
    review_deadlines,
)
from assistant.passages import passage_units
from assistant.replies import Button, Reply
from indexer.council import Council
from indexer.search import Hit


@dataclass(frozen=True)
class GuidanceStep:
    """How to find the council's sentence for one time limit: a search, and the words in it."""

    query: str
    cue: re.Pattern
    prefer: str = ""  # the guidance file that usually says it; another council's may differ
    follow: int = 0  # sentences after it that finish the point


GUIDANCE_STEPS: dict[str, GuidanceStep] = {
    "decide_to_assess": GuidanceStep(
        "decide whether to carry out an assessment within 6 weeks of receiving the request",
        re.compile(r"\b6 weeks\b.*\brequest", re.I),
        "ehc_needs_assessment.md",
    ),
    "decide_on_plan": GuidanceStep(
        "decides not to issue a plan within 16 weeks of the request",
        re.compile(r"\b16 weeks\b", re.I),
        "ehc_needs_assessment.md",
    ),
    "final_plan": GuidanceStep(
        "issue the final EHC plan within 20 weeks of receiving the request",
        re.compile(r"\b20 weeks\b", re.I),
        "ehc_needs_assessment.md",
    ),
    "draft_comments": GuidanceStep(
        "draft plan 15 days comment ask for a school to be named",
        re.compile(r"\bdraft\b.*\b15 days\b", re.I),  # not the 15 days for amendments
        "ehc_needs_assessment.md",
    ),
    "appeal": GuidanceStep(
        "appeal within 2 months of the decision letter or 1 month of the mediation certificate",
        re.compile(r"\b2 months\b.*\b1 month\b", re.I),
        "disagreements_and_complaints.md",
        follow=1,
    ),
    "review_decision": GuidanceStep(
        "the council must tell you its decision within 4 weeks of the review meeting",
        re.compile(r"\b4 weeks\b", re.I),
        "annual_reviews.md",
    ),
    "next_review": GuidanceStep(
        "an EHC plan must be reviewed at least once every 12 months",
        re.compile(r"\b12 months\b", re.I),
        "annual_reviews.md",
        follow=1,
    ),
    "phase_transfer": GuidanceStep(
        "moving between school phases plan amended to name the new school by 15 February",
        re.compile(r"\b15 February\b|\b31 March\b", re.I),
        "annual_reviews.md",
        follow=1,
    ),
    "missed": GuidanceStep(
        "if the 20-week time limit is missed you can complain to the council and the Ombudsman",
        re.compile(r"\bmissed\b", re.I),
        "ehc_needs_assessment.md",
        follow=1,
    ),
    "complain": GuidanceStep(
        "complaining about the council delays poor communication make a complaint",
        re.compile(r"\bdelays\b.*\bcomplaint\b", re.I),
        "disagreements_and_complaints.md",
    ),
}

# What should happen by each date, said plainly; "{due}" is the worked-out date.
WHAT_HAPPENS = {
    "decide_to_assess": "The council should tell you whether it will assess by {due} ({rule}).",
    "decide_on_plan": "If it assesses but decides not to make a plan, it should tell you by "
    "{due} ({rule}).",
    "final_plan": "If it makes a plan, the final plan should be with you by {due} ({rule}).",
    "draft_comments": "Send your comments, and the school you would like named, by {due}. "
    "That is day 15, counting the day the draft was sent.",
    "appeal": "If you want to appeal, you need to do it by {due} ({rule}).",
    "review_decision": "The council should tell you if it will keep, change or end the plan by "
    "{due} ({rule}).",
    "next_review": "The next review should be held by {due} ({rule}).",
    "phase_transfer": "The plan should be changed to name the new school or college {rule} {year}.",
}

PASSED = "That date has passed."
FROM_RECEIPT = "These dates count from the day the council got your request."
DRAFT_SENT_EARLIER = (
    "If the draft was sent to you before the day you got it, your last day may be sooner. "
    "The letter with the draft should give the date. If you need more time, ask the council "
    "straight away."
)
LETTER_DATE = (
    "Count from the date on the letter. If it is earlier than the day you got it, "
    "the last day is sooner."
)
EXCEPTIONS = (
    "The law lets the council take longer in a few cases. One is when a school it asks for "
    "advice is shut for 4 weeks or more, such as in the summer. Another is when your family "
    "is away for 4 weeks or more. The council should tell you if this applies."
)
ASK_FOR_REQUEST_DATE = (
    "The later dates count from the day the council got your request. If you tell me that "
    "date, I can work them out."
)
IF_MISSED = "If a date is missed:"
NOT_SURE_DATE = (
    "That is fine. Here is how the time limits work. When you find the date, for example on "
    "a letter, tell me and I will work out the days."
)
FUTURE_DATE = (
    "You said {when}, which is after today. Could you check the date and tell me again? "
    "For example, '3 March' or '2 weeks ago'."
)
WHICH_STEP = "I can work out the dates for you. Which step are you at? You can say 'not sure'."
WHEN_WAS_IT = {
    Stage.REQUEST: "When did the council get your request? For example, '3 March' or "
    "'2 weeks ago'. You can say 'not sure'.",
    Stage.PHASE_TRANSFER: "When is the move? For example, 'September 2027'. You can say "
    "'not sure'.",
}
WHEN_DEFAULT = (
    "What date was that? For example, '3 March', 'last Friday' or '2 weeks ago'. You can say "
    "'not sure'."
)
GENTLE_CORRECTION = {
    Stage.DRAFT_PLAN: "You said the final plan, but the 15 days to comment and ask for a "
    "school are for the draft plan. So it is most likely the draft. Here are the dates for "
    "both.",
    Stage.FINAL_PLAN: "You said the draft plan, but you can only appeal once the final plan "
    "is issued. So it is most likely the final plan. Here are the dates for both.",
}

IF_IT_IS = {
    Stage.FINAL_PLAN: "If it is the final plan:",
    Stage.DRAFT_PLAN: "If it is the draft plan:",
}

STEP_BUTTONS = [
    Button("We asked for an assessment", "We asked for an EHC needs assessment"),
    Button("We got the draft plan", "We got the draft EHC plan"),
    Button("We got the final plan", "We got the final EHC plan"),
    Button("We had an annual review", "We had the annual review meeting"),
    Button("The council said no", "We got a decision letter saying no"),
    Button("Not sure", "not sure"),
]

PassageFinder = Callable[[str], list[Hit]]


def say_date(day: date) -> str:
    """'Tuesday 14 April 2026'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def say_family_date(when: FamilyDate) -> str:
    return say_date(when.value) if when.day_known else f"{when.value:%B %Y}"


def ask_for_step() -> Reply:
    return Reply(text=WHICH_STEP, buttons=STEP_BUTTONS)


def ask_for_date(stage: Stage | None, future: FamilyDate | None = None) -> Reply:
    """'When was that?', or, for a date after today, the date we read and a plea to check it."""
    if future is not None:
        return Reply(text=FUTURE_DATE.format(when=say_family_date(future)))
    return Reply(text=WHEN_WAS_IT.get(stage, WHEN_DEFAULT))


def deadlines_for(message: EhcMessage, stage: Stage) -> list[Deadline]:
    """The dates that follow from one step, using any other dates the family gave."""
    dates = message.dates
    when = _date_of(message, stage)
    request = dates.get(Stage.REQUEST)
    if stage is Stage.REQUEST and when:
        return request_deadlines(when.latest)
    if stage is Stage.DECIDED_TO_ASSESS:
        return request_deadlines(request.latest)[1:] if request else []
    if stage is Stage.DRAFT_PLAN:
        found = [draft_comments_deadline(when.latest)] if when else []
        return found + (request_deadlines(request.latest)[2:] if request else [])
    if stage is Stage.FINAL_PLAN and when:
        return [appeal_deadline(when.latest), first_review_deadline(when.latest)]
    if stage is Stage.REFUSED and when:
        certificate = dates.get(Stage.MEDIATION_CERTIFICATE)
        return [appeal_deadline(when.latest, certificate.latest if certificate else None)]
    if stage is Stage.MEDIATION_CERTIFICATE and when:
        letter = dates.get(Stage.REFUSED)
        return [appeal_deadline(letter.latest if letter else None, when.latest)]
    if stage is Stage.ANNUAL_REVIEW and when:
        return review_deadlines(when.latest)
    if stage is Stage.PHASE_TRANSFER and when:
        return [phase_transfer_deadline(when.value.year, message.post16)]
    return []


def _date_of(message: EhcMessage, stage: Stage) -> FamilyDate | None:
    """The date of this step; a date given without any step belongs to no step."""
    if stage in message.dates:
        return message.dates[stage]
    return message.when if stage is message.stage else None


def _say_deadline(deadline: Deadline, day_known: bool, today: date) -> str:
    due = say_date(deadline.due)
    if deadline.key == "next_review" and not day_known:
        due = f"{deadline.due:%B %Y}"
    elif not day_known:
        due = f"{due} at the latest"
    text = WHAT_HAPPENS[deadline.key].format(due=due, rule=deadline.rule, year=deadline.due.year)
    return f"{text} {PASSED}" if deadline.due < today else text


def _opening(stage: Stage, when: FamilyDate | None) -> str:
    if when is None:
        return ""
    said = f"{'on' if when.day_known else 'in'} {say_family_date(when)}"
    return {
        Stage.REQUEST: f"You asked {said}.",
        Stage.DECIDED_TO_ASSESS: f"The council agreed to assess {said}.",
        Stage.DRAFT_PLAN: f"You got the draft plan {said}.",
        Stage.FINAL_PLAN: f"You got the final plan {said}.",
        Stage.REFUSED: f"You got the council's decision {said}.",
        Stage.MEDIATION_CERTIFICATE: f"You got the mediation certificate {said}.",
        Stage.ANNUAL_REVIEW: f"The review meeting was {said}.",
        Stage.PHASE_TRANSFER: f"The move is {said}.",
    }[stage]


def _notes(stage: Stage, message: EhcMessage) -> list[str]:
    notes = []
    if stage is Stage.REQUEST:
        notes += [FROM_RECEIPT, EXCEPTIONS]
    if stage is Stage.DRAFT_PLAN:
        notes.append(DRAFT_SENT_EARLIER)
    if stage in (Stage.DECIDED_TO_ASSESS, Stage.DRAFT_PLAN) and Stage.REQUEST not in message.dates:
        notes.append(ASK_FOR_REQUEST_DATE)
    if stage in (Stage.FINAL_PLAN, Stage.REFUSED):
        notes.append(LETTER_DATE)
    return notes


def _quote(key: str, find: PassageFinder, used: set[str]) -> tuple[str, Hit] | None:
    """The council's sentence that states this time limit, and the passage it is in."""
    step = GUIDANCE_STEPS[key]
    hits = sorted(find(step.query), key=lambda hit: hit.payload.get("source") != step.prefer)
    for hit in hits:
        units = passage_units(hit)
        for index, (text, role) in enumerate(units):
            if role == "item" or not step.cue.search(text) or text in used:
                continue
            used.add(text)
            return _render(units, index, step.follow), hit
    return None


def _render(units: list[tuple[str, str]], index: int, follow: int) -> str:
    """The sentence, with its list if it leads one, and the sentences that finish its point."""
    text, role = units[index]
    parts = [text]
    end = index + 1
    if role == "lead":
        while end < len(units) and units[end][1] == "item":
            parts.append(f"- {units[end][0]}")
            end += 1
    for next_text, next_role in units[end : end + follow]:
        if next_role != "text":
            break
        parts.append(next_text)
    joined = parts[0]
    for part in parts[1:]:
        joined += ("\n" if part.startswith("- ") else " ") + part
    return joined


def _missed(council: Council, find: PassageFinder, used: set[str]) -> tuple[list[str], list[Hit]]:
    """The caseworker (through the team), SENDIASS, and the council's words on complaining."""
    team = council.contacts["local_offer_team"]
    advice = council.contacts["sendiass"]
    lines = [
        IF_MISSED,
        f"- Ask your caseworker what is happening, through {describe_contact(team)}",
        f"- For free, independent advice: {describe_contact(advice)}",
    ]
    sources = []
    for key in ("missed", "complain"):
        quoted = _quote(key, find, used)
        if quoted:
            text, hit = quoted
            lines.append(f'- The council\'s guidance says: "{text}"')
            sources.append(hit)
    return lines, sources


def timeline_reply(
    message: EhcMessage,
    council: Council,
    find: PassageFinder,
    stale_after_months: int,
    today: date,
) -> Reply:
    """The step, what should happen next and by when, the council's words, and who can help."""
    if message.future is not None:
        return Reply(text=FUTURE_DATE.format(when=say_family_date(message.future)))
    if message.stage is None and not message.not_sure:
        return ask_for_step()
    if message.stage is not None and message.when is None and not message.not_sure:
        return ask_for_date(message.stage)
    stages = [message.stage] if message.stage else [Stage.REQUEST, Stage.DRAFT_PLAN]
    if message.stated_stage is not None:
        stages.append(message.stated_stage)
    blocks: list[str] = []
    if message.stated_stage is not None:
        blocks.append(GENTLE_CORRECTION[message.stage])
    if message.when is None:
        blocks.append(NOT_SURE_DATE)
    used: set[str] = set()
    sources: list[Hit] = []
    for stage in stages:
        when = _date_of(message, stage)
        if stage is message.stated_stage:
            lines = [IF_IT_IS[stage]]
        else:
            lines = [_opening(stage, when)] if when else []
        deadlines = deadlines_for(message, stage)
        lines += [_say_deadline(d, when.day_known if when else True, today) for d in deadlines]
        keys = [d.key for d in deadlines] or _keys_without_dates(stage)
        for key in keys:
            quoted = _quote(key, find, used)
            if quoted:
                text, hit = quoted
                lines.append(f'The council\'s guidance says: "{text}"')
                sources.append(hit)
        lines += _notes(stage, message) if when else []
        blocks.append("\n".join(line for line in lines if line))
    missed, missed_sources = _missed(council, find, used)
    blocks.append("\n".join(missed))
    sources += missed_sources
    sections = list({hit.id: hit for hit in sources}.values())
    citations = [guidance_citation(hit, stale_after_months, today) for hit in sections]
    for hit, citation in zip(sections, citations, strict=True):
        section = hit.payload.get("section")
        where = f"'{citation.title}', section '{section}'" if section else f"'{citation.title}'"
        blocks.append(f"Read it all in {where}: {citation.url}\n{citation.note}".rstrip())
    return Reply(text="\n\n".join(blocks), citations=citations, buttons=[PERSON])


def _keys_without_dates(stage: Stage) -> list[str]:
    """The time limits to quote when there is no date to count from."""
    return {
        Stage.REQUEST: ["decide_to_assess", "decide_on_plan", "final_plan"],
        Stage.DECIDED_TO_ASSESS: ["decide_on_plan", "final_plan"],
        Stage.DRAFT_PLAN: ["draft_comments", "final_plan"],
        Stage.FINAL_PLAN: ["appeal", "next_review"],
        Stage.REFUSED: ["appeal"],
        Stage.MEDIATION_CERTIFICATE: ["appeal"],
        Stage.ANNUAL_REVIEW: ["review_decision", "next_review"],
        Stage.PHASE_TRANSFER: ["phase_transfer"],
    }[stage]
