"""Read a family's message about the EHC process: which step they are at, and when it happened.

Families write dates as they speak ("on Friday", "2 weeks ago", "the 3rd of March", "in
June"), so a handful of patterns covers them; a date without a year is the most recent one
that has passed. Each clause's step is paired with that clause's date, so "we asked on 3 March
and got the draft on 20 June" keeps both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from assistant.ehc_timeline import Stage, add_months, most_recent_past

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tues", "tue"),
            ("wednesday", "weds", "wed"),
            ("thursday", "thurs", "thur"),
            ("friday", "fri"),
            ("saturday",),
            ("sunday",),
        ]
    )
    for name in names
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d{2}))?"
_ORDINAL = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
DAY_MONTH = re.compile(rf"\b{_ORDINAL}\s+(?:of\s+)?{_MONTH}\b{_YEAR}", re.IGNORECASE)
MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_ORDINAL}(?!\d)\b{_YEAR}", re.IGNORECASE)
# 3/3 and 3/3/26; with dots or dashes only with a year, so "1.5 weeks" and "1-2 days" stay numbers.
NUMERIC = re.compile(
    r"\b(?P<day>[0-3]?\d)(?:/(?P<month>[01]?\d)(?:/(?P<year>\d{4}|\d{2}))?|"
    r"(?P<sep>[.\-])(?P<month2>[01]?\d)(?P=sep)(?P<year2>\d{4}|\d{2}))\b"
)
# "May" is also a verb: alone it counts as a month only after a word that leads to a date.
MONTH_ONLY = re.compile(
    rf"\b(?P<lead>in|last|since|during|of|from|around|early|late|mid|next|this|back in|"
    rf"was|were)?\s*{_MONTH}\b{_YEAR}",
    re.IGNORECASE,
)
AGO = re.compile(
    r"\b(?P<count>\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s+(?P<unit>day|week|month)s?\s+ago\b",
    re.IGNORECASE,
)
WEEKDAY = re.compile(
    r"\b(?:(?P<lead>on|last|this past|this)\s+)?(?P<weekday>"
    + "|".join(sorted(WEEKDAYS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
# "reply by Friday", "until 15 December", "next Monday": a date asked about, not one that happened.
ASKED_ABOUT = re.compile(
    r"\b(?:by|until|till|before|deadline(?: is)?|due|next)\s+(?:the\s+|on\s+)?$", re.IGNORECASE
)
TODAY = re.compile(r"\b(?:today|this morning|this afternoon|tonight|this evening)\b", re.I)
YESTERDAY = re.compile(r"\byesterday\b", re.IGNORECASE)

NOT_SURE = re.compile(
    r"\b(?:not sure|unsure|not certain|don'?t know|do not know|no idea|can'?t remember|"
    r"cannot remember|don'?t remember|forget|forgot|dunno|idk)\b",
    re.IGNORECASE,
)

# Checked in this order: the first step named in a clause is the one that clause is about.
STAGE_CUES: list[tuple[Stage, re.Pattern]] = [
    (Stage.MEDIATION_CERTIFICATE, re.compile(r"\bcertificate\b", re.I)),
    (
        Stage.PHASE_TRANSFER,
        re.compile(
            r"\b(?:phase transfer|moves? (?:up )?to|moving (?:up )?to|starts?|starting|"
            r"transfers? to|going (?:up )?to)\s+(?:a |the )?(?:secondary|high school|junior|"
            r"middle school|college|sixth form|post.?16|year 7|reception|infant|new school)",
            re.I,
        ),
    ),
    (
        Stage.REFUSED,
        re.compile(
            r"\b(?:refus\w*|turned (?:us|him|her|them|it) down|turned down|said no|"
            r"decided not|won'?t (?:assess|issue|do)|will not (?:assess|issue)|"
            r"not to (?:assess|issue)|decision letter|rejected)",
            re.I,
        ),
    ),
    (Stage.ANNUAL_REVIEW, re.compile(r"\b(?:annual review|review meeting|review)\b", re.I)),
    (Stage.DRAFT_PLAN, re.compile(r"\bdraft\b", re.I)),
    (
        Stage.FINAL_PLAN,
        re.compile(
            r"\b(?:final|finalised|finalized)\b|\bplan (?:was |has been )?issued\b|"
            r"\bissued (?:the|his|her|their|our) (?:ehc ?)?plan\b",
            re.I,
        ),
    ),
    (
        Stage.DECIDED_TO_ASSESS,
        re.compile(
            r"\b(?:agreed to (?:assess|do)|decided to assess|said yes|(?:are|is) assessing|"
            r"going to assess|will assess)\b",
            re.I,
        ),
    ),
    (
        Stage.REQUEST,
        re.compile(
            r"\b(?:asked|applied|apply|applying|request\w*|sent (?:it )?(?:off|in)|sent the|put in|"
            r"submitted|emailed)\b",
            re.I,
        ),
    ),
]
# "15 days to comment on the final plan" is about the draft; an appeal is about the final plan.
COMMENT_CUES = re.compile(
    r"\b(?:15|fifteen) days\b|\bcomment|\brepresentations?\b|\breply\b|\brespond\b|"
    r"\bname (?:a|the) school\b|\bask for a school\b",
    re.IGNORECASE,
)
APPEAL_CUES = re.compile(r"\bappeal|\btribunal\b", re.IGNORECASE)
POST16_CUES = re.compile(r"\b(?:college|sixth form|post.?16|year 12|further education)\b", re.I)
# "we got the draft", "it came on Friday": the family telling us what happened, not asking how
# things work in general ("how many days do I get to comment on the draft?").
TELLS_WHAT_HAPPENED = re.compile(
    r"\b(?:got|had|received|asked|applied|sent|came|arrived|requested|put in|submitted|"
    r"emailed|issued|refused|rejected|turned|agreed|said|been|was|were|moves?|moving|starts?)\b|"
    r"\b(?:where are we|where am i|our dates|my dates|our deadlines?|work out)\b",
    re.IGNORECASE,
)
CLAUSE_BREAK = re.compile(r"[.;!?]+(?=\s|$)|\n|,(?=\s|$)|\band\b|\bbut\b|\bthen\b", re.IGNORECASE)

# A stage found with a date is placed in this order when two are equally recent.
PROCESS_ORDER = [
    Stage.REQUEST,
    Stage.DECIDED_TO_ASSESS,
    Stage.DRAFT_PLAN,
    Stage.FINAL_PLAN,
    Stage.ANNUAL_REVIEW,
    Stage.PHASE_TRANSFER,
    Stage.REFUSED,
    Stage.MEDIATION_CERTIFICATE,
]


@dataclass(frozen=True)
class FamilyDate:
    """A date as the family gave it: a day, or only a month (`day_known` False)."""

    value: date  # the first of the month when only the month is known
    day_known: bool = True

    @property
    def latest(self) -> date:
        """The last day it could be: for a month, its last day."""
        if self.day_known:
            return self.value
        return add_months(self.value, 1) - timedelta(days=1)


@dataclass
class EhcMessage:
    """What a family told us: the main step and its date, and any other steps with theirs."""

    stage: Stage | None = None
    when: FamilyDate | None = None
    dates: dict[Stage, FamilyDate] = field(default_factory=dict)
    stated_stage: Stage | None = None  # what the family called it, when it is likely another
    not_sure: bool = False
    future: FamilyDate | None = None  # a date after today for a step that has already happened
    post16: bool = False
    general: bool = False  # a question about how things work, with no date and no event

    @property
    def complete(self) -> bool:
        """Both the step and its date are known, or the family said they are not sure."""
        return self.stage is not None and (self.when is not None or self.not_sure)


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    year = int(raw)
    return year + 2000 if year < 100 else year


def _dated(day: int, month: int, year: int | None, today: date) -> FamilyDate | None:
    try:
        if year is None:
            return FamilyDate(most_recent_past(day, month, today))
        return FamilyDate(date(year, month, day))
    except ValueError:
        return None


def _month_only(month: int, year: int | None, lead: str, today: date) -> FamilyDate:
    if year is None:
        year = today.year
        if lead.lower() == "next":
            year += 1 if month <= today.month else 0
        elif month > today.month:
            year -= 1
    return FamilyDate(date(year, month, 1), day_known=False)


def find_dates(text: str, today: date) -> list[tuple[int, FamilyDate]]:
    """Every date in `text` with where it starts, in reading order; a longer form wins."""
    found: list[tuple[int, int, FamilyDate | None]] = []

    def add(match: re.Match, when: FamilyDate | None) -> None:
        start, end = match.span()
        if when is None or any(start < stop and begin < end for begin, stop, _ in found):
            return
        # A date asked about still claims its words, so "December" in it is not read again.
        asked = ASKED_ABOUT.search(text[max(0, start - 16) : start])
        found.append((start, end, None if asked else when))

    for pattern in (DAY_MONTH, MONTH_DAY):
        for match in pattern.finditer(text):
            month = MONTHS[match["month"].lower()]
            add(match, _dated(int(match["day"]), month, _year(match["year"]), today))
    for match in NUMERIC.finditer(text):
        month = int(match["month"] or match["month2"])
        add(match, _dated(int(match["day"]), month, _year(match["year"] or match["year2"]), today))
    for match in MONTH_ONLY.finditer(text):
        name = match["month"].lower()
        lead = (match["lead"] or "").strip()
        if name == "may" and not (lead or match["year"]):
            continue
        add(match, _month_only(MONTHS[name], _year(match["year"]), lead, today))
    for match in AGO.finditer(text):
        raw = match["count"].lower()
        count = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
        unit = match["unit"].lower()
        if unit == "month":
            when = add_months(today, -count)
        else:
            when = today - timedelta(days=count * (7 if unit == "week" else 1))
        add(match, FamilyDate(when))
    for match in WEEKDAY.finditer(text):
        name = match["weekday"].lower()
        if len(name) <= 3 and not match["lead"]:
            continue  # "wed", "mon" alone are too often something else
        back = (today.weekday() - WEEKDAYS[name]) % 7 or 7  # "on Friday", said on a Friday
        add(match, FamilyDate(today - timedelta(days=back)))
    for match in TODAY.finditer(text):
        add(match, FamilyDate(today))
    for match in YESTERDAY.finditer(text):
        add(match, FamilyDate(today - timedelta(days=1)))
    return [(start, when) for start, _, when in sorted(found, key=lambda item: item[0]) if when]


def find_stage(text: str) -> Stage | None:
    """The step a piece of text names, if any."""
    for stage, cue in STAGE_CUES:
        if cue.search(text):
            return stage
    return None


def _clauses(text: str) -> list[str]:
    return [part for part in CLAUSE_BREAK.split(text) if part and part.strip()]


def read_ehc_message(text: str, today: date) -> EhcMessage:
    """The steps and dates in a family's words; `today` anchors "Friday" and "2 weeks ago"."""
    message = EhcMessage(
        not_sure=bool(NOT_SURE.search(text)), post16=bool(POST16_CUES.search(text))
    )
    pending_stage: Stage | None = None
    pending_dates: list[FamilyDate] = []
    named: list[Stage] = []
    for clause in _clauses(text):
        stage = find_stage(clause)
        dates = [when for _, when in find_dates(clause, today)]
        if stage is not None and stage not in named:
            named.append(stage)
        # A later mention of a step wins: it is usually the family correcting a date.
        if stage is not None and dates:
            message.dates[stage] = dates[0]
            pending_stage = None
        elif stage is not None:
            if pending_dates:
                message.dates[stage] = pending_dates.pop(0)
            else:
                pending_stage = stage
        elif dates:
            if pending_stage is not None:
                message.dates[pending_stage] = dates[0]
            elif named and named[-1] not in message.dates:
                message.dates[named[-1]] = dates[0]  # "we got the draft. last Tuesday"
            else:
                pending_dates.extend(dates)
    if not named and pending_dates:
        message.when = pending_dates[0]  # a date alone: the step may come in another message
    if named:
        dated = [stage for stage in named if stage in message.dates]
        if dated:
            message.stage = max(
                dated, key=lambda s: (message.dates[s].value, PROCESS_ORDER.index(s))
            )
            message.when = message.dates[message.stage]
        else:
            message.stage = max(named, key=PROCESS_ORDER.index)
    _correct_stage(message, text)
    _flag_future(message, today)
    message.general = bool(
        text.strip()
        and message.when is None
        and message.future is None
        and not message.not_sure
        and not TELLS_WHAT_HAPPENED.search(text)
    )
    return message


