"""What every action needs, loaded once per action-server process."""

from __future__ import annotations

from functools import lru_cache

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from assistant.glossary import Glossary
from assistant.questions import Knowledge
from assistant.replies import Reply
from core.config import Settings, get_settings
from indexer.council import Council, load_council
from indexer.facets import QueryFacets
from indexer.search import Retriever, get_retriever
from storage import outbox


def settings() -> Settings:
    return get_settings()


def retriever() -> Retriever:
    return get_retriever(settings().index_dir)


@lru_cache(maxsize=1)
def council() -> Council:
    return load_council(settings().source)


def glossary() -> Glossary:
    return _glossary_of(retriever())


@lru_cache(maxsize=2)
def _glossary_of(loaded: Retriever) -> Glossary:
    return Glossary(loaded.index.documents)


def knowledge() -> Knowledge:
    config = settings()
    return Knowledge(
        retriever(), council(), glossary(), config.answer_min_score, config.stale_after_months
    )


def store(record_type: str, /, **fields) -> None:
    """Write a record for officers; while the database is down it waits in the outbox."""
    config = settings()
    outbox.write(config.database_url, config.outbox_path, record_type, **fields)


def send(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    """One reply as the REST channel carries it: text and buttons, then cards and citations."""
    dispatcher.utter_message(
        text=reply.text,
        buttons=[{"title": button.title, "payload": button.payload} for button in reply.buttons],
        json_message=reply.custom_payload(),
    )


def latest_text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def last_text_with_intent(tracker: Tracker, intents: set[str]) -> str:
    """The most recent thing the family typed that had one of these intents."""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        intent = (event.get("parse_data") or {}).get("intent", {}).get("name")
        text = event.get("text") or ""
        if intent in intents and text and not text.startswith("/"):
            return text
    return ""


def intent_ranking(tracker: Tracker) -> list[dict]:
    return [
        {"name": entry.get("name"), "confidence": round(float(entry.get("confidence", 0)), 4)}
        for entry in (tracker.latest_message.get("intent_ranking") or [])[:5]
    ]


def recent_turns(tracker: Tracker, limit: int = 6) -> list[dict]:
    """The turns before the latest message, oldest first, for an officer reviewing it."""
    turns = []
    for event in tracker.events:
        if event.get("event") == "user" and event.get("text"):
            turns.append({"speaker": "family", "text": event["text"]})
        elif event.get("event") == "bot" and event.get("text"):
            turns.append({"speaker": "assistant", "text": event["text"]})
    if turns and turns[-1]["speaker"] == "family":
        turns.pop()  # the latest message is stored on its own
    return turns[-limit:]


def enquiry_facets(facets: QueryFacets, activities: list[str]) -> dict:
    """What was asked for, in the four columns officers count by."""
    return {
        "need": facets.needs,
        "town": facets.towns,
        "category": facets.categories,
        "activity": activities,
    }
