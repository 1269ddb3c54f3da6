"""Write the endpoints file the Rasa server starts with, from the one settings object.

    python -m bot.endpoints --action-url http://127.0.0.1:5055/webhook --out var/endpoints.yml

The tracker store and lock store follow `LOCALOFFER_TRACKER_STORE_URL` and
`LOCALOFFER_LOCK_STORE_URL`; with neither, Rasa keeps conversations in memory.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from core.config import Settings, get_settings


def tracker_store(url: str, redact_url: str) -> dict:
    """Rasa's SQL tracker store settings for a `postgresql://` URL; `redact_url` redacts."""
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgresql"):
        raise ValueError(f"The tracker store must be PostgreSQL (postgresql://...), not {url!r}.")
    config = {
        # Rasa's SQL store, writing families' messages only after redaction.
        "type": "bot.tracker_store.RedactingTrackerStore",
        "dialect": "postgresql",
        "url": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "db": parts.path.lstrip("/") or "rasa",
        "redact_url": redact_url,
    }
    if parts.username:
        config["username"] = unquote(parts.username)
    if parts.password:
        config["password"] = unquote(parts.password)
    return config


def lock_store(url: str, key_prefix: str = "localoffer") -> dict:
    """Rasa's Redis lock store settings for a `redis://` URL."""
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss"):
        raise ValueError(f"The lock store must be Redis (redis://...), not {url!r}.")
    config = {
        "type": "redis",
        "url": parts.hostname or "127.0.0.1",
        "port": parts.port or 6379,
        "db": int(parts.path.lstrip("/") or 0),
        "key_prefix": key_prefix,
        "use_ssl": parts.scheme == "rediss",
    }
    if parts.password:
        config["password"] = unquote(parts.password)
    return config


def endpoints(settings: Settings, action_url: str, key_prefix: str = "localoffer") -> dict:
    config: dict = {
        "action_endpoint": {"url": action_url},
        # The council's own numbers are filled in at send time, never baked into the model.
        "nlg": {"type": "bot.nlg.CouncilResponses"},
    }
    if settings.tracker_store_url:
        # The action server that answers the turns also redacts what is stored of them.
        redact_url = action_url.rsplit("/", 1)[0] + "/redact"
        config["tracker_store"] = tracker_store(settings.tracker_store_url, redact_url)
    if settings.lock_store_url:
        config["lock_store"] = lock_store(settings.lock_store_url, key_prefix)
    return config


def write_endpoints(
    path: Path, settings: Settings, action_url: str, key_prefix: str = "localoffer"
):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)  # it may hold the stores' passwords
    path.write_text(yaml.safe_dump(endpoints(settings, action_url, key_prefix), sort_keys=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.endpoints")
    parser.add_argument("--action-url", default="http://127.0.0.1:5055/webhook")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        write_endpoints(args.out, get_settings(), args.action_url)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
