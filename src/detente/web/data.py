"""The web layer's only contact with the store: open it, and write one report.

Reads go straight to :mod:`detente.query`; this adapter hides how the store
is opened and written so routes never touch it.
"""

from __future__ import annotations

from ..records import Document

__all__ = ["open_store", "ingest_document"]


def open_store(db: str):
    """The store at ``db`` (a SQLite path or a database URL)."""
    from ..store import Store

    opener = getattr(Store, "open", None)
    return opener(db) if opener else Store(db)


def ingest_document(store, document: Document) -> str:
    """Extract ``document`` and add it to ``store``; returns the document id."""
    from ..pipeline import extract

    record = extract(document)
    store.add(document, record)
    return document.id
