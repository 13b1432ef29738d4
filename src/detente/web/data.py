"""The web layer's only contact with the store: open it, and write one report.

Reads go straight to :mod:`detente.query`; this adapter hides how the store
is opened and written so routes never touch it.
"""

from __future__ import annotations

import time
from threading import Lock

from .. import query as q
from ..records import Document
from ..settings import Settings

__all__ = ["open_store", "ingest_document", "Cached", "ProcessList", "filter_choices"]


def open_store(settings: Settings):
    """The store at ``settings.db`` (a SQLite path or a database URL)."""
    from ..store import Store

    return Store.from_settings(settings)


def ingest_document(store, document: Document, settings: Settings) -> str:
    """Extract ``document`` and add it to ``store`` (as ``detente ingest`` does); returns its id.

    Raises :class:`~detente.errors.InputError` when it cannot be extracted.
    """
    from ..ingest import ingest_documents

    report = ingest_documents([document], store, settings=settings)
    if report.failed:
        raise report.failed[0]
    return document.id


class Cached:
    """``fn(store)`` kept for ``ttl`` seconds; a write through the API clears it.

    For the few queries whose cost grows with the whole store and that many
    pages need (the process list; the choices of the quote search form): a
    few seconds of staleness is fine for a dashboard.
    """

    def __init__(self, fn, ttl: float = 5.0):
        self.fn = fn
        self.ttl = ttl
        self._lock = Lock()
        self._value = None
        self._at = 0.0

    def get(self, store):
        with self._lock:
            if self._value is not None and time.monotonic() - self._at < self.ttl:
                return self._value
        value = self.fn(store)
        with self._lock:
            self._value, self._at = value, time.monotonic()
        return value

    def clear(self) -> None:
        with self._lock:
            self._value = None


class ProcessList(Cached):
    """:func:`detente.query.list_processes`, cached; every page needs it."""

    def __init__(self, ttl: float = 5.0):
        super().__init__(lambda store: q.list_processes(store), ttl)

    def find(self, store, name: str) -> q.ProcessSummary | None:
        return next((p for p in self.get(store) if p.name == name), None)


def filter_choices(store) -> dict[str, list[str]]:
    """What the filter forms offer: processes, parties, issues, outlets (drop-downs) and speakers."""
    people = q.list_actors(store, kind="person", limit=500)
    return {**q.filter_values(store), "speaker": sorted({a.name for a in people})}
