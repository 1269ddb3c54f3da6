"""Personal details a new answer may hold, found before it is published to every family."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from storage.redaction import Redactor, get_redactor

KIND_LABELS = {
    "EMAIL": "email address",
    "PHONE": "phone number",
    "POSTCODE": "postcode",
    "NHS_NUMBER": "NHS number",
    "NI_NUMBER": "National Insurance number",
    "DATE_OF_BIRTH": "date of birth",
    "ADDRESS": "address",
    "SCHOOL": "school a child goes to",
    "SOCIAL_HANDLE": "social media handle",
    "NAME": "name",
}


@dataclass(frozen=True)
class PossibleDetail:
    part: str  # "title", "question" or "answer": where the officer finds it
    kind: str  # the redactor's kind, such as PHONE or NAME
    text: str

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind.lower())

    @property
    def key(self) -> str:
        """What the officer's tick confirms: this very text, not whatever is found next."""
        return f"{self.kind}:{' '.join(self.text.split())}"


def possible_details(
    title: str, question: str, body: str, redactor: Redactor | None = None
) -> list[PossibleDetail]:
    """What the redactor would take out of an answer, each text once (the council's own
    numbers, emails, towns and services are never among them)."""
    redactor = redactor or get_redactor()
    found: dict[str, PossibleDetail] = {}
    for part, text in (("title", title), ("question", question), ("answer", body)):
        for detail in redactor.find(text):
            possible = PossibleDetail(part, detail.kind, text[detail.start : detail.end])
            found.setdefault(possible.key, possible)  # one tick for each text, however often
    return list(found.values())


def unconfirmed(details: list[PossibleDetail], confirmed: Iterable[str]) -> list[PossibleDetail]:
    """The details the officer has not ticked as 'not a personal detail'."""
    ticked = set(confirmed)
    return [detail for detail in details if detail.key not in ticked]
