"""Connections to the app database: a SQLite file by default, PostgreSQL by `DATABASE_URL`."""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")
# Any fixed number: PostgreSQL advisory locks are named by integers.
_PG_MIGRATION_LOCK = 7_004_121

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def get_engine(url: str) -> Engine:
    """One engine per database URL per process, migrated to the newest revision on first use."""
    with _engines_lock:
        if url not in _engines:
            _engines[url] = _create_engine(url)
        return _engines[url]


def new_engine(url: str, **options) -> Engine:
    """A SQLAlchemy engine whose errors and logs never show bound parameters."""
    # A failed statement's message would otherwise carry its values, which are what families
    # typed, into logs and tracebacks (issue 13).
    return create_engine(url, hide_parameters=True, **options)


def _create_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite") and parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    # An unreachable server must fail fast: a family is waiting on the same turn.
    connect_args = {"connect_timeout": 3} if parsed.drivername.startswith("postgresql") else {}
    engine = new_engine(url, pool_pre_ping=True, connect_args=connect_args)
    if parsed.drivername.startswith("sqlite"):

        @event.listens_for(engine, "connect")
        def _durable_sqlite(connection, _record):
            # WAL lets readers and one writer work at once; FULL makes a commit survive a crash.
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()

    migrate(engine)
    return engine


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migrate(engine: Engine) -> None:
    """Bring the database to the newest revision; safe when several processes start at once."""
    config = alembic_config()
    if engine.dialect.name == "sqlite":
        database = make_url(str(engine.url)).database
        lock_path = (
            Path(f"{database}.migrate.lock") if database not in (None, "", ":memory:") else None
        )
        with _file_lock(lock_path), engine.begin() as connection:
            _upgrade(config, connection)
    else:
        with engine.begin() as connection:
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
            )
            _upgrade(config, connection)


def _upgrade(config: Config, connection) -> None:
    config.attributes["connection"] = connection
    tables = inspect(connection).get_table_names()
    if "unanswered_questions" in tables and "alembic_version" not in tables:
        # Made by the first release, before migrations: its tables are revision 0001.
        command.stamp(config, "0001")
    command.upgrade(config, "head")


@contextmanager
def _file_lock(path: Path | None) -> Iterator[None]:
    if path is None:
        yield
        return
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def session_scope(url: str) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    session = sessionmaker(get_engine(url), expire_on_commit=False)()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
