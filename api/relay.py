"""Relay a family's message to the Rasa REST channel and shape the replies for the widget."""

from __future__ import annotations

import asyncio
import uuid

import httpx

from api.schemas import ChatButton, ChatMessage
from indexer.council import Council


def apology(council: Council) -> ChatMessage:
    """What a family hears when the assistant is down or silent: never nothing."""
    team = council.contacts["local_offer_team"]
    return ChatMessage(
        id=uuid.uuid4().hex,
        text="Sorry, the assistant is not working right now. Please try again in a few "
        f"minutes, or call {team.name} on {team.phone}.",
    )


def to_messages(replies: list[dict]) -> list[ChatMessage]:
    """Rasa REST replies as widget messages; a `custom` part joins the text before it."""
    messages: list[ChatMessage] = []
    for reply in replies:
        custom = reply.get("custom") or {}
        if custom and messages and not (messages[-1].cards or messages[-1].citations):
            messages[-1].cards = custom.get("cards") or []
            messages[-1].citations = custom.get("citations") or []
            continue
        messages.append(
            ChatMessage(
                id=uuid.uuid4().hex,
                text=reply.get("text") or "",
                buttons=[
                    ChatButton(title=button["title"], payload=button["payload"])
                    for button in reply.get("buttons") or []
                ],
                cards=custom.get("cards") or [],
                citations=custom.get("citations") or [],
            )
        )
    return messages


async def send_to_rasa(
    client: httpx.AsyncClient, rasa_url: str, sender: str, text: str, timeout: float
) -> list[dict] | None:
    """Rasa's replies, or None when it fails or stays silent past `timeout`."""
    try:
        response = await asyncio.wait_for(
            client.post(
                f"{rasa_url}/webhooks/rest/webhook",
                json={"sender": sender, "message": text},
                timeout=timeout,
            ),
            timeout=timeout,
        )
    except (httpx.HTTPError, TimeoutError):
        return None
    if response.status_code != 200:
        return None
    try:
        replies = response.json()
    except ValueError:
        return None
    return replies if isinstance(replies, list) else None
