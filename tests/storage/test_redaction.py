"""Personal details never reach the database: measured on messages the team labelled by hand."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.database import session_scope
from storage.models import Feedback, UnansweredQuestion
from storage.records import record_feedback, record_unanswered
from storage.redaction import Redactor, get_redactor, redact
from storage.redaction_eval import KINDS, STRUCTURED, load_labelled, plain_messages, score
from tests.paths import REPO_ROOT

LABELLED = load_labelled(REPO_ROOT / "tests" / "data" / "redaction_labelled.txt")
HELD_OUT = load_labelled(REPO_ROOT / "tests" / "data" / "redaction_heldout.txt")
# Written by someone who never saw the rules; tuned on. The blind set beside it is only ever
# scored by `python -m bench.redaction --set blind`, never by a test.
DEVELOPMENT = load_labelled(REPO_ROOT / "tests" / "data" / "redaction" / "dev.txt")
DEVELOPMENT += load_labelled(REPO_ROOT / "tests" / "data" / "redaction" / "dev2.txt")


def test_the_labelled_set_has_at_least_a_hundred_messages_of_every_kind():
    kinds = {kind for message in LABELLED for _, _, kind in message.details}
    assert len(LABELLED) >= 100
    assert kinds == STRUCTURED | {"NAME"}


@pytest.mark.parametrize("messages", [LABELLED, HELD_OUT], ids=["labelled", "held-out"])
def test_recall_meets_the_bar_for_structured_details_and_names(messages):
    result = score(get_redactor(), messages)
    assert result.recall(STRUCTURED) >= 0.95, result.missed
    assert result.recall({"NAME"}) >= 0.85, result.missed


def test_the_development_set_holds_every_kind_and_detail_free_messages():
    kinds = {kind for message in DEVELOPMENT for _, _, kind in message.details}
    assert kinds == set(KINDS)
    assert sum(not message.details for message in DEVELOPMENT) >= 50


def test_on_the_development_set_details_are_covered_and_plain_messages_left_alone():
    result = score(get_redactor(), DEVELOPMENT)
    assert result.recall(set(KINDS)) >= 0.9, result.missed
    assert result.clean_share() >= 0.82, result.missed
    assert result.changed_share() <= 0.02, result.changed


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("his name is oliver and he is 7", ["oliver"]),
        ("our twins rose and lily start school in september", ["rose", "lily"]),
        ("I'm Ava's mum, ring me on 0044 7700 900123", ["Ava", "7700 900123"]),
        (
            "email dev.sharma(at)example.com or tomasz dot wisniewski at example dot com",
            ["dev.sharma", "wisniewski"],
        ),
        ("his discord is kaiboy#4412 and insta @lily_rose_x", ["kaiboy", "lily_rose_x"]),
        ("born 2015-05-03, NI number QQ 12 34 56 C", ["2015-05-03", "QQ 12 34 56 C"]),
        ("she was born 3rd may", ["3rd may"]),
        ("he goes to St Mary's Primary in Kelby", ["St Mary's Primary"]),
        ("WILL HAS BEEN OFF SCHOOL FOR 6 WEEKS", ["WILL"]),
    ],
)
def test_details_the_old_rules_missed_are_found(text, hidden):
    redacted = redact(text)
    assert all(detail not in redacted for detail in hidden), redacted


@pytest.mark.parametrize(
    "text",
    [
        "will he get a place at Oakfield School in May?",
        "I hope the Short Breaks team can help over the summer",
        "is Greenfield Primary any good for autistic kids",
        "does Mencap run anything for children with Down's syndrome in Fennick",
        "i rang 0113 496 0100 and the Children's Front Door was closed",
        "18 miles each way to Kelby Park School, who pays?",
    ],
)
def test_ordinary_words_places_and_the_councils_own_details_survive(text):
    assert redact(text) == text


def test_towns_and_service_names_are_not_mistaken_for_people():
    text = "Is the Sunflower Club in Kelby or Coldwater Bridge open on Saturday?"
    assert redact(text) == text


def test_each_kind_is_replaced_by_its_tag():
    redacted = redact(
        "I'm Priya Shah, 14 Mill Lane HF1 2AB, 07700 900123, priya@example.com, "
        "NHS number 186 091 3903, born 14/06/2015"
    )
    for tag in ("[NAME]", "[ADDRESS]", "[POSTCODE]", "[PHONE]", "[EMAIL]", "[NHS_NUMBER]"):
        assert tag in redacted
    assert "[DATE_OF_BIRTH]" in redacted and "Priya" not in redacted


def test_a_ten_digit_number_that_fails_the_nhs_check_digit_is_left_alone():
    redactor = Redactor()
    assert redactor.redact("order 123 456 7890 arrived") == "order 123 456 7890 arrived"
    assert "[NHS_NUMBER]" in redactor.redact("nhs 123 456 7890")


def test_no_stored_row_holds_a_labelled_detail(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    for position, message in enumerate(LABELLED):
        turns = [{"speaker": "family", "text": message.text}]
        record_unanswered(url, f"c{position}", message.text, "nlu_fallback", [], [], context=turns)
        record_feedback(url, f"c{position}", message.text, "down", "m", "answer", context=turns)
    with session_scope(url) as session:
        stored = [
            row.text + str(row.context) for row in session.scalars(select(UnansweredQuestion))
        ]
        stored += [row.comment + str(row.context) for row in session.scalars(select(Feedback))]
    stored_text = "\n".join(stored)
    leaked = [
        message.text[start:end]
        for message in LABELLED
        for start, end, _kind in message.details
        if message.text[start:end] in stored_text
    ]
    # The stores hold nothing the redactor found; what it misses is measured above.
    missed = {text for _kind, text in score(get_redactor(), LABELLED).missed}
    assert set(leaked) <= missed
    assert len(leaked) <= 3


def test_messages_without_personal_details_are_almost_never_touched():
    messages = plain_messages()
    touched = [text for text in messages if get_redactor().find(text)]
    assert len(messages) > 1000
    assert len(touched) / len(messages) <= 0.01, touched


def test_days_and_months_are_not_names():
    for text in ("We wanted Saturdays", "Is it open in May?", "Sundays and Mondays please"):
        assert redact(text) == text
