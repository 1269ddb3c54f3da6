"""Command line: `python -m indexer build ...` and `python -m indexer search ...`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

# Models come from the installed package; nothing may be fetched from a hub at run time.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m indexer", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build the index from a knowledge source folder")
    build.add_argument("--source", type=Path, required=True, help="knowledge source folder")
    build.add_argument("--out", type=Path, required=True, help="index folder to write")
    build.add_argument("--oruk-url", help="also read every page of a live ORUK /services feed")
    build.add_argument("--quiet", action="store_true", help="no progress bar or warnings")

    search = commands.add_parser("search", help="search a built index")
    search.add_argument("--index", type=Path, required=True, help="index folder")
    search.add_argument("--top-k", type=int, default=5, help="results per query (default 5)")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument("--queries", type=Path, help="a file with one query per line")
    search.add_argument("--kind", choices=["service", "guidance"], help="only this kind")
    search.add_argument(
        "--mode", choices=["hybrid", "dense", "lexical"], default="hybrid", help=argparse.SUPPRESS
    )
    search.add_argument("query", nargs="?", help="what to search for")

    check = commands.add_parser("check", help="check a source and an index before starting")
    check.add_argument("--source", type=Path, required=True, help="knowledge source folder")
    check.add_argument("--index", type=Path, required=True, help="index folder")

    args = parser.parse_args(argv)
    if args.command == "build":
        return _build(args)
    if args.command == "check":
        return _check(args)
    return _search(args, parser)


def _check(args: argparse.Namespace) -> int:
    """Exit 2 with a message naming what is wrong, so a service never starts half-broken."""
    from indexer.council import SourceError, load_council
    from indexer.index_files import IndexUnavailable, LoadedIndex, resolve_version

    try:
        if not args.source.is_dir():
            raise SourceError(f"source folder {args.source} does not exist")
        load_council(args.source)
        index = LoadedIndex(resolve_version(args.index))
    except (SourceError, IndexUnavailable) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"ok: {args.source} and {index.version} ({len(index.documents)} documents)")
    return 0


def _build(args: argparse.Namespace) -> int:
    from indexer.build import build_index
    from indexer.council import SourceError

    if not args.source.is_dir():
        print(f"error: source folder {args.source} does not exist", file=sys.stderr)
        return 2
    try:
        summary = build_index(args.source, args.out, args.oruk_url, progress=not args.quiet)
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if not args.quiet:
        for issue in summary.issues:
            print(f"warning: {issue}", file=sys.stderr)
    print("\n".join(summary.lines()))
    return 0


def _search(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from indexer.index_files import IndexUnavailable
    from indexer.search import Retriever

    if args.top_k < 1:
        parser.error("--top-k must be at least 1")
    if args.queries is None and not args.query:
        parser.error("give a QUERY or --queries FILE")
    if args.queries is not None and not args.queries.is_file():
        parser.error(f"--queries file {args.queries} does not exist")
    try:
        retriever = Retriever(args.index)
    except IndexUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    def run(query: str) -> list[dict]:
        response = retriever.search(query, top_k=args.top_k, kind=args.kind, mode=args.mode)
        applied = response.facets.as_dict()
        return [{**hit.as_json(), "applied_facets": applied} for hit in response.hits]

    if args.queries is not None:
        lines = args.queries.read_text(encoding="utf-8").splitlines()
        for line in lines:
            results = run(line) if line.strip() else []
            print(json.dumps(results, ensure_ascii=False) if args.json else _plain(line, results))
        return 0
    results = run(args.query)
    print(
        json.dumps(results, ensure_ascii=False, indent=2)
        if args.json
        else _plain(args.query, results)
    )
    return 0


def _plain(query: str, results: list[dict]) -> str:
    lines = [f"{query}"]
    if results and results[0]["applied_facets"]:
        lines.append(f"  facets: {results[0]['applied_facets']}")
    for number, result in enumerate(results, start=1):
        lines.append(f"  {number}. [{result['kind']}] {result['title']}  ({result['id']})")
    if not results:
        lines.append("  no results")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
