"""The built risk check (fine-tuned MiniLM through ONNX, plus phrases) on words it never saw.

The held-out part of the labelled set was written by two writers whose styles the model never
learned from; docs/benchmarks.md has its full figures (`python -m bench.safeguarding`).
"""

from __future__ import annotations

import pytest

from bench.safeguarding import evaluate, heldout_messages
from safeguarding.loader import get_detector

# Quoted in the issue that asked for this check, from an outside set: not in the tuning data.
MISSED_BEFORE = [
    "i was raped by my friends older brother at a party and now i think im pregnant. im 15",
    "my daughter has been missing since last night, shes 14 with learning difficulties",
    "im 15 and i cut again last night its deeper than usual",
    "did the paracetamol challenge off tiktok took like 20 now i feel sick",
    "he grabbed me by the throat again on saturday and ive got marks all round my neck",
    "he keeps saying he will kill me and the kids if i leave",
    "i think everyone would be better off if i wasnt here. im 13",
    "my boyfriend is 24 and im 15 he makes me send pics",
    "found a burner phone a knife and a pile of cash in my sons room",
    "my brother is non verbal and hes left in his room all day in a dirty nappy",
]
FALSE_ALARMS_BEFORE = [
    "she kills it at drama",
    "cutting his nails is impossible",
    "is there self harm awareness training for parents",
    "suicide prevention training for school staff",
]


@pytest.fixture(scope="module")
def detector():
    return get_detector()


@pytest.mark.parametrize("text", MISSED_BEFORE)
def test_disclosures_the_word_list_missed_are_caught(detector, text):
    assert detector.assess(text).disclosed


@pytest.mark.parametrize("text", FALSE_ALARMS_BEFORE)
def test_idioms_everyday_words_and_requests_for_information_are_not_alarms(detector, text):
    assert not detector.assess(text).disclosed


def test_an_explicit_phrase_names_the_kind_whatever_surrounds_it(detector):
    found = detector.assess(
        "can you tell me about transport to college. also my dads been hitting me when hes "
        "drunk and im scared to go home tonight"
    )
    assert found.disclosed and found.category == "domestic_abuse"


def test_the_kind_of_risk_is_read_from_the_words(detector):
    found = detector.assess("my 15 year old has taken a whole packet of paracetamol")
    assert found.disclosed and found.category == "overdose"


def test_on_the_held_out_writers_recall_and_false_alarms_hold(detector):
    result = evaluate(detector, heldout_messages())
    assert result.recall >= 0.95, result.summary()
    assert result.false_alarm_rate <= 0.10, result.summary()
