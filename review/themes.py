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
from storage.models import Theme, UnansweredQuestion, utcnow

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


def match_themes(
    old: dict[int, set[int]], groups: list[set[int]], overlap: float = 0.5
) -> list[int | None]:
    """For each new group of question ids, the old theme it substantially is, else None.

    Substantially: their questions overlap by at least `overlap` (shared over either's, the
    Jaccard index). The closest pairs are matched first, and each old theme at most once.
    """
    pairs = sorted(
        (-len(group & members) / len(group | members), index, theme_id)
        for index, group in enumerate(groups)
        for theme_id, members in old.items()
        if group & members
    )
    matched: list[int | None] = [None] * len(groups)
    for distance, index, theme_id in pairs:
        if -distance >= overlap and matched[index] is None and theme_id not in matched:
            matched[index] = theme_id
    return matched


def recompute_themes(url: str, threshold: float) -> list[ThemeSummary]:
    """Cluster every unanswered question afresh; a theme that is substantially the same as before
    keeps its id (officers' links and notes point at it) and its answer."""
    with session_scope(url) as session:
        rows = list(
            session.execute(
                select(
                    UnansweredQuestion.id,
                    UnansweredQuestion.text,
                    UnansweredQuestion.facets,
                    UnansweredQuestion.theme_id,
                )
            )
        )
        answered = {
            theme.representative: theme.answer_document
            for theme in session.scalars(select(Theme))
            if theme.answer_document
        }
    old: dict[int, set[int]] = {}
    for question_id, _, _, theme_id in rows:
        if theme_id is not None:
            old.setdefault(theme_id, set()).add(question_id)
    vectors = embedding.encode([row[1] for row in rows]) if rows else np.zeros((0, 1))
    groups = cluster(vectors, threshold)
    kept_ids = match_themes(old, [{rows[index][0] for index in group} for group in groups])
    with session_scope(url) as session:
        session.execute(update(UnansweredQuestion).values(theme_id=None))
        earlier = {theme.id: theme for theme in session.scalars(select(Theme))}
        summaries = []
        for group, theme_id in zip(groups, kept_ids, strict=True):
            texts = [rows[index][1] for index in group]
            centre = vectors[group].mean(axis=0)
            representative = texts[int(np.argmax(vectors[group] @ centre))]
            theme = earlier.pop(theme_id, None) if theme_id is not None else None
            if theme is None:
                theme = Theme(answer_document=answered.get(representative, ""))
                session.add(theme)
            theme.name = theme_name(texts, [rows[index][2] or {} for index in group])
            theme.representative = representative
            theme.size = len(group)
            theme.computed_at = utcnow()
            session.flush()
            ids = [rows[index][0] for index in group]
            session.execute(
                update(UnansweredQuestion)
                .where(UnansweredQuestion.id.in_(ids))
                .values(theme_id=theme.id)
            )
            summaries.append(_summary(theme))
        for theme in earlier.values():  # the old themes no new cluster is
            session.delete(theme)
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
