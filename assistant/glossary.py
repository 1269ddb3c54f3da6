"""The council's glossary: define a term, and expand jargon the first time an answer uses it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.index_files import StoredDocument


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    term: str  # the heading, e.g. "EHCP (Education, Health and Care plan)"
    aliases: tuple[str, ...]  # lower-case forms a family might type: "ehcp", "ehc plan"
    definition: str
    expansion: str  # "Education, Health and Care plan", or "" when the term is a plain word
    url: str
    last_updated: str


def _normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def entry_from_document(document: StoredDocument) -> GlossaryEntry | None:
    heading = document.payload.get("section") or ""
    definition = document.payload.get("passage") or ""
    if not heading or not definition:
        return None
    expansion = ""
    bracketed = re.match(r"^(.*?)\s*\((.+)\)\s*$", heading)
    names = [heading]
    if bracketed:
        names = [bracketed.group(1), bracketed.group(2)]
        expansion = bracketed.group(2)
    names = [alias for name in names for alias in name.split(" / ")]
    stands_for = re.search(r"\bstands for ([^.]+)\.", definition)
    if not expansion and stands_for:
        expansion = stands_for.group(1).strip()
    aliases = {_normalise(name) for name in names}
    if expansion:
        aliases.add(_normalise(expansion))
    return GlossaryEntry(
        id=document.id,
        term=heading,
        aliases=tuple(sorted(alias for alias in aliases if alias)),
        definition=definition,
        expansion=expansion,
        url=document.payload.get("url") or "",
        last_updated=document.payload.get("last_updated") or "",
    )


def is_glossary_passage(payload: dict) -> bool:
    return "glossary" in (payload.get("tags") or []) or "glossary" in str(payload.get("source", ""))


class Glossary:
    """Entries from the guidance passages whose document is tagged or named 'glossary'."""

    def __init__(self, documents: list[StoredDocument]):
        self.entries: list[GlossaryEntry] = []
        for document in documents:
            payload = document.payload
            if document.kind == "guidance" and is_glossary_passage(payload):
                entry = entry_from_document(document)
                if entry and "glossary" not in entry.term.lower():
                    self.entries.append(entry)
        self._by_alias = {alias: entry for entry in self.entries for alias in entry.aliases}
        # Abbreviations are expanded in answers; only upper-case ones, matched as words.
        self._abbreviations = {
            alias.upper(): entry
            for entry in self.entries
            if entry.expansion
            for alias in entry.aliases
            if " " not in alias and alias.upper() in entry.term
        }

    def lookup(self, term: str) -> GlossaryEntry | None:
        """The entry for a term as a family typed it: 'senco', 'EHC plan', 'what's a SENCO'."""
        wanted = _normalise(term)
        for form in (wanted, wanted + "s", wanted.removesuffix("s"), wanted.removesuffix("es")):
            if form in self._by_alias:
                return self._by_alias[form]
        words = wanted.split()
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                if phrase in self._by_alias:
                    return self._by_alias[phrase]
        return None

    def expand_jargon(self, text: str, already: set[str] | None = None) -> str:
        """Spell out each abbreviation the first time it appears: 'SENCO (special ...)'."""
        already = already if already is not None else set()

        def expand(match: re.Match) -> str:
            word = match.group(0)
            entry = self._abbreviations.get(word)
            if entry is None or word in already:
                return word
            already.add(word)
            following = text[match.end() : match.end() + 2]
            if following.startswith(" (") or entry.expansion.lower() in text.lower():
                return word
            return f"{word} ({entry.expansion})"

        return re.sub(r"\b[A-Z][A-Za-z]{1,8}\b", expand, text)
