"""A digest of everything `rasa train` reads, so `make train` retrains on content, not times.

    python -m bot.fingerprint

Prints the SHA-256 of config.yml, the domain and every training data file (the generated
ones included, so another council's towns retrain the model). Timestamps play no part: a
knowledge source copied in with old dates still changes the digest.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def training_inputs(root: Path = PROJECT_ROOT) -> list[Path]:
    bot = root / "bot"
    files = [root / "config.yml", bot / "domain.yml"]
    files += sorted((bot / "data").rglob("*.yml"))
    files += sorted((bot / "generated").rglob("*.yml"))
    files += sorted((bot / "components").glob("*.py"))
    return [path for path in files if path.is_file()]


def fingerprint(root: Path = PROJECT_ROOT) -> str:
    digest = hashlib.sha256()
    for path in training_inputs(root):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


if __name__ == "__main__":
    print(fingerprint())
