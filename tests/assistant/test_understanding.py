"""Reading a family's message: the question sentences, the story, the kind of question."""

from __future__ import annotations

import pytest

from assistant.direction import misdirected
from assistant.service_search import is_for_the_adult
from assistant.understanding import question_kind, read_message


def test_the_question_at_the_end_of_a_story_is_found():
    message = read_message(
        "My son is 9 and autistic. School keep saying he is fine. The SENCO says he does "
        "not meet the threshold for an EHCP. Can I apply for one myself?"
    )
    assert message.questions == ("Can I apply for one myself?",)
    assert len(message.story) == 3
    # A short question brings the sentence before it, which names what it is about.
    assert "threshold for an EHCP" in message.question
    assert message.kind == "can"


def test_two_questions_in_one_message_are_both_kept():
    message = read_message(
        "how long does the council have to decide? and who do i talk to if they are late"
    )
    assert len(message.questions) == 2


def test_a_message_with_no_question_mark_still_has_a_request():
    message = read_message("We moved here in May. Looking for help with his speech")
    assert message.questions == ("Looking for help with his speech",)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("how long do they have to send the draft plan", "when"),
        ("whats the deadline for appealing", "when"),
        ("who do i contact about transport", "who"),
        ("can the school send him home at lunchtime", "can"),
        ("is it legal to put him on a part time timetable", "can"),
        ("how do i apply for short breaks", "how"),
        ("what should the school be doing for his dyslexia", "what"),
        ("thanks", ""),
    ],
)
def test_the_kind_of_question(text, kind):
    assert question_kind(text) == kind


def test_a_walking_distance_rule_is_not_for_a_child_who_cannot_walk():
    rule = "Children under 8 qualify if they live more than 2 miles away, the walking distance."
    assert misdirected(rule, "my daughter can't walk and uses a wheelchair, can she get a taxi")
    assert not misdirected(rule, "we live 2.5 miles from school, can he get a bus pass")
    assert not misdirected("Taxis are for children who need them.", "he uses a wheelchair")


@pytest.mark.parametrize(
    "text",
    [
        "is there a support group for parents of autistic kids in Kelby",
        "any parenting course for me, my son is 6 and has adhd",
        "I'm his mum and I need someone to talk to",
    ],
)
def test_a_request_for_the_parent_is_for_the_adult(text):
    assert is_for_the_adult(text)


@pytest.mark.parametrize(
    "text", ["swimming for my autistic son, he's 9", "clubs for young adults aged 19"]
)
def test_a_request_for_the_child_is_not(text):
    assert not is_for_the_adult(text)


def test_a_clarifying_question_carries_the_familys_words_in_every_button():
    from assistant.answers import clarifying_reply

    reply = clarifying_reply("what help is there for my son, he's 6")
    carried = [b.payload for b in reply.buttons if not b.payload.startswith("/")]
    assert len(carried) == 4 and all("he's 6" in payload for payload in carried)
    assert any(b.title == "Not sure" for b in reply.buttons)


def test_help_that_names_the_child_is_more_than_help():
    from assistant.questions import says_something_about_the_child
    from indexer.facets import FacetExtractor

    extractor = FacetExtractor(["Kelby"])
    assert says_something_about_the_child("what help is there for my son, he's 6", extractor)
    assert not says_something_about_the_child("what can you do", extractor)
