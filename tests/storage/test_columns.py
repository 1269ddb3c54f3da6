"""Values are fitted to the app database's columns before they are written."""

from __future__ import annotations

from storage.columns import fit, storable
from storage.models import Enquiry, UrgentFlag


def test_strings_are_cut_to_the_length_the_model_gives_their_column():
    fitted = fit(UrgentFlag, matched="m" * 300, channel="c" * 50, text="t" * 5000)
    assert len(fitted["matched"]) == UrgentFlag.__table__.c.matched.type.length == 200
    assert len(fitted["channel"]) == UrgentFlag.__table__.c.channel.type.length == 32
    assert fitted["text"] == "t" * 5000  # Text has no length


def test_nul_characters_and_lone_surrogates_go_everywhere_even_inside_json():
    assert storable("a\x00b\ud800c") == "ab\ufffdc"
    turns = [{"speaker": "family", "text": "hi\x00"}, {"speaker": "bot", "text": "\udfff"}]
    assert fit(UrgentFlag, context=turns)["context"] == [
        {"speaker": "family", "text": "hi"},
        {"speaker": "bot", "text": "\ufffd"},
    ]
    assert storable({"n\x00": [1, None, True]}) == {"n": [1, None, True]}


def test_values_that_are_not_strings_are_left_alone():
    assert fit(Enquiry, answered=True, matches=3, town=None) == {
        "answered": True,
        "matches": 3,
        "town": None,
    }
