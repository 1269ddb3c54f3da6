"""The on-disk index format: the only module that writes it and the only one that reads it.

    <index dir>/current            symlink to the live version, swapped atomically
    <index dir>/versions/<build>/  manifest.json, vectors.npy, dense.faiss, lexical/ (BM25),
                                   documents.sqlite (what each result shows, and its facets)
    <index dir>/.build.lock        held by the one build running on this folder

A build writes a whole new version folder, then replaces the `current` link with one
rename, so a reader resolves either the old version or the new one, never half of each.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import bm25s
import faiss
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_EN

from indexer.documents import IndexDocument, payload_json
from indexer.facets import CATEGORIES, DAYS, NEEDS
from indexer.models import ServiceFacets

FORMAT_VERSION = 3  # 3: guidance passages carry quotable units and linked services
KEEP_VERSIONS = 3
DAY_BITS = {code: 1 << bit for bit, code in enumerate(DAYS)}


class IndexUnavailable(RuntimeError):
    """The index folder is missing or damaged; the message says what to run."""


# Over NFS, Linux turns flock into a POSIX lock, which every thread of a process shares.
_build_lock_in_process = threading.Lock()


@contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """Wait for, then hold, the one build of `index_dir`: across threads, processes and
    replicas sharing the folder (a build job, officers publishing answers on any api)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with _build_lock_in_process, open(index_dir / ".build.lock", "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)  # released when the file is closed
        yield


def write_version(
    index_dir: Path,
    documents: list[IndexDocument],
    vectors: np.ndarray,
    manifest: dict,
    hnsw_threshold: int,
    hnsw_m: int = 32,
    units: UnitVectors | None = None,
) -> Path:
    """Write a complete new version folder and return it; `activate` makes it live."""
    if len(documents) != len(vectors):
        raise ValueError("one vector per document is required")
    build_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    staging = index_dir / "versions" / f".{build_id}.partial"
    staging.mkdir(parents=True)

    use_hnsw = len(documents) >= hnsw_threshold
    dims = int(vectors.shape[1])
    if use_hnsw:
        dense = faiss.IndexHNSWFlat(dims, hnsw_m, faiss.METRIC_INNER_PRODUCT)
        dense.hnsw.efConstruction = 80
    else:
        dense = faiss.IndexFlatIP(dims)
    if len(vectors):
        dense.add(vectors)
    faiss.write_index(dense, str(staging / "dense.faiss"))
    np.save(staging / "vectors.npy", vectors)
    units = units or UnitVectors.empty(dims)
    np.save(staging / "unit_vectors.npy", units.vectors)
    np.save(staging / "unit_owners.npy", units.owners)
    (staging / "unit_hashes.json").write_text(json.dumps(units.hashes))
    _write_documents(staging / "documents.sqlite", documents)
    lexical = bm25s.BM25()
    if documents:
        lexical.index(
            lexical_tokens([document.text for document in documents]), show_progress=False
        )
    lexical.save(str(staging / "lexical"))

    manifest = {
        **manifest,
        "format": FORMAT_VERSION,
        "build_id": build_id,
        "index_type": "hnsw" if use_hnsw else "flat",
        "dimensions": dims,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
    final = index_dir / "versions" / build_id
    os.replace(staging, final)
    return final


@dataclass
class UnitVectors:
    """One vector per quotable unit of every guidance passage, with the passage it is in.

    Stored with the index so answering scores sentences without encoding them per query.
    """

    vectors: np.ndarray  # (units, dims), float32, normalised
    owners: np.ndarray  # (units,), int32: the document position each unit belongs to
    hashes: list[str]  # content hash of each unit's text, to reuse vectors on rebuild

    @classmethod
    def empty(cls, dims: int) -> UnitVectors:
        return cls(np.zeros((0, dims), dtype=np.float32), np.zeros(0, dtype=np.int32), [])


def unit_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def previous_unit_vectors(index_dir: Path, model: str) -> dict[str, np.ndarray]:
    """unit text hash -> vector from the live version, if made with the same model."""
    try:
        version = resolve_version(index_dir)
        manifest = read_manifest(version)
        hashes = json.loads((version / "unit_hashes.json").read_text())
        vectors = np.load(version / "unit_vectors.npy")
    except (IndexUnavailable, OSError, ValueError):
        return {}
    if manifest.get("model") != model or len(hashes) != len(vectors):
        return {}
    return dict(zip(hashes, vectors, strict=True))


def activate(index_dir: Path, version: Path) -> None:
    """Point `current` at `version` with one atomic rename, then prune old versions."""
    link = index_dir / "current"
    temporary = index_dir / f".current.{os.getpid()}.{threading.get_ident()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(Path("versions") / version.name)
    os.replace(temporary, link)
    _prune(index_dir, keep=version.name)


def _prune(index_dir: Path, keep: str) -> None:
    versions = sorted(
        (path for path in (index_dir / "versions").iterdir() if not path.name.startswith(".")),
        key=lambda path: path.name,
    )
    # Readers that loaded an older version may still read its SQLite file for a while.
    for old in versions[:-KEEP_VERSIONS]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)


def _write_documents(path: Path, documents: list[IndexDocument]) -> None:
    connection = sqlite3.connect(path)
    with connection:
        connection.executescript(
            """
            CREATE TABLE documents (
                position INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                title TEXT NOT NULL,
                text TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                active INTEGER NOT NULL,
                payload TEXT NOT NULL,
                facets TEXT
            );
            """
        )
        connection.executemany(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    position,
                    document.id,
                    document.kind,
                    document.title,
                    document.text,
                    document.content_hash,
                    int(document.active),
                    payload_json(document),
                    json.dumps(_facets_json(document.facets)) if document.facets else None,
                )
                for position, document in enumerate(documents)
            ),
        )
    connection.close()


