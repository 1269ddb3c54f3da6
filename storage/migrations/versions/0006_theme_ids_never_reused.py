"""Theme ids are never given to another theme, on SQLite too (issue 13).

A theme keeps its id across recomputes now, so an officer's link or note keeps pointing at it;
SQLite would hand a deleted theme's id (the highest) to the next theme made unless the table
says AUTOINCREMENT. PostgreSQL's sequences never reuse one: nothing changes there.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 03:20:00
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table(
            "themes", recreate="always", table_kwargs={"sqlite_autoincrement": True}
        ):
            pass


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("themes", recreate="always"):
            pass
