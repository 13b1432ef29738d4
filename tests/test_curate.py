"""Analysts' corrections (issue 17): stable ids, the overlay in every reader, undo, re-extraction,
exchange, and one-line errors — on SQLite and PostgreSQL (storekit's ``store`` fixture)."""

from __future__ import annotations

import io
import json

import pytest

from detente import curate, query
from detente.corrections import entity_id, fact_ids
from detente.errors import ConfigError
from detente.export import export
from storekit import fresh_db, report, world  # noqa: F401
from storekit import db_url, store, world_store  # noqa: F401

RU_UA = "Russia–Ukraine"


def _position(store, party, issue, stance=None):
    found = [p for p in query.positions(store, party=party, issue=issue) if stance in (None, p.stance)]
    assert found, (party, issue, stance)
    return found[0]


def _actor(store, name):
    return next(a for a in query.list_actors(store) if a.name == name)


def _gap(store, issue, raw=False):
    return next(g for g in query.gap(store, process=RU_UA, raw=raw) if g.issue == issue).current


# -- stable ids -----------------------------------------------------------------------------------

def test_fact_ids_do_not_depend_on_the_order_facts_are_listed():
    _, record = world()[0]
    flipped = record.model_copy(update={"positions": list(reversed(record.positions))})
    assert set(fact_ids(record).values()) == set(fact_ids(flipped).values())
    assert len(set(fact_ids(record).values())) == len(fact_ids(record))


def test_ids_survive_a_rebuild_in_another_order(db_url, tmp_path):
    """Facts and merged entities keep their ids when the same reports are stored in reverse order."""
    from detente.store import Store

    def ids(url, reports):
        with Store(url) as s:
            for d, r in reports:
                s.add(d, r)
            return ({p.id for p in query.positions(s)}, {a.id for a in query.list_actors(s)},
                    {e.id for e in query.timeline(s)}, {q.id for q in query.quotes(s)})

    first = ids(db_url, world())
    with fresh_db("sqlite", tmp_path) as other:
        assert ids(other, list(reversed(world()))) == first
    assert all(i and i.startswith(("f-", "e-")) for group in first for i in group)


def test_entity_id_is_the_kind_and_smallest_fact(world_store):
    zel = _actor(world_store, "Volodymyr Zelenskyy")
    mentions = [f.id for f in _facts_of(world_store, zel.id)]
    assert zel.id == entity_id("actor", min(mentions + _speaker_facts(world_store, zel.id)))


def _facts_of(store, sid):
    from detente.store.corrections import facts_of

    return facts_of(store, sid)


def _speaker_facts(store, sid):
    from sqlalchemy import select

    from detente.store.models import EntityRow, FactRow

    with store.session() as s:
        eid = s.execute(select(EntityRow.id).where(EntityRow.sid == sid)).scalar()
        return list(s.execute(select(FactRow.fid).where(FactRow.speaker_id == eid)).scalars())


# -- the overlay everywhere -------------------------------------------------------------------------

def test_set_stance_changes_positions_gap_and_export_but_not_raw(world_store):
    p = _position(world_store, "Russia", "ceasefire", "accept")
    assert _gap(world_store, "ceasefire") == 0
    c = curate.set_field(world_store, p.id, "stance", "reject", why="misread negation", by="ana")
    assert (c.before, c.value, c.by, c.why) == ("accept", "reject", "ana", "misread negation")
    fixed = next(e for e in query.positions(world_store, party="Russia") if e.id == p.id)
    assert (fixed.stance, fixed.corrected) == ("reject", True)
    assert _gap(world_store, "ceasefire") == 1 and _gap(world_store, "ceasefire", raw=True) == 0
    assert next(e for e in query.positions(world_store, raw=True) if e.id == p.id).stance == "accept"
    rows = list(_csv(world_store))
    assert next(r for r in rows if r["id"] == p.id)["stance"] == "reject"
    record = next(r for r in _jsonl(world_store) if r["document"]["id"] == "geneva-4")
    assert next(f for f in record["positions"] if f["id"] == p.id)["stance"] == "reject"


def test_a_corrected_party_is_found_by_its_new_party(world_store):
    p = _position(world_store, "Ukraine", "ceasefire", "demand")
    curate.set_field(world_store, p.id, "party", "Kyiv", by="ana")
    assert [e.id for e in query.positions(world_store, party="Kyiv")] == [p.id]
    assert p.id not in {e.id for e in query.positions(world_store, party="Ukraine")}


