"""Group unanswered questions that mean much the same thing into named themes."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
from bm25s.stopwords import STOPWORDS_EN
from sqlalchemy import select, update

from indexer import embedding
from indexer.facets import CATEGORIES, NEEDS
from storage.database import session_scope
from storage.models import Theme, UnansweredQuestion

_STOPWORDS = frozenset(STOPWORDS_EN) | {
    "name", "phone", "email", "postcode", "address", "there", "any", "help", "get", "can",
    "son", "daughter", "child", "year", "old", "need", "needs", "please", "want",
}  # fmt: skip


@dataclass(frozen=True)
class ThemeSummary:
    id: int
    name: str
    representative: str
    size: int
    answer_document: str = ""


def cluster(vectors: np.ndarray, threshold: float) -> list[list[int]]:
    """Indices of each group of vectors at least `threshold` similar, largest group first."""
    if len(vectors) == 0:
        return []
    # Imported here: the api loads torch only when an officer asks for themes.
    import torch
    from sentence_transformers.util import community_detection

    groups = community_detection(
        torch.from_numpy(np.asarray(vectors, dtype=np.float32)),
        threshold=threshold,
        min_community_size=1,
    )
    placed = {index for group in groups for index in group}
    groups += [[index] for index in range(len(vectors)) if index not in placed]
    return sorted(groups, key=len, reverse=True)


def theme_name(texts: list[str], facets: list[dict]) -> str:
    """A short name from what the questions share: activity, need and town first, then words."""
    parts: list[str] = []
    for key in ("activity", "need", "category", "town"):
        counts = Counter(value for item in facets for value in _values(item.get(key)))
        if counts:
            value, seen = counts.most_common(1)[0]
            if seen * 2 >= len(texts):
                labels = {"need": NEEDS, "category": CATEGORIES}.get(key, {})
                parts.append(labels.get(value, (value,))[0].replace("_", " "))
    if len(parts) < 2:
        words = Counter(
            word
            for text in texts
            for word in set(re.findall(r"[a-z]{3,}", text.lower()))
            if word not in _STOPWORDS and not any(word in part for part in parts)
        )
        parts += [word for word, _ in words.most_common(3 - len(parts))]
    return " · ".join(part.capitalize() for part in parts) or "Other questions"


def _values(value) -> list[str]:
    if isinstance(value, list):
        return [str(item) for item in value if item]
    return [str(value)] if value else []


def recompute_themes(url: str, threshold: float) -> list[ThemeSummary]:
    """Cluster every unanswered question afresh; answers written for old themes are kept."""
    with session_scope(url) as session:
        rows = list(
            session.execute(
                select(UnansweredQuestion.id, UnansweredQuestion.text, UnansweredQuestion.facets)
            )
        )
        answered = {
            theme.representative: theme.answer_document
            for theme in session.scalars(select(Theme))
            if theme.answer_document
        }
    vectors = embedding.encode([text for _, text, _ in rows]) if rows else np.zeros((0, 1))
    groups = cluster(vectors, threshold)
    with session_scope(url) as session:
        session.execute(update(UnansweredQuestion).values(theme_id=None))
        session.query(Theme).delete()
        summaries = []
        for group in groups:
            texts = [rows[index][1] for index in group]
            centre = vectors[group].mean(axis=0)
            representative = texts[int(np.argmax(vectors[group] @ centre))]
            theme = Theme(
                name=theme_name(texts, [rows[index][2] or {} for index in group]),
                representative=representative,
                size=len(group),
                answer_document=answered.get(representative, ""),
            )
            session.add(theme)
            session.flush()
            ids = [rows[index][0] for index in group]
            session.execute(
                update(UnansweredQuestion)
                .where(UnansweredQuestion.id.in_(ids))
                .values(theme_id=theme.id)
            )
            summaries.append(_summary(theme))
    return summaries


def themes(url: str) -> list[ThemeSummary]:
    """The themes as last computed, largest first."""
    with session_scope(url) as session:
        query = select(Theme).order_by(Theme.size.desc(), Theme.id)
        return [_summary(theme) for theme in session.scalars(query)]


def theme(url: str, theme_id: int) -> ThemeSummary | None:
    with session_scope(url) as session:
        row = session.get(Theme, theme_id)
        return _summary(row) if row else None


def record_answer(url: str, theme_id: int, document: str) -> None:
    with session_scope(url) as session:
        row = session.get(Theme, theme_id)
        if row is not None:
            row.answer_document = document


def _summary(theme: Theme) -> ThemeSummary:
    return ThemeSummary(
        theme.id, theme.name, theme.representative, theme.size, theme.answer_document
    )
