"""SQLAlchemy tables of the store; the Alembic migrations create exactly these.

One row per report (``documents``), one row per extracted fact (``facts``,
with its evidence and the full fact as JSON so a Record round-trips), and one
row per merged thing (``entities``: an actor, a round of talks, a deal, a
quote) that facts from many reports point at. ``processes`` names the peace
processes that reports are grouped into.
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["Base", "DocumentRow", "FactRow", "EntityRow", "ProcessRow", "CorrectionRow", "STATEMENTS"]

#: A merged quote that two or more reports carry: the timeline's "statement".
STATEMENTS = "kind = 'quote' AND n_sources >= 2"


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_process_published", "process", "published", "ingested_at"),)  # 0003

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(512), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(256))
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(32), index=True)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    process: Mapped[str | None] = mapped_column(String(256), index=True)
    #: True when the user named the process (``--process`` / ``process set``).
    process_locked: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The record's own extra keys and document info, for round trips.
    extra: Mapped[dict | None] = mapped_column(JSON)
    ingested_at: Mapped[str] = mapped_column(String(32))


class EntityRow(Base):
    __tablename__ = "entities"
    __table_args__ = (
        Index("ix_entities_kind_key", "kind", "key", "date"),
        Index("ix_entities_kind_process_date", "kind", "process", "date"),
        Index("ix_entities_kind_date", "kind", "date"),
        # Also, created by migration 0002 and not declared here: the partial indexes
        # ix_entities_statements_date (date) and ix_entities_statements_process_date (process, date)
        # WHERE STATEMENTS, for the timeline's statements. Declaring them needs postgresql_where,
        # which imports SQLAlchemy's PostgreSQL dialect (and asyncio) into every read command.
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))  # actor meeting agreement incident quote
    key: Mapped[str] = mapped_column(String(256))  # blocking key for merge candidates
    label: Mapped[str] = mapped_column(Text)
    process: Mapped[str | None] = mapped_column(String(256))
    date: Mapped[str | None] = mapped_column(String(32))
    last_date: Mapped[str | None] = mapped_column(String(32))
    attrs: Mapped[dict] = mapped_column(JSON)
    n_sources: Mapped[int] = mapped_column(Integer, default=0)
    #: The smallest fact id merged in (0005); the entity's stable id is derived from it
    #: (:func:`detente.corrections.entity_id`).
    first_fid: Mapped[str | None] = mapped_column(String(24))
    sid: Mapped[str | None] = mapped_column(String(24), index=True)


class FactRow(Base):
    __tablename__ = "facts"
    __table_args__ = (
        Index("ix_facts_kind_process_date", "kind", "process", "date"),
        Index("ix_facts_kind_party_issue", "kind", "party", "issue", "date"),
        Index("ix_facts_kind_date", "kind", "date"),
        Index("ix_facts_entity", "entity_id"),
        Index("ix_facts_speaker", "speaker_id", "kind"),
        Index("ix_facts_document", "document_pk"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_pk: Mapped[int] = mapped_column(ForeignKey("documents.pk", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # a key of records.FACT_KINDS
    seq: Mapped[int] = mapped_column(Integer)  # order within the record
    process: Mapped[str | None] = mapped_column(String(256))
    date: Mapped[str | None] = mapped_column(String(32))  # the fact's date, else the report's
    party: Mapped[str | None] = mapped_column(String(256))
    issue: Mapped[str | None] = mapped_column(String(64))
    #: One meaning per column (migration 0004): a position's stance, a quote's kind (direct,
    #: indirect…), an agreement's status, an assessment's polarity; None for other kinds.
    stance: Mapped[str | None] = mapped_column(String(16))
    quote_kind: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str | None] = mapped_column(String(16))
    polarity: Mapped[str | None] = mapped_column(String(16))
    name: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    entity_id: Mapped[int | None] = mapped_column(Integer)  # entities.id; no FK: entities are derived
    speaker_id: Mapped[int | None] = mapped_column(Integer)
    ev_start: Mapped[int | None] = mapped_column(Integer)
    ev_end: Mapped[int | None] = mapped_column(Integer)
    ev_text: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict] = mapped_column(JSON)
    #: Stable id (0005): ``f-`` + hash of report id, kind, evidence span and key fields (detente.corrections).
    fid: Mapped[str | None] = mapped_column(String(24), index=True)


class ProcessRow(Base):
    __tablename__ = "processes"

    name: Mapped[str] = mapped_column(String(256), primary_key=True)
    parties: Mapped[list] = mapped_column(JSON)


class CorrectionRow(Base):
    """An analyst's correction (0005): an overlay on the extracted facts, which it never changes."""

    __tablename__ = "corrections"
    __table_args__ = (Index("ix_corrections_target", "target"), Index("ix_corrections_by", "by"),
                      Index("ix_corrections_process", "process"))

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(32), unique=True)
    action: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(String(512))
    field: Mapped[str | None] = mapped_column(String(32))
    value: Mapped[object | None] = mapped_column(JSON)
    before: Mapped[object | None] = mapped_column(JSON)
    data: Mapped[dict | None] = mapped_column(JSON)
    kind: Mapped[str | None] = mapped_column(String(16))
    document_id: Mapped[str | None] = mapped_column(String(512))
    process: Mapped[str | None] = mapped_column(String(256))
    why: Mapped[str] = mapped_column(Text, default="")
    by: Mapped[str] = mapped_column(String(256), default="")
    at: Mapped[str] = mapped_column(String(32))
    undone_at: Mapped[str | None] = mapped_column(String(32))
    undone_by: Mapped[str | None] = mapped_column(String(256))
