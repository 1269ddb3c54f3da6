"""The review queue: urgent flags, unanswered questions and thumbs down, marking and export."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api import deps
from api.officer_auth import checked_officer, current_officer
from api.pages import render
from api.schemas import RowId
from core.config import Settings
from officers.sessions import SignedIn
from review.queue import STATUS_LABELS, QueueFilter, mark, queue_csv, queue_items, urgent_flags
from review.themes import themes

router = APIRouter(prefix="/officer", tags=["officers"])


def _parse_date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"'{name}' must be a date like 2026-11-23.") from None


def queue_filter(
    since: str | None = Query(None),
    until: str | None = Query(None),
    theme: str | None = Query(None),
    status: str | None = Query(None),
    kind: str | None = Query(None),
) -> QueueFilter:
    """The filters in the address bar, checked: a bad one is a clear 422, never a 500."""
    if status and status not in STATUS_LABELS:
        raise HTTPException(422, f"Status must be one of: {', '.join(STATUS_LABELS)}.")
    if kind and kind not in ("question", "feedback"):
        raise HTTPException(422, "Kind must be 'question' or 'feedback'.")
    if theme and not theme.isdigit():
        raise HTTPException(422, "Theme must be a theme's number.")
    return QueueFilter(
        _parse_date(since, "since"),
        _parse_date(until, "until"),
        int(theme) if theme else None,
        status or None,
        kind or None,
    )


@router.get("/queue", response_class=HTMLResponse)
def queue_page(
    request: Request,
    selection: QueueFilter = Depends(queue_filter),
    officer: SignedIn = Depends(current_officer),
    settings: Settings = Depends(deps.settings),
):
    url = settings.database_url
    return render(
        request,
        "queue.html",
        officer=officer,
        selection=selection,
        items=queue_items(url, selection),
        urgent=urgent_flags(url),
        themes=themes(url),
        statuses=STATUS_LABELS,
        query=urlencode({k: v for k, v in request.query_params.items() if v}),
        message=request.query_params.get("saved") and "Saved.",
    )


@router.get("/queue.csv")
def queue_export(
    selection: QueueFilter = Depends(queue_filter),
    officer: SignedIn = Depends(current_officer),
    settings: Settings = Depends(deps.settings),
):
    body = queue_csv(queue_items(settings.database_url, selection))
    headers = {
        "Content-Disposition": 'attachment; filename="review-queue.csv"',
        "Cache-Control": "no-store",
    }
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)


@router.post("/items/{kind}/{item_id}")
def mark_item(
    kind: str,
    item_id: RowId,
    status: str = Form(...),
    note: str = Form(""),
    officer: SignedIn = Depends(checked_officer),
    settings: Settings = Depends(deps.settings),
):
    if kind not in ("question", "feedback") or status not in STATUS_LABELS:
        raise HTTPException(422, "Unknown kind of item or status.")
    if not mark(settings.database_url, kind, item_id, status, note, officer.username):
        raise HTTPException(404, "There is no such item; it may have been deleted.")
    return RedirectResponse(f"/officer/queue?saved=1#{kind}-{item_id}", status_code=303)
