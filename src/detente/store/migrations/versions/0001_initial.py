"""Initial schema: documents, entities, facts, processes, and full-text search.

Full text is FTS5 (external content, kept in sync by triggers) on SQLite and a
generated ``tsvector`` column with a GIN index on PostgreSQL.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(512), nullable=False, unique=True),
        sa.Column("title", sa.Text),
        sa.Column("source", sa.String(256)),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.String(32)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("process", sa.String(256)),
        sa.Column("process_locked", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("extra", sa.JSON),
        sa.Column("ingested_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index("ix_documents_process", "documents", ["process"])
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("key", sa.String(256), nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("process", sa.String(256)),
        sa.Column("date", sa.String(32)),
        sa.Column("last_date", sa.String(32)),
        sa.Column("attrs", sa.JSON, nullable=False),
        sa.Column("n_sources", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_entities_kind_key", "entities", ["kind", "key", "date"])
    op.create_index("ix_entities_kind_process_date", "entities", ["kind", "process", "date"])
    op.create_index("ix_entities_kind_date", "entities", ["kind", "date"])
    op.create_table(
        "facts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_pk", sa.Integer, sa.ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("process", sa.String(256)),
        sa.Column("date", sa.String(32)),
        sa.Column("party", sa.String(256)),
        sa.Column("issue", sa.String(64)),
        sa.Column("stance", sa.String(16)),
        sa.Column("name", sa.Text),
        sa.Column("text", sa.Text),
        sa.Column("entity_id", sa.Integer),  # entities are derived and rebuilt in bulk: no FK
        sa.Column("speaker_id", sa.Integer),
        sa.Column("ev_start", sa.Integer),
        sa.Column("ev_end", sa.Integer),
        sa.Column("ev_text", sa.Text),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_facts_kind_process_date", "facts", ["kind", "process", "date"])
    op.create_index("ix_facts_kind_party_issue", "facts", ["kind", "party", "issue", "date"])
    op.create_index("ix_facts_kind_date", "facts", ["kind", "date"])
    op.create_index("ix_facts_entity", "facts", ["entity_id"])
    op.create_index("ix_facts_speaker", "facts", ["speaker_id", "kind"])
    op.create_index("ix_facts_document", "facts", ["document_pk"])
    op.create_table(
        "processes",
        sa.Column("name", sa.String(256), primary_key=True),
        sa.Column("parties", sa.JSON, nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED"
        )
        op.execute("CREATE INDEX ix_documents_tsv ON documents USING GIN (tsv)")
    else:
        op.execute(
            "CREATE VIRTUAL TABLE documents_fts USING fts5("
            "title, text, content='documents', content_rowid='pk', tokenize='porter unicode61')"
        )
        op.execute(
            "CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN "
            "INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END"
        )
        op.execute(
            "CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text); END"
        )
        op.execute(
            "CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text); "
            "INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TABLE IF EXISTS documents_fts")
    for table in ("processes", "facts", "entities", "documents"):
        op.drop_table(table)
