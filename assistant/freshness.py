"""How old a piece of content is, said in words a family can act on."""

from __future__ import annotations

from datetime import date


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def freshness_note(
    last_updated: str, kind: str, stale_after_months: int, today: date | None = None
) -> str:
    """'Last updated 14 September 2026.' or, when old, a warning to check before relying on it."""
    if not last_updated:
        if kind == "service":
            return "We do not know when this was last checked, so please contact them first."
        return ""
    try:
        when = date.fromisoformat(last_updated[:10])
    except ValueError:
        return ""
    today = today or date.today()
    verb = "updated" if kind == "service" else "reviewed"
    if months_between(when, today) >= stale_after_months:
        check = (
            "please check with the provider before you go"
            if kind == "service"
            else "please check with the Local Offer team that it is still right"
        )
        return f"Last {verb} {when:%B %Y}, so {check}."
    return f"Last {verb} {when.day} {when:%B %Y}."


def is_stale(last_updated: str, stale_after_months: int, today: date | None = None) -> bool:
    try:
        when = date.fromisoformat(last_updated[:10])
    except ValueError:
        return True
    return months_between(when, today or date.today()) >= stale_after_months