def test_hide_leaves_the_fact_out_until_restored(world_store):
    p = _position(world_store, "Russia", "demilitarization")
    curate.hide(world_store, p.id, why="a question, not a position", by="ana")
    assert p.id not in {e.id for e in query.positions(world_store)}
    assert p.id in {e.id for e in query.positions(world_store, raw=True)}
    assert p.id not in {f["id"] for f in _csv(world_store)}
    doc = query.get_document(world_store, "kyiv-1")
    assert p.id not in {f.id for f in doc.record.positions}
    curate.restore(world_store, p.id, by="ana")
    assert p.id in {e.id for e in query.positions(world_store)}


def test_hidden_sources_leave_merged_events(world_store):
    meeting = next(e for e in query.timeline(world_store) if e.kind == "meeting" and len(e.sources) == 3)
    for ref in meeting.sources:
        curate.hide(world_store, ref.fact_id, by="ana")
    assert meeting.id not in {e.id for e in query.timeline(world_store)}
    assert meeting.id in {e.id for e in query.timeline(world_store, raw=True)}


def test_verify_marks_without_changing(world_store):
    p = _position(world_store, "Israel", "demilitarization")
    curate.verify(world_store, p.id, by="bo")
    entry = next(e for e in query.positions(world_store) if e.id == p.id)
    assert (entry.verified, entry.corrected, entry.stance) == (True, False, p.stance)


def test_merge_actors_in_lists_and_details(world_store):
    zel, peskov = _actor(world_store, "Volodymyr Zelenskyy"), _actor(world_store, "Dmitry Peskov")
    curate.merge(world_store, peskov.id, zel.id, why="test", by="bo")
    actors = {a.id: a for a in query.list_actors(world_store)}
    assert peskov.id not in actors and actors[zel.id].corrected
    assert actors[zel.id].n_reports == zel.n_reports + peskov.n_reports
    assert "Dmitry Peskov" in actors[zel.id].spellings
    detail = query.get_actor(world_store, "Peskov")
    assert detail.actor.id == zel.id and {q.speaker for q in detail.quotes} >= {"Dmitry Peskov"}
    assert {a.id for a in query.list_actors(world_store, raw=True)} >= {zel.id, peskov.id}


def test_split_actor(world_store):
    zel = _actor(world_store, "Volodymyr Zelenskyy")
    mentions = [f for f in _facts_of(world_store, zel.id) if f.document_id == "daily-3"]
    c = curate.split(world_store, zel.id, [mentions[0].id], "Oleksandr Zelenskiy", by="ana")
    actors = {a.id: a for a in query.list_actors(world_store)}
    assert actors[c.data["entity"]].name == "Oleksandr Zelenskiy" and actors[c.data["entity"]].n_reports == 1
    assert actors[zel.id].n_reports == zel.n_reports - 1


def test_move_and_not_a_peace_process(world_store):
    c = curate.move(world_store, "geneva-4", "Geneva track", why="another track", by="bo")
    assert c.before == {"process": RU_UA, "locked": False}
    procs = {p.name: p.n_reports for p in query.list_processes(world_store)}
    assert procs["Geneva track"] == 1 and procs[RU_UA] == 3
    curate.move(world_store, "gaza-5", None, why="not about talks", by="bo")
    assert "Israel–Hamas" not in {p.name for p in query.list_processes(world_store)}
    assert {p.process for p in query.positions(world_store) if p.source.document_id == "gaza-5"} == {None}


@pytest.mark.parametrize("make", ["hide", "set", "move", "rename", "merge"])
def test_undo_gives_back_the_picture_before(world_store, make):
    before = (query.positions(world_store), query.list_actors(world_store), query.list_processes(world_store))
    p = _position(world_store, "Russia", "ceasefire", "accept")
    c = {
        "hide": lambda: curate.hide(world_store, p.id, by="a"),
        "set": lambda: curate.set_field(world_store, p.id, "stance", "reject", by="a"),
        "move": lambda: curate.move(world_store, "geneva-4", "Elsewhere", by="a"),
        "rename": lambda: curate.rename(world_store, RU_UA, "Israel–Hamas", by="a"),
        "merge": lambda: curate.merge(world_store, _actor(world_store, "Israel").id, _actor(world_store, "Hamas").id, by="a"),
    }[make]()
    assert (query.positions(world_store), query.list_actors(world_store), query.list_processes(world_store)) != before
    undone = curate.undo(world_store, c.id, by="b")
    assert undone.undone_by == "b"
    after = (query.positions(world_store), query.list_actors(world_store), query.list_processes(world_store))
    assert after == before
    with pytest.raises(ConfigError, match="already undone"):
        curate.undo(world_store, c.id, by="b")