def _correct_stage(message: EhcMessage, text: str) -> None:
    """A final plan with 15 days to comment is most likely the draft, and the other way round."""
    likely = None
    if message.stage is Stage.FINAL_PLAN and COMMENT_CUES.search(text):
        likely = Stage.DRAFT_PLAN
    elif message.stage is Stage.DRAFT_PLAN and APPEAL_CUES.search(text):
        likely = Stage.FINAL_PLAN
    if likely is None:
        return
    message.stated_stage = message.stage
    message.stage = likely
    if message.stated_stage in message.dates:
        message.dates.setdefault(likely, message.dates[message.stated_stage])


def _flag_future(message: EhcMessage, today: date) -> None:
    """A step that has happened cannot have a date after today; a move to a new school can."""
    if message.when is None or message.stage is Stage.PHASE_TRANSFER:
        return
    if message.when.value > today:
        message.future = message.when
        message.when = None


def follow_on(earlier: EhcMessage, latest: EhcMessage) -> EhcMessage:
    """An answer read together with what the family said before: a newer date or step wins."""
    merged = EhcMessage(
        dates={**earlier.dates, **latest.dates},
        not_sure=earlier.not_sure or latest.not_sure,
        post16=earlier.post16 or latest.post16,
        stated_stage=latest.stated_stage or earlier.stated_stage,
        future=latest.future,
    )
    merged.stage = latest.stage or earlier.stage
    bare_date = latest.when if latest.stage is None else None  # "last Tuesday" on its own
    if bare_date is not None and merged.stage is not None:
        merged.dates[merged.stage] = bare_date
    elif earlier.stage is None and earlier.when and latest.stage and not latest.when:
        merged.dates[latest.stage] = earlier.when  # "which step?" answered for a date given
    if merged.stage is not None:
        merged.when = merged.dates.get(merged.stage)
    else:
        merged.when = bare_date or earlier.when
    if merged.when is not None:
        merged.future = None
    return merged


