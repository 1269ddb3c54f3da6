"""Every fixed thing the assistant says is plain English: Flesch reading ease of 60 or more."""

from __future__ import annotations

import re

import pytest
import yaml

from assistant import ehc_timeline_reply as timeline
from assistant.answers import services_reply, unknown_reply
from assistant.contacts import talk_to_a_person
from assistant.short_breaks import DECISION_STATEMENT, Level, ShortBreaksAnswers, likely_level
from bot.generate import council_domain
from indexer.council import load_council
from indexer.facets import QueryFacets
from safeguarding.detector import RiskAssessment
from safeguarding.signpost import render_signpost
from tests.conftest import KNOWLEDGE, REPO_ROOT
from tests.readability import flesch_reading_ease


def _plain(text: str) -> str:
    # Phone numbers, addresses and emails are not words; readability is about the words.
    text = re.sub(r"\S+@\S+|https?://\S+", "", text)
    return re.sub(r"\b\d[\d ]*\d\b", "12", text)


def fixed_responses() -> list[tuple[str, str]]:
    domain = yaml.safe_load((REPO_ROOT / "bot" / "domain.yml").read_text())
    council = load_council(KNOWLEDGE)
    generated = council_domain(council, KNOWLEDGE)
    found = []
    for source in (domain, generated):
        for name, variants in source["responses"].items():
            found += [(name, variant["text"]) for variant in variants]
    found.append(("unknown_reply", unknown_reply(council).text))
    found.append(("talk_to_a_person", talk_to_a_person(council)))
    for category, speaker in [
        ("self_harm", "child_or_young_person"),
        ("suicidal", "parent_about_self"),
        ("neglect", "other_adult"),
        ("overdose", "parent_about_child"),
    ]:
        assessment = RiskAssessment(True, category, speaker)
        found.append((f"signpost_{category}", render_signpost(assessment, council)))
    found.append(("no_services", services_reply([], QueryFacets(), False, 18).text))
    found.append(("decision_statement", DECISION_STATEMENT))
    for level in Level:
        answers = {
            Level.NOT_CHILDRENS: ShortBreaksAnswers(19, True, True, True, True),
            Level.OTHER_COUNCIL: ShortBreaksAnswers(9, False, True, True, True),
            Level.UNIVERSAL: ShortBreaksAnswers(9, True, False, False, False),
            Level.TARGETED: ShortBreaksAnswers(9, True, True, False, False),
            Level.TARGETED_WITH_EVIDENCE: ShortBreaksAnswers(9, True, True, True, False),
        }[level]
        outcome = likely_level(answers)
        found.append((f"short_breaks_{level.value}", f"{outcome.summary} {outcome.next_step}"))
    found += ehc_timeline_sentences()
    return found


def ehc_timeline_sentences() -> list[tuple[str, str]]:
    """Every fixed sentence of the EHC timeline reply, with a date where it takes one."""
    found = [
        (f"ehc_{name.lower()}", getattr(timeline, name))
        for name in (
            "PASSED",
            "FROM_RECEIPT",
            "DRAFT_SENT_EARLIER",
            "LETTER_DATE",
            "EXCEPTIONS",
            "ASK_FOR_REQUEST_DATE",
            "NOT_SURE_DATE",
            "WHICH_STEP",
            "WHEN_DEFAULT",
            "IF_MISSED",
        )
    ]
    found.append(("ehc_future", timeline.FUTURE_DATE.format(when="Sunday 10 January 2027")))
    for key, text in timeline.WHAT_HAPPENS.items():
        sample = text.format(
            due="Tuesday 14 April 2026", rule="6 weeks from the request", year=2027
        )
        found.append((f"ehc_{key}", sample))
    for stage, text in [*timeline.WHEN_WAS_IT.items(), *timeline.GENTLE_CORRECTION.items()]:
        found.append((f"ehc_{stage.value}", text))
    return found


@pytest.mark.parametrize(
    ("name", "text"), fixed_responses(), ids=lambda v: v if len(v) < 40 else ""
)
def test_fixed_response_reads_easily(name, text):
    score = flesch_reading_ease(_plain(text))
    assert score >= 60, f"{name} scores {score:.0f}: {text}"
