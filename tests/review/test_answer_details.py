"""What a new answer may give away, named for the officer before anything is published."""

from __future__ import annotations

from review.answer_details import PossibleDetail, possible_details, unconfirmed
from storage.redaction import Redactor

COUNCIL_NUMBER = "0113 496 0100"


def test_each_part_is_checked_each_text_named_once_and_the_councils_number_is_not_a_detail():
    redactor = Redactor(keep=[COUNCIL_NUMBER])
    found = possible_details(
        "Holidays for Oliver",
        "",
        f"Ring the Local Offer team on {COUNCIL_NUMBER}, or ring 07700 900123. Oliver did.",
        redactor,
    )
    assert found == [
        PossibleDetail("title", "NAME", "Oliver"),
        PossibleDetail("answer", "PHONE", "07700 900123"),
    ]
    assert [detail.label for detail in found] == ["name", "phone number"]


def test_only_the_details_ticked_are_confirmed():
    phone = PossibleDetail("answer", "PHONE", "07700\r\n900123")
    name = PossibleDetail("answer", "NAME", "Oliver")
    # The page sends a tick back with the spaces of the text tidied, as it showed them.
    assert unconfirmed([phone, name], ["PHONE:07700 900123"]) == [name]
    assert unconfirmed([phone, name], ["PHONE:07700 900123", "NAME:Oliver"]) == []
