"""Open a database: URL normalization, SQLite pragmas, migrations, clear errors."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from ..errors import ConfigError, StoreError

__all__ = ["normalize_url", "open_engine", "migrate", "store_errors", "display_url", "refuse_missing"]

MIGRATIONS = Path(__file__).parent / "migrations"
#: The newest migration. Checked against it with one query on open, so a store that is up to date
#: never loads Alembic (about 0.2 s); ``tests/store/test_engine.py`` keeps it equal to Alembic's head.
HEAD = "0005"
#: PostgreSQL advisory lock class of detente's writers; the second key is the schema, so stores in
#: other schemas of the same database never wait for each other.
WRITE_LOCK = 0x64E7E
_PG_WRITE_LOCK = f"SELECT pg_advisory_xact_lock({WRITE_LOCK}, hashtext(current_schema()))"


def normalize_url(db: str) -> str:
    """A SQLAlchemy URL: a path becomes SQLite, ``postgresql://`` gets the psycopg driver.

    >>> normalize_url("postgres://u@h/db")
    'postgresql+psycopg://u@h/db'
    """
    if re.match(r"^postgres(ql)?(\+\w+)?://", db):
        return re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql+psycopg://", db)
    if db.startswith("sqlite:"):
        return db
    if "://" in db:
        raise StoreError(f"unsupported database URL {db!r}: give a file path (SQLite) or postgresql://…")
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def display_url(url: str) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def refuse_missing(url: str) -> None:
    """ConfigError when ``url`` is a SQLite file that does not exist (a reader must not create one)."""
    if not url.startswith("sqlite"):
        return
    path = make_url(url).database
    if path and path != ":memory:" and not Path(path).exists():
        raise ConfigError(f"no store at {path}: run `detente ingest` first")


def open_engine(url: str, *, busy_timeout: float = 10.0) -> Engine:
    if url.startswith("sqlite"):
        path = make_url(url).database
        if path and path != ":memory:" and not Path(path).parent.exists():
            raise StoreError(f"cannot create the database {path}: folder {Path(path).parent} does not exist")
        engine = create_engine(url, connect_args={"timeout": busy_timeout})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # WAL: readers never wait for the writer
            dbapi_conn.isolation_level = None  # transactions begin in _begin below
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn):  # writers take the lock up front, so a busy file is waited for
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

        return engine
    engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": max(1, int(busy_timeout))})

    @event.listens_for(engine, "connect")
    def _no_jit(dbapi_conn, _record):  # JIT compiles for 20+ ms; our queries are short and indexed
        with dbapi_conn.cursor() as cur:
            cur.execute("SET jit = off")
        dbapi_conn.commit()

    @event.listens_for(engine, "begin")
    def _one_writer(conn):
        """Writers (one report each) take turns, as BEGIN IMMEDIATE makes them on SQLite: two ingests
        run their NLP side by side, and the merge of a report never races another's (no duplicate
        actor, meeting or process). Waits ``busy_timeout`` at most, then says so."""
        if conn.get_execution_options().get("write"):
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = {int(busy_timeout * 1000)}")
            conn.exec_driver_sql(_PG_WRITE_LOCK)

    return engine


#: Alembic's command context is process-global: one migration at a time per process.
_MIGRATING = threading.Lock()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (Alembic, migrations shipped in the package).

    Under the writers' lock, so two processes opening a new store at once
    migrate it once: the second finds it done.
    """
    if current_revision(engine) == HEAD:
        return  # the common case: nothing to do, no write lock taken, Alembic not imported
    from alembic import command

    cfg = alembic_config()
    with _MIGRATING, engine.execution_options(write=True).begin() as conn:
        if _revision(conn) == HEAD:
            return
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def alembic_config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def current_revision(engine: Engine) -> str | None:
    """The schema's Alembic revision, or None for an empty database."""
    with engine.connect() as conn:
        return _revision(conn)


def _revision(conn) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


@contextmanager
def store_errors(url: str, *, busy_timeout: float = 10.0) -> Iterator[None]:
    """Turn database failures into one-line :class:`StoreError` messages that say what to do."""
    try:
        yield
    except StoreError:
        raise
    except DBAPIError as exc:
        line = _first_line(exc)
        where = display_url(url)
        if "locked" in line or "busy" in line or "lock timeout" in line:
            raise StoreError(
                f"{where} is locked by another detente process (waited {busy_timeout:g}s); "
                "try again when it has finished"
            ) from None
        if exc.connection_invalidated or "connect" in line.lower() or "server" in line.lower():
            raise StoreError(f"cannot reach the database at {where}: {line} — is the server running?") from None
        raise StoreError(f"database error at {where}: {line}") from None
    except SQLAlchemyError as exc:
        raise StoreError(f"database error at {display_url(url)}: {_first_line(exc)}") from None
