"""A family's comments about the assistant, stored (redacted) for the Local Offer team."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.types import DomainDict

from assistant.questions import answer_anything
from assistant.understanding import read_message
from bot.actions.context import knowledge, latest_text, store
from bot.actions.questions import deliver


class ActionRecordFeedback(Action):
    def name(self) -> str:
        return "action_record_feedback"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict):
        text = latest_text(tracker)
        # "How do I get a referral to the OT?" reads like a comment on a service, but it is
        # a question: answer it, and skip the thanks for feedback.
        if read_message(text).questions and text.rstrip().endswith("?"):
            answer = answer_anything(text, knowledge())
            if answer.answered:
                deliver(dispatcher, tracker, answer)
                return [FollowupAction("action_listen")]
        store("feedback", conversation_id=tracker.sender_id, comment=text)
        return []
