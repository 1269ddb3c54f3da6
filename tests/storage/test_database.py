"""The app database's engines keep what families typed out of error messages and logs."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from storage.database import get_engine, new_engine

TYPED = "Sam Smith 07700 900123"


@pytest.fixture
def database_url(any_database):
    return any_database


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