_stemmer = Stemmer.Stemmer("english")
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_STOPWORDS = frozenset(STOPWORDS_EN)


def lexical_tokens(texts: list[str]) -> list[list[str]]:
    """Lower-case words, stop words out, English stems: the same for documents and queries.

    Ours rather than bm25s.tokenize, which rebuilds a vocabulary on every call: 3 ms a query.
    """
    return [
        _stemmer.stemWords([w for w in _TOKEN.findall(text.lower()) if w not in _STOPWORDS])
        for text in texts
    ]


def _facets_json(facets: ServiceFacets) -> dict:
    data = asdict(facets)
    for key in ("towns", "needs", "categories", "days"):
        data[key] = sorted(data[key])
    return data


def resolve_version(index_dir: Path) -> Path:
    """The version folder a reader should load: `current`, or the folder itself if it is one."""
    if (index_dir / "current").exists():
        return (index_dir / "current").resolve()
    if (index_dir / "manifest.json").is_file():
        return index_dir
    raise IndexUnavailable(
        f"No index found in {index_dir}. Build one with: "
        f"python -m indexer build --source knowledge --out {index_dir}"
    )


def read_manifest(version: Path) -> dict:
    try:
        manifest = json.loads((version / "manifest.json").read_text())
    except (OSError, json.JSONDecodeError) as error:
        raise IndexUnavailable(
            f"{version}/manifest.json is unreadable ({error}); rebuild."
        ) from error
    if manifest.get("format") != FORMAT_VERSION:
        raise IndexUnavailable(
            f"{version} was written in index format {manifest.get('format')}, this code reads "
            f"format {FORMAT_VERSION}; rebuild the index."
        )
    return manifest


def previous_vectors(index_dir: Path, model: str) -> dict[str, np.ndarray]:
    """content hash -> vector from the live version, if it was made with the same model."""
    try:
        version = resolve_version(index_dir)
        manifest = read_manifest(version)
    except IndexUnavailable:
        return {}
    if manifest.get("model") != model:
        return {}
    vectors = np.load(version / "vectors.npy")
    connection = sqlite3.connect(f"file:{version / 'documents.sqlite'}?mode=ro", uri=True)
    try:
        rows = connection.execute("SELECT position, content_hash FROM documents").fetchall()
    finally:
        connection.close()
    return {content_hash: vectors[position] for position, content_hash in rows}


@dataclass
class FacetColumns:
    """Per-document facet values as arrays, so a filter is a few vector operations."""

    is_service: np.ndarray
    active: np.ndarray
    minimum_age: np.ndarray
    maximum_age: np.ndarray
    town_known: np.ndarray
    borough_wide: np.ndarray
    towns: dict[str, np.ndarray]  # lower-case town -> members
    days: np.ndarray  # bit mask, 0 = not stated
    free: np.ndarray  # 1 free, 0 paid, -1 not stated
    needs: dict[str, np.ndarray]
    categories: dict[str, np.ndarray]


@dataclass
class StoredDocument:
    id: str
    kind: str
    title: str
    payload: dict


