"""Only a model this project trained is loaded: its recorded SHA-256 must match."""

from __future__ import annotations

import pytest

from bot.model_check import ModelNotTrusted, main, record, verify


def test_the_recorded_model_passes_and_a_changed_one_is_refused(tmp_path):
    model = tmp_path / "localoffer.tar.gz"
    model.write_bytes(b"trained model bytes")
    record(model)
    verify(model)
    model.write_bytes(b"someone else's model")
    with pytest.raises(ModelNotTrusted, match="has changed since it was trained"):
        verify(model)
    assert main([str(model)]) == 2


def test_a_model_without_a_recorded_digest_is_refused(tmp_path):
    model = tmp_path / "downloaded.tar.gz"
    model.write_bytes(b"from somewhere")
    with pytest.raises(ModelNotTrusted, match="no recorded SHA-256"):
        verify(model)


def test_a_missing_model_says_how_to_make_one(tmp_path):
    with pytest.raises(ModelNotTrusted, match="make train"):
        verify(tmp_path / "nothing.tar.gz")
