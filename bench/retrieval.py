"""Retrieval benchmarks: build throughput, query latency and ranking quality, in one run.

    python -m bench.retrieval [--synthetic 100000] [--out docs/benchmarks.md]

Writes the figures into the "Retrieval" section of docs/benchmarks.md and prints them.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402

from bench.report import machine_description, replace_section  # noqa: E402
from core.config import PROJECT_ROOT, Settings  # noqa: E402
from indexer import embedding  # noqa: E402
from indexer.build import build_index, collect_documents  # noqa: E402
from indexer.documents import IndexDocument  # noqa: E402
from indexer.evaluation import evaluate, load_questions  # noqa: E402
from indexer.index_files import activate, write_version  # noqa: E402
from indexer.models import ServiceFacets  # noqa: E402
from indexer.search import Retriever  # noqa: E402

KNOWLEDGE = PROJECT_ROOT / "knowledge"
QUESTIONS = PROJECT_ROOT / "tests" / "data" / "retrieval_eval.jsonl"


def resident_mib() -> float:
    """This process's resident memory, in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], share: float) -> float:
    return float(np.percentile(np.array(values), share * 100))


def measure_build(rounds: int) -> dict:
    """Build the sample index from scratch and encode the same texts raw, alternating."""
    documents, _, _ = collect_documents(KNOWLEDGE)
    texts = [document.text for document in documents]
    embedding.encode(texts[:8])  # load the model and warm up before timing either
    build_seconds, encode_seconds = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        embedding.encode(texts, batch_size=32)
        encode_seconds.append(time.perf_counter() - started)
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            build_index(KNOWLEDGE, Path(folder) / "index", progress=False)
            build_seconds.append(time.perf_counter() - started)
    build = statistics.median(build_seconds)
    encode = statistics.median(encode_seconds)
    return {
        "documents": len(texts),
        "build_seconds": build,
        "encode_seconds": encode,
        "build_docs_per_second": len(texts) / build,
        "encode_docs_per_second": len(texts) / encode,
        "overhead": build / encode - 1,
    }


def measure_latency(retriever: Retriever, queries: list[str], repeats: int) -> dict:
    for query in queries[:5]:
        retriever.search(query)
    timings = []
    for _ in range(repeats):
        for query in queries:
            started = time.perf_counter()
            retriever.search(query, top_k=5)
            timings.append((time.perf_counter() - started) * 1000)
    return {"p50": percentile(timings, 0.5), "p95": percentile(timings, 0.95), "n": len(timings)}