class LoadedIndex:
    """A version of the index in memory, plus a per-thread connection for lexical search."""

    def __init__(self, version: Path):
        self.version = version
        self.manifest = read_manifest(version)
        try:
            self.dense = faiss.read_index(str(version / "dense.faiss"))
        except RuntimeError as error:
            raise IndexUnavailable(
                f"{version}/dense.faiss is damaged ({error}); rebuild."
            ) from error
        self._database = version / "documents.sqlite"
        self._local = threading.local()
        try:
            rows = (
                self._connection()
                .execute(
                    "SELECT id, kind, title, active, payload, facets FROM documents "
                    "ORDER BY position"
                )
                .fetchall()
            )
        except sqlite3.DatabaseError as error:
            raise IndexUnavailable(
                f"{self._database} is damaged ({error}); rebuild the index."
            ) from error
        if len(rows) != self.dense.ntotal:
            raise IndexUnavailable(
                f"{version}: {len(rows)} documents but {self.dense.ntotal} vectors; rebuild."
            )
        self.documents = [
            StoredDocument(id=row[0], kind=row[1], title=row[2], payload=json.loads(row[4]))
            for row in rows
        ]
        self.positions = {document.id: position for position, document in enumerate(self.documents)}
        try:
            self.unit_vectors = np.load(version / "unit_vectors.npy")
            owners = np.load(version / "unit_owners.npy")
        except (OSError, ValueError) as error:
            raise IndexUnavailable(
                f"{version}: unit vectors unreadable ({error}); rebuild."
            ) from error
        self.unit_owners = owners
        self.unit_slices: dict[int, tuple[int, int]] = {}
        for index, owner in enumerate(owners.tolist()):
            start, _ = self.unit_slices.get(owner, (index, index))
            self.unit_slices[owner] = (start, index + 1)
        self.columns = _facet_columns(rows)
        try:
            self.lexical = bm25s.BM25.load(str(version / "lexical"))
        except (OSError, ValueError, KeyError) as error:
            raise IndexUnavailable(
                f"{version}/lexical is damaged ({error}); rebuild the index."
            ) from error
        self._vocabulary = set(self.lexical.vocab_dict)

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(f"file:{self._database}?mode=ro", uri=True)
            self._local.connection = connection
        return connection

    def lexical_scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for `query` (zero where no query word occurs)."""
        tokens = [token for token in lexical_tokens([query])[0] if token in self._vocabulary]
        if not tokens:
            return np.zeros(len(self.documents), dtype=np.float32)
        return self.lexical.get_scores(tokens)


def _facet_columns(rows: list[tuple]) -> FacetColumns:
    count = len(rows)
    is_service = np.zeros(count, dtype=bool)
    active = np.zeros(count, dtype=bool)
    minimum_age = np.full(count, -1, dtype=np.int16)
    maximum_age = np.full(count, 999, dtype=np.int16)
    town_known = np.zeros(count, dtype=bool)
    borough_wide = np.zeros(count, dtype=bool)
    days = np.zeros(count, dtype=np.uint8)
    free = np.full(count, -1, dtype=np.int8)
    towns: dict[str, np.ndarray] = {}
    needs = {key: np.zeros(count, dtype=bool) for key in NEEDS}
    categories = {key: np.zeros(count, dtype=bool) for key in CATEGORIES}
    for position, (_id, kind, _title, is_active, _payload, facets_json) in enumerate(rows):
        active[position] = bool(is_active)
        if kind != "service" or not facets_json:
            continue
        is_service[position] = True
        facets = json.loads(facets_json)
        if facets["minimum_age"] is not None:
            minimum_age[position] = facets["minimum_age"]
        if facets["maximum_age"] is not None:
            maximum_age[position] = facets["maximum_age"]
        borough_wide[position] = facets["borough_wide"]
        town_known[position] = facets["borough_wide"] or bool(facets["towns"])
        for town in facets["towns"]:
            towns.setdefault(town.lower(), np.zeros(count, dtype=bool))[position] = True
        for code in facets["days"]:
            days[position] |= DAY_BITS.get(code, 0)
        if facets["free"] is not None:
            free[position] = int(facets["free"])
        for key in facets["needs"]:
            if key in needs:
                needs[key][position] = True
        for key in facets["categories"]:
            if key in categories:
                categories[key][position] = True
    return FacetColumns(
        is_service=is_service,
        active=active,
        minimum_age=minimum_age,
        maximum_age=maximum_age,
        town_known=town_known,
        borough_wide=borough_wide,
        towns=towns,
        days=days,
        free=free,
        needs=needs,
        categories=categories,
    )
