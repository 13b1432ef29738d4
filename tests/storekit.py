"""Shared by the store, query and store-CLI tests: hand-made reports and a store
fixture that runs every test on SQLite (a temp file) and on a real PostgreSQL
server (``DETENTE_TEST_POSTGRES_URL``; skipped only when that is unset).

Import the fixtures into a test module or conftest: ``from storekit import store``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from detente.records import (
    Actor, Agreement, Document, Evidence, Incident, Meeting, Position, Quote, Record,
)

PG_URL = os.environ.get("DETENTE_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", pytest.param("postgres", marks=[pytest.mark.postgres, pytest.mark.skipif(
    not PG_URL, reason="DETENTE_TEST_POSTGRES_URL is not set (scripts/start-postgres.sh prints one)")])]


def pg_schema_url(base: str, schema: str) -> str:
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


@contextmanager
def fresh_db(kind: str, folder) -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file, or a private PostgreSQL schema."""
    if kind == "sqlite":
        yield str(folder / f"store-{uuid.uuid4().hex[:8]}.db")
        return
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    plain = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield pg_schema_url(PG_URL, schema)
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    with fresh_db(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(db_url):
    from detente.store import Store

    with Store(db_url) as s:
        yield s


def ev(text: str, phrase: str | None) -> Evidence | None:
    if not phrase:
        return None
    start = text.index(phrase)
    return Evidence.of(text, start, start + len(phrase))


def report(doc_id: str, text: str, published: str | None = "2026-02-05", *, source: str = "Wire",
           actors=(), quotes=(), meetings=(), positions=(), agreements=(), incidents=()) -> tuple[Document, Record]:
    """A document and its record; each fact is a dict whose ``ev`` names the phrase it rests on."""
    doc = Document(id=doc_id, text=text, published=published, source=source, title=f"Title of {doc_id}")

    def facts(model, items):
        out = []
        for item in items:
            item = dict(item)
            phrase = item.pop("ev", None)
            if model is Actor:
                item.setdefault("mentions", [ev(text, phrase or item["name"])] if (phrase or item["name"]) in text else [])
            else:
                item["evidence"] = ev(text, phrase)
            out.append(model(**item))
        return out

    record = Record(
        document=doc.info(), actors=facts(Actor, actors), quotes=facts(Quote, quotes),
        meetings=facts(Meeting, meetings), positions=facts(Position, positions),
        agreements=facts(Agreement, agreements), incidents=facts(Incident, incidents),
    )
    return doc, record


def state(name: str, form: str | None = None) -> dict:
    return {"name": name, "kind": "state", "form": form or name}


def group(name: str, form: str | None = None) -> dict:
    return {"name": name, "kind": "group", "form": form or name}


def mentioned(doc_id: str, text: str, *, actors=(), **facts) -> tuple[Document, Record]:
    """:func:`report`, with every occurrence of an actor's ``form`` (:func:`state`, :func:`group`) as a mention."""
    def every(form):
        out, i = [], text.find(form)
        while i >= 0:
            out.append(Evidence.of(text, i, i + len(form)))
            i = text.find(form, i + 1)
        return out

    actors = [{"name": a["name"], "kind": a["kind"], "mentions": every(a["form"])} for a in actors]
    return report(doc_id, text, actors=actors, **facts)


def world() -> list[tuple[Document, Record]]:
    """Five reports: three outlets on one round of Russia–Ukraine talks, a later one, and Gaza."""
    t1 = ("Ukrainian President Volodymyr Zelenskyy said the talks in Abu Dhabi were useful. "
          "\"We want a just peace,\" Zelenskyy said. Russia and Ukraine agreed to exchange 314 prisoners. "
          "Russia rejected a demilitarized zone. Ukraine proposed a demilitarized zone.")
    t2 = ("President Zelensky said: \"We want a just peace.\" Talks in Abu Dhabi ended on Thursday. "
          "Moscow and Kyiv swapped 314 prisoners of war. Kremlin spokesman Dmitry Peskov said Russia's position is unchanged.")
    t3 = ("Volodymyr Zelenskiy met envoys in Abu Dhabi. The two sides exchanged 314 POWs. "
          "Ukraine demands a full ceasefire. Russia rejected the ceasefire.")
    t4 = ("Weeks later in Geneva, Russia accepted a ceasefire and Ukraine accepted the ceasefire too. "
          "Peskov said: \"The Geneva round was constructive.\"")
    t5 = "Israel and Hamas agreed a ceasefire in Cairo. Hamas rejected disarmament. Israel demanded disarmament."
    zel = {"kind": "person", "roles": ["President"], "affiliation": "Ukraine"}
    ru_ua = ["Russia", "Ukraine"]
    return [
        report("kyiv-1", t1, "2026-02-04", source="Kyiv Post",
               actors=[{"name": "Volodymyr Zelenskyy", **zel}, {"name": "Russia", "kind": "state"},
                       {"name": "Ukraine", "kind": "state"}],
               quotes=[{"speaker": "Volodymyr Zelenskyy", "kind": "direct", "text": "We want a just peace,",
                        "ev": "We want a just peace,"}],
               meetings=[{"place": "Abu Dhabi", "start": "2026-02-04", "parties": ru_ua, "mediators": ["United States"],
                          "ev": "talks in Abu Dhabi"}],
               agreements=[{"kind": "prisoner_exchange", "parties": ru_ua, "quantity": 314, "status": "agreed",
                            "date": "2026-02-04", "ev": "agreed to exchange 314 prisoners"}],
               positions=[{"party": "Russia", "issue": "demilitarization", "stance": "reject",
                           "claim": "Russia rejected a demilitarized zone.", "ev": "Russia rejected a demilitarized zone."},
                          {"party": "Ukraine", "issue": "demilitarization", "stance": "propose",
                           "ev": "Ukraine proposed a demilitarized zone."}]),
        report("wire-2", t2, "2026-02-05", source="Wire",
               actors=[{"name": "Zelensky", **zel}, {"name": "Dmitry Peskov", "kind": "person",
                                                      "roles": ["spokesman"], "affiliation": "Russia"}],
               quotes=[{"speaker": "Zelensky", "kind": "direct", "text": "We want a just peace.", "ev": "We want a just peace."}],
               meetings=[{"place": "Abu Dhabi", "end": "2026-02-05", "parties": ru_ua, "ev": "Talks in Abu Dhabi"}],
               agreements=[{"kind": "prisoner_exchange", "parties": ru_ua, "quantity": 314, "status": "implemented",
                            "ev": "swapped 314 prisoners of war"}],
               positions=[{"party": "Russia", "actor": "Dmitry Peskov", "issue": "general", "stance": "unchanged",
                           "ev": "Russia's position is unchanged"}]),
        report("daily-3", t3, "2026-02-05", source="Daily",
               actors=[{"name": "Volodymyr Zelenskiy", **zel}],
               meetings=[{"place": "Abu Dhabi", "start": "2026-02-05", "parties": ["Ukraine"], "ev": "in Abu Dhabi"}],
               agreements=[{"kind": "prisoner_exchange", "parties": ru_ua, "quantity": 314, "ev": "exchanged 314 POWs"}],
               positions=[{"party": "Ukraine", "issue": "ceasefire", "stance": "demand", "ev": "Ukraine demands a full ceasefire."},
                          {"party": "Russia", "issue": "ceasefire", "stance": "reject", "ev": "Russia rejected the ceasefire."}]),
        report("geneva-4", t4, "2026-03-10", source="Wire",
               actors=[{"name": "Dmitry Peskov", "kind": "person", "affiliation": "Russia"}],
               quotes=[{"speaker": "Dmitry Peskov", "kind": "direct", "text": "The Geneva round was constructive.",
                        "ev": "The Geneva round was constructive."}],
               meetings=[{"place": "Geneva", "start": "2026-03-09", "parties": ru_ua, "ev": "in Geneva"}],
               positions=[{"party": "Russia", "issue": "ceasefire", "stance": "accept", "ev": "Russia accepted a ceasefire"},
                          {"party": "Ukraine", "issue": "ceasefire", "stance": "accept", "ev": "Ukraine accepted the ceasefire too"}]),
        report("gaza-5", t5, "2025-10-09", source="Cairo Wire",
               actors=[{"name": "Israel", "kind": "state"}, {"name": "Hamas", "kind": "group"}],
               meetings=[{"place": "Cairo", "parties": ["Israel", "Hamas"], "ev": "in Cairo"}],
               agreements=[{"kind": "ceasefire", "parties": ["Israel", "Hamas"], "status": "agreed",
                            "ev": "Israel and Hamas agreed a ceasefire"}],
               positions=[{"party": "Hamas", "issue": "demilitarization", "stance": "reject", "ev": "Hamas rejected disarmament."},
                          {"party": "Israel", "issue": "demilitarization", "stance": "demand", "ev": "Israel demanded disarmament."}]),
    ]


@pytest.fixture
def world_store(store):
    """The store holding :func:`world` (a fresh one per test: tests may write)."""
    for document, record in world():
        store.add(document, record)
    return store


@pytest.fixture(scope="module", params=BACKENDS)
def world_readonly(request, tmp_path_factory):
    """One store holding :func:`world` per module and backend, for read-only tests."""
    from detente.store import Store

    with fresh_db(request.param, tmp_path_factory.mktemp("world")) as url, Store(url) as s:
        for document, record in world():
            s.add(document, record)
        yield s
