"""The risk model's weights survive a save and a load; heads give probabilities."""

from __future__ import annotations

import numpy as np

from safeguarding.detector import LinearHead, RiskModel


def test_a_model_saved_and_loaded_scores_the_same(tmp_path):
    rng = np.random.default_rng(1)
    heads = {
        name: LinearHead(
            rng.normal(size=(rows, 8)).astype(np.float32),
            rng.normal(size=rows).astype(np.float32),
            tuple(f"{name}-{i}" for i in range(rows)) if rows > 1 else ("disclosure",),
        )
        for name, rows in (("disclosure", 1), ("category", 3), ("speaker", 4))
    }
    model = RiskModel(threshold=0.3, **heads)
    model.save(tmp_path / "model.npz")
    loaded = RiskModel.load(tmp_path / "model.npz")
    vectors = rng.normal(size=(5, 8)).astype(np.float32)
    assert loaded.threshold == 0.3 and loaded.category.classes == model.category.classes
    for name in ("disclosure", "category", "speaker"):
        expected = getattr(model, name).probabilities(vectors)
        assert np.allclose(getattr(loaded, name).probabilities(vectors), expected)
    assert np.allclose(loaded.category.probabilities(vectors).sum(axis=1), 1.0)
    assert (
        (loaded.disclosure.probabilities(vectors) > 0)
        & (loaded.disclosure.probabilities(vectors) < 1)
    ).all()
