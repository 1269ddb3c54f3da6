"""Where the tests find the project and its sources."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO_ROOT / "knowledge"
SMALL_SOURCE = Path(__file__).resolve().parent / "data" / "small_source"
