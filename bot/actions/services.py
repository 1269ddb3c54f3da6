"""Finding services: the search form, the first page, 'more' and follow-up refinements."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from assistant.service_search import (
    canonical_town,
    facets_for_search,
    find_services,
    is_for_the_adult,
    parse_age,
    refine,
    wants_anywhere,
)
from bot.actions.context import (
    enquiry_facets,
    intent_ranking,
    last_text_with_intent,
    latest_text,
    recent_turns,
    retriever,
    send,
    settings,
    store,
)
from indexer.facets import QueryFacets

SEARCH_INTENTS = {"find_service", "risk_of_harm", "nlu_fallback"}


def _show_page(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    text: str,
    facets: QueryFacets,
    offset: int,
) -> list[dict[str, Any]]:
    config = settings()
    page = find_services(
        retriever(), text, facets, offset, config.services_per_page, config.stale_after_months
    )
    send(dispatcher, page.reply)
    if offset == 0:
        asked = enquiry_facets(facets, page.activities)
        store(
            "enquiry",
            kind="service_search",
            answered=page.shown > 0,
            matches=page.matches,
            facets=asked,
        )
    if page.shown == 0 and offset == 0:
        # Nothing matched: exactly the evidence of a gap that officers need to see.
        store(
            "unanswered",
            conversation_id=tracker.sender_id,
            text=text,
            intent="find_service",
            intent_ranking=intent_ranking(tracker),
            top_results=[],
            facets=asked,
            reply=page.reply.text,
            context=recent_turns(tracker),
        )
    return [
        SlotSet("search_text", text),
        SlotSet("search_facets", facets.as_dict()),
        SlotSet("results_offset", offset),
    ]


class ValidateServiceSearchForm(FormValidationAction):
    """Reads age and town from the words themselves, so 'not sure' and 'anywhere' work."""

    def name(self) -> str:
        return "validate_service_search_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain):
        # A town or age the family already gave in their first message is not asked again.
        first_message = last_text_with_intent(tracker, SEARCH_INTENTS) or ""
        facets = retriever().extractor.extract(first_message)
        wanted = []
        for_parent = is_for_the_adult(first_message)
        if tracker.get_slot("age") is None and facets.age is None and not for_parent:
            wanted.append("age")
        if (
            tracker.get_slot("town") is None
            and not facets.towns
            and not wants_anywhere(first_message)
        ):
            wanted.append("town")
        return wanted

    async def extract_age(self, dispatcher, tracker: Tracker, domain: DomainDict):
        if tracker.get_slot("requested_slot") != "age":
            return {}
        text = latest_text(tracker)
        age = retriever().extractor.extract(text).age
        if age is None:
            age = parse_age(text)
        if age is not None:
            return {"age": age}
        return {"age": "any"} if wants_anywhere(text) else {}

    async def extract_town(self, dispatcher, tracker: Tracker, domain: DomainDict):
        if tracker.get_slot("requested_slot") != "town":
            return {}
        text = latest_text(tracker)
        towns = retriever().extractor.extract(text).towns
        if towns:
            return {"town": towns[0]}
        return {"town": "anywhere"} if wants_anywhere(text) else {}

    def validate_age(self, value, dispatcher, tracker, domain):
        if value == "any" or parse_age(value) is not None:
            return {"age": value}
        dispatcher.utter_message(text="Please tell me an age from 0 to 25, or say 'not sure'.")
        return {"age": None}

    def validate_town(self, value, dispatcher, tracker, domain):
        if value == "anywhere" or canonical_town(value, retriever().towns):
            return {"town": value}
        dispatcher.utter_message(
            text=f"I don't know a town called {value}. Please choose one, or say 'anywhere'."
        )
        return {"town": None}


class ActionFindServices(Action):
    def name(self) -> str:
        return "action_find_services"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict):
        text = last_text_with_intent(tracker, SEARCH_INTENTS) or latest_text(tracker)
        slots = {"age": tracker.get_slot("age"), "town": tracker.get_slot("town")}
        facets = facets_for_search(text, slots, retriever().extractor, retriever().towns)
        return _show_page(dispatcher, tracker, text, facets, offset=0)


class ActionMoreResults(Action):
    def name(self) -> str:
        return "action_more_results"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict):
        text = tracker.get_slot("search_text")
        if not text:
            dispatcher.utter_message(response="utter_ask_find_service_prompt")
            return []
        facets = QueryFacets.from_dict(tracker.get_slot("search_facets"))
        offset = int(tracker.get_slot("results_offset") or 0) + settings().services_per_page
        return _show_page(dispatcher, tracker, text, facets, offset)


class ActionRefineSearch(Action):
    """'What about Saturdays?', 'anything free?', 'she's 14 actually'.

    With no search yet, the message itself is the search ("swimming in Kelby, she's 9").
    """

    def name(self) -> str:
        return "action_refine_search"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict):
        extractor = retriever().extractor
        text = tracker.get_slot("search_text")
        if text:
            previous = QueryFacets.from_dict(tracker.get_slot("search_facets"))
            facets = refine(previous, latest_text(tracker), extractor)
        else:
            text = latest_text(tracker)
            slots = {"age": tracker.get_slot("age"), "town": tracker.get_slot("town")}
            facets = facets_for_search(text, slots, extractor, retriever().towns)
        events = _show_page(dispatcher, tracker, text, facets, offset=0)
        return events + [SlotSet("age", facets.age), SlotSet("town", (facets.towns or [None])[0])]
