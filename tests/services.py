"""The machine's PostgreSQL and Redis: started if stopped, with a fresh database per use."""

from __future__ import annotations

import secrets
import subprocess
import time
from pathlib import Path

import psycopg
import redis

POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/0"


def _wait(check, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            check()
            return
        except Exception:
            time.sleep(0.5)
    raise RuntimeError(f"{what} did not start; see its log")


def ensure_postgres() -> None:
    """Start the local PostgreSQL cluster if it is stopped."""
    try:
        psycopg.connect(POSTGRES_ADMIN, connect_timeout=3).close()
        return
    except psycopg.OperationalError:
        pass
    version = sorted(path.name for path in Path("/etc/postgresql").iterdir())[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=False
    )
    _wait(lambda: psycopg.connect(POSTGRES_ADMIN, connect_timeout=3).close(), "PostgreSQL")


def ensure_redis() -> None:
    """Start the local Redis if it is stopped (it keeps nothing on disk here)."""
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=3)
    try:
        client.ping()
        return
    except redis.ConnectionError:
        pass
    subprocess.run(
        "redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save '' "
        "--appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log",
        shell=True,
        check=False,
    )
    _wait(client.ping, "Redis")


def fresh_postgres_database(prefix: str = "lo_test") -> str:
    """A new, empty database; returns its name (dropped by `drop_postgres_database`)."""
    return create_postgres_database(f"{prefix}_{secrets.token_hex(4)}")


def create_postgres_database(name: str) -> str:
    ensure_postgres()
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return name


def drop_postgres_database(name: str) -> None:
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def app_database_url(name: str) -> str:
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def tracker_store_url(name: str) -> str:
    return f"postgresql://postgres@127.0.0.1:5432/{name}"
