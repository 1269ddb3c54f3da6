"""A family's comments about the assistant, stored (redacted) for the Local Offer team."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.types import DomainDict

from bot.actions.context import latest_text, settings
from storage.records import record_feedback


class ActionRecordFeedback(Action):
    def name(self) -> str:
        return "action_record_feedback"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict):
        record_feedback(settings().database_url, tracker.sender_id, latest_text(tracker))
        return []
