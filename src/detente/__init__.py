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

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "extract",
    "extract_stream",
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
