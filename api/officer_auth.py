"""Who is signed in on the officer pages, and the CSRF check every form post passes."""

from __future__ import annotations

import hmac
import secrets

from fastapi import Depends, HTTPException, Request

from api import deps
from core.config import Settings
from officers.sessions import SignedIn, session_for
from storage.audit_log import audit

SESSION_COOKIE = "lo_officer"
LOGIN_CSRF_COOKIE = "lo_login_csrf"


class SignInRequired(Exception):
    """Raised for an anonymous request to an officer page; answered with the sign-in page."""


def signed_in_officer(request: Request, settings: Settings = Depends(deps.settings)) -> SignedIn:
    """Who holds this request's session cookie; the sign-in page (or 401) for nobody."""
    officer = session_for(settings.database_url, request.cookies.get(SESSION_COOKIE))
    if officer is None:
        if request.method == "GET":
            raise SignInRequired()
        raise HTTPException(401, "Please sign in first.")
    return officer


def current_officer(
    request: Request,
    officer: SignedIn = Depends(signed_in_officer),
    settings: Settings = Depends(deps.settings),
) -> SignedIn:
    """The signed-in officer looking at a page; every look is written to the audit log."""
    record(request, settings, officer, f"viewed {request.url.path}", request.url.query)
    return officer


async def checked_officer(
    request: Request,
    officer: SignedIn = Depends(signed_in_officer),
    settings: Settings = Depends(deps.settings),
) -> SignedIn:
    """The signed-in officer, for a form post that carries this session's CSRF token.

    A post that passes is not logged here: its route logs what it changed, once it has. One
    that fails is logged as refused, never as done.
    """
    form = await request.form()
    if not officer.csrf_matches(str(form.get("csrf_token") or "")):
        record(request, settings, officer, f"refused {request.url.path}: the form had expired")
        raise HTTPException(403, "This form has expired. Please go back, reload and try again.")
    return officer


def record(
    request: Request, settings: Settings, officer: SignedIn, action: str, detail: str = ""
) -> None:
    """Write what an officer did to the audit log, with the address it came from."""
    audit(settings.database_url, officer.username, action, detail, deps.client_address(request))


def login_csrf_ok(request: Request, submitted: str) -> bool:
    """Before sign-in there is no session: the form's token must match its cookie."""
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
    return bool(cookie) and hmac.compare_digest(cookie, submitted or "")


def new_login_csrf() -> str:
    return secrets.token_urlsafe(32)


def secure_cookie(request: Request, settings: Settings) -> bool:
    return settings.cookie_secure or request.url.scheme == "https"
