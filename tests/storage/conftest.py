"""A real app database for storage tests: a SQLite file, and a fresh PostgreSQL database."""

from __future__ import annotations

import pytest

from tests.services import app_database_url, drop_postgres_database, fresh_postgres_database


@pytest.fixture(params=["sqlite", "postgres"])
def any_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'app.db'}"
        return
    name = fresh_postgres_database("lo_storage")
    try:
        yield app_database_url(name)
    finally:
        drop_postgres_database(name)
