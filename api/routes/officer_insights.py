"""Dashboard, themes, gap report, 'You said, we did', add an answer, and the audit log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api import deps
from api.officer_auth import checked_officer, current_officer, record
from api.pages import render
from api.schemas import RowId
from core.config import Settings
from indexer.facets import CATEGORIES, NEEDS
from officers.sessions import SignedIn
from review import publication
from review.answer_details import possible_details, unconfirmed
from review.answers import AnswerError, add_answer
from review.dashboard import weekly
from review.gaps import gap_report, gaps_csv
from review.themes import recompute_themes, record_answer, theme, themes
from storage.audit_log import audit_page

router = APIRouter(prefix="/officer", tags=["officers"])


def _percent(share: float | None) -> int:
    return round(100 * share) if share is not None else 0


@router.get("", response_class=HTMLResponse)
def dashboard(
    request: Request,
    officer: SignedIn = Depends(current_officer),
    settings: Settings = Depends(deps.settings),
):
    weeks = weekly(settings.database_url)
    total = sum(week.questions for week in weeks)
    answered = sum(week.answered for week in weeks)
    up = sum(week.thumbs_up for week in weeks)
    rated = up + sum(week.thumbs_down for week in weeks)
    label = "%d %b"
    return render(
        request,
        "dashboard.html",
        officer=officer,
        weeks=weeks,
        total=total,
        answered_share=f"{_percent(answered / total if total else None)}%",
        thumbs_share=f"{_percent(up / rated if rated else None)}%",
        per_week=[(week.starts.strftime(label), week.questions) for week in weeks],
        answered_week=[(w.starts.strftime(label), _percent(w.share_answered)) for w in weeks],
        thumbs_week=[(w.starts.strftime(label), _percent(w.share_thumbs_up)) for w in weeks],
        top_themes=[(t.name, t.size) for t in themes(settings.database_url)[:8]],
    )


@router.get("/themes", response_class=HTMLResponse)
def themes_page(
    request: Request,
    officer: SignedIn = Depends(current_officer),
    settings: Settings = Depends(deps.settings),
):
    message = request.query_params.get("done")
    return render(
        request,
        "themes.html",
        officer=officer,
        themes=themes(settings.database_url),
        message={"recomputed": "Themes recomputed.", "answer": "Answer published and indexed."}.get(
            message or ""
        ),
    )


@router.post("/themes/recompute")
async def recompute(
    request: Request,
    officer: SignedIn = Depends(checked_officer),
    settings: Settings = Depends(deps.settings),
):
    found = await run_in_threadpool(
        recompute_themes, settings.database_url, settings.theme_similarity
    )
    record(request, settings, officer, "recomputed the themes", f"{len(found)} themes")
    return RedirectResponse("/officer/themes?done=recomputed", status_code=303)


def _theme_or_404(url: str, theme_id: int):
    found = theme(url, theme_id)
    if found is None:
        raise HTTPException(404, "There is no such theme; recompute the themes and try again.")
    return found


@router.get("/themes/{theme_id}/answer", response_class=HTMLResponse)
def answer_form(
    request: Request,
    theme_id: RowId,
    officer: SignedIn = Depends(current_officer),
    settings: Settings = Depends(deps.settings),
):
    found = _theme_or_404(settings.database_url, theme_id)
    return render(request, "answer.html", officer=officer, theme=found)


@router.post("/themes/{theme_id}/answer")
async def publish_answer(
    request: Request,
    theme_id: RowId,
    title: str = Form(""),
    question: str = Form(""),
    body: str = Form(""),
    confirm: Annotated[list[str] | None, Form()] = None,  # the details the officer ticked
    officer: SignedIn = Depends(checked_officer),
    settings: Settings = Depends(deps.settings),
):
    found = _theme_or_404(settings.database_url, theme_id)
    details = await run_in_threadpool(possible_details, title, question, body)
    ticked = set(confirm or [])
    form = {
        "officer": officer,
        "theme": found,
        "title": title,
        "question": question,
        "body": body,
        "details": details,
        "confirmed": ticked,
    }
    if unconfirmed(details, ticked):
        # Published answers reach every family: a detail goes out only once an officer has
        # seen it named and ticked it (a service's own number, say, that the redactor took).
        return render(request, "answer.html", status_code=422, **form)
    try:
        added = await run_in_threadpool(
            add_answer,
            settings.source,
            settings.index_dir,
            deps.council_of(settings.source).local_offer_url,
            title,
            question,
            body,
            officer.username,
        )
    except AnswerError as error:
        return render(request, "answer.html", status_code=422, error=str(error), **form)
    record_answer(settings.database_url, theme_id, added.path.name)
    record(request, settings, officer, f"published answer {added.path.name} for theme {theme_id}")
    return RedirectResponse("/officer/themes?done=answer", status_code=303)


@router.get("/gaps", response_class=HTMLResponse)
def gaps_page(
    request: Request,
    officer: SignedIn = Depends(current_officer),
    settings: Settings = Depends(deps.settings),
):
    provision = deps.provision()
    rows = gap_report(settings.database_url, provision)
    chart = [(row.label, row.asked) for row in rows if row.services == 0][:10]
    return render(
        request,
        "gaps.html",
        officer=officer,
        rows=rows,
        chart=chart,
        stale=provision.stale(settings.stale_after_months),
        stale_months=settings.stale_after_months,
        needs=NEEDS,
        categories=CATEGORIES,
    )


@router.get("/gaps.csv")
def gaps_export(
    officer: SignedIn = Depends(current_officer),
    settings: Settings = Depends(deps.settings),
):
    body = gaps_csv(gap_report(settings.database_url, deps.provision()))
    return _download(body, "gap-report.csv", "text/csv")


def _entries(settings: Settings):
    return publication.entries(
        settings.database_url, gap_report(settings.database_url, deps.provision())
    )


@router.get("/you-said-we-did", response_class=HTMLResponse)
def publication_page(
    request: Request,
    officer: SignedIn = Depends(current_officer),
    settings: Settings = Depends(deps.settings),
):
    return render(request, "publication.html", officer=officer, entries=_entries(settings))


@router.get("/you-said-we-did.md")
def publication_markdown(
    officer: SignedIn = Depends(current_officer),
    settings: Settings = Depends(deps.settings),
):
    text = publication.as_markdown(deps.council_of(settings.source).name, _entries(settings))
    return _download(text, "you-said-we-did.md", "text/markdown")


@router.get("/you-said-we-did.csv")
def publication_csv(
    officer: SignedIn = Depends(current_officer),
    settings: Settings = Depends(deps.settings),
):
    return _download(publication.as_csv(_entries(settings)), "you-said-we-did.csv", "text/csv")


@router.get("/audit", response_class=HTMLResponse)
def audit_log_page(
    request: Request,
    page: int = Query(1, ge=1, le=1_000_000),
    officer: SignedIn = Depends(current_officer),
    settings: Settings = Depends(deps.settings),
):
    return render(
        request, "audit.html", officer=officer, log=audit_page(settings.database_url, page)
    )


def _download(body: str, filename: str, media_type: str) -> Response:
    headers = {
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store",
    }
    return Response(body, media_type=f"{media_type}; charset=utf-8", headers=headers)
