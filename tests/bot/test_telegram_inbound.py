"""Reading Telegram updates: hashed senders, and typed text that cannot name an intent."""

from __future__ import annotations

import pytest

from bot.channels.telegram_inbound import Inbound, read_update, sender_id_for, typed_text

KEY = "sender-key-for-tests-0123456789"
CHAT = {"id": 4242, "type": "private"}


def typed(text: str) -> dict:
    return {"update_id": 1, "message": {"message_id": 5, "chat": CHAT, "text": text}}


def pressed(data: str, offered: list[str]) -> dict:
    keyboard = [[{"text": payload, "callback_data": payload}] for payload in offered]
    message = {"message_id": 6, "chat": CHAT, "reply_markup": {"inline_keyboard": keyboard}}
    return {"update_id": 2, "callback_query": {"id": "9", "data": data, "message": message}}


@pytest.mark.parametrize(
    "text",
    ["/restart", " /feedback", "//greet", "\n/ask_question", '/inform{"town": "Kelby"}'],
)
def test_typed_text_never_reaches_rasa_as_an_intent(text):
    inbound = read_update(typed(text))
    assert inbound is not None
    assert not inbound.text.startswith(("/", " ", "\n"))


def test_typed_text_keeps_slashes_after_the_start():
    assert typed_text("/ short breaks 16/17 year olds") == "short breaks 16/17 year olds"


def test_a_button_the_bot_offered_is_passed_on_as_its_payload():
    update = pressed("/talk_to_person", ["/talk_to_person", "/find_services"])
    assert read_update(update) == Inbound(4242, "/talk_to_person")


def test_a_payload_the_bot_did_not_offer_is_treated_as_typed_text():
    update = pressed('/inform{"town": "Kelby"}', ["/talk_to_person"])
    assert read_update(update) == Inbound(4242, 'inform{"town": "Kelby"}')


def test_nothing_to_answer_gives_none():
    assert read_update(typed("/ ")) is None
    assert read_update({"update_id": 3, "message": {"chat": CHAT, "sticker": {}}}) is None


def test_the_sender_id_is_a_keyed_hash_not_the_chat_id():
    sender = sender_id_for(4242, KEY)
    assert "4242" not in sender
    assert sender == sender_id_for("4242", KEY)
    assert sender != sender_id_for(4242, "another-key-entirely-0123")
    assert sender != sender_id_for(4243, KEY)
    assert len(sender) <= 64
