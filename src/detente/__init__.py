"""detente: news reports about peace negotiations → structured, sourced records.

>>> import detente
>>> pipeline = detente.load(detente.Settings())   # spaCy, vocabularies, encoder: loaded once
>>> record = detente.extract("Ukraine's lead negotiator, Rustem Umerov, said the talks were productive.",
...                          published="2026-02-05", pipeline=pipeline)
"""

from .errors import ConfigError, DetenteError, FetchError, InputError, MissingExtra, StoreError
from .settings import Settings

#: Public names → the module that defines them, imported on first use: ``import detente``
#: (and so ``detente --help``) loads neither pydantic nor spaCy, SQLAlchemy or torch.
_LAZY = {
    "extract": "pipeline", "extract_stream": "pipeline", "ingest": "ingest", "evaluate": "evaluate",
    "Store": "store", "load": "pipeline", "Pipeline": "pipeline",
    **{name: "records" for name in ("Record", "Document", "DocumentInfo", "Evidence", "Actor", "Quote", "Meeting",
                                    "Position", "Agreement", "Incident", "Assessment", "DateMention")},
}


def __getattr__(name: str):
    """Heavier parts load on first use: ``detente.extract``, ``detente.Store``, ``detente.Record``…"""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'detente' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{module}", __name__), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__version__ = "0.1.0"

__all__ = [
    "__version__",
    "extract",
    "extract_stream",
    "load",
    "Pipeline",
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
