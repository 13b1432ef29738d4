"""One exception tree; every message says what went wrong, where, and what to do.

    DetenteError
    ├── InputError          a document or path that cannot be read
    │   └── FetchError      a URL or feed that cannot be fetched
    ├── ConfigError         a bad option, settings value or data file
    ├── StoreError          the database cannot be opened, migrated or written
    └── MissingExtra        an optional part is not installed (pip install 'detente[web]')

The CLI prints ``str(error)`` on one line and exits non-zero; it never shows a
traceback for these.
"""

from __future__ import annotations

__all__ = ["DetenteError", "InputError", "FetchError", "ConfigError", "StoreError", "MissingExtra"]


class DetenteError(Exception):
    """Base of every error detente raises on purpose."""


class InputError(DetenteError):
    """A document or path that cannot be read; ``where`` names it."""

    def __init__(self, where: str, problem: str):
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}")

    def __reduce__(self):
        # Errors cross process boundaries (worker pools, Ray): keep both parts.
        return (type(self), (self.where, self.problem))


class FetchError(InputError):
    """A URL or feed that cannot be fetched (unreachable, too large, not allowed)."""


class ConfigError(DetenteError):
    """A bad option, settings value or data file."""


class StoreError(DetenteError):
    """The store cannot be opened, migrated or written."""


class MissingExtra(DetenteError):
    """An optional dependency is missing; the message gives the pip command."""

    def __init__(self, extra: str, module: str):
        super().__init__(
            f"this needs the optional package {module!r}: pip install 'detente[{extra}]'"
        )
