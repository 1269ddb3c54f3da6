"""Urgent flags: the conversation before, the channel, repeats past the cap, acknowledgement.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 23:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("urgent_flags", schema=None) as batch_op:
        batch_op.add_column(sa.Column("context", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(
            sa.Column("channel", sa.String(length=32), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("repeats", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(
            sa.Column("acknowledged_by", sa.String(length=80), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_urgent_flags_acknowledged_at"), ["acknowledged_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("urgent_flags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_urgent_flags_acknowledged_at"))
        for column in ("acknowledged_at", "acknowledged_by", "repeats", "channel", "context"):
            batch_op.drop_column(column)
