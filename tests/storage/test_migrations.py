"""The migrations build exactly the tables the models describe, even when processes race."""

from __future__ import annotations

import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from storage.database import get_engine
from storage.models import Base
from tests.paths import REPO_ROOT


def test_a_fresh_database_matches_the_models(tmp_path):
    engine = get_engine(f"sqlite:///{tmp_path / 'app.db'}")
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
    assert "alembic_version" in inspect(engine).get_table_names()


def test_processes_starting_together_migrate_once_without_error(tmp_path):
    url = f"sqlite:///{tmp_path / 'race.db'}"
    code = f"from storage.database import get_engine; get_engine({url!r})"
    processes = [
        subprocess.Popen([sys.executable, "-c", code], cwd=REPO_ROOT, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    errors = [process.communicate(timeout=120)[1].decode() for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0, 0], errors