def test_add_a_missed_fact(world_store):
    c = curate.add(world_store, "daily-3", "position", {"party": "Ukraine", "issue": "prisoners", "stance": "accept"},
                   quote="The two sides exchanged 314 POWs.", why="missed", by="ana")
    added = [e for e in query.positions(world_store, issue="prisoners")]
    assert [(e.id, e.party, e.corrected, e.source.text) for e in added] == [
        (c.target, "Ukraine", True, "The two sides exchanged 314 POWs.")]
    assert c.target in {f["id"] for f in _csv(world_store)}
    doc = query.get_document(world_store, "daily-3")
    assert c.target in {f.id for f in doc.record.positions}
    curate.hide(world_store, c.target, by="ana")  # an added fact is a fact like the others
    assert not query.positions(world_store, issue="prisoners")


@pytest.mark.parametrize("call, message", [
    (lambda s: curate.hide(s, "f-000000000000", by="a"), "no fact 'f-000000000000'"),
    (lambda s: curate.hide(s, "kyiv-1", by="a"), "is not a fact id"),
    (lambda s: curate.set_field(s, _position(s, "Russia", "ceasefire").id, "colour", "red", by="a"),
     "use one of party, issue, stance, date, speaker"),
    (lambda s: curate.set_field(s, _position(s, "Russia", "ceasefire").id, "stance", "rejected", by="a"),
     "not one of: propose, demand, accept, reject, unchanged"),
    (lambda s: curate.set_field(s, _position(s, "Russia", "ceasefire").id, "issue", "weather", by="a"),
     "not one of: territory"),
    (lambda s: curate.set_field(s, _position(s, "Russia", "ceasefire").id, "date", "soon", by="a"), "not a date"),
    (lambda s: curate.hide(s, _position(s, "Russia", "ceasefire").id, by=""), "--by"),
    (lambda s: curate.merge(s, "e-000000000000", _actor(s, "Israel").id, by="a"), "no actor"),
    (lambda s: curate.add(s, "kyiv-1", "position", {"party": "X"}, quote="Russia", by="a"), "needs"),
    (lambda s: curate.add(s, "kyiv-1", "position", {"party": "X"}, quote="not in the text", by="a"), "does not say"),
    (lambda s: curate.add(s, "kyiv-1", "opinion", {}, quote="Russia", by="a"), "unknown fact kind"),
    (lambda s: curate.rename(s, "Nowhere", "X", by="a"), "no process 'Nowhere'"),
    (lambda s: curate.undo(s, "c-nope", by="a"), "no correction"),
])
def test_bad_ids_fields_and_values_say_what_is_valid(world_store, call, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")) as info:
        call(world_store)
    assert "\n" not in str(info.value)
    assert curate.log(world_store) == []


# -- re-extraction, orphans, exchange -------------------------------------------------------------

def test_force_reingest_keeps_every_correction(world_store):
    p = _position(world_store, "Russia", "ceasefire", "accept")
    q = _position(world_store, "Russia", "demilitarization")
    curate.set_field(world_store, p.id, "stance", "reject", by="ana")
    curate.hide(world_store, q.id, by="ana")
    curate.merge(world_store, _actor(world_store, "Dmitry Peskov").id, _actor(world_store, "Volodymyr Zelenskyy").id, by="bo")
    curate.move(world_store, "geneva-4", "Geneva track", by="bo")
    before = (query.positions(world_store), query.list_actors(world_store), query.gap(world_store),
              query.list_processes(world_store), sorted(map(str, _csv(world_store))))
    for document, record in reversed(world()):
        assert world_store.add(document, record, force=True) == "replaced"
    after = (query.positions(world_store), query.list_actors(world_store), query.gap(world_store),
             query.list_processes(world_store), sorted(map(str, _csv(world_store))))
    key = lambda e: (e.date or "", e.id)  # noqa: E731 — same-day order follows row numbers, which changed
    assert sorted(after[0], key=key) == sorted(before[0], key=key)
    assert after[1:3] == before[1:3] and after[4] == before[4]
    assert {p.name: p.n_reports for p in after[3]} == {p.name: p.n_reports for p in before[3]}
    assert curate.orphaned(world_store) == []


def test_a_correction_whose_fact_is_gone_is_listed_not_dropped(world_store):
    p = _position(world_store, "Ukraine", "ceasefire", "accept")
    c = curate.set_field(world_store, p.id, "stance", "demand", why="x", by="ana")
    document, record = world()[3]
    newer = record.model_copy(update={"positions": [x for x in record.positions if x.party != "Ukraine"]})
    world_store.add(document, newer, force=True)
    assert [o.id for o in curate.orphaned(world_store)] == [c.id]
    assert [o.id for o in curate.log(world_store, orphaned=True)] == [c.id]
    world_store.add(document, record, force=True)  # found again: applies again
    assert curate.orphaned(world_store) == []
    assert next(e for e in query.positions(world_store) if e.id == p.id).stance == "demand"


def test_log_filters_by_person_and_process(world_store):
    curate.hide(world_store, _position(world_store, "Israel", "demilitarization").id, why="a", by="ana")
    curate.verify(world_store, _position(world_store, "Russia", "ceasefire", "accept").id, why="b", by="bo")
    assert [c.by for c in curate.log(world_store, by="bo")] == ["bo"]
    assert [c.process for c in curate.log(world_store, process="Israel–Hamas")] == ["Israel–Hamas"]
    assert [c.why for c in curate.log(world_store)] == ["a", "b"]


def test_export_import_is_idempotent(world_store, db_url, tmp_path):
    from detente.store import Store

    curate.set_field(world_store, _position(world_store, "Russia", "ceasefire", "accept").id, "stance", "reject", by="a")
    curate.move(world_store, "geneva-4", "Geneva track", by="a")
    undone = curate.hide(world_store, _position(world_store, "Israel", "demilitarization").id, by="a")
    curate.undo(world_store, undone.id, by="a")
    out = io.StringIO()
    assert curate.export_jsonl(world_store, out) == 3
    lines = out.getvalue().splitlines()
    with fresh_db("sqlite", tmp_path) as other, Store(other) as copy:
        for d, r in world():
            copy.add(d, r)
        assert curate.import_jsonl(copy, lines) == (3, 0)
        assert curate.import_jsonl(copy, lines) == (0, 3)
        assert query.positions(copy) == query.positions(world_store)
        assert {p.name for p in query.list_processes(copy)} == {p.name for p in query.list_processes(world_store)}
        with pytest.raises(ConfigError, match="line 1"):
            curate.import_jsonl(copy, ["{not json"])


def test_a_store_from_before_0005_gets_the_writers_ids(db_url):
    """Downgrade to 0004, upgrade: the migration computes the same fact and entity ids as the writer."""
    from alembic import command

    from detente.store import Store
    from detente.store.engine import alembic_config

    with Store(db_url) as s:
        for d, r in world():
            s.add(d, r)
        ids = ({p.id for p in query.positions(s)}, {a.id for a in query.list_actors(s)}, {e.id for e in query.timeline(s)})
        with s.engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0004")
    with Store(db_url) as s:
        assert ({p.id for p in query.positions(s)}, {a.id for a in query.list_actors(s)},
                {e.id for e in query.timeline(s)}) == ids


def _csv(store):
    import csv

    out = io.StringIO()
    export(store, "csv", out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def _jsonl(store):
    out = io.StringIO()
    export(store, "jsonl", out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_reader_sees_corrections_made_through_another_connection(world_store, db_url):
    """The folded corrections are cached on the store, keyed by what the table holds, not by who wrote."""
    from detente.store import Store

    p = _position(world_store, "Russia", "ceasefire", "accept")
    assert query.positions(world_store)  # fills the cache
    with Store(db_url) as other:
        c = curate.set_field(other, p.id, "stance", "reject", by="elsewhere")
    assert next(e for e in query.positions(world_store) if e.id == p.id).stance == "reject"
    with Store(db_url) as other:
        curate.undo(other, c.id, by="elsewhere")
    assert next(e for e in query.positions(world_store) if e.id == p.id).stance == "accept"
