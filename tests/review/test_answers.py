"""Add an answer: the officer's document is never overwritten and stays in the live index."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

from indexer import build
from indexer.build import build_index
from indexer.index_files import LoadedIndex, resolve_version
from review.answers import add_answer, write_answer_document
from tests.paths import SMALL_SOURCE

URL = "https://localoffer.testbury.example.org"
TITLE = "Sensory kits to borrow"
ANSWER = "Families can borrow a sensory kit from any Testbury library for two weeks, free."


def live_document_ids(index_dir: Path) -> list[str]:
    return [document.id for document in LoadedIndex(resolve_version(index_dir)).documents]


def build_pausing_after_its_snapshot(source, out, snapshot_taken, answer_published) -> None:
    """A nightly build that has read the source, then waits while an officer publishes."""
    embed_documents = build.embed_documents

    def embed_after_a_pause(*args, **kwargs):
        if not snapshot_taken.is_set():
            snapshot_taken.set()
            # With the build lock held the officer cannot publish, so this waits in vain.
            answer_published.wait(timeout=10)
        return embed_documents(*args, **kwargs)

    build.embed_documents = embed_after_a_pause
    build_index(source, out, progress=False)


@pytest.mark.slow
def test_a_build_from_an_older_snapshot_never_replaces_a_published_answer(tmp_path):
    source, out = tmp_path / "source", tmp_path / "index"
    shutil.copytree(SMALL_SOURCE, source)
    build_index(source, out, progress=False)
    spawn = multiprocessing.get_context("spawn")  # a fork would copy torch's running threads
    snapshot_taken, answer_published = spawn.Event(), spawn.Event()
    nightly = spawn.Process(
        target=build_pausing_after_its_snapshot,
        args=(source, out, snapshot_taken, answer_published),
    )
    nightly.start()
    try:
        assert snapshot_taken.wait(timeout=180), "the nightly build never read its source"
        added = add_answer(source, out, URL, TITLE, "", ANSWER, "officer")
        answer_published.set()
        nightly.join(timeout=180)
    finally:
        if nightly.is_alive():
            nightly.kill()
    assert nightly.exitcode == 0
    assert any(id.startswith(f"{added.path.name}#") for id in live_document_ids(out))


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
