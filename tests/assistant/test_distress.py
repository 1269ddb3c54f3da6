"""The distress check: fitted on its own training set, judged on messages it never saw."""

from __future__ import annotations

import pytest

from assistant.distress import sounds_distressed


@pytest.mark.parametrize(
    "text",
    [
        "I'm so stressed and worn out, I feel like I'm failing him. How long do I have to "
        "comment on the draft EHC plan?",
        "honestly i cant do this anymore, hes been off school 3 months and nobody rings me "
        "back. who do i even talk to",
    ],
)
def test_a_parent_at_the_end_of_their_tether_is_noticed(text):
    assert sounds_distressed(text)


@pytest.mark.parametrize(
    "text",
    [
        "how many days do i get to comment on the draft ehc plan?",
        "anxiety support groups for teenagers in Kelby",
    ],
)
def test_an_ordinary_question_is_not(text):
    assert not sounds_distressed(text)
