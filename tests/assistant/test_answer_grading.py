"""The answers benchmark's grader, so its figures mean what docs/benchmarks.md says."""

from __future__ import annotations

from bench.answer_grading import grade, is_fragment

LABEL = {
    "id": "x1",
    "kind": "guidance",
    "covered": True,
    "facts": [["6 weeks", "six weeks"], ["SENDIASS"]],
    "wrong": ["home_to_school_travel.md#statutory-walking-distances"],
}
GOOD = (
    "The council must decide whether to assess within 6 weeks of your request. Harrowfield "
    "SENDIASS can help you write it.\n\nRead it all in 'EHC', section 'Weeks': https://x#w"
)


def test_every_key_fact_must_appear():
    assert grade(LABEL, GOOD, ["https://x#w"], []).all_facts
    assert not grade(LABEL, GOOD.replace("6 weeks", "a few weeks"), [], []).all_facts


def test_quoting_a_misleading_passage_is_harmful():
    urls = ["https://x/travel#statutory-walking-distances"]
    assert grade(LABEL, GOOD, urls, []).harmful


def test_an_honest_decline_is_not_an_answer():
    text = "I'm sorry, the council's information does not cover that, and I don't want to guess."
    result = grade({**LABEL, "covered": False, "facts": []}, text, [], [])
    assert result.declined_rightly and not result.answered


def test_a_single_short_sentence_is_a_fragment():
    assert is_fragment("An EHCP is a legal document.\n\nRead it all in 'EHC': https://x")
    assert not is_fragment(GOOD)
