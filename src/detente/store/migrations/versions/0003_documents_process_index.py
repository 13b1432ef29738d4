"""Covering index for per-process report counts and date ranges.

``list_processes`` counts reports and their first/last dates per process;
without this index that reads every report's row, text included.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_documents_process_published", "documents", ["process", "published", "ingested_at"])


def downgrade() -> None:
    op.drop_index("ix_documents_process_published", "documents")
