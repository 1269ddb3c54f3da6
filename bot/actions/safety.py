"""After the emergency signpost (a domain response): flag for officers, then carry on."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.types import DomainDict

from assistant.questions import answer_anything
from assistant.service_search import facets_for_search, find_services
from bot.actions.context import (
    council,
    knowledge,
    latest_text,
    recent_turns,
    retriever,
    send,
    settings,
)
from safeguarding.detector import RiskAssessment
from safeguarding.reporting import report_disclosure
from safeguarding.signpost import render_signpost

# A request that mentions harm ("self-harm support groups") still deserves its answer.
ANSWERABLE = {"ask_question", "define_term", "check_short_breaks"}


class ActionRiskFollowUp(Action):
    def name(self) -> str:
        return "action_risk_follow_up"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict):
        risk = tracker.latest_message.get("risk_of_harm") or {}
        config = settings()
        text = latest_text(tracker)
        assessment = RiskAssessment.from_parse_data(tracker.latest_message)
        report_disclosure(
            config,
            tracker.sender_id,
            text,
            assessment,
            render_signpost(assessment, council()),
            context=recent_turns(tracker),
            channel=tracker.get_latest_input_channel() or "",
        )
        if risk.get("classified_as") == "find_service":
            facets = facets_for_search(text, {}, retriever().extractor, retriever().towns)
            page = find_services(
                retriever(), text, facets, 0, config.services_per_page, config.stale_after_months
            )
            if page.shown:
                send(dispatcher, page.reply)
        elif risk.get("classified_as") in ANSWERABLE:
            answer = answer_anything(text, knowledge())
            if answer.answered:
                send(dispatcher, answer.reply)
        return []
