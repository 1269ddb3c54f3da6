"""Build an index version from a knowledge source folder (and optionally a live ORUK feed)."""

from __future__ import annotations

import hashlib
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from tqdm import tqdm

from core.config import Settings, get_settings
from indexer import embedding
from indexer.council import SourceError, load_council
from indexer.documents import IndexDocument, guidance_document, service_document
from indexer.facets import service_facets
from indexer.guidance import load_guidance, split_into_passages
from indexer.index_files import (
    UnitVectors,
    activate,
    build_lock,
    previous_unit_vectors,
    previous_vectors,
    unit_hash,
    write_version,
)
from indexer.models import ImportIssue
from indexer.oruk import DirectoryImport, fetch_feed, load_directory

# Builds of a source that keeps changing under them before one gives up.
BUILD_ATTEMPTS = 3


@dataclass
class BuildSummary:
    """What a build did, for the person who ran it."""

    index_path: Path
    services: int = 0
    inactive_services: int = 0
    guidance_documents: int = 0
    passages: int = 0
    encoded: int = 0
    reused: int = 0
    seconds: float = 0.0
    issues: list[ImportIssue] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return self.services + self.passages

    @property
    def skipped(self) -> int:
        return sum(1 for issue in self.issues if issue.skipped)

    def lines(self) -> list[str]:
        lines = [
            f"Index written to {self.index_path}",
            f"  services:  {self.services} imported ({self.inactive_services} inactive, "
            "kept but never suggested)",
            f"  guidance:  {self.guidance_documents} documents in {self.passages} passages",
            f"  documents: {self.documents} ({self.encoded} embedded, {self.reused} reused "
            "unchanged)",
            f"  skipped:   {self.skipped} records",
            f"  warnings:  {len(self.issues) - self.skipped}",
            f"  seconds:   {self.seconds:.1f}",
        ]
        reasons: dict[str, int] = {}
        for issue in self.issues:
            if issue.skipped:
                reasons[issue.message] = reasons.get(issue.message, 0) + 1
        lines += [f"    skipped because {reason}: {count}" for reason, count in reasons.items()]
        return lines


