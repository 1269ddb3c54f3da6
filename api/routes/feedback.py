"""POST /api/feedback: thumbs up or down on an answer, or a rating of the whole chat."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException, Request

from api import deps
from api.rate_limit import RateLimiter
from api.schemas import FeedbackRequest, FeedbackResponse, Problem
from api.sessions import SessionStore
from core.config import Settings
from storage.outbox import UNREACHABLE
from storage.records import record_feedback

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/api", tags=["feedback"])


@router.post(
    "/feedback",
    response_model=FeedbackResponse,
    responses={status: {"model": Problem} for status in (422, 429, 503)},
)
def feedback(
    body: FeedbackRequest,
    request: Request,
    settings: Settings = Depends(deps.settings),
    limits: dict[str, RateLimiter] = Depends(deps.limits),
    sessions: SessionStore = Depends(deps.sessions),
) -> FeedbackResponse:
    """Store feedback once per idempotency key. A 2xx answer means it is saved."""
    if not limits["address"].allow(deps.client_address(request)):
        raise HTTPException(429, "Too many requests. Please wait a minute and try again.")
    kind = "answer" if body.message_id else "chat"
    session = sessions.find(body.session_id)
    try:
        row_id = record_feedback(
            settings.database_url,
            body.session_id,
            body.comment,
            rating=body.rating,
            message_id=body.message_id,
            kind=kind,
            idempotency_key=body.idempotency_key,
            reply=session.reply_text(body.message_id) if session else "",
            context=session.context() if session else [],
        )
    except UNREACHABLE as error:
        # Never a silent loss: the widget shows this and the family can send it again.
        logger.warning("Feedback not saved, app database unreachable: %s", error)
        raise HTTPException(
            503, "Sorry, we could not save your feedback just now. Please try again later."
        ) from None
    return FeedbackResponse(id=row_id)
