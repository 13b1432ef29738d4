"""One meaning per facts column: a quote's kind, an agreement's status and an
assessment's polarity get their own columns; ``stance`` keeps positions' stances only.

Until 0003 ``facts.stance`` held all four. Existing rows are moved, so a store
written before upgrades in place (SQLite and PostgreSQL alike).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: fact kind → the column its value moves to
MOVED = {"quotes": "quote_kind", "agreements": "status", "assessments": "polarity"}


def upgrade() -> None:
    with op.batch_alter_table("facts") as batch:
        for column in MOVED.values():
            batch.add_column(sa.Column(column, sa.String(16), nullable=True))
    for kind, column in MOVED.items():
        op.execute(sa.text(f"UPDATE facts SET {column} = stance, stance = NULL WHERE kind = :kind")
                   .bindparams(kind=kind))


def downgrade() -> None:
    for kind, column in MOVED.items():
        op.execute(sa.text(f"UPDATE facts SET stance = {column} WHERE kind = :kind").bindparams(kind=kind))
    with op.batch_alter_table("facts") as batch:
        for column in MOVED.values():
            batch.drop_column(column)
