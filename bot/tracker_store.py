"""Rasa's SQL tracker store, saving what families type only after personal details are removed.

Runs inside the Rasa server (`.venv-rasa`). Messages, text slots (`search_text` holds the
family's whole message) and what the bot said are redacted by the action server's `/redact`,
the same redactor as every other store; when it cannot answer, the text is not stored at all.
The turn being answered is unaffected: Rasa and the actions see the message as typed, and only
the copy written to the database is redacted.

Configured by `python -m bot.endpoints` when `LOCALOFFER_TRACKER_STORE_URL` is set.
"""

from __future__ import annotations

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import Event

from bot.event_redaction import http_redactor, redact_events


class RedactingTrackerStore(SQLTrackerStore):
    """Stores conversations in SQL with families' own words redacted."""

    def __init__(self, *args, redact_url: str = "http://127.0.0.1:5055/redact", **kwargs):
        self._redact = http_redactor(redact_url)
        super().__init__(*args, **kwargs)
        # Rasa builds its engine with bound parameters shown in errors, and those are the
        # events themselves; the same engine again, with them hidden (issue 13).
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, hide_parameters=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    def _additional_events(self, session, tracker):
        events = list(super()._additional_events(session, tracker))
        stored = redact_events([event.as_dict() for event in events], self._redact)
        for data in stored:
            yield Event.from_parameters(data)
