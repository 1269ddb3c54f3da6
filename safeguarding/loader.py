"""The one risk detector a process holds, loaded on first use from the built folder."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from safeguarding.detector import RiskDetector

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FOLDER = PROJECT_ROOT / "var" / "safeguarding"


def detector_folder() -> Path:
    """`LOCALOFFER_SAFEGUARDING_DIR`, read here because the Rasa server has no settings object."""
    return Path(os.environ.get("LOCALOFFER_SAFEGUARDING_DIR") or DEFAULT_FOLDER)


@lru_cache(maxsize=4)
def get_detector(folder: Path | None = None) -> RiskDetector:
    """Load the encoder and the risk model once per process."""
    return RiskDetector.load(folder or detector_folder())
