"""Answer composition: cards, freshness, glossary, short breaks and follow-up facets."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.cards import card_from_hit, render_service_text
from assistant.freshness import freshness_note
from assistant.glossary import Glossary
from assistant.service_search import facets_for_search, parse_age, refine
from assistant.short_breaks import Level, ShortBreaksAnswers, likely_level
from indexer.facets import FacetExtractor, QueryFacets
from indexer.index_files import StoredDocument
from indexer.search import Hit

TODAY = date(2026, 11, 23)


def test_recent_content_shows_its_date():
    assert freshness_note("2026-09-14", "service", 18, TODAY) == "Last updated 14 September 2026."


def test_old_service_is_qualified_with_a_check_first_note():
    note = freshness_note("2023-03-02", "service", 18, TODAY)
    assert note == "Last updated March 2023, so please check with the provider before you go."


def test_old_guidance_asks_to_check_with_the_team():
    assert "Local Offer team" in freshness_note("2023-10-17", "guidance", 18, TODAY)


def _service_hit(**payload) -> Hit:
    base = {
        "summary": "A club.",
        "ages": "Ages 5 to 16",
        "towns": ["Kelby"],
        "cost": "£2",
        "schedule": "Saturdays 9am",
        "phone": "0113 496 0500",
        "url": "https://x.example.org",
        "last_updated": "2022-05-01",
    }
    return Hit("svc-x", "service", "Club X", 0.1, 0.5, {**base, **payload})


def test_a_card_carries_what_a_family_needs_and_reads_as_text():
    card = card_from_hit(_service_hit(), 18, TODAY)
    text = render_service_text(card, 1)
    assert text.startswith("1. Club X")
    for part in ("Ages 5 to 16", "Kelby", "Saturdays 9am", "£2", "0113 496 0500", "May 2022"):
        assert part in text


def test_a_borough_wide_service_says_so():
    card = card_from_hit(_service_hit(towns=[], borough_wide=True), 18, TODAY)
    assert card.town == "Across the whole area"


def _glossary() -> Glossary:
    def entry(section: str, passage: str) -> StoredDocument:
        payload = {
            "section": section,
            "passage": passage,
            "tags": ["glossary"],
            "url": "https://g.example.org",
            "last_updated": "2026-05-06",
        }
        return StoredDocument(f"glossary.md#{section.lower()}", "guidance", section, payload)

    return Glossary(
        [
            entry("SENCO", "SENCO stands for special educational needs co-ordinator. A teacher."),
            entry("EHCP (Education, Health and Care plan)", "A legal document."),
            entry("Short breaks", "Time away from caring."),
        ]
    )


@pytest.mark.parametrize(
    ("typed", "term"),
    [
        ("senco", "SENCO"),
        ("what's a SENCO?", "SENCO"),
        ("EHC plan", None),
        ("ehcp", "EHCP (Education, Health and Care plan)"),
        ("education health and care plan", "EHCP (Education, Health and Care plan)"),
        ("short break", "Short breaks"),
    ],
)
def test_glossary_lookup_finds_terms_as_typed(typed, term):
    found = _glossary().lookup(typed)
    assert (found.term if found else None) == term


def test_jargon_is_expanded_on_first_use_only():
    text = "Ask the SENCO. The SENCO can help with an EHCP."
    expanded = _glossary().expand_jargon(text)
    assert expanded == (
        "Ask the SENCO (special educational needs co-ordinator). The SENCO can help with an "
        "EHCP (Education, Health and Care plan)."
    )


@pytest.mark.parametrize(
    ("answers", "level"),
    [
        (ShortBreaksAnswers(18, True, True, True, True), Level.NOT_CHILDRENS),
        (ShortBreaksAnswers(9, False, True, True, True), Level.OTHER_COUNCIL),
        (ShortBreaksAnswers(9, True, False, True, True), Level.UNIVERSAL),
        (ShortBreaksAnswers(9, True, True, False, True), Level.TARGETED_WITH_EVIDENCE),
        (ShortBreaksAnswers(9, True, True, False, False), Level.TARGETED),
    ],
)
def test_short_breaks_levels(answers, level):
    assert likely_level(answers).level == level


@pytest.fixture(scope="module")
def extractor():
    return FacetExtractor(["Kelby", "Dunmere"])


def test_form_answers_override_what_the_first_message_said(extractor):
    facets = facets_for_search(
        "swimming in Kelby for my 7 year old",
        {"age": "9", "town": "dunmere"},
        extractor,
        ["Kelby", "Dunmere"],
    )
    assert (facets.age, facets.towns) == (9, ["Dunmere"])


def test_anywhere_clears_the_town(extractor):
    facets = facets_for_search("swimming in Kelby", {"town": "anywhere"}, extractor, ["Kelby"])
    assert facets.towns == []
    assert refine(QueryFacets(towns=["Kelby"]), "anywhere is fine", extractor).towns == []


def test_follow_ups_change_only_what_they_say(extractor):
    previous = QueryFacets(age=8, towns=["Kelby"], categories=["sport-leisure"])
    assert refine(previous, "what about Saturdays?", extractor).days == ["SA"]
    later = refine(previous, "she's 14 actually", extractor)
    assert (later.age, later.towns, later.categories) == (14, ["Kelby"], ["sport-leisure"])
    assert refine(previous, "anything free?", extractor).free


@pytest.mark.parametrize(
    ("value", "age"), [("14", 14), (9.0, 9), ("seven", 7), ("any", None), (40, None)]
)
def test_age_slot_values(value, age):
    assert parse_age(value) == age