def synthetic_index(folder: Path, size: int, hnsw: bool, seed: int = 7) -> Path:
    """`size` documents recombined from the sample, with vectors near the sample's own.

    Encoding 100,000 documents would take this machine most of an hour and measures the
    model, not the index; latency depends on the index's size and shape, which these keep.
    """
    documents, _, _ = collect_documents(KNOWLEDGE)
    base_vectors = embedding.encode([document.text for document in documents])
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(documents), size)
    vectors = base_vectors[picks] + rng.normal(0, 0.02, (size, base_vectors.shape[1]))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    towns = ["Harrowfield", "Kelby", "Dunmere", "Brackenby", "Ashworth", "Saltmere"]
    synthetic = []
    for number, pick in enumerate(picks):
        original: IndexDocument = documents[pick]
        facets = None
        if original.facets is not None:
            facets = ServiceFacets(
                towns={towns[number % len(towns)]},
                needs=set(original.facets.needs),
                categories=set(original.facets.categories),
                days=set(original.facets.days),
                free=original.facets.free,
                minimum_age=original.facets.minimum_age,
                maximum_age=original.facets.maximum_age,
            )
        synthetic.append(
            IndexDocument(
                id=f"synthetic-{number}",
                kind=original.kind,
                title=original.title,
                text=f"{original.text}\nReference {number}.",
                payload=original.payload,
                facets=facets,
            )
        )
    manifest = {
        "model": embedding.model_version(),
        "counts": {"documents": size},
        "gazetteer": {"council": "Harrowfield Council", "towns": towns},
    }
    threshold = 1 if hnsw else size + 1
    version = write_version(folder, synthetic, vectors, manifest, threshold)
    activate(folder, version)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--synthetic", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()

    questions = load_questions(QUESTIONS)
    queries = [item.question for item in questions]
    print("Measuring build throughput against raw encoding…", flush=True)
    build = measure_build(args.rounds)

    with tempfile.TemporaryDirectory() as folder:
        sample_dir = Path(folder) / "sample"
        build_index(KNOWLEDGE, sample_dir, progress=False)
        retriever = Retriever(sample_dir)
        print("Measuring quality and latency at the sample size…", flush=True)
        modes = ("dense", "lexical", "hybrid")
        quality = {mode: evaluate(retriever, questions, mode) for mode in modes}
        sample_latency = measure_latency(retriever, queries, repeats=5)
        sample_size = len(retriever.index.documents)

        large = {}
        for kind in ("flat", "hnsw"):
            print(f"Building a {args.synthetic:,}-document {kind} index…", flush=True)
            started = time.perf_counter()
            large_dir = synthetic_index(Path(folder) / kind, args.synthetic, hnsw=kind == "hnsw")
            seconds = time.perf_counter() - started
            before = resident_mib()
            large_retriever = Retriever(large_dir)
            loaded = resident_mib() - before
            large[kind] = {
                **measure_latency(large_retriever, queries, repeats=3),
                "build": seconds,
                "memory": loaded,
            }
            del large_retriever
            gc.collect()

    settings = Settings()
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} by `make bench` (`python -m bench.retrieval`) on "
        f"{machine_description()}; Python {platform.python_version()}, model "
        f"{embedding.model_version()}.",
        "",
        "### Build throughput (sample knowledge, from scratch)",
        "",
        f"| | seconds (median of {args.rounds}) | documents/s |",
        "|---|---|---|",
        f"| raw `model.encode` of the {build['documents']} document texts | "
        f"{build['encode_seconds']:.2f} | {build['encode_docs_per_second']:.1f} |",
        f"| `build_index` (read, render, split, embed, write, swap) | "
        f"{build['build_seconds']:.2f} | {build['build_docs_per_second']:.1f} |",
        "",
        f"Indexing overhead above pure encoding: **{build['overhead'] * 100:.1f} %** "
        "(target ≤ 15 %). Both exclude loading the model, which happens once per process.",
        "",
        "### Query latency (`Retriever.search`, top 5: facet extraction, query encoding, "
        "dense + lexical search, fusion)",
        "",
        "| index | documents | p50 ms | p95 ms | queries timed | memory to load (MiB) |",
        "|---|---|---|---|---|---|",
        f"| sample, flat | {sample_size:,} | {sample_latency['p50']:.1f} | "
        f"{sample_latency['p95']:.1f} | {sample_latency['n']} | |",
    ]
    for kind, figures in large.items():
        lines.append(
            f"| synthetic, {kind} | {args.synthetic:,} | {figures['p50']:.1f} | "
            f"{figures['p95']:.1f} | {figures['n']} | {figures['memory']:.0f} |"
        )
    lines += [
        "",
        f"Targets: p50 ≤ 15 ms at the sample size, ≤ 30 ms at 100,000. HNSW M="
        f"{settings.hnsw_m}, efSearch={settings.hnsw_ef_search}. The synthetic documents "
        "recombine the sample's texts with vectors jittered around the sample's own (encoding "
        "100,000 texts would time the model, not the index).",
        "",
        f"### Ranking quality ({len(questions)} evaluation questions, "
        "`tests/data/retrieval_eval.jsonl`)",
        "",
        "| ranking | recall@5 | MRR |",
        "|---|---|---|",
    ]
    for mode, result in quality.items():
        lines.append(f"| {mode} | {result.recall_at_5:.3f} | {result.mrr:.3f} |")
    section = "\n".join(lines)
    replace_section(args.out, "Retrieval", section)
    print(section)


if __name__ == "__main__":
    main()
