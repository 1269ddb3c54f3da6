"""Add an answer: the officer's document is never overwritten and stays in the live index."""

from __future__ import annotations

from pathlib import Path

from review.answers import write_answer_document

URL = "https://localoffer.testbury.example.org"
TITLE = "Sensory kits to borrow"
ANSWER = "Families can borrow a sensory kit from any Testbury library for two weeks, free."


def test_an_answer_never_overwrites_a_file_that_appears_under_its_name(tmp_path, monkeypatch):
    guidance = tmp_path / "guidance"
    guidance.mkdir()
    taken = guidance / "answer-sensory-kits-to-borrow.md"
    taken.write_text("another officer's answer")
    # Stands in for another officer's file appearing just after a look for it.
    monkeypatch.setattr(Path, "exists", lambda self: False)
    path = write_answer_document(tmp_path, URL, TITLE, "", ANSWER, "officer")
    monkeypatch.undo()
    assert taken.read_text() == "another officer's answer"
    assert path.name == "answer-sensory-kits-to-borrow-2.md"
    assert ANSWER in path.read_text()
