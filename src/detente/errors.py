"""One exception tree; every message says what went wrong, where, and what to do.

    DetenteError
    ├── InputError          a document or path that cannot be read
    │   └── FetchError      a URL or feed that cannot be fetched
    ├── ConfigError         a bad option, settings value or data file
    │   └── UnknownName     a process, party or issue name the store does not hold
    ├── StoreError          the database cannot be opened, migrated or written
    └── MissingExtra        an optional part is not installed (pip install 'detente[web]')

The CLI prints ``str(error)`` on one line and exits non-zero; it never shows a
traceback for these.
"""

from __future__ import annotations

__all__ = ["DetenteError", "InputError", "FetchError", "ConfigError", "UnknownName", "StoreError", "MissingExtra"]


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


class UnknownName(ConfigError):
    """A filter names a process, party or issue the store does not hold; ``known`` lists the valid
    names (closest first) so the CLI and the web can offer them."""

    def __init__(self, what: str, given: str, known: list[str], shown: int = 12):
        self.what, self.given, self.known = what, given, known
        listed = ", ".join(known[:shown]) + (f", … ({len(known) - shown} more)" if len(known) > shown else "")
        super().__init__(f"no {what} {given!r}; known: {listed}" if known else f"no {what} {given!r}: the store has none")

    def __reduce__(self):
        return (type(self), (self.what, self.given, self.known))


class StoreError(DetenteError):
    """The store cannot be opened, migrated or written."""


class MissingExtra(DetenteError):
    """An optional dependency is missing; the message gives the pip command."""

    def __init__(self, extra: str, module: str):
        super().__init__(
            f"this needs the optional package {module!r}: pip install 'detente[{extra}]'"
        )
