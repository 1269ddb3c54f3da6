"""The api's own risk check: the signpost on every path, even when the assistant is away."""

from __future__ import annotations

import uuid

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from api import deps
from api.rate_limit import RateLimiter
from api.schemas import ChatMessage
from core.config import Settings
from indexer.council import Council
from safeguarding.detector import NO_RISK, RiskAssessment
from safeguarding.reporting import report_disclosure
from safeguarding.signpost import render_signpost


async def assess(text: str) -> RiskAssessment:
    """The check off the event loop: it is a few milliseconds of CPU."""
    if not text.strip():
        return NO_RISK
    return await run_in_threadpool(deps.detector().assess, text)


def signpost_message(assessment: RiskAssessment, council: Council) -> ChatMessage:
    return ChatMessage(id=uuid.uuid4().hex, text=render_signpost(assessment, council))


def ensure_signpost_first(
    messages: list[ChatMessage], assessment: RiskAssessment, council: Council
) -> list[ChatMessage]:
    """The signpost leads the replies, whatever answered (or failed to answer) before."""
    front_door = council.contacts["childrens_front_door"].phone
    if messages and front_door and front_door in messages[0].text and "999" in messages[0].text:
        return messages
    return [signpost_message(assessment, council), *messages]


async def flag_for_officers(
    request: Request,
    settings: Settings,
    limits: dict[str, RateLimiter],
    conversation_id: str,
    text: str,
    assessment: RiskAssessment,
    council: Council,
    context: list[dict],
    channel: str,
) -> None:
    """Record the disclosure (deduplicated with the action server's own record)."""
    if not limits["flags"].allow(deps.client_address(request)):
        return
    await run_in_threadpool(
        report_disclosure,
        settings,
        conversation_id,
        text,
        assessment,
        render_signpost(assessment, council),
        context,
        channel,
    )
