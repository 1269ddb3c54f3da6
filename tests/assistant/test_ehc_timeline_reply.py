"""The EHC timeline reply: worked-out dates, the council's own sentences, and who can help."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

import pytest

from assistant.ehc_message import read_ehc_message
from assistant.ehc_timeline_reply import timeline_reply
from indexer.council import load_council
from indexer.documents import guidance_document
from indexer.guidance import load_guidance, split_into_passages
from indexer.search import Hit
from tests.paths import KNOWLEDGE

TODAY = date(2026, 12, 4)


@cache
def _passages() -> list[Hit]:
    hits = []
    for document in load_guidance(KNOWLEDGE / "guidance"):
        for passage in split_into_passages(document):
            indexed = guidance_document(passage)
            hits.append(Hit(indexed.id, "guidance", indexed.title, 0.0, None, indexed.payload))
    return hits


def word_overlap_search(query: str) -> list[Hit]:
    """A stand-in for the index: passages sharing the most words with the query."""
    words = set(re.findall(r"\w+", query.lower()))
    scored = [
        (len(words & set(re.findall(r"\w+", hit.payload["passage"].lower()))), hit)
        for hit in _passages()
    ]
    return [hit for _, hit in sorted(scored, key=lambda pair: -pair[0])[:3]]


@pytest.fixture(scope="module")
def council():
    return load_council(KNOWLEDGE)


def reply_to(text: str, council, today: date = TODAY):
    return timeline_reply(read_ehc_message(text, today), council, word_overlap_search, 18, today)


def test_a_request_on_3_march_gets_each_date_and_the_councils_words(council):
    reply = reply_to("we asked for an assessment on 3 March, when should we hear?", council)
    text = reply.text
    assert text.startswith("You asked on Tuesday 3 March 2026.")
    assert "whether it will assess by Tuesday 14 April 2026 (6 weeks from the request)" in text
    assert "Tuesday 23 June 2026 (16 weeks" in text
    assert "Tuesday 21 July 2026 (20 weeks" in text
    assert "That date has passed." in text
    assert "tell you within 6 weeks of receiving the request" in text  # the council's words
    assert "count from the day the council got your request" in text
    titles = {citation.title for citation in reply.citations}
    assert "Education, Health and Care needs assessments" in titles
    assert all(citation.note.startswith("Last reviewed") for citation in reply.citations)


def test_a_missed_date_names_the_caseworker_route_sendiass_and_the_complaint_route(council):
    text = reply_to("we asked for an assessment on 3 March", council).text
    team, advice = council.contacts["local_offer_team"], council.contacts["sendiass"]
    assert "caseworker" in text and team.phone in text and advice.phone in text
    assert "complain" in text


def test_a_draft_got_on_friday_is_due_back_14_days_later(council):
    text = reply_to("got the draft plan on Friday, when do I have to reply by?", council).text
    assert "You got the draft plan on Friday 27 November 2026." in text
    assert "by Friday 11 December 2026" in text
    assert "15 days" in text
    assert "passed" not in text.split("If a date is missed")[0]
    assert "tell me that date" in text  # the final plan counts from the request, not given


def test_the_final_plan_on_31_december_gives_an_appeal_by_28_february(council):
    text = reply_to("the final plan came on 31 December 2025", council, date(2026, 1, 5)).text
    assert "by Saturday 28 February 2026 (2 months from the decision letter)" in text
    assert "Thursday 31 December 2026 (12 months from the plan)" in text


def test_a_final_plan_with_15_days_to_comment_gets_both_gently(council):
    text = reply_to(
        "we have 15 days to comment on the final plan, it came on 1 December", council
    ).text
    assert text.startswith("You said the final plan, but the 15 days")
    assert "by Tuesday 15 December 2026" in text  # the draft's day 15
    assert "Monday 1 February 2027 (2 months" in text  # the final plan's appeal, too


def test_a_review_in_june_gives_the_latest_dates_without_inventing_a_day(council):
    text = reply_to("annual review was in June", council).text
    assert "The review meeting was in June 2026." in text
    assert "by Tuesday 28 July 2026 at the latest" in text
    assert "held by June 2027" in text


def test_a_date_in_the_future_is_asked_about(council):
    reply = reply_to("request received 10 January 2027", council)
    assert "10 January 2027" in reply.text and "after today" in reply.text
    assert "(6 weeks" not in reply.text


def test_not_sure_gives_the_time_limits_in_words_and_no_dates(council):
    text = reply_to("we asked for an assessment but not sure when", council).text
    assert "That is fine." in text and "2026" not in text.split("If a date is missed")[0]
    assert "within 6 weeks" in text


def test_a_stage_without_a_date_is_asked_for_the_date_and_no_stage_for_the_step(council):
    assert (
        "When did the council get your request?" in reply_to("we asked for an EHCP", council).text
    )
    step = reply_to("when should we hear back", council)
    assert "Which step are you at?" in step.text
    assert "Not sure" in [button.title for button in step.buttons]


def test_a_move_to_secondary_is_due_before_15_february(council):
    text = reply_to("he moves up to secondary in September 2027", council).text
    assert "before 15 February 2027" in text
    assert "15 February" in text.split("The council's guidance says")[1]


def test_a_date_without_a_step_is_never_pinned_on_a_step(council):
    message = read_ehc_message("not sure which step, it was 3 March", TODAY)
    text = timeline_reply(message, council, word_overlap_search, 18, TODAY).text
    assert "3 March" not in text and "You asked" not in text
    assert "within 6 weeks" in text
