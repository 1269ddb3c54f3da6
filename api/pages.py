"""Server-rendered officer pages (Jinja2, autoescaped)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates

from api import deps


@lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    return Jinja2Templates(directory=Path(__file__).with_name("templates"))


def render(request: Request, name: str, status_code: int = 200, **context):
    """An officer page; every page says which council it belongs to."""
    settings = request.app.dependency_overrides.get(deps.settings, deps.settings)()
    context.setdefault("council", deps.council_of(settings.source).name)
    response = templates().TemplateResponse(
        request, f"officer/{name}", context, status_code=status_code
    )
    # Officer pages hold what families said: never cached, never framed elsewhere.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    return response
