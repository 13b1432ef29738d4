"""Lists as people page and filter them: true totals, names in any case and dash type, the reports
list; over the hand-made world, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json

import pytest

from detente import query
from detente.export import write_rows
from storekit import db_url, store, world, world_readonly  # noqa: F401

RU_UA = "Russia–Ukraine"


@pytest.mark.parametrize("typed, known, expected", [
    ("Russia-Ukraine", [RU_UA, "Israel–Hamas"], RU_UA),
    ("russia — ukraine", [RU_UA], RU_UA),
    ("RUSSIA‐UKRAINE", [RU_UA], RU_UA),  # U+2010 hyphen
    ("Israel-Hamas", [RU_UA, "Israel–Hamas"], "Israel–Hamas"),
    ("Russia", [RU_UA], None),
    ("", [RU_UA], None),
    (None, [RU_UA], None),
])
def test_match_name_ignores_case_and_dash_type(typed, known, expected):
    assert query.match_name(typed, known) == expected


@pytest.mark.parametrize("typed", ["Russia-Ukraine", "russia–ukraine", "RUSSIA - UKRAINE"])
def test_every_filter_takes_the_process_as_typed(world_readonly, typed):
    s = world_readonly
    assert query.find_process(s, typed) == RU_UA
    assert query.timeline(s, process=typed) == query.timeline(s, process=RU_UA) != []
    assert query.positions(s, process=typed) == query.positions(s, process=RU_UA) != []
    assert query.list_actors(s, process=typed) == query.list_actors(s, process=RU_UA) != []
    assert query.quotes(s, process=typed) == query.quotes(s, process=RU_UA) != []
    assert query.gap(s, process=typed) == query.gap(s, process=RU_UA) != []
    assert query.position_matrix(s, typed) == query.position_matrix(s, RU_UA)
    assert query.reports(s, process=typed) == query.reports(s, process=RU_UA)


def test_unknown_names_match_nothing_rather_than_everything(world_readonly):
    assert query.find_process(world_readonly, "Atlantis") is None
    assert query.timeline(world_readonly, process="Atlantis") == []
    assert query.reports(world_readonly, process="Atlantis").total == 0
    assert query.positions(world_readonly, party="Atlantis") == []


@pytest.mark.parametrize("kw, n", [({"party": "russia"}, 4), ({"issue": "CEASEFIRE"}, 4)])
def test_party_and_issue_as_typed(world_readonly, kw, n):
    assert len(query.positions(world_readonly, **kw)) == n


@pytest.mark.parametrize("pager, kw", [
    (query.timeline_page, {}), (query.actors_page, {}), (query.quotes_page, {}), (query.reports, {}),
    (query.actors_page, {"kind": "person"}), (query.timeline_page, {"process": RU_UA}),
])
def test_pages_cover_the_list_and_tell_its_size(world_readonly, pager, kw):
    everything = pager(world_readonly, limit=1000, **kw)
    assert everything.total == len(everything.items) > 1
    pages = [pager(world_readonly, limit=2, offset=k, **kw) for k in range(0, everything.total, 2)]
    assert all(p.total == everything.total for p in pages)
    assert sorted(map(repr, (i for p in pages for i in p.items))) == sorted(map(repr, everything.items))
    assert (pages[-1].first, pages[-1].last) == (2 * (len(pages) - 1) + 1, everything.total)


def test_a_page_past_the_end_is_empty_but_knows_the_total(world_readonly):
    page = query.quotes_page(world_readonly, limit=5, offset=100)
    assert page.items == [] and page.total > 0 and page.first == 0


@pytest.mark.parametrize("sort, descending, key", [
    ("published", True, lambda r: r.published), ("facts", True, lambda r: r.n_facts),
    ("source", False, lambda r: r.source), ("process", False, lambda r: r.process or ""),
])
def test_reports_sort(world_readonly, sort, descending, key):
    found = query.reports(world_readonly, sort=sort, descending=descending).items
    assert len(found) == len(world())
    assert [key(r) for r in found] == sorted((key(r) for r in found), reverse=descending)


def test_reports_count_facts_and_filter(world_readonly):
    by_id = {r.document_id: r for r in query.reports(world_readonly).items}
    doc, record = next((d, r) for d, r in world() if d.id == "kyiv-1")
    expected = sum(len(getattr(record, k)) for k in ("actors", "quotes", "meetings", "agreements", "positions"))
    assert by_id["kyiv-1"].n_facts >= expected and by_id["kyiv-1"].source == "Kyiv Post"
    assert [r.document_id for r in query.reports(world_readonly, source="wire", sort="published").items] == ["geneva-4", "wire-2"]
    assert {r.document_id for r in query.reports(world_readonly, since="2026-03").items} == {"geneva-4"}


def test_quotes_carry_the_merged_speaker_name(world_readonly):
    quotes = {qt.text: qt for qt in query.quotes(world_readonly)}
    peace = next(qt for text, qt in quotes.items() if "just peace" in text)
    assert peace.speaker_name == "Volodymyr Zelenskyy"


def test_timeline_of_one_report(world_readonly):
    events = query.timeline_page(world_readonly, document_id="daily-3").items
    assert events and all(any(s.document_id == "daily-3" for s in e.sources) for e in events)
    assert len(events) < query.timeline_page(world_readonly).total


def test_filter_values(world_readonly):
    values = query.filter_values(world_readonly)
    assert values["process"] == sorted([RU_UA, "Israel–Hamas"])
    assert {"Russia", "Ukraine", "Hamas", "Israel"} <= set(values["party"])
    assert "Kyiv Post" in values["source"] and "ceasefire" in values["issue"]


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


@pytest.mark.parametrize("name", ["name_key", "match_name", "find_process", "timeline_page", "actors_page",
                                  "quotes_page", "reports", "filter_values"])
def test_list_api_is_exported_and_documented(name):
    assert name in query.__all__ and callable(getattr(query, name)) and getattr(query, name).__doc__
