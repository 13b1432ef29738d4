"""Analyst curation: stable ids on facts and entities, and the corrections overlay.

``facts.fid`` and ``entities.sid`` (from ``first_fid``) are the ids corrections point at (rules:
:mod:`detente.corrections`); existing rows get theirs here, computed from the
stored facts exactly as the writer computes them, so a store written before
upgrades in place. ``corrections`` holds the overlay.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("facts") as batch:
        batch.add_column(sa.Column("fid", sa.String(24), nullable=True))
    with op.batch_alter_table("entities") as batch:
        batch.add_column(sa.Column("first_fid", sa.String(24), nullable=True))
        batch.add_column(sa.Column("sid", sa.String(24), nullable=True))
    op.create_table(
        "corrections",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(32), unique=True, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("target", sa.String(512), nullable=False),
        sa.Column("field", sa.String(32)),
        sa.Column("value", sa.JSON),
        sa.Column("before", sa.JSON),
        sa.Column("data", sa.JSON),
        sa.Column("kind", sa.String(16)),
        sa.Column("document_id", sa.String(512)),
        sa.Column("process", sa.String(256)),
        sa.Column("why", sa.Text, nullable=False, server_default=""),
        sa.Column("by", sa.String(256), nullable=False, server_default=""),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("undone_at", sa.String(32)),
        sa.Column("undone_by", sa.String(256)),
    )
    op.create_index("ix_corrections_target", "corrections", ["target"])
    op.create_index("ix_corrections_by", "corrections", ["by"])
    op.create_index("ix_corrections_process", "corrections", ["process"])
    _backfill(op.get_bind())
    op.create_index("ix_facts_fid", "facts", ["fid"])
    op.create_index("ix_entities_sid", "entities", ["sid"])


def _backfill(conn) -> None:
    from detente.store.ids import backfill

    backfill(conn)


def downgrade() -> None:
    op.drop_index("ix_entities_sid", "entities")
    op.drop_index("ix_facts_fid", "facts")
    op.drop_table("corrections")
    with op.batch_alter_table("entities") as batch:
        batch.drop_column("sid")
        batch.drop_column("first_fid")
    with op.batch_alter_table("facts") as batch:
        batch.drop_column("fid")
