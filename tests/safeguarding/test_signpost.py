"""The reply to a disclosure: the right line first, always the active council's numbers."""

from __future__ import annotations

import pytest

from indexer.council import load_council
from safeguarding.detector import RiskAssessment
from safeguarding.signpost import line_order, render_signpost
from tests.paths import KNOWLEDGE, SMALL_SOURCE


@pytest.mark.parametrize(
    ("category", "speaker", "first"),
    [
        ("overdose", "parent_about_child", "999"),
        ("missing", "parent_about_child", "999"),
        ("threats_to_kill", "parent_about_self", "999"),
        ("self_harm", "child_or_young_person", "childline"),
        ("suicidal", "parent_about_self", "samaritans"),
        ("carer_breakdown", "parent_about_self", "samaritans"),
        ("neglect", "other_adult", "nspcc"),
        ("child_abuse", "parent_about_child", "front_door"),
        ("radicalisation", "parent_about_child", "front_door"),
    ],
)
def test_the_line_for_what_was_said_comes_first(category, speaker, first):
    order = line_order(RiskAssessment(True, category, speaker))
    assert order[0] == first
    assert set(order) == {"999", "front_door", "childline", "samaritans", "nspcc"}


def test_a_young_person_in_immediate_danger_gets_999_then_childline():
    assert line_order(RiskAssessment(True, "overdose", "child_or_young_person"))[:2] == [
        "999",
        "childline",
    ]


@pytest.mark.parametrize("source", [KNOWLEDGE, SMALL_SOURCE])
def test_the_signpost_carries_the_active_councils_own_numbers(source):
    council = load_council(source)
    text = render_signpost(RiskAssessment(True, "neglect", "parent_about_child"), council)
    assert council.contacts["childrens_front_door"].phone in text
    assert council.contacts["out_of_hours"].phone in text
    assert "999" in text and "0800 1111" in text and "116 123" in text
    other = KNOWLEDGE if source == SMALL_SOURCE else SMALL_SOURCE
    assert load_council(other).contacts["childrens_front_door"].phone not in text


def test_an_unknown_kind_of_disclosure_still_gets_every_number():
    text = render_signpost(None, load_council(KNOWLEDGE))
    for number in ("999", "0113 496 0300", "0113 496 0999", "0800 1111", "0808 800 5000"):
        assert number in text
