"""The one settings object for the main (Python 3.11) environment."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Read once from `LOCALOFFER_*` environment variables (or a `.env` file)."""

    model_config = SettingsConfigDict(env_prefix="LOCALOFFER_", env_file=".env", extra="ignore")

    source: Path = PROJECT_ROOT / "knowledge"
    index_dir: Path = PROJECT_ROOT / "var" / "index"
    # Flat search is exact and fast enough below this many documents; HNSW above it.
    hnsw_threshold: int = 50_000
    hnsw_m: int = 32
    hnsw_ef_search: int = 128
    embed_batch_size: int = 32
    # Services and guidance older than this are shown with a "please check" warning.
    stale_after_months: int = 18
    # Guidance passages are cut on headings, then on sentences to stay near these sizes.
    passage_max_words: int = 300
    passage_target_words: int = 200

    # The conversation (action server) and the app database it shares with the api.
    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'var' / 'localoffer.db'}",
        validation_alias=AliasChoices("LOCALOFFER_DATABASE_URL", "DATABASE_URL"),
    )
    # Records that could not reach the app database wait here until it is back.
    outbox_path: Path = PROJECT_ROOT / "var" / "outbox.jsonl"
    # Below this cosine similarity the best passage or service is not trusted as an answer
    # (calibrated by `python -m bench.threshold`; see docs/benchmarks.md).
    answer_min_score: float = 0.45
    services_per_page: int = 3

    # The api: where it finds the Rasa REST channel, and what it lets families do.
    rasa_url: str = "http://127.0.0.1:5005"
    action_server_url: str = "http://127.0.0.1:5055"
    # A family always hears back within ten seconds: this leaves room to apologise.
    chat_timeout_seconds: float = 8.0
    max_message_chars: int = 1000
    cors_origins: list[str] = []
    rate_limit_per_session: int = 30  # messages a minute
    rate_limit_per_address: int = 120  # requests a minute
    # Conversations one address may start in `new_sessions_window_minutes`: each new session
    # brings a fresh per-session limit, so without this, leaving out session_id escapes it.
    new_sessions_per_address: int = 30
    new_sessions_window_minutes: int = 10
    # Redis for chat sessions and rate limits, shared by every api replica (`redis://...`).
    # Empty: kept in the api process, which is right for one replica.
    shared_state_url: str = ""

    # Officers: sign-in, lock-out, and how long what families typed is kept.
    officer_session_hours: int = 8
    # Failed sign-ins for one username from one address before that pair is paused, and from
    # every address before the account itself is locked (docs/security.md); either lasts
    # `login_lockout_minutes`.
    login_max_failures: int = 5
    login_account_max_failures: int = 50
    login_lockout_minutes: int = 15
    # Sign-in posts a minute from one address: a limit of its own, so officers signing in and
    # families chatting from the same address (a council office) never use up each other's.
    login_attempts_per_minute: int = 10
    # Password checks one api process runs at once (argon2id holds 19 MiB each); a sign-in
    # beyond them is answered 429 straight away instead of queueing.
    login_concurrent_checks: int = 3
    # Set true behind TLS so the browser never sends the officer cookie in the clear.
    cookie_secure: bool = False
    # How long `python -m storage purge` keeps things. What families told us (questions,
    # feedback, flags, counts, conversations, the themes that quote their questions, records
    # waiting in the outbox): `retention_days`.
    retention_days: int = 365
    # Who did what on the officer pages: long enough to answer a question about an officer's
    # action well after what the families asked is gone.
    audit_retention_days: int = 730
    # Records the database refused, kept in `outbox.dead.jsonl` for someone to look at: a start-up
    # warning names them, and a quarter is long enough to act on it.
    dead_letter_retention_days: int = 90
    # Rasa's stores. Empty means Rasa's defaults for one machine: conversations in memory and
    # in-process locks. Production: a PostgreSQL tracker store and a Redis lock store, so any
    # Rasa server can take any turn (`postgresql://user:password@host:5432/db`,
    # `redis://:password@host:6379/1`). Old conversations in the tracker store are purged too.
    tracker_store_url: str = ""
    lock_store_url: str = ""
    # Safeguarding: the built risk detector (`python -m safeguarding.build`), and who is told
    # by email when a family discloses a risk of harm (nothing is sent while either is empty).
    safeguarding_dir: Path = PROJECT_ROOT / "var" / "safeguarding"
    duty_email: str = ""
    duty_email_from: str = "local-offer-assistant@localhost"
    smtp_url: str = ""  # smtp://host:port, or smtps://user:password@host:465
    officer_url: str = "http://127.0.0.1:8000/officer"
    # Urgent flags one address may raise through the api in a minute (each conversation is
    # capped too, in storage); the signpost is always shown, whatever the count.
    flags_per_address_per_minute: int = 3
    # Unanswered questions at least this similar (cosine) fall into the same theme.
    theme_similarity: float = 0.62


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read on first use."""
    return Settings()
