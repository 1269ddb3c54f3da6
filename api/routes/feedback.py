"""POST /api/feedback: thumbs up or down on an answer, or a rating of the whole chat."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from api import deps
from api.rate_limit import RateLimiter
from api.safety import assess, flag_for_officers, signpost_message
from api.schemas import FeedbackRequest, FeedbackResponse, Problem
from api.sessions import SessionStore
from core.config import Settings
from indexer.council import Council
from storage.outbox import UNREACHABLE
from storage.records import record_feedback

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/api", tags=["feedback"])


@router.post(
    "/feedback",
    response_model=FeedbackResponse,
    responses={status: {"model": Problem} for status in (422, 429, 503)},
)
async def feedback(
    body: FeedbackRequest,
    request: Request,
    settings: Settings = Depends(deps.settings),
    council: Council = Depends(deps.council),
    limits: dict[str, RateLimiter] = Depends(deps.limits),
    sessions: SessionStore = Depends(deps.sessions),
) -> FeedbackResponse:
    """Store feedback once per idempotency key. A 2xx answer means it is saved.

    A comment that discloses a risk of harm is flagged for officers, and the answer carries
    the emergency signpost for the widget to show."""
    if not limits["address"].allow(deps.client_address(request)):
        raise HTTPException(429, "Too many requests. Please wait a minute and try again.")
    kind = "answer" if body.message_id else "chat"
    session = sessions.find(body.session_id)
    context = session.context() if session else []
    assessment = await assess(body.comment)
    signpost = []
    if assessment.disclosed:
        signpost = [signpost_message(assessment, council)]
        await flag_for_officers(
            request,
            settings,
            limits,
            body.session_id,
            body.comment,
            assessment,
            council,
            context,
            "feedback",
        )
    try:
        row_id = await run_in_threadpool(
            record_feedback,
            settings.database_url,
            body.session_id,
            body.comment,
            rating=body.rating,
            message_id=body.message_id,
            kind=kind,
            idempotency_key=body.idempotency_key,
            reply=session.reply_text(body.message_id) if session else "",
            context=context,
        )
    except UNREACHABLE as error:
        # Never a silent loss: the widget shows this and the family can send it again.
        logger.warning("Feedback not saved, app database unreachable: %s", error)
        detail = "Sorry, we could not save your feedback just now. Please try again later."
        if signpost:  # the flag waits in the outbox; the numbers must reach the family now
            detail = signpost[0].text + "\n\n" + detail
        raise HTTPException(503, detail) from None
    return FeedbackResponse(id=row_id, messages=signpost)
