"""Turn services and guidance passages into the documents the index embeds and shows."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date

from indexer.facets import CATEGORIES, DAY_NAMES, NEEDS
from indexer.models import Passage, Service, ServiceFacets


@dataclass(frozen=True)
class IndexDocument:
    """One searchable unit: `text` is embedded and indexed; `payload` is what a reply shows."""

    id: str
    kind: str  # "service" | "guidance"
    title: str
    text: str
    payload: dict
    facets: ServiceFacets | None = None  # guidance passages have none
    active: bool = True

    @property
    def content_hash(self) -> str:
        """Changes whenever the embedded text changes, so unchanged documents keep vectors."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def describe_ages(minimum: int | None, maximum: int | None) -> str:
    """'Ages 4 to 16', 'From age 16', 'Up to age 5', or ''."""
    if minimum is not None and maximum is not None:
        return f"Ages {minimum} to {maximum}"
    if minimum is not None:
        return f"From age {minimum}"
    if maximum is not None:
        return f"Up to age {maximum}"
    return ""


def describe_schedule(service: Service) -> str:
    """Days and times in words: 'Saturday 9:00 to 10:00. Term time only.'"""
    parts = []
    for schedule in service.schedules:
        days = ", ".join(DAY_NAMES[code] for code in schedule.days)
        times = (
            f"{schedule.opens_at} to {schedule.closes_at}"
            if schedule.opens_at and schedule.closes_at
            else ""
        )
        # The provider's own words say it best ("term time only"); codes are the fallback.
        line = schedule.description or " ".join(part for part in (days, times) if part)
        if line:
            parts.append(line)
    return "; ".join(part.rstrip(".;") for part in parts)


def describe_cost(service: Service, facets: ServiceFacets) -> str:
    """The price as the provider states it, or 'Free'."""
    descriptions = [
        option.description or (f"£{option.amount:.2f}" if option.amount else "") or option.option
        for option in service.cost_options
    ]
    text = "; ".join(part for part in descriptions if part) or service.fees
    if facets.free and not text:
        return "Free"
    return text


def first_sentence(text: str, limit: int = 200) -> str:
    """A one-line summary: the first sentence, cut at a word if it runs long."""
    head = text.split(". ")[0].strip()
    if head and not head.endswith((".", "!", "?")):
        head += "."
    if len(head) > limit:
        head = head[:limit].rsplit(" ", 1)[0] + "…"
    return head


def service_document(service: Service, facets: ServiceFacets) -> IndexDocument:
    """One service, rendered from every field a family might search by."""
    ages = describe_ages(service.minimum_age, service.maximum_age)
    schedule = describe_schedule(service)
    cost = describe_cost(service, facets)
    towns = sorted(facets.towns)
    area = "across the whole area" if facets.borough_wide else ""
    categories = [CATEGORIES[key][0] for key in sorted(facets.categories)]
    needs = [NEEDS[key][0] for key in sorted(facets.needs)]
    location = service.locations[0] if service.locations else None
    accessibility = [item for place in service.locations for item in place.accessibility]
    contact = next((c for c in service.contacts if c.phone or c.email), None)
    phone = service.phone or (contact.phone if contact else "")

    lines = [
        service.name,
        f"Run by {service.organization}." if service.organization else "",
        service.description,
        f"Type of service: {', '.join(categories)}." if categories else "",
        f"For children and young people with: {', '.join(needs)}." if needs else "",
        f"{ages}." if ages else "",
        f"Where: {', '.join(towns)} {area}".strip() + "." if towns or area else "",
        f"{location.name}, {location.address}." if location and location.name else "",
        f"When: {schedule}" if schedule else "",
        f"Cost: {cost}." if cost else "",
        f"Accessibility: {'; '.join(accessibility)}." if accessibility else "",
        f"Please note: {service.alert}" if service.alert else "",
    ]
    text = "\n".join(line for line in lines if line)
    payload = {
        "summary": first_sentence(service.description) if service.description else "",
        "description": service.description,
        "organization": service.organization,
        "url": service.url,
        "email": service.email or (contact.email if contact else ""),
        "phone": phone,
        "contact_name": f"{contact.name}, {contact.title}".strip(", ") if contact else "",
        "ages": ages,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "towns": towns,
        "borough_wide": facets.borough_wide,
        "location": f"{location.name}, {location.address}".strip(", ") if location else "",
        "schedule": schedule,
        "days": [DAY_NAMES[code] for code in sorted(facets.days, key=list(DAY_NAMES).index)],
        "cost": cost,
        "free": facets.free,
        "accessibility": accessibility,
        "categories": categories,
        "needs": needs,
        "status": service.status,
        "alert": service.alert,
        "last_updated": _iso(service.last_modified),
        "source": service.source_file,
    }
    return IndexDocument(
        id=service.id,
        kind="service",
        title=service.name,
        text=text,
        payload=payload,
        facets=facets,
        active=service.is_active,
    )


def guidance_document(passage: Passage) -> IndexDocument:
    """One guidance passage, with its document title and heading path for context."""
    heading = " > ".join(passage.heading_path)
    context = f"{passage.title}: {heading}" if heading else passage.title
    payload = {
        "document": passage.title,
        "section": passage.heading_path[-1] if passage.heading_path else "",
        "heading_path": list(passage.heading_path),
        "passage": passage.text,
        "units": [list(unit) for unit in passage.units],
        "services": list(passage.services),
        "summary": first_sentence(passage.text),
        "url": passage.source_url,
        "last_updated": _iso(passage.last_reviewed),
        "tags": list(passage.tags),
        "source": passage.file_name,
    }
    title = f"{passage.title} — {heading}" if heading else passage.title
    return IndexDocument(
        id=passage.id,
        kind="guidance",
        title=title,
        text=f"{context}\n{passage.text}",
        payload=payload,
    )


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def payload_json(document: IndexDocument) -> str:
    return json.dumps(document.payload, ensure_ascii=False, sort_keys=True)
