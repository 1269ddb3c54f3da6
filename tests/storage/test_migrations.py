"""The migrations build exactly the tables the models describe, even when processes race."""

from __future__ import annotations

import subprocess
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from storage.database import get_engine
from storage.models import Base
from tests.paths import REPO_ROOT
from tests.services import app_database_url, drop_postgres_database, fresh_postgres_database


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_a_fresh_database_matches_the_models(tmp_path, backend):
    name = fresh_postgres_database("lo_migrate") if backend == "postgres" else ""
    url = app_database_url(name) if name else f"sqlite:///{tmp_path / 'app.db'}"
    try:
        engine = get_engine(url)
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert differences == []
        assert "alembic_version" in inspect(engine).get_table_names()
        engine.dispose()
    finally:
        if name:
            drop_postgres_database(name)


def test_processes_starting_together_migrate_once_without_error(tmp_path):
    url = f"sqlite:///{tmp_path / 'race.db'}"
    code = f"from storage.database import get_engine; get_engine({url!r})"
    processes = [
        subprocess.Popen([sys.executable, "-c", code], cwd=REPO_ROOT, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    errors = [process.communicate(timeout=120)[1].decode() for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0, 0], errors


def test_a_database_from_before_migrations_is_upgraded_and_keeps_its_rows(tmp_path):
    from alembic import command
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine, text

    from storage.database import alembic_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = create_engine(url)
    config = alembic_config()
    with old.begin() as connection:  # the first release's tables, made without Alembic
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(text("DROP TABLE alembic_version"))
        connection.execute(
            text(
                "INSERT INTO unanswered_questions (conversation_id, text, intent, intent_ranking,"
                " top_results, status, created_at) VALUES ('c', 'kept', 'x', '[]', '[]', 'new',"
                " '2026-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO urgent_flags (conversation_id, text, matched, signpost, created_at)"
                " VALUES ('c', 'an old flag', 'abuse', 'call 999', '2026-01-01 00:00:00')"
            )
        )
    old.dispose()
    with get_engine(url).connect() as connection:
        row = connection.execute(
            text("SELECT text, status, note, context FROM unanswered_questions")
        ).one()
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        flag = connection.execute(
            text("SELECT text, context, repeats, acknowledged_at FROM urgent_flags")
        ).one()
    assert tuple(row) == ("kept", "new", "", "[]")
    assert tuple(flag) == ("an old flag", "[]", 0, None)  # still waiting to be acknowledged
    assert version == ScriptDirectory.from_config(config).get_current_head()


def test_officers_from_before_the_lifecycle_columns_are_enabled_with_no_code_used(tmp_path):
    from alembic import command
    from sqlalchemy import create_engine, text

    from storage.database import alembic_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = create_engine(url)
    config = alembic_config()
    with old.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
        connection.execute(
            text(
                "INSERT INTO officers (username, password_hash, totp_secret, failed_logins,"
                " created_at) VALUES ('amy', 'x', '', 0, '2026-01-01 00:00:00')"
            )
        )
    old.dispose()
    with get_engine(url).connect() as connection:
        officer = connection.execute(
            text("SELECT username, totp_last_step, disabled_at FROM officers")
        ).one()
    assert tuple(officer) == ("amy", 0, None)
