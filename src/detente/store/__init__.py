"""The store: many reports, their facts with evidence, merged across reports.

SQLAlchemy 2 on SQLite (default, a file) or PostgreSQL (``postgresql://…``);
Alembic migrations ship in ``store/migrations`` and run on open.
"""

from .core import AddResult, Store
from .engine import normalize_url
from .writer import content_hash

__all__ = ["Store", "AddResult", "normalize_url", "content_hash"]
