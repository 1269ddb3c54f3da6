"""What a family typed, made safe to hand to Rasa as text.

Rasa reads a message that starts with '/' as an intent (and strips spaces first), so typed
words lose every leading space and slash: "/ /risk_of_harm" arrives as "risk_of_harm", words
for the NLU to read. Only a button payload the assistant offered may reach Rasa as '/intent'.
Pure functions, so both environments use them: the api's chat route and the Telegram channel.
"""

from __future__ import annotations

import re

_LEADING_SPACES_AND_SLASHES = re.compile(r"^[\s/]+")


def as_typed_text(text: str) -> str:
    """`text` without any leading whitespace or '/', so Rasa cannot read it as an intent."""
    return _LEADING_SPACES_AND_SLASHES.sub("", text).strip()


def typed_text_only(update: dict) -> dict:
    """A Telegram update with its typed (or edited) message text made plain; buttons untouched."""
    for key in ("message", "edited_message"):
        message = update.get(key)
        if isinstance(message, dict) and isinstance(message.get("text"), str):
            message["text"] = as_typed_text(message["text"])
    return update