def to_slot(message: EhcMessage) -> dict:
    """The reading as plain values for a Rasa slot: steps and dates only, none of the words."""
    return {
        "stage": message.stage.value if message.stage else None,
        "stated_stage": message.stated_stage.value if message.stated_stage else None,
        "when": _date_values(message.when),
        "future": _date_values(message.future),
        "dates": {stage.value: _date_values(when) for stage, when in message.dates.items()},
        "not_sure": message.not_sure,
        "post16": message.post16,
        "general": message.general,
    }


def from_slot(value: dict | None) -> EhcMessage:
    """The reading back from `to_slot`; nothing yet when the slot is empty."""
    if not value:
        return EhcMessage()
    return EhcMessage(
        stage=Stage(value["stage"]) if value.get("stage") else None,
        stated_stage=Stage(value["stated_stage"]) if value.get("stated_stage") else None,
        when=_from_values(value.get("when")),
        future=_from_values(value.get("future")),
        dates={Stage(key): _from_values(when) for key, when in (value.get("dates") or {}).items()},
        not_sure=bool(value.get("not_sure")),
        post16=bool(value.get("post16")),
        general=bool(value.get("general")),
    )


# Numbers, not text: the tracker store redacts text slots, and a date written as text would
# come back as "[DATE]" on the next turn.
def _date_values(when: FamilyDate | None) -> list[int] | None:
    if when is None:
        return None
    return [when.value.year, when.value.month, when.value.day, int(when.day_known)]


def _from_values(values: list[int] | None) -> FamilyDate | None:
    if not values:
        return None
    year, month, day, day_known = values
    return FamilyDate(date(year, month, day), bool(day_known))
