"""Read Open Referral UK (HSDS 3.0 UK profile) services from files or a live API feed.

Real feeds are messy: a bad field is dropped with a warning naming the file, record and
field, and the rest of the record still imports. Only a record with no id or name is skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import httpx

from indexer.html_text import looks_like_html, plain_text
from indexer.models import (
    Contact,
    CostOption,
    ImportIssue,
    Location,
    Schedule,
    Service,
    TaxonomyTerm,
)
from indexer.web_address import feed_web_address, not_a_web_address

KNOWN_STATUSES = {"active", "inactive", "defunct", "temporarily closed"}
DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class DirectoryImport:
    """The services read from a directory or feed, and what was wrong on the way."""

    services: list[Service] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)

    @property
    def skipped(self) -> list[ImportIssue]:
        return [issue for issue in self.issues if issue.skipped]

    def extend(self, other: DirectoryImport) -> None:
        self.services.extend(other.services)
        self.issues.extend(other.issues)


def records_in(payload: Any) -> list[Any] | None:
    """The service records in any of the three shapes: a list, one object, or an API page."""
    if isinstance(payload, list):
        return payload
    if isinstance(payload, dict):
        if isinstance(payload.get("contents"), list):
            return payload["contents"]
        if "id" in payload or "name" in payload:
            return [payload]
    return None


def load_directory(folder: Path) -> DirectoryImport:
    """Read every `*.json` file in a directory folder; a broken file is reported, not fatal."""
    result = DirectoryImport()
    if not folder.is_dir():
        return result
    seen_ids: set[str] = set()
    for path in sorted(folder.glob("*.json")):
        result.extend(load_file(path, seen_ids))
    return result


def load_file(path: Path, seen_ids: set[str] | None = None) -> DirectoryImport:
    """Read one ORUK JSON file in any of the three shapes."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        issue = ImportIssue(path.name, f"could not read the file as JSON: {error}", skipped=True)
        return DirectoryImport(issues=[issue])
    return parse_records(payload, path.name, seen_ids if seen_ids is not None else set())


def parse_records(payload: Any, source_name: str, seen_ids: set[str]) -> DirectoryImport:
    """Turn a decoded payload into services, collecting issues as it goes."""
    result = DirectoryImport()
    records = records_in(payload)
    if records is None:
        result.issues.append(
            ImportIssue(
                source_name,
                "expected a list of services, one service object or an API page with 'contents'",
                skipped=True,
            )
        )
        return result
    for position, record in enumerate(records, start=1):
        service, issues = parse_service(record, source_name, position)
        result.issues.extend(issues)
        if service is None:
            continue
        if service.id in seen_ids:
            result.issues.append(
                ImportIssue(
                    source_name, "the same id appears earlier", service.id, "id", skipped=True
                )
            )
            continue
        seen_ids.add(service.id)
        result.services.append(service)
    return result


def fetch_feed(base_url: str, client: httpx.Client | None = None) -> DirectoryImport:
    """Read every page of a live ORUK `/services` endpoint."""
    result = DirectoryImport()
    seen_ids: set[str] = set()
    own_client = client is None
    client = client or httpx.Client(timeout=30.0, follow_redirects=True)
    try:
        for page_number, payload in _feed_pages(client, base_url):
            source_name = f"{base_url} page {page_number}"
            result.extend(parse_records(payload, source_name, seen_ids))
    except httpx.HTTPError as error:
        result.issues.append(
            ImportIssue(base_url, f"the feed stopped answering: {error}", skipped=True)
        )
    finally:
        if own_client:
            client.close()
    return result


def _feed_pages(client: httpx.Client, base_url: str) -> Iterator[tuple[int, Any]]:
    page = 1
    while True:
        response = client.get(base_url, params={"page": page})
        response.raise_for_status()
        payload = response.json()
        yield page, payload
        if not isinstance(payload, dict) or "contents" not in payload:
            return
        total_pages = payload.get("total_pages")
        last = payload.get("last_page")
        if last is True or not payload["contents"]:
            return
        if isinstance(total_pages, int) and page >= total_pages:
            return
        page += 1


