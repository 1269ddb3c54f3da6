"""Service search results as cards: what a family needs to decide whether to call."""

from __future__ import annotations

from datetime import date

from assistant.freshness import freshness_note
from assistant.replies import ServiceCard
from indexer.search import Hit


def card_from_hit(hit: Hit, stale_after_months: int, today: date | None = None) -> ServiceCard:
    """A card from a service search result."""
    payload = hit.payload
    towns = payload.get("towns") or []
    if payload.get("borough_wide") and not towns:
        town = "Across the whole area"
    else:
        town = ", ".join(towns) or "Ask the provider"
    schedule = payload.get("schedule") or ", ".join(payload.get("days") or [])
    return ServiceCard(
        id=hit.id,
        name=hit.title,
        summary=payload.get("summary") or "",
        ages=payload.get("ages") or "All ages",
        days=schedule or "Ask the provider",
        cost=payload.get("cost") or "Ask the provider",
        town=town,
        phone=payload.get("phone") or "",
        email=payload.get("email") or "",
        url=payload.get("url") or "",
        last_updated=payload.get("last_updated") or "",
        freshness=freshness_note(
            payload.get("last_updated") or "", "service", stale_after_months, today
        ),
    )


def render_service_text(card: ServiceCard, number: int | None = None) -> str:
    """A card as plain text for channels without cards (SMS, Telegram, screen readers)."""
    heading = f"{number}. {card.name}" if number else card.name
    lines = [heading]
    if card.summary:
        lines.append(card.summary)
    lines.append(f"{card.ages}. Where: {card.town}.")
    lines.append(f"When: {card.days}")
    lines.append(f"Cost: {card.cost}")
    contact = " / ".join(part for part in (card.phone, card.email) if part)
    if contact:
        lines.append(f"Contact: {contact}")
    if card.url:
        lines.append(card.url)
    if card.freshness:
        lines.append(card.freshness)
    return "\n".join(lines)
