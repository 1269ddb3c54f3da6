"""The Rasa server loads only a model this project trained: its SHA-256 is recorded at training.

    python -m bot.model_check --record MODEL   # after `rasa train`
    python -m bot.model_check MODEL            # before `rasa run`; exits 2 on a mismatch

A Rasa model is a tar of pickles and TensorFlow graphs, so loading one is running its code.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path


class ModelNotTrusted(RuntimeError):
    """The model file is missing, has no recorded digest, or differs from what was trained."""


def digest_path(model: Path) -> Path:
    return model.with_name(model.name + ".sha256")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def record(model: Path) -> str:
    value = sha256_of(model)
    digest_path(model).write_text(f"{value}  {model.name}\n")
    return value


def verify(model: Path) -> None:
    """Raise `ModelNotTrusted`, saying what to do, unless `model` is the one that was trained."""
    if not model.is_file():
        raise ModelNotTrusted(f"No model at {model}. Train one with: make train")
    recorded_file = digest_path(model)
    if not recorded_file.is_file():
        raise ModelNotTrusted(
            f"{model} has no recorded SHA-256 ({recorded_file} is missing), so it was not "
            "trained here. Train one with: make train"
        )
    recorded = recorded_file.read_text().split()[0]
    actual = sha256_of(model)
    if actual != recorded:
        raise ModelNotTrusted(
            f"{model} has changed since it was trained (SHA-256 {actual[:12]}..., recorded "
            f"{recorded[:12]}...). Refusing to load it. Retrain with: make train"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.model_check")
    parser.add_argument("model", type=Path)
    parser.add_argument("--record", action="store_true", help="record the digest after training")
    args = parser.parse_args(argv)
    if args.record:
        print(f"Recorded SHA-256 {record(args.model)} for {args.model}")
        return 0
    try:
        verify(args.model)
    except ModelNotTrusted as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