def source_hashes(source: Path) -> dict[str, str]:
    """SHA-256 of every file in the source, so a manifest says exactly what it was built from."""
    return {
        str(path.relative_to(source)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(source.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def collect_documents(
    source: Path, oruk_url: str | None = None, settings: Settings | None = None
) -> tuple[list[IndexDocument], BuildSummary, dict]:
    """Read the source and turn it into index documents; raises SourceError on a broken contract."""
    settings = settings or get_settings()
    council = load_council(source)
    directory = load_directory(source / "directory")
    if oruk_url:
        feed = fetch_feed(oruk_url)
        known = {service.id for service in directory.services}
        fresh = [service for service in feed.services if service.id not in known]
        directory.extend(DirectoryImport(services=fresh, issues=feed.issues))
    guidance = load_guidance(source / "guidance")

    towns = list(council.towns)
    for service in directory.services:
        for location in service.locations:
            if location.town and location.town.lower() not in {t.lower() for t in towns}:
                towns.append(location.town)

    documents = [
        service_document(service, service_facets(service, towns, council.name))
        for service in directory.services
    ]
    passages = [
        passage
        for document in guidance
        for passage in split_into_passages(
            document, settings.passage_max_words, settings.passage_target_words
        )
    ]
    documents += [guidance_document(passage) for passage in passages]

    summary = BuildSummary(
        index_path=Path(),
        services=len(directory.services),
        inactive_services=sum(1 for service in directory.services if not service.is_active),
        guidance_documents=len(guidance),
        passages=len(passages),
        issues=directory.issues,
    )
    gazetteer = {
        "council": council.name,
        "towns": towns,
        "taxonomy_terms": sorted(
            {term.name for service in directory.services for term in service.taxonomy_terms}
        ),
    }
    return documents, summary, gazetteer


def embed_documents(
    documents: list[IndexDocument],
    reusable: dict[str, np.ndarray],
    batch_size: int,
    progress: bool = True,
) -> tuple[np.ndarray, int]:
    """A vector per document, reusing unchanged ones; returns (vectors, how many reused)."""
    dims = embedding.dimensions()
    vectors = np.zeros((len(documents), dims), dtype=np.float32)
    missing = []
    for position, document in enumerate(documents):
        vector = reusable.get(document.content_hash)
        if vector is not None and vector.shape == (dims,):
            vectors[position] = vector
        else:
            missing.append(position)
    bar = tqdm(
        total=len(missing), desc="Embedding", unit="doc", disable=not progress or not missing
    )
    for start in range(0, len(missing), batch_size):
        batch = missing[start : start + batch_size]
        vectors[batch] = embedding.encode([documents[i].text for i in batch], batch_size)
        bar.update(len(batch))
    bar.close()
    return vectors, len(documents) - len(missing)


def embed_units(
    documents: list[IndexDocument],
    reusable: dict[str, np.ndarray],
    batch_size: int,
    progress: bool = True,
) -> UnitVectors:
    """A vector per quotable unit of each guidance passage, reusing unchanged ones."""
    texts, owners = [], []
    for position, document in enumerate(documents):
        for text, _role in document.payload.get("units") or []:
            texts.append(text)
            owners.append(position)
    hashes = [unit_hash(text) for text in texts]
    dims = embedding.dimensions()
    vectors = np.zeros((len(texts), dims), dtype=np.float32)
    missing = []
    for index, key in enumerate(hashes):
        vector = reusable.get(key)
        if vector is not None and vector.shape == (dims,):
            vectors[index] = vector
        else:
            missing.append(index)
    bar = tqdm(
        total=len(missing),
        desc="Embedding sentences",
        unit="sentence",
        disable=not progress or not missing,
    )
    for start in range(0, len(missing), batch_size):
        batch = missing[start : start + batch_size]
        vectors[batch] = embedding.encode([texts[i] for i in batch], batch_size)
        bar.update(len(batch))
    bar.close()
    return UnitVectors(vectors, np.array(owners, dtype=np.int32), hashes)


def build_index(
    source: Path,
    out: Path,
    oruk_url: str | None = None,
    settings: Settings | None = None,
    progress: bool = True,
) -> BuildSummary:
    """Build a new index version from `source` into `out` and make it live atomically."""
    with build_lock(out):
        return build_index_holding_lock(source, out, oruk_url, settings, progress)


def build_index_holding_lock(
    source: Path,
    out: Path,
    oruk_url: str | None = None,
    settings: Settings | None = None,
    progress: bool = True,
) -> BuildSummary:
    """`build_index` for a caller already holding `build_lock(out)`.

    If the source changed while it was being built (a content sync takes no lock), the new
    version is thrown away and built again, so a version older than the source never goes live.
    """
    settings = settings or get_settings()
    started = time.perf_counter()
    model = embedding.model_version()
    reusable, reusable_units = previous_vectors(out, model), previous_unit_vectors(out, model)
    live_hashes = set(reusable)
    for _attempt in range(BUILD_ATTEMPTS):
        hashes = source_hashes(source)
        documents, summary, gazetteer = collect_documents(source, oruk_url, settings)
        vectors, _ = embed_documents(documents, reusable, settings.embed_batch_size, progress)
        units = embed_units(documents, reusable_units, settings.embed_batch_size, progress)
        summary.reused = sum(1 for document in documents if document.content_hash in live_hashes)
        summary.encoded = len(documents) - summary.reused
        summary.seconds = time.perf_counter() - started
        manifest = build_manifest(source, oruk_url, model, hashes, summary, gazetteer)
        version = write_version(
            out, documents, vectors, manifest, settings.hnsw_threshold, settings.hnsw_m, units
        )
        if source_hashes(source) == hashes:
            break
        shutil.rmtree(version)
        reusable.update(zip((d.content_hash for d in documents), vectors, strict=True))
        reusable_units.update(zip(units.hashes, units.vectors, strict=True))
    else:
        raise SourceError(
            f"{source} changed during each of {BUILD_ATTEMPTS} builds, so the live index was "
            "left as it was. Build again once whatever is writing to the source has finished."
        )
    activate(out, version)
    summary.index_path = out
    summary.seconds = time.perf_counter() - started
    return summary


def build_manifest(
    source: Path,
    oruk_url: str | None,
    model: str,
    hashes: dict[str, str],
    summary: BuildSummary,
    gazetteer: dict,
) -> dict:
    """What a version was built from and what it holds, for `manifest.json`."""
    return {
        "model": model,
        "source": str(source.resolve()),
        "oruk_url": oruk_url or "",
        "source_hashes": hashes,
        "counts": {
            "documents": summary.documents,
            "services": summary.services,
            "inactive_services": summary.inactive_services,
            "guidance_documents": summary.guidance_documents,
            "passages": summary.passages,
            "warnings": len(summary.issues) - summary.skipped,
            "skipped": summary.skipped,
        },
        "gazetteer": gazetteer,
        "build_seconds": round(summary.seconds, 3),
    }
