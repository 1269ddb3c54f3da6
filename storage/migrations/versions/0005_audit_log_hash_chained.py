"""The audit log is hash-chained and says what changed (issue 13).

Each entry gains the hash of the entry before and its own; `audit_chain` holds the chain's two
ends. Entries already written are chained here, oldest first, so the whole log verifies. The
action becomes text of any length ("reset password for <an 80-character name>" was cut).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 02:10:00
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def _entry_hash(previous_hash: str, row) -> str:
    # The same as storage.audit_log.entry_hash when this was written; kept here so this
    # migration chains old entries the same way whatever that module becomes.
    created_at = row.created_at
    if created_at.tzinfo is None:
        created_at = created_at.replace(tzinfo=UTC)
    moment = created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    content = [moment, row.username, row.action, row.detail, row.address]
    return hashlib.sha256((previous_hash + json.dumps(content)).encode()).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.alter_column(
            "action", existing_type=sa.String(length=80), type_=sa.Text(), existing_nullable=False
        )
        batch_op.add_column(
            sa.Column("previous_hash", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("entry_hash", sa.String(length=64), nullable=False, server_default="")
        )
    chain = op.create_table(
        "audit_chain",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("anchor_id", sa.Integer(), nullable=False),
        sa.Column("anchor_hash", sa.String(length=64), nullable=False),
        sa.Column("head_id", sa.Integer(), nullable=False),
        sa.Column("head_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    log = sa.table(
        "audit_log",
        sa.column("id", sa.Integer()),
        sa.column("username", sa.String()),
        sa.column("action", sa.Text()),
        sa.column("detail", sa.Text()),
        sa.column("address", sa.String()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("previous_hash", sa.String()),
        sa.column("entry_hash", sa.String()),
    )
    connection = op.get_bind()
    head_id, head_hash = 0, GENESIS
    for row in connection.execute(sa.select(log).order_by(log.c.id)).all():
        entry_hash = _entry_hash(head_hash, row)
        connection.execute(
            log.update()
            .where(log.c.id == row.id)
            .values(previous_hash=head_hash, entry_hash=entry_hash)
        )
        head_id, head_hash = row.id, entry_hash
    op.bulk_insert(
        chain,
        [
            {
                "id": 1,
                "anchor_id": 0,
                "anchor_hash": GENESIS,
                "head_id": head_id,
                "head_hash": head_hash,
            }
        ],
    )


def downgrade() -> None:
    op.drop_table("audit_chain")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("entry_hash")
        batch_op.drop_column("previous_hash")
        batch_op.alter_column(
            "action", existing_type=sa.Text(), type_=sa.String(length=80), existing_nullable=False
        )
