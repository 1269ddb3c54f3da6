"""The review queue: urgent flags, unanswered questions and thumbs down, marking and export."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api import deps
from api.officer_auth import checked_officer, current_officer, record
from api.pages import render
from api.schemas import RowId
from core.config import Settings
from officers.sessions import SignedIn
from review.queue import (
    STATUS_LABELS,
    QueueFilter,
    acknowledge,
    flag_items,
    mark,
    queue_csv,
    queue_items,
    urgent_flags,
)
from review.themes import themes

router = APIRouter(prefix="/officer", tags=["officers"])

# The queue holds nothing older or newer; outside these a date cannot be a real filter (and
# 9999-12-31 plus a day would overflow).
EARLIEST_DATE, LATEST_DATE = date(2000, 1, 1), date(2100, 12, 31)


def _parse_date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"'{name}' must be a date like 2026-11-23.") from None
    if not EARLIEST_DATE <= parsed <= LATEST_DATE:
        raise HTTPException(422, f"'{name}' must be a date between 2000-01-01 and 2100-12-31.")
    return parsed


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
    if kind and kind not in ("question", "feedback", "urgent"):
        raise HTTPException(422, "Kind must be 'question', 'feedback' or 'urgent'.")
    if theme and not (theme.isascii() and theme.isdigit()):  # "¹" is a digit to Python
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
    flags_page: int = Query(1, ge=1, le=1_000_000),
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
        urgent=urgent_flags(url, page=flags_page),
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
    items = queue_items(settings.database_url, selection)
    if selection.kind in (None, "urgent") and not selection.theme_id and not selection.status:
        items = flag_items(settings.database_url, selection) + items
    body = queue_csv(items)
    headers = {
        "Content-Disposition": 'attachment; filename="review-queue.csv"',
        "Cache-Control": "no-store",
    }
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)


@router.post("/items/{kind}/{item_id}")
def mark_item(
    request: Request,
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
    record(request, settings, officer, f"marked {kind} {item_id} {STATUS_LABELS[status]}", note)
    return RedirectResponse(f"/officer/queue?saved=1#{kind}-{item_id}", status_code=303)


@router.get("/flags/acknowledged", response_class=HTMLResponse)
def acknowledged_flags_page(
    request: Request,
    page: int = Query(1, ge=1, le=1_000_000),
    officer: SignedIn = Depends(current_officer),
    settings: Settings = Depends(deps.settings),
):
    return render(
        request,
        "flags.html",
        officer=officer,
        urgent=urgent_flags(settings.database_url, acknowledged=True, page=page),
    )


@router.post("/flags/{flag_id}/acknowledge")
def acknowledge_flag(
    request: Request,
    flag_id: RowId,
    officer: SignedIn = Depends(checked_officer),
    settings: Settings = Depends(deps.settings),
):
    if not acknowledge(settings.database_url, flag_id, officer.username):
        raise HTTPException(404, "There is no such flag; it may have been deleted.")
    record(request, settings, officer, f"acknowledged flag {flag_id}")
    return RedirectResponse("/officer/queue?saved=1#urgent-heading", status_code=303)
