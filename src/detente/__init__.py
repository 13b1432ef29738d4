"""detente: news reports about peace negotiations → structured, sourced records.

>>> import detente
>>> record = detente.extract("Ukraine's lead negotiator, Rustem Umerov, said the talks were productive.",
...                          published="2026-02-05")
"""

from .errors import ConfigError, DetenteError, FetchError, InputError, MissingExtra, StoreError
from .pipeline import extract, extract_stream
from .records import (
    Actor,
    Agreement,
    Assessment,
    DateMention,
    Document,
    DocumentInfo,
    Evidence,
    Incident,
    Meeting,
    Position,
    Quote,
    Record,
)
from .settings import Settings


def __getattr__(name: str):
    """Heavier parts load on first use: ``detente.Store``, ``detente.ingest``, ``detente.evaluate``."""
    if name == "Store":
        from .store import Store

        return Store
    if name == "ingest":
        from .ingest import ingest

        return ingest
    if name == "evaluate":
        from .evaluate import evaluate

        return evaluate
    raise AttributeError(f"module 'detente' has no attribute {name!r}")


__version__ = "0.1.0"

__all__ = [
    "__version__",
    "extract",
    "extract_stream",
    "ingest",
    "evaluate",
    "Store",
    "Settings",
    "Record",
    "Document",
    "DocumentInfo",
    "Evidence",
    "Actor",
    "Quote",
    "Meeting",
    "Position",
    "Agreement",
    "Incident",
    "Assessment",
    "DateMention",
    "DetenteError",
    "InputError",
    "FetchError",
    "ConfigError",
    "StoreError",
    "MissingExtra",
]
