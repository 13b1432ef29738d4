"""Opening databases: URLs, migrations, and errors that say what to do."""

from __future__ import annotations

import sqlite3

import pytest

from detente.errors import StoreError
from detente.store import Store, normalize_url
from storekit import world


@pytest.mark.parametrize("given, expected", [
    ("postgresql://u@h:5/db", "postgresql+psycopg://u@h:5/db"),
    ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
    ("postgresql+psycopg2://u@h/db", "postgresql+psycopg://u@h/db"),
    ("sqlite:///x.db", "sqlite:///x.db"),
])
def test_normalize_url(given, expected):
    assert normalize_url(given) == expected


def test_path_becomes_absolute_sqlite(tmp_path):
    assert normalize_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"


def test_unsupported_scheme():
    with pytest.raises(StoreError, match="unsupported database URL"):
        normalize_url("mysql://x/y")


def test_missing_folder(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store(str(tmp_path / "no" / "such" / "x.db"))


def test_sqlite_uses_wal(tmp_path):
    with Store(str(tmp_path / "w.db")) as s, s.session() as sess:
        from sqlalchemy import text

        assert sess.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_locked_file_waits_then_says_so(tmp_path):
    path = tmp_path / "locked.db"
    Store(str(path)).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        with Store(str(path), busy_timeout=0.3) as s, pytest.raises(StoreError, match="locked by another"):
            s.add(*world()[0])
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_stopped_server_is_one_clear_line():
    with pytest.raises(StoreError, match="is the server running") as info:
        Store("postgresql://postgres@127.0.0.1:1/none", busy_timeout=1)
    assert "\n" not in str(info.value)


def test_alembic_head_is_recorded(store):
    from sqlalchemy import text

    with store.session() as s:
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0005"


def test_concurrent_writers_wait_for_each_other(tmp_path):
    """Two processes' worth of writers on one SQLite file: both succeed, none sees 'locked'."""
    from concurrent.futures import ThreadPoolExecutor

    path = str(tmp_path / "busy.db")
    Store(path).close()

    def write(pair):
        with Store(path) as s:
            return s.add(*pair)

    with ThreadPoolExecutor(4) as pool:
        assert sorted(pool.map(write, world())) == ["added"] * 5


def test_head_constant_is_alembics_head():
    """``migrate`` compares with ``HEAD`` to skip importing Alembic: it must name the newest migration."""
    from alembic.script import ScriptDirectory

    from detente.store.engine import HEAD, alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD


def test_reader_refuses_a_missing_sqlite_file(tmp_path):
    from detente.errors import ConfigError

    with pytest.raises(ConfigError, match="no store at .*: run `detente ingest` first"):
        Store.open(str(tmp_path / "none.db"), create=False)
    assert not (tmp_path / "none.db").exists()


def test_a_store_from_before_0004_upgrades_in_place(db_url):
    """A store written when ``facts.stance`` held quote kinds, agreement statuses and polarities
    (made here by downgrading to 0003) opens with each value in its own column, records unchanged."""
    from alembic import command
    from sqlalchemy import text

    from detente import query
    from detente.store.engine import alembic_config

    with Store(db_url) as store:
        for document, record in world():
            store.add(document, record)
        before = {d.id: store.get(d.id)[1] for d, _ in world()}
        quotes_before = query.quotes(store)
        with store.engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0003")
        with store.engine.connect() as conn:
            old = dict(conn.execute(text("SELECT kind, count(*) FROM facts WHERE stance IS NOT NULL GROUP BY kind")).all())
        assert {"quotes", "agreements", "positions"} <= set(old)
    with Store(db_url) as store:
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0005"
            kinds = dict(conn.execute(text(
                "SELECT kind, count(*) FROM facts WHERE stance IS NOT NULL GROUP BY kind")).all())
            moved = conn.execute(text("SELECT count(*) FROM facts WHERE kind = 'quotes' AND quote_kind IS NOT NULL")).scalar()
            statuses = conn.execute(text("SELECT count(*) FROM facts WHERE kind = 'agreements' AND status IS NOT NULL")).scalar()
        assert set(kinds) == {"positions"} and moved == old["quotes"] and statuses == old["agreements"]
        assert {d.id: store.get(d.id)[1] for d, _ in world()} == before
        assert query.quotes(store) == quotes_before
