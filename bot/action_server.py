"""Start the action server warm: `python -m bot.action_server --actions bot.actions --port 5055`.

rasa_sdk's own entry point loads nothing until the first action runs, so the first family
after a start or a restart would wait for the embedding model, the index and the spaCy
pipelines, long enough for the api to give up on the turn. Loading them first means the
server only answers its health check once it can answer families quickly too.
"""

from __future__ import annotations

import logging
import os
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

logger = logging.getLogger(__name__)


def warm_up() -> float:
    """Load everything a turn needs; returns the seconds it took."""
    from bot.actions.context import knowledge, retriever
    from indexer import embedding
    from storage.redaction import get_redactor

    started = time.perf_counter()
    knowledge()
    retriever().search("warm up", top_k=1)
    embedding.encode(["warm up"])
    get_redactor().redact("Warm up")
    return time.perf_counter() - started


def main() -> int:
    from rasa_sdk.__main__ import main as run_action_server

    from indexer.council import SourceError
    from indexer.index_files import IndexUnavailable

    logging.basicConfig(level=logging.INFO)
    try:
        seconds = warm_up()
    except (IndexUnavailable, SourceError) as error:
        print(f"error: the action server cannot start: {error}", file=sys.stderr)
        return 2
    logger.info("Loaded the model, the index and the pipelines in %.1f s", seconds)
    run_action_server()
    return 0


if __name__ == "__main__":
    sys.exit(main())
