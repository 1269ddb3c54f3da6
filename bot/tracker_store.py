"""Rasa's SQL tracker store, saving what families type only after personal details are removed.

Runs inside the Rasa server (`.venv-rasa`), so it uses the rule-based half of the redactor:
emails, phone numbers, postcodes, NHS numbers, dates, addresses and names found by cue
phrases and common first names. The turn being answered is unaffected: Rasa and the actions
see the message as typed, and only the copy written to the database is redacted.

Configured by `python -m bot.endpoints` when `LOCALOFFER_TRACKER_STORE_URL` is set.
"""

from __future__ import annotations

from functools import lru_cache

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, UserUttered

from storage.redaction import TAGS, Redactor


@lru_cache(maxsize=1)
def _redactor() -> Redactor:
    return Redactor(use_model=False)


def redacted(event: Event) -> Event:
    """A copy of a family's message with personal details replaced; other events as they are."""
    if not isinstance(event, UserUttered) or not event.text:
        return event
    data = event.as_dict()
    details = _redactor().find(data["text"])
    data["text"] = _redactor().redact(data["text"])
    parse_data = data.get("parse_data") if isinstance(data.get("parse_data"), dict) else {}
    if parse_data.get("text"):
        parse_data["text"] = data["text"]
    # An entity taken from a personal detail ("07700" read as an age) goes the same way.
    for entity in parse_data.get("entities") or []:
        start, end = entity.get("start"), entity.get("end")
        for detail in details:
            if (
                isinstance(start, int)
                and isinstance(end, int)
                and start < detail.end
                and detail.start < end
            ):
                entity["value"] = TAGS[detail.kind]
    return Event.from_parameters(data)


class RedactingTrackerStore(SQLTrackerStore):
    """Stores conversations in SQL with families' own words redacted."""

    def _additional_events(self, session, tracker):
        for event in super()._additional_events(session, tracker):
            yield redacted(event)
