"""Typed records that cross module boundaries: what the source holds and what the index keeps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ImportIssue:
    """Something wrong in the source that a person should fix; the rest still imports."""

    file: str
    message: str
    record_id: str | None = None
    field: str | None = None
    skipped: bool = False

    def __str__(self) -> str:
        where = self.file
        if self.record_id:
            where += f" record {self.record_id}"
        if self.field:
            where += f" field '{self.field}'"
        action = "skipped" if self.skipped else "imported without it"
        return f"{where}: {self.message} ({action})"


@dataclass(frozen=True)
class Location:
    name: str = ""
    address: str = ""
    town: str = ""
    postcode: str = ""
    accessibility: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Schedule:
    days: tuple[str, ...] = ()  # RFC 5545 codes: MO TU WE TH FR SA SU
    opens_at: str = ""
    closes_at: str = ""
    description: str = ""


@dataclass(frozen=True)
class CostOption:
    option: str = ""
    amount: float | None = None
    description: str = ""
    valid_to: date | None = None


@dataclass(frozen=True)
class Contact:
    name: str = ""
    title: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class TaxonomyTerm:
    id: str
    name: str
    vocabulary: str = ""


@dataclass(frozen=True)
class Service:
    """One Open Referral UK service, reduced to what families and officers need."""

    id: str
    name: str
    source_file: str
    description: str = ""
    status: str = "active"
    url: str = ""
    email: str = ""
    phone: str = ""
    organization: str = ""
    minimum_age: int | None = None
    maximum_age: int | None = None
    last_modified: date | None = None
    alert: str = ""
    fees: str = ""
    schedules: tuple[Schedule, ...] = ()
    service_areas: tuple[str, ...] = ()
    locations: tuple[Location, ...] = ()
    cost_options: tuple[CostOption, ...] = ()
    contacts: tuple[Contact, ...] = ()
    taxonomy_terms: tuple[TaxonomyTerm, ...] = ()

    @property
    def is_active(self) -> bool:
        return self.status == "active"


@dataclass(frozen=True)
class GuidanceDocument:
    file_name: str
    title: str
    source_url: str
    last_reviewed: date
    tags: tuple[str, ...]
    body: str
    # Section heading -> ids of directory services that do the work that section describes.
    services: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Passage:
    """A piece of a guidance document under one heading, small enough to embed well."""

    id: str  # "<file name>#<section slug>"
    file_name: str
    title: str  # the document's title
    heading_path: tuple[str, ...]
    text: str
    source_url: str
    last_reviewed: date
    tags: tuple[str, ...] = ()
    # The quotable pieces in reading order: (text, role), role "text", "lead" (ends in a
    # colon and introduces a list) or "item" (a list item), so a quote never loses a list.
    units: tuple[tuple[str, str], ...] = ()
    services: tuple[str, ...] = ()


@dataclass
class ServiceFacets:
    """What a service can be filtered on; None or empty means the source did not say."""

    towns: set[str] = field(default_factory=set)
    borough_wide: bool = False
    needs: set[str] = field(default_factory=set)
    categories: set[str] = field(default_factory=set)
    days: set[str] = field(default_factory=set)
    free: bool | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