class _RecordReader:
    """Reads fields of one record, noting each problem against the record's id."""

    def __init__(self, record: dict, source_name: str, record_id: str | None):
        self.record = record
        self.source_name = source_name
        self.record_id = record_id
        self.issues: list[ImportIssue] = []

    def warn(self, field_name: str, message: str) -> None:
        self.issues.append(ImportIssue(self.source_name, message, self.record_id, field_name))

    def text(self, value: Any, field_name: str) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            return " ".join((plain_text(value) if looks_like_html(value) else value).split())
        if isinstance(value, int | float):
            return str(value)
        self.warn(field_name, f"expected text, found {type(value).__name__}")
        return ""

    def age(self, field_name: str) -> int | None:
        value = self.record.get(field_name)
        if value is None or value == "":
            return None
        try:
            number = int(value)
        except (TypeError, ValueError):
            self.warn(field_name, f"expected a whole number of years, found {value!r}")
            return None
        if not 0 <= number <= 130:
            self.warn(field_name, f"{number} is not a possible age")
            return None
        return number

    def url(self, value: Any, field_name: str) -> str:
        url = self.text(value, field_name)
        if not url:
            return ""
        address = feed_web_address(url)
        if not address:
            self.warn(field_name, not_a_web_address(url))
        return address

    def email(self, value: Any, field_name: str) -> str:
        email = self.text(value, field_name)
        if email and not EMAIL_PATTERN.match(email):
            self.warn(field_name, f"{email!r} is not an email address")
            return ""
        return email

    def day(self, value: Any, field_name: str) -> date | None:
        text = self.text(value, field_name)
        if not text:
            return None
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            self.warn(field_name, f"{text!r} is not a date (expected YYYY-MM-DD)")
            return None

    def items(self, field_name: str, container: dict | None = None) -> list[dict]:
        value = (container if container is not None else self.record).get(field_name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.warn(field_name, f"expected a list, found {type(value).__name__}")
            return []
        kept = [item for item in value if isinstance(item, dict)]
        if len(kept) != len(value):
            self.warn(field_name, "some entries are not objects and were left out")
        return kept


def parse_service(record: Any, source_name: str, position: int) -> tuple[Service | None, list]:
    """One ORUK service object to a `Service`, with the issues found in it."""
    if not isinstance(record, dict):
        issue = ImportIssue(source_name, f"entry {position} is not a service object", skipped=True)
        return None, [issue]
    raw_id = record.get("id")
    record_id = str(raw_id).strip() if raw_id not in (None, "") else None
    reader = _RecordReader(record, source_name, record_id or f"#{position}")
    if record_id is None:
        reader.issues.append(ImportIssue(source_name, "no id", f"#{position}", "id", skipped=True))
        return None, reader.issues
    name = reader.text(record.get("name"), "name")
    if not name:
        reader.issues.append(ImportIssue(source_name, "no name", record_id, "name", skipped=True))
        return None, reader.issues

    description = reader.text(record.get("description"), "description")
    if not description:
        reader.warn("description", "no description; families will see only the name")

    status = reader.text(record.get("status"), "status").lower() or "active"
    if status not in KNOWN_STATUSES:
        reader.warn("status", f"unknown status {status!r}; treated as inactive")
        status = "inactive"

    minimum_age = reader.age("minimum_age")
    maximum_age = reader.age("maximum_age")
    if minimum_age is not None and maximum_age is not None and minimum_age > maximum_age:
        reader.warn("maximum_age", f"minimum age {minimum_age} is above maximum {maximum_age}")
        minimum_age = maximum_age = None

    organization = record.get("organization")
    organization_name = (
        reader.text(organization.get("name"), "organization.name")
        if isinstance(organization, dict)
        else ""
    )

    service = Service(
        id=record_id,
        name=name,
        source_file=source_name,
        description=description,
        status=status,
        url=reader.url(record.get("url"), "url"),
        email=reader.email(record.get("email"), "email"),
        phone=_first_phone(reader, record),
        organization=organization_name,
        minimum_age=minimum_age,
        maximum_age=maximum_age,
        last_modified=reader.day(record.get("last_modified"), "last_modified"),
        alert=reader.text(record.get("alert"), "alert"),
        fees=reader.text(record.get("fees_description") or record.get("fees"), "fees"),
        schedules=tuple(_schedules(reader)),
        service_areas=tuple(_service_areas(reader)),
        locations=tuple(_locations(reader)),
        cost_options=tuple(_cost_options(reader)),
        contacts=tuple(_contacts(reader)),
        taxonomy_terms=tuple(_taxonomy_terms(reader)),
    )
    return service, reader.issues


def _first_phone(reader: _RecordReader, container: dict) -> str:
    for phone in reader.items("phones", container):
        number = reader.text(phone.get("number"), "phones.number")
        if number:
            return number
    return ""


def _schedules(reader: _RecordReader) -> Iterator[Schedule]:
    for item in reader.items("schedules"):
        days = []
        for code in reader.text(item.get("byday"), "schedules.byday").upper().split(","):
            code = code.strip()[-2:]  # "1SA" (first Saturday) still means Saturday
            if code in DAY_CODES:
                days.append(code)
            elif code:
                reader.warn("schedules.byday", f"{code!r} is not a day code like MO or SA")
        yield Schedule(
            days=tuple(days),
            opens_at=reader.text(item.get("opens_at"), "schedules.opens_at")[:5],
            closes_at=reader.text(item.get("closes_at"), "schedules.closes_at")[:5],
            description=reader.text(item.get("description"), "schedules.description"),
        )


def _service_areas(reader: _RecordReader) -> Iterator[str]:
    for item in reader.items("service_areas"):
        name = reader.text(item.get("name") or item.get("service_area"), "service_areas.name")
        if name:
            yield name


def _locations(reader: _RecordReader) -> Iterator[Location]:
    for item in reader.items("service_at_locations"):
        location = item.get("location")
        if not isinstance(location, dict):
            continue
        address, town, postcode = "", "", ""
        for entry in reader.items("addresses", location):
            parts = [
                reader.text(entry.get(key), f"addresses.{key}")
                for key in ("address_1", "address_2", "city", "postal_code")
            ]
            address = ", ".join(part for part in parts if part)
            town = reader.text(entry.get("city"), "addresses.city")
            postcode = reader.text(entry.get("postal_code"), "addresses.postal_code")
            break
        latitude, longitude = location.get("latitude"), location.get("longitude")
        if latitude is not None or longitude is not None:
            try:
                latitude, longitude = float(latitude), float(longitude)
            except (TypeError, ValueError):
                latitude = longitude = 1000.0
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                reader.warn(
                    "location.latitude",
                    f"coordinates {location.get('latitude')}, {location.get('longitude')} "
                    "are not on Earth",
                )
                latitude = longitude = None
        accessibility = tuple(
            text
            for entry in reader.items("accessibilities", location)
            if (text := reader.text(entry.get("description"), "accessibilities.description"))
        )
        yield Location(
            name=reader.text(location.get("name"), "location.name"),
            address=address,
            town=town,
            postcode=postcode,
            accessibility=accessibility,
            latitude=latitude,
            longitude=longitude,
        )


def _cost_options(reader: _RecordReader) -> Iterator[CostOption]:
    for item in reader.items("cost_options"):
        amount = item.get("amount")
        if amount is not None and not isinstance(amount, int | float):
            try:
                amount = float(amount)
            except (TypeError, ValueError):
                reader.warn("cost_options.amount", f"{amount!r} is not a number")
                amount = None
        valid_to = reader.day(item.get("valid_to"), "cost_options.valid_to")
        if valid_to is not None and valid_to < date.today():
            reader.warn("cost_options.valid_to", f"this price ended on {valid_to.isoformat()}")
            continue
        yield CostOption(
            option=reader.text(item.get("option"), "cost_options.option"),
            amount=amount,
            description=reader.text(item.get("amount_description"), "cost_options.description"),
            valid_to=valid_to,
        )


def _contacts(reader: _RecordReader) -> Iterator[Contact]:
    for item in reader.items("contacts"):
        yield Contact(
            name=reader.text(item.get("name"), "contacts.name"),
            title=reader.text(item.get("title"), "contacts.title"),
            phone=_first_phone(reader, item),
            email=reader.email(item.get("email"), "contacts.email"),
        )


def _taxonomy_terms(reader: _RecordReader) -> Iterator[TaxonomyTerm]:
    for item in reader.items("attributes"):
        term = item.get("taxonomy_term")
        if not isinstance(term, dict):
            continue
        name = reader.text(term.get("name") or term.get("term"), "taxonomy_term.name")
        if not name:
            continue
        yield TaxonomyTerm(
            id=reader.text(term.get("id") or term.get("code"), "taxonomy_term.id"),
            name=name,
            vocabulary=reader.text(
                term.get("vocabulary") or term.get("taxonomy"), "taxonomy_term.vocabulary"
            ),
        )
