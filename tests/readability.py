"""Flesch reading ease, with syllables counted from pyphen's English hyphenation patterns.

textstat's current releases need an NLTK corpus downloaded at run time, and its older ones
need pkg_resources; the formula itself is one line.
"""

from __future__ import annotations

import re

import pyphen

_hyphenator = pyphen.Pyphen(lang="en_GB")


def syllables(word: str) -> int:
    return max(1, len(_hyphenator.positions(word.lower())) + 1)


def flesch_reading_ease(text: str) -> float:
    """206.835 - 1.015 x words per sentence - 84.6 x syllables per word."""
    sentences = [part for part in re.split(r"[.!?:\n]+", text) if re.search(r"[A-Za-z]", part)]
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
    if not words:
        return 100.0
    per_sentence = len(words) / max(1, len(sentences))
    per_word = sum(syllables(word) for word in words) / len(words)
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word
