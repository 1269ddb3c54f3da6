"""POST /api/chat: relay a family's message to the assistant and return its replies."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool

from api import deps
from api.rate_limit import RateLimiter
from api.relay import apology, send_to_rasa, to_messages
from api.safety import assess, ensure_signpost_first, flag_for_officers
from api.schemas import ChatRequest, ChatResponse, Problem
from api.sessions import SessionStore
from bot.typed_text import as_typed_text
from core.config import Settings
from indexer.council import Council
from officers.throttle import throttle_source
from storage.redaction import redact

router = APIRouter(prefix="/api", tags=["chat"])
ERRORS = {status: {"model": Problem} for status in (400, 413, 422, 429)}
TOO_MANY_NEW_SESSIONS = "Too many new conversations from here. Please try again in a few minutes."


def _text_to_send(body: ChatRequest, offered: set[str], limit: int) -> str:
    if body.payload is not None:
        if body.payload not in offered:
            raise HTTPException(400, "That option is no longer available. Please type instead.")
        return body.payload
    text = body.message.strip()
    if len(text) > limit:
        raise HTTPException(
            413, f"Your message is too long. Please keep it under {limit:,} characters."
        )
    # Typed text is always text: no leading '/' (even after spaces) may reach Rasa as an intent.
    text = as_typed_text(text)
    if not text:
        raise HTTPException(422, "Please type a message first.")
    return text


@router.post("/chat", response_model=ChatResponse, responses=ERRORS)
async def chat(
    body: ChatRequest,
    request: Request,
    settings: Settings = Depends(deps.settings),
    council: Council = Depends(deps.council),
    sessions: SessionStore = Depends(deps.sessions),
    limits: dict[str, RateLimiter] = Depends(deps.limits),
) -> ChatResponse:
    """Send one message (or an offered button) and get the assistant's replies."""
    address = deps.client_address(request)
    if not limits["address"].allow(address):
        raise HTTPException(429, "Too many messages. Please wait a minute and try again.")
    session = sessions.resume(body.session_id)
    if session is None:
        # Counted per IPv6 /64, as sign-in failures are: one client may hold all of one.
        if not limits["new_session"].allow(throttle_source(address)):
            raise HTTPException(429, TOO_MANY_NEW_SESSIONS)
        session = sessions.start()
    if not limits["session"].allow(session.id):
        raise HTTPException(429, "Too many messages. Please wait a minute and try again.")
    text = _text_to_send(body, session.offered_payloads, settings.max_message_chars)
    typed = body.payload is None
    # The same risk check as the Rasa server's, run alongside it: if Rasa is down or slow,
    # a family who disclosed a risk still sees the emergency numbers first.
    replies, assessment = await asyncio.gather(
        send_to_rasa(
            request.app.state.http,
            settings.rasa_url,
            session.id,
            text,
            settings.chat_timeout_seconds,
        ),
        assess(text if typed else ""),
    )
    messages = to_messages(replies) if replies else [apology(council)]
    if assessment.disclosed:
        messages = ensure_signpost_first(messages, assessment, council)
        await flag_for_officers(
            request,
            settings,
            limits,
            session.id,
            text,
            assessment,
            council,
            session.context(),
            "web",
        )
    # The session store (Redis when replicas share it) keeps only the redacted words.
    said = body.message.strip() if typed else text
    session.remember("family", await run_in_threadpool(redact, said) if typed else said)
    for message in messages:
        session.offered_payloads.update(button.payload for button in message.buttons)
        session.remember("assistant", message.text, message.id)
    sessions.save(session)
    return ChatResponse(session_id=session.id, messages=messages)
