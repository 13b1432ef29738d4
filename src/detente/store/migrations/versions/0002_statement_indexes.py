"""Partial indexes for timeline statements (quotes carried by two or more reports).

Without them the timeline walks every single-source quote to find the few
repeated ones; with them it reads only the repeated ones, newest first.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

STATEMENTS = "kind = 'quote' AND n_sources >= 2"


def upgrade() -> None:
    where = {"sqlite_where": sa.text(STATEMENTS), "postgresql_where": sa.text(STATEMENTS)}
    op.create_index("ix_entities_statements_date", "entities", ["date"], **where)
    op.create_index("ix_entities_statements_process_date", "entities", ["process", "date"], **where)


def downgrade() -> None:
    op.drop_index("ix_entities_statements_process_date", "entities")
    op.drop_index("ix_entities_statements_date", "entities")
