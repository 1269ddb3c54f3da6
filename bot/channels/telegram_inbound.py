"""What the Telegram channel takes from an update: who it is from, and what they said.

Standard library only, so both environments (the Rasa server and the tests) can import it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from typing import Any

SENDER_PREFIX = "telegram-"
# Rasa reads a message starting "/" as an intent (and `/intent{"slot": ...}` sets slots), so
# what a family types must never start with one; only the bot's own buttons may.
_COMMAND_START = re.compile(r"^[\s/]+")


@dataclass(frozen=True)
class Inbound:
    """One message to hand to Rasa, and the Telegram chat the replies go to."""

    chat_id: int
    text: str


def sender_id_for(chat_id: int | str, key: str) -> str:
    """The conversation id for a Telegram chat: an HMAC of its id, never the id itself."""
    digest = hmac.new(key.encode(), str(chat_id).encode(), hashlib.sha256).hexdigest()
    # 128 bits is plenty to keep chats apart and fits the app database's 64-character ids.
    return SENDER_PREFIX + digest[:32]


def typed_text(text: str) -> str:
    """What a family typed, unable to name an intent: leading spaces and slashes removed."""
    return _COMMAND_START.sub("", text)


def offered_payloads(message: dict[str, Any]) -> set[str]:
    """The callback payloads of the inline buttons on a message the bot sent."""
    keyboard = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    return {
        button["callback_data"]
        for row in keyboard
        for button in row
        if isinstance(button, dict) and isinstance(button.get("callback_data"), str)
    }


def read_update(update: dict[str, Any]) -> Inbound | None:
    """The message in a Telegram update, or None when there is nothing to answer."""
    callback = update.get("callback_query")
    if callback:
        message = callback.get("message") or {}
        data = callback.get("data") or ""
        # A button press carries its payload as is only if it is one the bot offered.
        text = data if data in offered_payloads(message) else typed_text(data)
        return _inbound(message, text)
    message = update.get("edited_message") or update.get("message") or {}
    if isinstance(message.get("text"), str):
        return _inbound(message, typed_text(message["text"]))
    location = message.get("location")
    if location:
        where = {"lng": location.get("longitude"), "lat": location.get("latitude")}
        return _inbound(message, json.dumps(where))
    return None


def _inbound(message: dict[str, Any], text: str) -> Inbound | None:
    chat_id = (message.get("chat") or {}).get("id")
    if not isinstance(chat_id, int) or not text.strip():
        return None
    return Inbound(chat_id, text)
