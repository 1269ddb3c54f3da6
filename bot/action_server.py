"""Start the action server warm: `python -m bot.action_server --port 5055`.

rasa_sdk's own entry point loads nothing until the first action runs, and serves from a
freshly spawned worker process, so the first family after a start or a restart would wait
for the embedding model, the index and the spaCy pipelines, long enough for the api to give
up on the turn. Here they are loaded first, in the one process that then serves, so the
health check only answers once families can be answered quickly too.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

logger = logging.getLogger(__name__)


def warm_up() -> float:
    """Load everything a turn needs; returns the seconds it took."""
    from assistant.distress import distress_score
    from bot.actions.context import knowledge, retriever
    from indexer import embedding
    from storage.redaction import get_redactor

    started = time.perf_counter()
    knowledge()
    retriever().search("warm up", top_k=1)
    embedding.encode(["warm up"])
    distress_score("warm up")  # fits the small distress classifier once, before any family
    get_redactor().redact("Warm up")
    return time.perf_counter() - started


def add_redaction_route(app) -> None:
    """`POST /redact {"texts": [...]}`: the Rasa tracker store's redactor, the stores' own."""
    from sanic import response

    from storage.redaction import get_redactor

    async def redact(request):
        texts = (request.json or {}).get("texts") if isinstance(request.json, dict) else None
        if not isinstance(texts, list) or not all(isinstance(text, str) for text in texts):
            return response.json({"error": 'expected {"texts": ["...", ...]}'}, status=400)
        redactor = get_redactor()
        results = []
        for text in texts:
            redacted, details = redactor.redact_with_details(text)
            spans = [[detail.start, detail.end, detail.kind] for detail in details]
            results.append({"text": redacted, "spans": spans})
        return response.json({"results": results})

    app.add_route(redact, "/redact", methods=["POST"])


def main(argv: list[str] | None = None) -> int:
    from rasa_sdk.endpoint import create_app
    from rasa_sdk.executor import ActionExecutor

    from core.config import get_settings
    from indexer.council import SourceError
    from indexer.index_files import IndexUnavailable
    from storage import outbox

    parser = argparse.ArgumentParser(prog="python -m bot.action_server")
    parser.add_argument("--actions", default="bot.actions", help="package of custom actions")
    parser.add_argument("--port", type=int, default=5055)
    parser.add_argument(
        "--host",
        default=os.environ.get("SANIC_HOST", "127.0.0.1"),
        help="default 127.0.0.1: only the Rasa server on this machine needs to reach it",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")

    executor = ActionExecutor()
    executor.register_package(args.actions)
    try:
        seconds = warm_up()
    except (IndexUnavailable, SourceError) as error:
        print(f"error: the action server cannot start: {error}", file=sys.stderr)
        return 2
    logger.info("Loaded the model, the index and the pipelines in %.1f s", seconds)
    outbox.warn_if_waiting(get_settings().outbox_path)
    # Only Rasa calls this server, never a browser: no CORS headers at all.
    app = create_app(executor, cors_origins=None)
    add_redaction_route(app)
    app.run(host=args.host, port=args.port, single_process=True, access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
