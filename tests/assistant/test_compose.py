"""Choosing what to quote: 2 to 5 sentences, lists whole, never opening mid-thought."""

from __future__ import annotations

import numpy as np

from assistant.compose import choose_units, compose_quote
from assistant.passages import Candidate
from indexer.search import Hit


def candidate(units: list[tuple[str, str]], scores: list[float]) -> Candidate:
    hit = Hit("doc.md#section", "guidance", "Doc", 0.0, 0.5, {})
    return Candidate(hit, units, np.array(scores), 0.5)


def test_a_time_question_pulls_in_the_time_limit():
    units = [
        ("The council looks at the evidence you send.", "text"),
        ("A panel of professionals meets every week.", "text"),
        ("You can send reports from the school.", "text"),
        ("The council must tell you its decision within 6 weeks.", "text"),
    ]
    chosen = choose_units(candidate(units, [0.7, 0.4, 0.3, 0.6]), kind="when")
    assert 3 in chosen and 0 in chosen


def test_one_sentence_is_never_the_whole_answer():
    units = [("First.", "text"), ("Second, the answer.", "text"), ("Third.", "text")]
    assert len(choose_units(candidate(units, [0.1, 0.9, 0.2]))) == 2


def test_a_list_is_quoted_with_its_lead_in_and_every_item():
    units = [
        ("Help depends on needs.", "text"),
        ("It might be:", "lead"),
        ("a bus pass,", "item"),
        ("a mileage allowance, or", "item"),
        ("a taxi.", "item"),
        ("Apply by 31 May.", "text"),
    ]
    quote = compose_quote(candidate(units, [0.3, 0.4, 0.2, 0.9, 0.2, 0.1]))
    assert (
        "Help depends on needs. It might be:\n- a bus pass,\n- a mileage allowance, or\n- a taxi."
        in quote
    )


def test_a_quote_never_opens_on_a_sentence_that_leans_back():
    units = [
        ("Schools must publish a SEN information report.", "text"),
        ("Other news.", "text"),
        ("Nothing here.", "text"),
        ("It must say how the school identifies needs.", "text"),
        ("This must be updated each year.", "text"),
    ]
    chosen = choose_units(candidate(units, [0.2, 0.1, 0.1, 0.9, 0.85]))
    runs_start = [i for i in chosen if i - 1 not in chosen]
    assert 3 in chosen and 4 in chosen
    assert not any(units[i][0].startswith(("It ", "This ")) for i in runs_start)


def test_the_section_s_opening_rule_comes_with_a_later_best_sentence():
    units = [
        ("Sending a child home without a formal exclusion is unlawful.", "text"),
        ("It is unlawful even if parents agree.", "text"),
        ("Schools sometimes call it a cooling off period.", "text"),
        ("Ask the school to put the reason in writing.", "text"),
    ]
    chosen = choose_units(candidate(units, [0.5, 0.4, 0.3, 0.8]))
    assert chosen[:2] == [0, 1] and 3 in chosen


def test_at_most_five_sentences():
    units = [(f"Sentence {i} about the rule.", "text") for i in range(10)]
    assert len(choose_units(candidate(units, [0.9] * 10))) <= 5
