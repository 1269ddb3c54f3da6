"""What the Rasa tracker store writes of each event, without Rasa: the pure half."""

from __future__ import annotations

from bot.event_redaction import WITHHELD, http_redactor, redact_events
from storage.redaction import get_redactor


def local(texts):
    results = []
    for text in texts:
        redacted, details = get_redactor().redact_with_details(text)
        results.append({"text": redacted, "spans": [[d.start, d.end, d.kind] for d in details]})
    return results


EVENTS = [
    {
        "event": "user",
        "text": "my son Oliver needs help, ring 07700 900123",
        "parse_data": {
            "text": "my son Oliver needs help, ring 07700 900123",
            "entities": [{"entity": "age", "start": 31, "end": 36, "value": "07700"}],
        },
    },
    {"event": "slot", "name": "search_text", "value": "my son Oliver needs help"},
    {"event": "slot", "name": "age", "value": 7},
    {"event": "bot", "text": "You asked about Oliver's speech therapy."},
    {"event": "action", "name": "action_listen"},
]


def test_messages_text_slots_and_echoes_are_redacted_and_the_rest_kept():
    stored = redact_events(EVENTS, local)
    text = str(stored)
    assert "Oliver" not in text and "07700" not in text
    assert stored[0]["parse_data"]["entities"][0]["value"] == "[PHONE]"
    assert stored[1]["value"] == "my son [NAME] needs help"
    assert stored[2] == EVENTS[2] and stored[4] == EVENTS[4]
    assert EVENTS[0]["text"].startswith("my son Oliver")  # the live events are not changed


def test_when_the_redactor_cannot_be_reached_nothing_the_family_typed_is_stored():
    unreachable = http_redactor("http://127.0.0.1:9/redact")
    stored = redact_events(EVENTS, unreachable)
    assert stored[0]["text"] == WITHHELD and stored[1]["value"] == WITHHELD
    assert "Oliver" not in str(stored) and "07700" not in str(stored)


def test_a_slot_filled_from_a_personal_detail_is_redacted_with_it():
    said = "I'm Philippa Quenby, ring me on 07700 900461, my son is 7"
    events = [
        {"event": "user", "text": said, "parse_data": {"text": said, "entities": []}},
        # Rasa's extractors took the surname for a town and half the number for an age.
        {"event": "slot", "name": "town", "value": "Quenby"},
        {"event": "slot", "name": "age", "value": 900461.0},
        {"event": "slot", "name": "child_age", "value": 7},
    ]
    stored = redact_events(events, local)
    assert stored[1]["value"] == "[NAME]" and stored[2]["value"] == "[PHONE]"
    assert stored[3] == events[3]  # the 7 that is an age is not part of the phone number
