"""The shape of everything the assistant sends: text any channel can show, plus structure."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Citation:
    """Where an answer came from, so a family can check it and see how current it is."""

    title: str
    url: str
    last_updated: str
    note: str  # the freshness note, e.g. "Last reviewed 12 June 2026."


@dataclass(frozen=True)
class ServiceCard:
    id: str
    name: str
    summary: str
    ages: str
    days: str
    cost: str
    town: str
    phone: str
    email: str
    url: str
    last_updated: str
    freshness: str


@dataclass
class Reply:
    """One message: `text` is complete on its own; cards and citations add structure."""

    text: str
    buttons: list[Button] = field(default_factory=list)
    cards: list[ServiceCard] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)

    def custom_payload(self) -> dict | None:
        """The structured part for the REST channel's `custom` field, or None if plain text."""
        if not (self.cards or self.citations):
            return None
        return {
            "cards": [asdict(card) for card in self.cards],
            "citations": [asdict(citation) for citation in self.citations],
        }
