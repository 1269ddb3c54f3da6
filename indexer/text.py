"""spaCy pipelines, loaded once per process behind small accessors."""

from __future__ import annotations

import threading
from functools import lru_cache

import spacy
from spacy.language import Language

_lock = threading.Lock()


@lru_cache(maxsize=1)
def sentence_pipeline() -> Language:
    """A rule-based English pipeline that only finds sentence boundaries."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def sentences(text: str) -> list[str]:
    """The sentences of `text`, whitespace tidied."""
    with _lock:  # spaCy pipelines are not documented as thread-safe
        doc = sentence_pipeline()(text)
    return [" ".join(span.text.split()) for span in doc.sents if span.text.strip()]
