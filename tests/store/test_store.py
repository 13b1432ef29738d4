"""The Store: round trips, idempotence, replacement, processes — on both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from detente.store import Store, content_hash
from detente.store.models import EntityRow, FactRow
from storekit import report, world


def test_record_round_trips(store):
    for document, record in world():
        assert store.add(document, record) == "added"
    for document, record in world():
        got_doc, got_rec, _, digest = store.get(document.id)
        assert got_doc == document
        assert got_rec == record
        assert digest == content_hash(document)


def test_missing_document_is_none(store):
    assert store.get("nope") is None


@pytest.mark.parametrize("change, expected", [(None, "unchanged"), ("text", "replaced"), ("title", "replaced")])
def test_add_is_idempotent_by_content_hash(store, change, expected):
    document, record = world()[0]
    store.add(document, record)
    before = store.count()
    if change == "text":
        document = document.model_copy(update={"text": document.text + " More."})
    elif change == "title":
        document = document.model_copy(update={"title": "New title"})
    assert store.add(document, record) == expected
    assert store.count() == before  # a replaced report does not pile up facts or entities


def test_changed_report_replaces_its_own_facts(store):
    document, record = world()[0]
    store.add(document, record)
    fewer = record.model_copy(update={"positions": record.positions[:1], "quotes": []})
    new_doc = document.model_copy(update={"text": document.text + " "})
    assert store.add(new_doc, fewer) == "replaced"
    assert store.get(document.id)[1] == fewer
    counts = store.count()
    assert counts["positions"] == 1 and "quotes" not in counts and "merged_quotes" not in counts


def test_delete_removes_facts_and_orphan_entities(store):
    for document, record in world():
        store.add(document, record)
    for document, _ in world():
        assert store.delete(document.id)
    with store.session() as s:
        assert s.execute(select(func.count()).select_from(FactRow)).scalar() == 0
        assert s.execute(select(func.count()).select_from(EntityRow)).scalar() == 0


def test_every_fact_keeps_its_evidence(store):
    document, record = world()[0]
    store.add(document, record)
    with store.session() as s:
        rows = s.execute(select(FactRow.ev_start, FactRow.ev_end, FactRow.ev_text)).all()
    assert rows and all(document.text[a:b] == t for a, b, t in rows if t is not None)


@pytest.mark.parametrize("doc_id, process", [("kyiv-1", "Russia–Ukraine"), ("gaza-5", "Israel–Hamas"),
                                             ("daily-3", "Russia–Ukraine")])
def test_reports_are_grouped_into_processes(world_store, doc_id, process):
    assert world_store.get(doc_id)[2] == process


def test_user_process_overrides_and_sticks(store):
    document, record = world()[0]
    store.add(document, record, process="Custom")
    assert store.get(document.id)[2] == "Custom"
    store.add(document.model_copy(update={"text": document.text + "!"}), record)  # changed, no --process
    assert store.get(document.id)[2] == "Custom"


def test_set_process_moves_facts(world_store):
    world_store.set_process("daily-3", "Ukraine alone")
    with world_store.session() as s:
        procs = set(s.execute(text("SELECT DISTINCT f.process FROM facts f JOIN documents d "
                                   "ON d.pk = f.document_pk WHERE d.id = 'daily-3'")).scalars())
    assert procs == {"Ukraine alone"}
    assert "Ukraine alone" in world_store.processes()


def test_set_process_unknown_report_is_a_clear_error(store):
    from detente.errors import StoreError

    with pytest.raises(StoreError, match="no report 'x'"):
        store.set_process("x", "P")


def test_reopening_keeps_data_and_schema(db_url):
    document, record = world()[0]
    with Store(db_url) as s:
        s.add(document, record)
    with Store(db_url) as s:  # migrations already at head: a no-op
        assert s.get(document.id)[1] == record


def test_report_without_facts_is_stored(store):
    document, record = report("empty", "Nothing to see here.")
    assert store.add(document, record) == "added"
    assert store.get("empty")[2] is None


def test_mediators_give_way_and_single_party_processes_are_absorbed(store):
    """The store persists resolve's placement, moves included (detente.resolve decides)."""
    from storekit import report

    us_israel = report("us-1", "The United States and Israel agreed to a humanitarian pause.", "2025-01-01",
                       agreements=[{"kind": "humanitarian", "parties": ["United States", "Israel"]}])
    both = report("both-2", "Israel and Hamas agreed a ceasefire, with Qatar.", "2025-01-05",
                  agreements=[{"kind": "ceasefire", "parties": ["Israel", "Hamas", "Qatar"]}],
                  actors=[{"name": "Hamas", "kind": "group"}])
    store.add(*us_israel)
    assert store.get("us-1")[2] == "Israel"  # the US mediates: not a side
    store.add(*both)
    assert store.get("both-2")[2] == store.get("us-1")[2] == "Israel–Hamas"
    assert set(store.processes()) == {"Israel–Hamas"}
    with store.session() as s:  # the moved report's facts moved with it
        from sqlalchemy import text

        assert {p for (p,) in s.execute(text("SELECT DISTINCT f.process FROM facts f JOIN documents d "
                                              "ON d.pk = f.document_pk WHERE d.id = 'us-1'"))} == {"Israel–Hamas"}
