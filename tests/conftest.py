"""Shared fixtures: real sources, and real indexes built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO_ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO_ROOT / "knowledge"
SMALL_SOURCE = Path(__file__).resolve().parent / "data" / "small_source"


def _find_oruk_fixtures() -> Path:
    for parent in [REPO_ROOT, *REPO_ROOT.parents]:
        candidate = parent / "shared" / "fixtures" / "oruk"
        if candidate.is_dir():
            return candidate
    raise RuntimeError("shared/fixtures/oruk not found beside the repository")


@pytest.fixture(scope="session")
def oruk_fixtures() -> Path:
    return _find_oruk_fixtures()


@pytest.fixture(scope="session")
def small_index(tmp_path_factory) -> Path:
    """The small test source, built with the real model."""
    from indexer.build import build_index

    out = tmp_path_factory.mktemp("small") / "index"
    build_index(SMALL_SOURCE, out, progress=False)
    return out


@pytest.fixture(scope="session")
def knowledge_index(tmp_path_factory) -> Path:
    """The embedded default knowledge, built with the real model."""
    from indexer.build import build_index

    out = tmp_path_factory.mktemp("knowledge") / "index"
    build_index(KNOWLEDGE, out, progress=False)
    return out
