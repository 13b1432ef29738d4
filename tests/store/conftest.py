"""Store fixtures: every test runs on SQLite and on PostgreSQL (see storekit)."""

from storekit import db_url, store, world_store  # noqa: F401
