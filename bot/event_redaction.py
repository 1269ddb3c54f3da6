"""Which parts of a Rasa event hold a family's words, and how they are replaced once redacted.

Pure functions over event dictionaries, so they run in both environments: the Rasa server's
tracker store calls them, and the tests call them without Rasa. The redaction itself is done
by the action server (`POST /redact`), which holds the same redactor as every other store;
the Rasa environment cannot load it (Presidio needs a newer Python and pydantic than Rasa 3.6).
"""

from __future__ import annotations

import json
import logging
import re
import urllib.request
from collections.abc import Callable

logger = logging.getLogger(__name__)

# What is stored when the redactor cannot be reached: nothing the family typed.
WITHHELD = "[not stored: redaction unavailable]"
TIMEOUT_SECONDS = 5

Redacted = dict  # {"text": str, "spans": [[start, end, kind], ...]}


def texts_in(event: dict) -> list[str]:
    """The free text an event carries: what the family typed, a text slot, what the bot said."""
    kind = event.get("event")
    if kind in ("user", "bot") and isinstance(event.get("text"), str) and event["text"]:
        return [event["text"]]
    if kind == "slot" and isinstance(event.get("value"), str) and event["value"].strip():
        return [event["value"]]
    return []


def replaced(event: dict, redacted: list[Redacted]) -> dict:
    """A copy of `event` with its texts, in `texts_in` order, replaced by their redacted form."""
    if not redacted:
        return event
    data = json.loads(json.dumps(event))
    result = redacted[0]
    if data.get("event") == "slot":
        data["value"] = result["text"]
        return data
    data["text"] = result["text"]
    parse_data = data.get("parse_data") if isinstance(data.get("parse_data"), dict) else {}
    if parse_data.get("text"):
        parse_data["text"] = result["text"]
    # An entity taken from a personal detail ("07700" read as an age) goes the same way.
    for entity in parse_data.get("entities") or []:
        start, end = entity.get("start"), entity.get("end")
        for span_start, span_end, kind in result.get("spans") or []:
            overlaps = isinstance(start, int) and isinstance(end, int)
            if overlaps and start < span_end and span_start < end:
                entity["value"] = f"[{kind}]"
        if result["text"] == WITHHELD:
            entity["value"] = WITHHELD
    return data


def withheld(texts: list[str]) -> list[Redacted]:
    return [{"text": WITHHELD, "spans": []} for _ in texts]


def http_redactor(url: str) -> Callable[[list[str]], list[Redacted]]:
    """Redact through the action server; when it cannot answer, withhold the texts instead."""

    def redact(texts: list[str]) -> list[Redacted]:
        if not texts:
            return []
        body = json.dumps({"texts": texts}).encode()
        request = urllib.request.Request(
            url, data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                results = json.loads(response.read())["results"]
            if len(results) != len(texts):
                raise ValueError("the redactor answered for a different number of texts")
            return results
        except (OSError, ValueError, KeyError) as error:
            logger.warning("Redaction unavailable (%s); storing the turn without its text", error)
            return withheld(texts)

    return redact


def redact_events(events: list[dict], redact: Callable[[list[str]], list[Redacted]]) -> list[dict]:
    """Every event as it may be stored, with one call to the redactor for all of them."""
    texts = [texts_in(event) for event in events]
    flat = [text for group in texts for text in group]
    results = redact(flat)
    out, position = [], 0
    for event, group in zip(events, texts, strict=True):
        out.append(replaced(event, results[position : position + len(group)]))
        position += len(group)
    details = details_said(flat, results)
    return [slot_without_details(event, details) for event in out]


def details_said(texts: list[str], results: list[Redacted]) -> list[tuple[str, str]]:
    """(the words as typed, kind) of every detail the redactor took out of these texts."""
    return [
        (text[start:end].lower(), kind)
        for text, result in zip(texts, results, strict=True)
        for start, end, kind in result.get("spans") or []
    ]


def slot_without_details(event: dict, details: list[tuple[str, str]]) -> dict:
    """A slot Rasa filled from part of a personal detail (a surname taken for a town, digits of
    a phone number for an age) says the detail's kind instead: alone, the value looks harmless.
    """
    value = event.get("value")
    if event.get("event") != "slot" or isinstance(value, bool):
        return event
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, str | int) or not str(value).strip():
        return event
    words = re.compile(rf"(?<!\w){re.escape(str(value).strip().lower())}(?!\w)")
    kind = next((kind for said, kind in details if words.search(said)), None)
    return event if kind is None else {**event, "value": f"[{kind}]"}
