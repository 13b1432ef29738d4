"""One typed settings object, with defaults, overlaid from ``DETENTE_*`` env vars.

Read once at the top (the CLI command, :func:`detente.extract`, the web app)
and passed down; nothing below re-reads the environment. A bad value raises
:class:`~detente.errors.ConfigError` naming the variable or option.

>>> Settings.from_env({"DETENTE_DB": "postgresql://localhost/detente"}).db
'postgresql://localhost/detente'
>>> Settings.from_env({"DETENTE_WORKERS": "2"}, workers=None).workers  # None: option not given
2
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace

from .errors import ConfigError

__all__ = ["Settings", "ENGINES", "env_name"]

#: Where extraction may run.
ENGINES = ("local", "ray")
#: Older names still read, for backwards compatibility: field → variable.
_ALIASES = {"web_token": ("DETENTE_WRITE_TOKEN",)}
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


def env_name(name: str) -> str:
    """The environment variable of a setting: ``batch_size`` → ``DETENTE_BATCH_SIZE``."""
    return f"DETENTE_{name.upper()}"


@dataclass(frozen=True)
class Settings:
    #: Store URL or SQLite path.
    db: str = "detente.db"
    #: Seconds to wait for a locked SQLite file (or to connect to PostgreSQL) before giving up.
    busy_timeout: float = 10.0
    #: Bearer token that turns on the web app's ``POST /api/ingest`` (None: read-only).
    web_token: str | None = field(default=None, repr=False)
    #: Who makes corrections from the command line (``detente curate … --by``), if not given.
    curator: str | None = None
    #: Whom corrections made with the web write token are recorded as.
    web_token_label: str = "dashboard"
    #: Documents per ``nlp.pipe`` batch.
    batch_size: int = 32
    #: Worker processes for extraction (1 = in process).
    workers: int = 1
    #: Where extraction runs: "local" (this process or a pool of --workers) or "ray".
    engine: str = "local"
    #: Ray cluster address for engine "ray" (None: start a local Ray).
    ray_address: str | None = None
    #: Largest document (characters) extracted; longer text is cut with a warning.
    max_chars: int = 1_000_000
    #: Largest body (bytes) read from a URL or file.
    max_bytes: int = 50 * 1024 * 1024
    #: Seconds before a URL fetch gives up.
    fetch_timeout: float = 20.0
    #: Hosts that URLs may be fetched from; empty = any host.
    allowed_hosts: tuple[str, ...] = field(default_factory=tuple)
    #: User agent sent with every fetch.
    user_agent: str = "detente/0.1 (+peace-negotiation report reader)"
    #: Path of a replacement issue taxonomy (JSON/JSONL), or None for the default.
    issues_file: str | None = None
    #: Use the sentence-embedding model for issue classification.
    embeddings: bool = True
    #: Folder of trained classifiers (``detente train``); None: the packaged
    #: ones; "none": rules only.
    models: str | None = None
    #: Thresholds written into models trained now (``detente train``, and
    #: every fold of ``detente eval --cv``), over the shipped defaults of
    #: ``detente.learn.train.THRESHOLDS``: "stance=0.5,issue=0.6"; above 1 = off.
    model_thresholds: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides) -> "Settings":
        """Defaults, then ``DETENTE_*`` variables, then ``overrides`` that are not None (options given)."""
        env = os.environ if env is None else env
        values = {}
        for f in fields(cls):
            names = (env_name(f.name), *_ALIASES.get(f.name, ()))
            var = next((n for n in names if env.get(n) is not None), None)
            if var is not None:
                values[f.name] = _parse(var, env[var], getattr(cls(), f.name), f.type)
        unknown = set(overrides) - {f.name for f in fields(cls)}
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)

    def thresholds(self) -> dict[str, float]:
        """``model_thresholds`` as {model: threshold}; a ConfigError for an item that is not NAME=NUMBER."""
        out = {}
        for item in self.model_thresholds:
            name, _, value = item.partition("=")
            try:
                out[name.strip()] = float(value)
            except ValueError:
                raise ConfigError(f"model threshold {item!r} is not NAME=NUMBER, e.g. stance=0.5 "
                                  f"({env_name('model_thresholds')})") from None
        return out

    def with_options(self, **options) -> "Settings":
        """These settings with the options that were given (None: not given) put over them."""
        return replace(self, **{k: v for k, v in options.items() if v is not None})

    def __post_init__(self) -> None:
        for name in ("batch_size", "workers", "max_chars", "max_bytes"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1, not {getattr(self, name)!r} "
                                  f"({env_name(name)} or --{name.replace('_', '-')})")
        for name in ("busy_timeout", "fetch_timeout"):
            if not getattr(self, name) > 0:
                raise ConfigError(f"{name} must be more than 0 seconds, not {getattr(self, name)!r} ({env_name(name)})")
        self.thresholds()
        if self.engine not in ENGINES:
            raise ConfigError(f"unknown engine {self.engine!r}: use 'local' or 'ray' (DETENTE_ENGINE or --engine)")
        if not self.db:
            raise ConfigError("no store given: set DETENTE_DB or --db to a SQLite path or postgresql:// URL")


def _parse(var: str, raw: str, default, annotation: str):
    """One variable's text as the setting's type, or a ConfigError that names it."""
    text = raw.strip()
    if isinstance(default, bool):
        if text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        raise ConfigError(f"{var}={raw!r} is not a yes/no value: use 1 or 0")
    for number, what in ((int, "a whole number"), (float, "a number (seconds)")):
        if isinstance(default, number):
            try:
                return number(text)
            except ValueError:
                raise ConfigError(f"{var}={raw!r} is not {what}") from None
    if isinstance(default, tuple):
        return tuple(h.strip() for h in raw.split(",") if h.strip())
    if "None" in str(annotation) and not text:
        return None
    return raw
