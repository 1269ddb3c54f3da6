"""Build what the risk check needs: the fine-tuned ONNX encoder and the risk model's heads.

    python -m safeguarding.build --out var/safeguarding
    python -m safeguarding.build --out /tmp/cv --folds 5   # out-of-fold figures, for tuning

Runs in the main environment (torch fine-tunes and exports; scikit-learn fits the kind and
speaker heads). The Rasa server and the api only read the folder. Reads only the tuning part
of the labelled set (`safeguarding/data/`) and the assistant's NLU examples.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from safeguarding.detector import WEIGHTS_FILE, LinearHead, RiskModel
from safeguarding.encoder import OnnxSentenceEncoder
from safeguarding.export import export_encoder, packaged_model_dir
from safeguarding.fine_tune import SEED, fine_tune
from safeguarding.patterns import find_risk
from safeguarding.training_data import CATEGORIES, SPEAKERS, LabelledMessage, training_messages

# Chosen on out-of-fold scores of the tuning part (`--folds 5`, docs/benchmarks.md): the
# fine-tuned scores are nearly all below 0.05 or above 0.95, and between those every threshold
# gave the same recall; this one sits low, on the side of a false alarm.
THRESHOLD = 0.3


def _fit_head(vectors: np.ndarray, labels: list[str], classes: tuple[str, ...]) -> LinearHead:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced", random_state=SEED)
    model.fit(vectors, labels)
    known = [name for name in classes if name in model.classes_]
    order = [list(model.classes_).index(name) for name in known]
    return LinearHead(
        model.coef_[order].astype(np.float32),
        model.intercept_[order].astype(np.float32),
        tuple(known),
    )


def build(messages: list[LabelledMessage], out: Path, threshold: float = THRESHOLD) -> RiskModel:
    """Fine-tune, export the encoder to `out`, fit the heads and save the model there."""
    encoder_model, weights, bias = fine_tune(messages, packaged_model_dir())
    export_encoder(out, encoder_model)
    vectors = OnnxSentenceEncoder(out, threads=2).encode([m.text for m in messages])
    risky = [i for i, m in enumerate(messages) if m.disclosure and m.category in CATEGORIES]
    spoken = [i for i, m in enumerate(messages) if m.speaker in SPEAKERS]
    model = RiskModel(
        disclosure=LinearHead(weights, bias, ("disclosure",)),
        category=_fit_head(vectors[risky], [messages[i].category for i in risky], CATEGORIES),
        speaker=_fit_head(vectors[spoken], [messages[i].speaker for i in spoken], SPEAKERS),
        threshold=threshold,
    )
    model.save(out / WEIGHTS_FILE)
    return model


def cross_validate(messages: list[LabelledMessage], out: Path, folds: int) -> None:
    """Out-of-fold recall and false alarms at several thresholds, phrases included."""
    fold_of = np.random.default_rng(SEED).integers(0, folds, size=len(messages))
    scores = np.zeros(len(messages))
    for fold in range(folds):
        train = [m for m, f in zip(messages, fold_of, strict=True) if f != fold]
        held = np.flatnonzero(fold_of == fold)
        print(f"Fold {fold + 1} of {folds}: fitting on {len(train)} messages")
        build(train, out / f"fold-{fold}")
        detector_vectors = OnnxSentenceEncoder(out / f"fold-{fold}", threads=2)
        model = RiskModel.load(out / f"fold-{fold}" / WEIGHTS_FILE)
        vectors = detector_vectors.encode([messages[i].text for i in held])
        scores[held] = model.disclosure.probabilities(vectors)[:, 0]
    truth = np.array([m.disclosure for m in messages])
    written = np.array([bool(m.speaker) for m in messages])  # the labelled set, not NLU
    explicit = np.array([find_risk(m.text) is not None for m in messages])
    np.save(out / "out_of_fold_scores.npy", scores)
    for threshold in (0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9):
        flagged = explicit | (scores >= threshold)
        print(
            f"threshold {threshold:.2f}: recall {flagged[truth].mean():.3f} "
            f"({int((~flagged[truth]).sum())} missed of {int(truth.sum())}), "
            f"look-alikes flagged {flagged[~truth & written].mean():.3f}, "
            f"NLU examples flagged {flagged[~truth & ~written].mean():.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m safeguarding.build", description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="folder to write")
    parser.add_argument("--folds", type=int, default=0, help="cross-validate instead of build")
    args = parser.parse_args(argv)
    messages = training_messages()
    started = time.monotonic()
    if args.folds:
        cross_validate(messages, args.out, args.folds)
        return 0
    print(f"Fine-tuning the risk model on {len(messages)} labelled messages ...")
    model = build(messages, args.out)
    print(
        f"Wrote {args.out}: {len(model.category.classes)} kinds of risk, "
        f"{len(model.speaker.classes)} speakers, threshold {model.threshold}, "
        f"in {time.monotonic() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
