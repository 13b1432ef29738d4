"""One typed settings object, with defaults, overlaid from ``DETENTE_*`` env vars.

>>> Settings.from_env({"DETENTE_DB": "postgresql://localhost/detente"}).db
'postgresql://localhost/detente'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace

__all__ = ["Settings"]


@dataclass(frozen=True)
class Settings:
    #: Store URL or SQLite path.
    db: str = "detente.db"
    #: Seconds to wait for a locked SQLite file (or to connect to PostgreSQL) before giving up.
    busy_timeout: float = 10.0
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

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides) -> "Settings":
        env = os.environ if env is None else env
        values = {}
        for f in fields(cls):
            raw = env.get(f"DETENTE_{f.name.upper()}")
            if raw is None:
                continue
            default = getattr(cls(), f.name)
            if isinstance(default, bool):
                values[f.name] = raw.strip().lower() in {"1", "true", "yes", "on"}
            elif isinstance(default, int):
                values[f.name] = int(raw)
            elif isinstance(default, float):
                values[f.name] = float(raw)
            elif isinstance(default, tuple):
                values[f.name] = tuple(h.strip() for h in raw.split(",") if h.strip())
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)
