"""'You said, we did': a draft of the yearly account councils give families."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from review.gaps import GapRow
from review.spreadsheet import spreadsheet_csv
from storage.database import session_scope
from storage.models import Theme, UnansweredQuestion


@dataclass(frozen=True)
class Entry:
    you_said: str
    we_did: str
    families: int


def entries(url: str, gaps: list[GapRow]) -> list[Entry]:
    """One entry per theme officers acted on, then one per gap still open."""
    found: list[Entry] = []
    with session_scope(url) as session:
        notes: dict[int | None, list[str]] = {}
        acted = select(UnansweredQuestion).where(
            UnansweredQuestion.status.in_(("resolved", "needs_content")),
            UnansweredQuestion.note != "",
        )
        for row in session.scalars(acted):
            notes.setdefault(row.theme_id, []).append(row.note)
        for theme in session.scalars(select(Theme).order_by(Theme.size.desc())):
            said = notes.pop(theme.id, [])
            if said or theme.answer_document:
                done = list(dict.fromkeys(said))
                if theme.answer_document:
                    done.append("We added an answer to the Local Offer.")
                found.append(
                    Entry(f"Families asked: {theme.representative}", " ".join(done), theme.size)
                )
        for note_list in notes.values():
            for note in dict.fromkeys(note_list):
                found.append(Entry("A family asked a question we could not answer.", note, 1))
    for gap in gaps:
        if gap.services == 0 and gap.asked:
            found.append(
                Entry(
                    f"{gap.asked} requests for {gap.label}, where we list no service.",
                    "We have passed this to commissioners to consider.",
                    gap.asked,
                )
            )
    return found


def as_markdown(council: str, items: list[Entry], today: date | None = None) -> str:
    today = today or date.today()
    lines = [
        f"# You said, we did: {council} Local Offer",
        "",
        f"Draft prepared {today.day} {today:%B %Y} from the Local Offer assistant. "
        "Check every line before it is published.",
        "",
    ]
    for item in items:
        lines += ["## You said", "", item.you_said, "", "## We did", "", item.we_did, ""]
    if not items:
        lines.append("Nothing has been reviewed yet.")
    return "\n".join(lines).rstrip() + "\n"


def as_csv(items: list[Entry]) -> str:
    """The entries as CSV; families' words never run as a spreadsheet formula."""
    rows = ([item.you_said, item.we_did, item.families] for item in items)
    return spreadsheet_csv(["you_said", "we_did", "families"], rows)
