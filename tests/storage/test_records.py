"""The app database: rows officers will review, redacted before they are written."""

from __future__ import annotations

import pytest

from storage.records import (
    FLAGS_PER_CONVERSATION,
    raise_flag,
    record_feedback,
    record_unanswered,
    unanswered_for,
    urgent_flags_for,
)
from storage.redaction import redact
from tests.services import app_database_url, drop_postgres_database, fresh_postgres_database


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("email me at jo.bloggs@example.co.uk please", "[EMAIL]"),
        ("call 07700 900123 after 6", "[PHONE]"),
        ("our number is 0113 496 0500", "[PHONE]"),
        ("we live at HF4 2RB", "[POSTCODE]"),
        ("his nhs number is 943 476 5919", "[NHS_NUMBER]"),
        ("born 03/04/2015", "[DATE_OF_BIRTH]"),
    ],
)
def test_personal_details_are_replaced_by_tags(text, tag):
    assert tag in redact(text)


def test_a_question_without_personal_details_is_unchanged():
    assert redact("autism swimming in Kelby for a 7 year old") == (
        "autism swimming in Kelby for a 7 year old"
    )


def test_unanswered_questions_are_stored_redacted(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    record_unanswered(
        url,
        "c1",
        "ring me on 07700 900123",
        "ask_question",
        [{"name": "ask_question", "confidence": 0.4}],
        [{"id": "x", "score": 0.2}],
    )
    [row] = unanswered_for(url, "c1")
    assert row.text == "ring me on [PHONE]"
    assert row.intent_ranking[0]["name"] == "ask_question"
    assert row.status == "new"


def test_urgent_flags_and_feedback_are_stored(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    raise_flag(url, "c2", "my email is a@b.org and I can't cope", "can't cope", "call 999")
    [flag] = urgent_flags_for(url, "c2")
    assert flag.text == "my email is [EMAIL] and I can't cope" and flag.matched == "can't cope"
    assert record_feedback(url, "c2", "brilliant, thanks") > 0


def test_the_same_disclosure_seen_by_the_api_and_the_action_server_is_one_flag(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    first = raise_flag(url, "c3", "he hit me again", "domestic_abuse: model", "call 999")
    again = raise_flag(url, "c3", "he hit me again", "domestic_abuse: model", "call 999")
    assert first == (first[0], True) and again == (first[0], False)
    assert len(urgent_flags_for(url, "c3")) == 1


def test_one_conversation_cannot_flood_the_flags_past_its_cap(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    for n in range(51):
        raise_flag(url, "flood", f"message number {n}", "model", "call 999")
    flags = urgent_flags_for(url, "flood")
    assert len(flags) == FLAGS_PER_CONVERSATION
    assert sum(flag.repeats for flag in flags) == 51 - FLAGS_PER_CONVERSATION
    assert "message number 0" in {flag.text for flag in flags}


def test_what_postgresql_refuses_is_fitted_and_a_nul_cannot_hide_a_phone_number():
    name = fresh_postgres_database("lo_records")
    url = app_database_url(name)
    try:
        conversation = "c" * 100  # the column is String(64)
        record_unanswered(url, conversation, "call 07700\x00900123", "x", [], [], context=[])
        flag_id, new = raise_flag(url, conversation, "he hurt me\x00", "abuse: " + "x" * 300, "")
        assert new and raise_flag(url, conversation, "he hurt me", "abuse: hurt", "") == (
            flag_id,
            False,
        )
        key = "k" * 100  # String(80): a retry with the same long key is still one row
        first = record_feedback(url, conversation, "\x00fine", "up", idempotency_key=key)
        assert record_feedback(url, conversation, "\x00fine", "up", idempotency_key=key) == first
        [question] = unanswered_for(url, conversation[:64])
        assert question.text == "call [PHONE]"
        [flag] = urgent_flags_for(url, conversation[:64])
        assert flag.text == "he hurt me" and len(flag.matched) == 200
    finally:
        drop_postgres_database(name)
