"""Typed words reach Rasa as words, never as an intent; the Telegram channel's rewrite of them."""

from __future__ import annotations

from bot.typed_text import as_typed_text, typed_text_only


def test_leading_spaces_and_slashes_are_all_removed():
    assert as_typed_text("/ /risk_of_harm") == "risk_of_harm"
    assert as_typed_text("\n //  /restart") == "restart"
    assert as_typed_text("where is 1/2 term club") == "where is 1/2 term club"


def test_a_typed_telegram_message_loses_its_slashes_but_a_button_press_keeps_its_payload():
    update = {
        "message": {"text": "/ /risk_of_harm"},
        "edited_message": {"text": " /talk_to_person"},
        "callback_query": {"data": "/talk_to_person"},
    }
    typed_text_only(update)
    assert update["message"]["text"] == "risk_of_harm"
    assert update["edited_message"]["text"] == "talk_to_person"
    assert update["callback_query"]["data"] == "/talk_to_person"


def test_an_update_without_text_is_left_alone():
    location = {"message": {"location": {"latitude": 53.8, "longitude": -1.5}}}
    assert typed_text_only(location) == {
        "message": {"location": {"latitude": 53.8, "longitude": -1.5}}
    }
