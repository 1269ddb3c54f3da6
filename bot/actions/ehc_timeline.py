"""Where a family is in the EHC process: ask only for what is not yet given, then the dates."""

from __future__ import annotations

from datetime import date

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.types import DomainDict

from assistant.ehc_message import EhcMessage, follow_on, from_slot, read_ehc_message, to_slot
from assistant.ehc_timeline_reply import ask_for_date, ask_for_step, timeline_reply
from assistant.questions import answer_question
from bot.actions.context import council, knowledge, latest_text, retriever, send, settings
from bot.actions.questions import deliver

NOT_SURE = "not_sure"
GENERAL = "general"  # "how many days for the draft?": answered from guidance, nothing asked
SLOTS = ("ehc_stage", "ehc_date", "ehc_reading")


def reading_so_far(tracker: Tracker) -> EhcMessage:
    """The latest message read on top of the earlier ones, when it answers our question."""
    latest = read_ehc_message(latest_text(tracker), date.today())
    if not tracker.get_slot("requested_slot"):
        return latest  # a new question starts afresh
    return follow_on(from_slot(tracker.get_slot("ehc_reading")), latest)


def read_family(tracker: Tracker) -> EhcMessage:
    return from_slot(tracker.get_slot("ehc_reading"))


class ValidateEhcTimelineForm(FormValidationAction):
    """Fills the step and the date from the family's own words; 'not sure' is an answer."""

    def name(self) -> str:
        return "validate_ehc_timeline_form"

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict):
        if (tracker.latest_message.get("intent") or {}).get("name") == "risk_of_harm":
            return []  # nothing filled: the form steps aside and the signpost rule answers
        # Every answer joins what was said before, so nothing given is asked for again.
        remembered = SlotSet("ehc_reading", to_slot(reading_so_far(tracker)))
        tracker.add_slots([remembered])
        return [remembered, *await super().run(dispatcher, tracker, domain)]

    async def extract_ehc_stage(self, dispatcher, tracker: Tracker, domain: DomainDict):
        message = read_family(tracker)
        if message.general:
            return {"ehc_stage": GENERAL}
        if message.stage is not None:
            return {"ehc_stage": message.stage.value}
        if message.not_sure or tracker.get_slot("requested_slot") == "ehc_stage":
            return {"ehc_stage": NOT_SURE}
        return {}

    async def extract_ehc_date(self, dispatcher, tracker: Tracker, domain: DomainDict):
        message = read_family(tracker)
        if message.general:
            return {"ehc_date": GENERAL}
        if message.when is not None:
            return {"ehc_date": to_slot(message)["when"]}
        if message.not_sure:
            return {"ehc_date": NOT_SURE}
        if message.future is not None:
            return {}  # asked again, saying which date we read
        if tracker.get_slot("requested_slot") == "ehc_date":
            return {"ehc_date": NOT_SURE}
        return {}


class ActionAskEhcStage(Action):
    def name(self) -> str:
        return "action_ask_ehc_stage"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict):
        send(dispatcher, ask_for_step())
        return []


class ActionAskEhcDate(Action):
    def name(self) -> str:
        return "action_ask_ehc_date"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict):
        message = read_family(tracker)
        send(dispatcher, ask_for_date(message.stage, message.future))
        return []


class ActionEhcTimeline(Action):
    def name(self) -> str:
        return "action_ehc_timeline"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict):
        def find(query: str):
            return retriever().search(query, top_k=5, kind="guidance").hits

        message = read_family(tracker)
        if message.general:
            deliver(dispatcher, tracker, answer_question(latest_text(tracker), knowledge()))
            return [SlotSet(slot, None) for slot in SLOTS]
        # Whatever the family answered to a question we asked counts, even words we could not read.
        message.not_sure = message.not_sure or NOT_SURE in (
            tracker.get_slot("ehc_stage"),
            tracker.get_slot("ehc_date"),
        )
        reply = timeline_reply(
            message, council(), find, settings().stale_after_months, date.today()
        )
        send(dispatcher, reply)
        return [SlotSet(slot, None) for slot in SLOTS]
