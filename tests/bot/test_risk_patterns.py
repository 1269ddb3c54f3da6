"""The deterministic risk check that the Rasa server runs on every message."""

from __future__ import annotations

import pytest

from bot.components.risk_patterns import find_risk


@pytest.mark.parametrize(
    "text",
    [
        "my son said he wants to kill himself",
        "i think my daughter is self harming",
        "she has been cutting herself",
        "I can't cope anymore, I want to end it all",
        "he's taken an overdose",
        "my partner hits me and the kids",
        "I'm scared to go home",
        "he ran away last night and we can't find him",
        "my boyfriend is violent towards me and the children",
        "someone is hurting my child",
        "I think she is being groomed online",
        "my son is suicidal",
        "Self-Harm",
    ],
)
def test_disclosures_are_caught(text):
    assert find_risk(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "autism friendly swimming in Kelby",
        "how long does an EHC plan take?",
        "what's a SENCO",
        "can my son get short breaks",
        "speech therapy for my 3 year old",
        "is there a hit and run club",  # 'hit' without a person after it
        "we're going home after the session",
    ],
)
def test_everyday_questions_are_not_flagged(text):
    assert find_risk(text) is None
