"""The app database's engines keep what families typed out of error messages and logs."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from storage.database import get_engine, new_engine
from tests.services import app_database_url, drop_postgres_database, fresh_postgres_database

TYPED = "Sam Smith 07700 900123"


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'app.db'}"
        return
    name = fresh_postgres_database("lo_hidden")
    try:
        yield app_database_url(name)
    finally:
        drop_postgres_database(name)


@pytest.mark.parametrize("make_engine", [get_engine, new_engine], ids=["app", "plain"])
def test_a_failed_statement_does_not_show_its_parameters(database_url, make_engine):
    engine = make_engine(database_url)
    try:
        with pytest.raises(DBAPIError) as failure, engine.begin() as connection:
            # No such table: the database's own message does not echo the value either.
            connection.execute(
                text("INSERT INTO no_such_table (note) VALUES (:note)"), {"note": TYPED}
            )
        assert TYPED not in str(failure.value)
        assert "07700" not in str(failure.value)
    finally:
        engine.dispose()
