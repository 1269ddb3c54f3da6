"""The deterministic layer: explicit first-hand wording, which no model can talk it out of."""

from __future__ import annotations

import pytest

from safeguarding.patterns import find_risk


@pytest.mark.parametrize(
    "text",
    [
        "my son said he wants to kill himself",
        "she has been cutting herself",
        "I can't cope anymore, I want to end it all",
        "my partner hits me and the kids",
        "he took 30 of his sleeping tablets",
        "my daughter has gone missing",
        "he has threatened to kill me",
        "my toddler drank some bleach",
    ],
)
def test_explicit_disclosures_are_caught_by_the_phrases(text):
    assert find_risk(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "is there self harm awareness training for parents",
        "suicide prevention training for school staff",
        "what is county lines and what are the signs",
        "the letter about his transport went missing in the post",
        "the dog ran away with his ear defenders",
        "is there a hit and run club",
        "cutting his nails is impossible",
    ],
)
def test_topics_and_everyday_words_are_left_to_the_model(text):
    assert find_risk(text) is None
