"""Officer sign-in and sign-out."""

from __future__ import annotations

import threading
from datetime import timedelta

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api import deps
from api.officer_auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    checked_officer,
    login_csrf_ok,
    new_login_csrf,
    record,
    secure_cookie,
)
from api.pages import render
from api.rate_limit import RateLimiter
from core.config import Settings
from officers.accounts import authenticate
from officers.sessions import SignedIn, end_session, start_session
from storage.audit_log import audit

router = APIRouter(prefix="/officer", tags=["officers"])

BUSY = "Sign-in is busy just now. Please wait a few seconds and try again."


def failed_sign_in_message(settings: Settings) -> str:
    """The one answer to every failed sign-in, whatever went wrong: nothing to tell them apart."""
    return (
        "That did not work. Check your username, your password and, if you use one, the code "
        "from your authenticator app, then try again. After several tries sign-in pauses for "
        f"{settings.login_lockout_minutes} minutes; another officer can reset your password."
    )


def _login_page(request: Request, settings: Settings, error: str = "", username: str = ""):
    token = new_login_csrf()
    response = render(
        request,
        "login.html",
        status_code=401 if error else 200,
        login_csrf=token,
        error=error,
        username=username,
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=secure_cookie(request, settings),
        path="/officer/login",
    )
    return response


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, settings: Settings = Depends(deps.settings)):
    return _login_page(request, settings)


@router.post("/login")
def login(
    request: Request,
    username: str = Form(""),
    password: str = Form(""),
    code: str = Form(""),
    csrf_token: str = Form(""),
    settings: Settings = Depends(deps.settings),
    limits: dict[str, RateLimiter] = Depends(deps.limits),
    checks: threading.BoundedSemaphore = Depends(deps.sign_in_checks),
):
    if not limits["sign_in"].allow(deps.client_address(request)):
        raise HTTPException(429, "Too many attempts from here. Please wait a minute.")
    if not login_csrf_ok(request, csrf_token):
        raise HTTPException(403, "This form has expired. Please reload the page and try again.")
    # Each check holds 19 MiB: beyond a few at once, say so now rather than queue them all.
    if not checks.acquire(blocking=False):
        raise HTTPException(429, BUSY, headers={"Retry-After": "5"})
    address = deps.client_address(request)
    try:
        result = authenticate(
            settings.database_url,
            username,
            password,
            code,
            settings.login_max_failures,
            timedelta(minutes=settings.login_lockout_minutes),
            address=address,
            account_max_failures=settings.login_account_max_failures,
        )
    finally:
        checks.release()
    if not result.ok:
        audit(
            settings.database_url,
            result.username,
            f"sign-in refused: {result.problem}",
            address=address,
        )
        return _login_page(request, settings, failed_sign_in_message(settings), result.username)
    token = start_session(
        settings.database_url, result.officer_id, timedelta(hours=settings.officer_session_hours)
    )
    audit(settings.database_url, result.username, "signed in", address=address)
    response = RedirectResponse("/officer", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=secure_cookie(request, settings),
        path="/officer",
        max_age=settings.officer_session_hours * 3600,
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/officer/login")
    return response


@router.post("/logout")
def logout(
    request: Request,
    officer: SignedIn = Depends(checked_officer),
    settings: Settings = Depends(deps.settings),
):
    end_session(settings.database_url, request.cookies.get(SESSION_COOKIE))
    record(request, settings, officer, "signed out")
    response = RedirectResponse("/officer/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/officer")
    return response
