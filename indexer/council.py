"""Read the council's `council.yml`: its name, towns and the people families can contact."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from indexer.web_address import is_web_address, not_a_web_address

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
class Referral:
    """A matter outside the Local Offer and who handles it: housing, admissions, parking."""

    topic: str
    about: str  # the words families use for it, matched by meaning against the question
    contact: ContactPoint


@dataclass(frozen=True)
class Council:
    name: str
    local_offer_url: str
    towns: tuple[str, ...]
    contacts: dict[str, ContactPoint]
    national_helplines: tuple[ContactPoint, ...] = ()
    elsewhere: tuple[Referral, ...] = ()


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
        contacts[key] = _contact(path, f"contacts.{key}", entry)
    return Council(
        name=str(data["name"]),
        local_offer_url=_web_address(path, "local_offer_url", data["local_offer_url"]),
        towns=tuple(towns),
        contacts=contacts,
        national_helplines=tuple(
            _contact(path, f"national_helplines[{number}]", entry)
            for number, entry in enumerate(_optional_list(path, data, "national_helplines"))
        ),
        elsewhere=tuple(
            _referral(path, number, entry)
            for number, entry in enumerate(_optional_list(path, data, "elsewhere"))
        ),
    )


def _optional_list(path: Path, data: dict, key: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise SourceError(f"{path}: '{key}' must be a list.")
    return value


def _contact(path: Path, where: str, entry) -> ContactPoint:
    if not isinstance(entry, dict) or not entry.get("name"):
        raise SourceError(f"{path}: {where} needs at least a name.")
    fields = {field: str(entry.get(field) or "") for field in ContactPoint.__dataclass_fields__}
    if fields["url"]:
        fields["url"] = _web_address(path, f"{where}.url", fields["url"])
    return ContactPoint(**fields)


def _web_address(path: Path, where: str, value) -> str:
    """`value` as a link families can open; anything else (javascript:, data:) is refused."""
    url = str(value).strip()
    if not is_web_address(url):
        raise SourceError(f"{path}: {where} {not_a_web_address(url)}.")
    return url


def _referral(path: Path, number: int, entry) -> Referral:
    where = f"elsewhere[{number}]"
    if not isinstance(entry, dict) or not entry.get("topic") or not entry.get("about"):
        raise SourceError(f"{path}: {where} needs a topic, an 'about' line and a contact name.")
    return Referral(str(entry["topic"]), str(entry["about"]), _contact(path, where, entry))
