"""The FastAPI application: `uvicorn api.main:app`."""

from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import deps
from api.officer_auth import SignInRequired
from api.pages import render
from api.rate_limit import RateLimiter, RedisRateLimiter
from api.routes import (
    chat,
    feedback,
    health,
    officer_insights,
    officer_login,
    officer_review,
    widget,
)
from api.sessions import RedisSessionStore, SessionStore
from core.config import Settings, get_settings
from storage import outbox

logger = logging.getLogger(__name__)
STATIC = Path(__file__).with_name("static")
OFFICER_MODULES = (officer_login, officer_review, officer_insights)
MAX_BODY_BYTES = 64 * 1024
TOO_LARGE = "That request is too large. Please send less than 64 KiB."


class BodySizeLimit:
    """Refuse any request body over `limit` bytes with 413, counting what actually arrives.

    Content-Length is checked first, but a chunked body has none and a client may lie, so
    every chunk is counted too; the route's body reading stops at the first byte too many.
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            await JSONResponse({"detail": TOO_LARGE}, status_code=413)(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    # FastAPI re-raises its own HTTPException from body reading unchanged.
                    raise HTTPException(413, TOO_LARGE)
            return message

        await self.app(scope, counted, send)


@asynccontextmanager
async def lifespan(app: FastAPI):
    # The risk check loads before the first family arrives, and a missing one stops start-up:
    # the api must never relay without its own safety net.
    await run_in_threadpool(deps.detector)
    outbox.warn_if_waiting(app.state.settings.outbox_path)
    app.state.http = httpx.AsyncClient()
    yield
    await app.state.http.aclose()


# Officer pages use no script at all, and styles only from our own stylesheet.
OFFICER_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
OFFICER_HEADERS = [
    (b"content-security-policy", OFFICER_CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]


class OfficerPageHeaders:
    """Every response under /officer (pages, errors, redirects, exports) carries OFFICER_HEADERS."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not (
            scope["path"] == "/officer" or scope["path"].startswith("/officer/")
        ):
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in OFFICER_HEADERS}
                headers = [h for h in message.get("headers", []) if h[0].lower() not in names]
                message = {**message, "headers": headers + OFFICER_HEADERS}
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app; tests pass their own settings, everything else reads the environment."""
    settings = settings or get_settings()
    app = FastAPI(
        title="Local Offer assistant",
        description="Chat relay, feedback and the web widget for a council's SEND Local Offer.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings  # for the lifespan; routes take it with Depends
    new_session_window = settings.new_sessions_window_minutes * 60
    if settings.shared_state_url:
        url = settings.shared_state_url
        app.state.sessions = RedisSessionStore(url)
        app.state.limits = {
            "session": RedisRateLimiter(url, settings.rate_limit_per_session, "session"),
            "address": RedisRateLimiter(url, settings.rate_limit_per_address, "address"),
            "new_session": RedisRateLimiter(
                url, settings.new_sessions_per_address, "new_session", new_session_window
            ),
            "flags": RedisRateLimiter(url, settings.flags_per_address_per_minute, "flags"),
            "sign_in": RedisRateLimiter(url, settings.login_attempts_per_minute, "sign_in"),
        }
    else:
        app.state.sessions = SessionStore()
        app.state.limits = {
            "session": RateLimiter(settings.rate_limit_per_session),
            "address": RateLimiter(settings.rate_limit_per_address),
            "new_session": RateLimiter(settings.new_sessions_per_address, new_session_window),
            "flags": RateLimiter(settings.flags_per_address_per_minute),
            "sign_in": RateLimiter(settings.login_attempts_per_minute),
        }
    app.state.sign_in_checks = threading.BoundedSemaphore(settings.login_concurrent_checks)
    app.add_middleware(BodySizeLimit)
    app.add_middleware(OfficerPageHeaders)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )

    @app.exception_handler(RequestValidationError)
    async def unreadable_request(request: Request, error: RequestValidationError):
        fields = ", ".join(str(part) for item in error.errors() for part in item.get("loc", [])[1:])
        detail = "We could not read that request. Please check it and try again."
        if fields:
            detail += f" (Problem with: {fields}.)"
        return JSONResponse(status_code=422, content={"detail": detail})

    @app.exception_handler(StarletteHTTPException)
    async def readable_error(request: Request, error: StarletteHTTPException):
        # Officers see a page they can act on; families and API clients get JSON.
        if request.url.path.startswith("/officer") and "text/html" in request.headers.get(
            "accept", ""
        ):
            return render(request, "error.html", status_code=error.status_code, detail=error.detail)
        return await http_exception_handler(request, error)

    @app.exception_handler(SignInRequired)
    async def sign_in_first(request: Request, error: SignInRequired):
        return RedirectResponse("/officer/login", status_code=303)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception):
        logger.exception("Unhandled error on %s", request.url.path)
        return JSONResponse(
            status_code=500,
            content={"detail": "Something went wrong on our side. Please try again."},
        )

    app.dependency_overrides[deps.settings] = lambda: settings
    for module in (chat, feedback, health, widget):
        app.include_router(module.router)
    # Officer pages are for a browser, not for API clients: left out of /openapi.json.
    for module in OFFICER_MODULES:
        app.include_router(module.router, include_in_schema=False)
    app.mount("/officer/static", StaticFiles(directory=STATIC), name="officer-static")
    return app


app = create_app()
