"""Does a message disclose a risk of harm? Explicit phrases first, then a model of meaning.

The model is MiniLM fine-tuned on labelled disclosures and look-alikes, with a yes/no head,
and two small heads on the same vector for the kind of risk and who is speaking
(`safeguarding.build`). It reads the whole message: trained on long stories with the
disclosure buried in them, it does better so than sentence by sentence, where fragments of
look-alikes ("he hit out", "she ran off") read as disclosures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from safeguarding.encoder import OnnxSentenceEncoder
from safeguarding.patterns import find_risk

WEIGHTS_FILE = "risk_model.npz"


@dataclass(frozen=True)
class RiskAssessment:
    """What the check found. `category` and `speaker` choose which line comes first."""

    disclosed: bool
    category: str = ""
    speaker: str = ""
    score: float = 0.0
    matched: str = ""  # the explicit phrase, or "model" when meaning alone decided

    @classmethod
    def from_parse_data(cls, parse_data: dict) -> RiskAssessment:
        """What the Rasa component recorded on a message (see `as_dict`)."""
        found = (parse_data or {}).get("risk_of_harm") or {}
        return cls(
            disclosed=bool(found),
            category=found.get("category", ""),
            speaker=found.get("speaker", ""),
            score=float(found.get("score", 0.0)),
            matched=found.get("matched", ""),
        )

    def as_dict(self) -> dict:
        return {
            "category": self.category,
            "speaker": self.speaker,
            "score": round(self.score, 4),
            "matched": self.matched,
        }


NO_RISK = RiskAssessment(disclosed=False)


@dataclass(frozen=True)
class LinearHead:
    """Weights of one fitted logistic regression: softmax over classes, or a sigmoid."""

    weights: np.ndarray  # (classes, dims), or (1, dims) for a yes/no head
    bias: np.ndarray
    classes: tuple[str, ...]

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        logits = vectors @ self.weights.T + self.bias
        if len(self.classes) == 1:
            return 1.0 / (1.0 + np.exp(-logits))
        logits = logits - logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class RiskModel:
    disclosure: LinearHead
    category: LinearHead
    speaker: LinearHead
    threshold: float

    def save(self, path: Path) -> None:
        arrays = {}
        for name in ("disclosure", "category", "speaker"):
            head: LinearHead = getattr(self, name)
            arrays[f"{name}_weights"] = head.weights
            arrays[f"{name}_bias"] = head.bias
            arrays[f"{name}_classes"] = np.array(head.classes)
        np.savez(path, threshold=np.array(self.threshold), **arrays)

    @classmethod
    def load(cls, path: Path) -> RiskModel:
        if not path.is_file():
            raise FileNotFoundError(
                f"{path} is missing: build it with `python -m safeguarding.build`."
            )
        with np.load(path) as data:
            heads = {
                name: LinearHead(
                    data[f"{name}_weights"].astype(np.float32),
                    data[f"{name}_bias"].astype(np.float32),
                    tuple(str(label) for label in data[f"{name}_classes"]),
                )
                for name in ("disclosure", "category", "speaker")
            }
            return cls(threshold=float(data["threshold"]), **heads)


class RiskDetector:
    """Explicit phrases, then the model over the whole message."""

    def __init__(self, encoder: OnnxSentenceEncoder, model: RiskModel) -> None:
        self.encoder = encoder
        self.model = model

    @classmethod
    def load(cls, folder: Path) -> RiskDetector:
        return cls(OnnxSentenceEncoder(folder), RiskModel.load(folder / WEIGHTS_FILE))

    def score(self, text: str) -> tuple[float, np.ndarray]:
        """The model's probability that `text` discloses a risk, and the message's vector."""
        vector = self.encoder.encode([" ".join(text.split())])
        return float(self.model.disclosure.probabilities(vector)[0, 0]), vector[0]

    def assess(self, text: str) -> RiskAssessment:
        """Whether `text` discloses a risk of harm, what kind, and who is speaking."""
        if not (text or "").strip():
            return NO_RISK
        score, vector = self.score(text)
        explicit = find_risk(text)
        if explicit is None and score < self.model.threshold:
            return RiskAssessment(disclosed=False, score=score)
        # Explicit words name the kind more surely than the head, which a long request
        # around the disclosure can distract.
        category = explicit[0] if explicit else self._label(self.model.category, vector)
        speaker = self._label(self.model.speaker, vector)
        return RiskAssessment(
            disclosed=True,
            category=category,
            speaker=speaker,
            score=score,
            matched=explicit[1] if explicit else "model",
        )

    @staticmethod
    def _label(head: LinearHead, vector: np.ndarray) -> str:
        return head.classes[int(head.probabilities(vector[None, :])[0].argmax())]
