"""What the dashboard's lists need from the read API beyond the CLI's paging (tests/test_query.py): the
reports list, every listing through query.page with names as typed, the merged speaker's name, one
report's events, the filters' choices and the rows as downloaded; on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json

import pytest

from detente import query
from detente.errors import UnknownName
from detente.export import write_rows
from storekit import db_url, store, world, world_readonly  # noqa: F401

RU_UA = "Russia–Ukraine"


@pytest.mark.parametrize("listing", ["timeline", "quotes", "actors", "positions", "reports"])
@pytest.mark.parametrize("typed", ["Russia-Ukraine", "russia–ukraine", "RUSSIA - UKRAINE"])
def test_every_listing_takes_the_process_as_typed(world_readonly, listing, typed):
    as_typed = query.page(listing, world_readonly, process=typed, limit=None)
    stored = query.page(listing, world_readonly, process=RU_UA, limit=None)
    assert as_typed == stored and stored.total > 0


@pytest.mark.parametrize("listing", ["timeline", "quotes", "actors", "reports"])
def test_an_unknown_process_is_refused_not_ignored(world_readonly, listing):
    with pytest.raises(UnknownName) as info:
        query.page(listing, world_readonly, process="Atlantis")
    assert RU_UA in info.value.known


@pytest.mark.parametrize("listing", ["timeline", "actors", "quotes", "reports"])
def test_pages_cover_the_list(world_readonly, listing):
    everything = query.page(listing, world_readonly, limit=None)
    pages = [query.page(listing, world_readonly, limit=2, offset=k) for k in range(0, everything.total, 2)]
    assert sorted(map(repr, (i for p in pages for i in p.items))) == sorted(map(repr, everything.items))
    assert (pages[-1].first, pages[-1].last) == (2 * (len(pages) - 1) + 1, everything.total)


@pytest.mark.parametrize("sort, descending, key", [
    ("published", True, lambda r: r.published), ("facts", True, lambda r: r.n_facts),
    ("source", False, lambda r: r.source), ("process", False, lambda r: r.process or ""),
])
def test_reports_sort(world_readonly, sort, descending, key):
    found = query.page("reports", world_readonly, sort=sort, descending=descending, limit=None).items
    assert len(found) == len(world())
    assert [key(r) for r in found] == sorted((key(r) for r in found), reverse=descending)


def test_reports_count_facts_and_filter(world_readonly):
    by_id = {r.document_id: r for r in query.reports(world_readonly, limit=None)}
    _, record = next((d, r) for d, r in world() if d.id == "kyiv-1")
    expected = sum(len(getattr(record, k)) for k in ("actors", "quotes", "meetings", "agreements", "positions"))
    assert by_id["kyiv-1"].n_facts >= expected and by_id["kyiv-1"].source == "Kyiv Post"
    wire = query.page("reports", world_readonly, source="wire", sort="published")
    assert [r.document_id for r in wire.items] == ["geneva-4", "wire-2"] and wire.total == 2
    assert {r.document_id for r in query.reports(world_readonly, since="2026-03")} == {"geneva-4"}


def test_quotes_carry_the_merged_speaker_name(world_readonly):
    peace = next(qt for qt in query.quotes(world_readonly) if "just peace" in qt.text)
    assert peace.speaker_name == "Volodymyr Zelenskyy"


def test_timeline_of_one_report(world_readonly):
    one = query.page("timeline", world_readonly, document_id="daily-3", limit=None)
    assert one.items and all(any(s.document_id == "daily-3" for s in e.sources) for e in one.items)
    assert one.total == len(one.items) < query.page("timeline", world_readonly).total


def test_filter_values(world_readonly):
    values = query.filter_values(world_readonly)
    assert values["process"] == sorted([RU_UA, "Israel–Hamas"])
    assert {"Russia", "Ukraine", "Hamas", "Israel"} <= set(values["party"])
    assert "Kyiv Post" in values["source"] and "ceasefire" in values["issue"]
    assert query.check_filters(world_readonly, source="KYIV POST") == {"source": "Kyiv Post"}


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_write_rows_gives_the_rows_as_shown(world_readonly, fmt):
    rows = query.quotes(world_readonly)
    out = io.StringIO()
    assert write_rows(rows, fmt, out) == len(rows)
    if fmt == "json":
        assert json.loads(out.getvalue()) == [json.loads(r.model_dump_json()) for r in rows]
    else:
        table = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert [t["text"] for t in table] == [r.text for r in rows]
        assert json.loads(table[0]["sources"])[0]["document_id"] == rows[0].sources[0].document_id
