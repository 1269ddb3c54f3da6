"""Data generated from a knowledge source: another council's towns after a retrain. Its numbers
are never generated: bot/nlg.py fills them in at send time (tests/bot/test_council_numbers.py)."""

from __future__ import annotations

from bot.generate import council_domain, glossary_terms, lookups
from indexer.council import load_council
from tests.conftest import KNOWLEDGE, SMALL_SOURCE


def test_lookups_carry_the_sources_own_towns_and_need_synonyms():
    council = load_council(SMALL_SOURCE)
    data = lookups(council, SMALL_SOURCE)
    by_name = {
        entry.get("lookup") or entry.get("synonym"): entry["examples"] for entry in data["nlu"]
    }
    assert "- Upper Marsh\n" in by_name["town"] and "- upper marsh\n" in by_name["town"]
    assert "- autistic\n" in by_name["autism"]
    assert "- Kingsford\n" in by_name["town"]


def test_council_responses_use_the_sources_contacts():
    council = load_council(SMALL_SOURCE)
    responses = council_domain(council, SMALL_SOURCE)["responses"]
    assert "utter_risk_signpost" not in responses and "utter_talk_to_person" not in responses
    town_buttons = [b["title"] for b in responses["utter_ask_town"][0]["buttons"]]
    assert town_buttons == ["Testbury", "Upper Marsh", "Kingsford", "Anywhere"]
    assert "Testbury Council area" in responses["utter_ask_sb_lives_in_area"][0]["text"]


def test_glossary_terms_come_from_the_glossary_headings():
    terms = glossary_terms(KNOWLEDGE)
    assert {"SENCO", "EHCP", "Education, Health and Care plan", "OPAL"} <= set(terms)
