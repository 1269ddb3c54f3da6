"""Read the council's `council.yml`: its name, towns and the people families can contact."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

REQUIRED_CONTACTS = ("local_offer_team", "sendiass", "childrens_front_door", "out_of_hours")


class SourceError(ValueError):
    """The knowledge source breaks its contract; the message says which file and what to fix."""


@dataclass(frozen=True)
class ContactPoint:
    name: str
    phone: str = ""
    email: str = ""
    hours: str = ""
    url: str = ""


@dataclass(frozen=True)
class Council:
    name: str
    local_offer_url: str
    towns: tuple[str, ...]
    contacts: dict[str, ContactPoint]


def load_council(source: Path) -> Council:
    """Load and check `<source>/council.yml`."""
    path = source / "council.yml"
    if not path.is_file():
        raise SourceError(f"{path}: missing. Every knowledge source needs a council.yml.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise SourceError(f"{path}: not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise SourceError(f"{path}: expected keys such as name, towns and contacts.")
    for key in ("name", "local_offer_url", "towns", "contacts"):
        if not data.get(key):
            raise SourceError(f"{path}: the key '{key}' is missing or empty.")
    towns = data["towns"]
    if not isinstance(towns, list) or not all(isinstance(town, str) for town in towns):
        raise SourceError(f"{path}: 'towns' must be a list of place names.")
    contacts = {}
    for key in REQUIRED_CONTACTS:
        entry = data["contacts"].get(key) if isinstance(data["contacts"], dict) else None
        if not isinstance(entry, dict) or not entry.get("name"):
            raise SourceError(f"{path}: contacts.{key} needs at least a name and a phone.")
        contacts[key] = ContactPoint(
            **{field: str(entry.get(field) or "") for field in ContactPoint.__dataclass_fields__}
        )
    return Council(
        name=str(data["name"]),
        local_offer_url=str(data["local_offer_url"]),
        towns=tuple(towns),
        contacts=contacts,
    )
