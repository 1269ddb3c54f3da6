"""A family's comments about the assistant, stored (redacted) for the Local Offer team."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.types import DomainDict

from bot.actions.context import latest_text, store


class ActionRecordFeedback(Action):
    def name(self) -> str:
        return "action_record_feedback"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict):
        store("feedback", conversation_id=tracker.sender_id, comment=latest_text(tracker))
        return []
