"""Hybrid search over an index version: dense (FAISS) and lexical (BM25) fused by RRF.

Age, town, day and cost are hard filters (a service that does not say passes); need and
category lift matching services in the ranking instead, because a speech therapy service
that never mentions autism is still right for an autistic child who needs speech therapy.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import faiss
import numpy as np

from core.config import get_settings
from indexer import embedding
from indexer.facets import FacetExtractor, QueryFacets
from indexer.index_files import DAY_BITS, LoadedIndex, resolve_version

Mode = Literal["hybrid", "dense", "lexical"]
RRF_K = 60
# A matching need or category is worth about as much as one extra first-page ranking.
FACET_BOOST = 0.5 / (RRF_K + 1)


@dataclass
class Hit:
    """One search result: a service or a guidance passage, with what to show about it."""

    id: str
    kind: str
    title: str
    score: float
    dense_score: float | None
    payload: dict

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "score": round(self.score, 6),
            "dense_score": None if self.dense_score is None else round(self.dense_score, 4),
            **self.payload,
        }


@dataclass
class SearchResponse:
    hits: list[Hit]
    facets: QueryFacets = field(default_factory=QueryFacets)


class Retriever:
    """Loads one index version once; `search` is safe to call from many threads."""

    def __init__(self, index_dir: Path | str | None = None):
        settings = get_settings()
        self.index_dir = Path(index_dir or settings.index_dir)
        self.version = resolve_version(self.index_dir)
        self.index = LoadedIndex(self.version)
        gazetteer = self.index.manifest.get("gazetteer", {})
        self.towns: list[str] = gazetteer.get("towns", [])
        self.council: str = gazetteer.get("council", "")
        self.extractor = FacetExtractor(self.towns)
        if self.index.manifest.get("index_type") == "hnsw":
            self.index.dense.hnsw.efSearch = settings.hnsw_ef_search
        self._encode_lock = threading.Lock()

    @property
    def manifest(self) -> dict:
        return self.index.manifest

    def search(
        self,
        query: str,
        top_k: int = 5,
        facets: QueryFacets | None = None,
        extract: bool = True,
        kind: str | None = None,
        mode: Mode = "hybrid",
    ) -> SearchResponse:
        """The best `top_k` documents for `query`, with the facets that were applied."""
        applied = self.extractor.extract(query) if extract else QueryFacets()
        if facets is not None:
            applied = applied.merged_with(facets)
        allowed = self._allowed(applied, kind)
        candidates = int(min(allowed.sum(), max(100, top_k * 20)))
        if candidates == 0:
            return SearchResponse([], applied)

        dense_ranks: dict[int, int] = {}
        dense_scores: dict[int, float] = {}
        if mode in ("hybrid", "dense"):
            vector = embedding.encode([query])
            scores, positions = self._dense_search(vector, candidates, allowed)
            for rank, (position, score) in enumerate(zip(positions, scores, strict=True)):
                if position >= 0:
                    dense_ranks[int(position)] = rank
                    dense_scores[int(position)] = float(score)

        lexical_ranks: dict[int, int] = {}
        if mode in ("hybrid", "lexical"):
            scores = np.where(allowed, self.index.lexical_scores(query), 0.0)
            matched = np.flatnonzero(scores > 0)
            if len(matched) > candidates:
                matched = matched[np.argpartition(-scores[matched], candidates)[:candidates]]
            ordered = matched[np.lexsort((matched, -scores[matched]))]
            lexical_ranks = {int(position): rank for rank, position in enumerate(ordered)}

        fused: dict[int, float] = {}
        for ranks in (dense_ranks, lexical_ranks):
            for position, rank in ranks.items():
                fused[position] = fused.get(position, 0.0) + 1.0 / (RRF_K + rank + 1)
        ranked = sorted(fused, key=lambda position: (-fused[position], position))
        best = self._lift_matching_services(ranked, fused, applied)[:top_k]
        hits = []
        for position in best:
            stored = self.index.documents[position]
            dense_score = dense_scores.get(position)
            if dense_score is None and mode != "lexical":
                dense_score = self._dense_score(vector, position)
            hits.append(
                Hit(
                    id=stored.id,
                    kind=stored.kind,
                    title=stored.title,
                    score=fused[position],
                    dense_score=dense_score,
                    payload=stored.payload,
                )
            )
        return SearchResponse(hits, applied)

    def lookup(self, document_ids: list[str]) -> list[Hit]:
        """The named documents that are in this index and active, in the order asked."""
        positions = self.index.positions
        hits = []
        for document_id in document_ids:
            position = positions.get(document_id)
            if position is None or not self.index.columns.active[position]:
                continue
            stored = self.index.documents[position]
            hits.append(Hit(stored.id, stored.kind, stored.title, 0.0, None, stored.payload))
        return hits

    def unit_scores(self, document_id: str, vector: np.ndarray) -> np.ndarray:
        """Similarity of each quotable unit of a guidance passage to a (normalised) vector."""
        start, end = self.index.unit_slices.get(self.index.positions[document_id], (0, 0))
        return self.index.unit_vectors[start:end] @ vector

    def best_unit_owners(self, vector: np.ndarray, limit: int) -> list[str]:
        """Ids of the passages holding the units closest to `vector`, best first."""
        if not len(self.index.unit_owners):
            return []
        scores = self.index.unit_vectors @ vector
        order = np.argsort(-scores)
        owners: list[str] = []
        for unit in order:
            document_id = self.index.documents[int(self.index.unit_owners[unit])].id
            if document_id not in owners:
                owners.append(document_id)
                if len(owners) == limit:
                    break
        return owners

    def vector(self, document_id: str) -> np.ndarray:
        """The stored embedding of one document (normalised, like query vectors)."""
        return self.index.dense.reconstruct(self.index.positions[document_id])

    def _lift_matching_services(
        self, ranked: list[int], fused: dict[int, float], facets: QueryFacets
    ) -> list[int]:
        """Reorder services among the places services hold, by need and category matches.

        Guidance keeps its places: "who can get short breaks" names a category, but the
        family wants the eligibility rules, not the first short-break club.
        """
        if not (facets.needs or facets.categories):
            return ranked
        columns = self.index.columns
        for position in ranked:
            if columns.is_service[position]:
                matches = sum(bool(columns.needs[key][position]) for key in facets.needs)
                matches += sum(bool(columns.categories[key][position]) for key in facets.categories)
                fused[position] += FACET_BOOST * min(matches, 2)
        slots = [i for i, position in enumerate(ranked) if columns.is_service[position]]
        services = sorted(
            (ranked[i] for i in slots), key=lambda position: (-fused[position], position)
        )
        reordered = list(ranked)
        for slot, position in zip(slots, services, strict=True):
            reordered[slot] = position
        return reordered

    def _allowed(self, facets: QueryFacets, kind: str | None) -> np.ndarray:
        """Which documents may be returned: never inactive services, and the hard filters."""
        columns = self.index.columns
        services = columns.is_service
        allowed = columns.active.copy()
        if kind == "service":
            allowed &= services
        elif kind == "guidance":
            allowed &= ~services
        service_ok = np.ones_like(allowed)
        if facets.age is not None:
            service_ok &= (columns.minimum_age <= facets.age) & (columns.maximum_age >= facets.age)
        if facets.towns:
            in_town = ~columns.town_known | columns.borough_wide
            for town in facets.towns:
                members = columns.towns.get(town.lower())
                if members is not None:
                    in_town = in_town | members
            service_ok &= in_town
        if facets.days:
            wanted = np.uint8(sum(DAY_BITS[code] for code in facets.days))
            service_ok &= (columns.days == 0) | ((columns.days & wanted) != 0)
        if facets.free:
            service_ok &= columns.free != 0
        return allowed & (~services | service_ok)

    def _dense_search(
        self, vector: np.ndarray, candidates: int, allowed: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        dense = self.index.dense
        if allowed.all():
            scores, positions = dense.search(vector, candidates)
            return scores[0], positions[0]
        bitmap = np.packbits(allowed, bitorder="little")
        selector = faiss.IDSelectorBitmap(len(allowed), faiss.swig_ptr(bitmap))
        if self.index.manifest.get("index_type") == "hnsw":
            params = faiss.SearchParametersHNSW(sel=selector, efSearch=dense.hnsw.efSearch)
        else:
            params = faiss.SearchParameters(sel=selector)
        scores, positions = dense.search(vector, candidates, params=params)
        return scores[0], positions[0]

    def _dense_score(self, vector: np.ndarray, position: int) -> float:
        stored = self.index.dense.reconstruct(position)
        return float(np.dot(vector[0], stored))


_retrievers: dict[str, Retriever] = {}
_retrievers_lock = threading.Lock()


def get_retriever(index_dir: Path | str | None = None) -> Retriever:
    """The process-wide retriever for an index folder, reloaded when a new version goes live."""
    key = str(Path(index_dir or get_settings().index_dir).resolve())
    with _retrievers_lock:
        loaded = _retrievers.get(key)
        if loaded is None or loaded.version != resolve_version(Path(key)):
            _retrievers[key] = Retriever(key)
        return _retrievers[key]
