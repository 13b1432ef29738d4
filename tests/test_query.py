"""The read API (detente.query) over the hand-made world, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from detente import query
from storekit import db_url, store, world, world_readonly  # noqa: F401

RU_UA = "Russia–Ukraine"


def test_processes(world_readonly):
    procs = {p.name: p for p in query.list_processes(world_readonly)}
    assert set(procs) == {RU_UA, "Israel–Hamas"}
    ru = procs[RU_UA]
    assert (ru.parties, ru.n_reports, ru.first, ru.last) == (["Russia", "Ukraine"], 4, "2026-02-04", "2026-03-10")
    assert ru.latest_meeting.title.endswith("Geneva")
    assert ru.latest_agreement.kind == "agreement"
    assert ru.gap_trend == "narrowing"


@pytest.mark.parametrize("spelling", ["Zelensky", "Volodymyr Zelenskiy", "zelenskyy", "ZELENSKYY"])
def test_one_actor_whatever_the_spelling(world_readonly, spelling):
    actor = query.get_actor(world_readonly, spelling)
    assert actor.actor.name == "Volodymyr Zelenskyy"
    assert actor.actor.n_reports == 3
    assert set(actor.actor.spellings) == {"Volodymyr Zelenskyy", "Zelensky", "Volodymyr Zelenskiy"}
    assert [r.role for r in actor.roles] == ["President"] and len(actor.roles[0].sources) == 3


def test_unknown_actor(world_readonly):
    assert query.get_actor(world_readonly, "Nobody Atall") is None


@pytest.mark.parametrize("kw, names", [
    ({"kind": "person"}, ["Volodymyr Zelenskyy", "Dmitry Peskov"]),
    ({"process": "Israel–Hamas"}, ["Hamas", "Israel"]),
])
def test_list_actors(world_readonly, kw, names):
    assert [a.name for a in query.list_actors(world_readonly, **kw)] == names


def test_one_meeting_per_round_with_every_source(world_readonly):
    meetings = [e for e in query.timeline(world_readonly, process=RU_UA) if e.kind == "meeting"]
    assert [m.title.split(" in ")[-1] for m in meetings] == ["Abu Dhabi", "Geneva"]
    assert sorted(s.document_id for s in meetings[0].sources) == ["daily-3", "kyiv-1", "wire-2"]
    assert all(s.text for s in meetings[0].sources)


def test_one_agreement_per_exchange(world_readonly):
    deals = [e for e in query.timeline(world_readonly, process=RU_UA) if e.kind == "agreement"]
    assert len(deals) == 1 and len(deals[0].sources) == 3 and "314" in deals[0].title


def test_statement_reported_twice_is_on_the_timeline(world_readonly):
    statements = [e for e in query.timeline(world_readonly) if e.kind == "statement"]
    assert len(statements) == 1 and "just peace" in statements[0].title


@pytest.mark.parametrize("kw, n", [
    ({}, 6), ({"since": "2026-03-01"}, 1), ({"until": "2026-02-04"}, 5), ({"limit": 2}, 2),
])
def test_timeline_filters(world_readonly, kw, n):
    events = query.timeline(world_readonly, **kw)
    assert len(events) == n
    assert [e.date for e in events] == sorted(e.date for e in events)


@pytest.mark.parametrize("kw, n", [
    ({}, 9), ({"party": "Russia"}, 4), ({"issue": "ceasefire"}, 4), ({"process": "Israel–Hamas"}, 2),
    ({"party": "Russia", "issue": "ceasefire"}, 2), ({"limit": 3}, 3),
])
def test_positions(world_readonly, kw, n):
    found = query.positions(world_readonly, **kw)
    assert len(found) == n
    assert all(p.source.document_id and p.source.text for p in found)
    assert [p.date for p in found] == sorted(p.date for p in found)


def test_position_matrix(world_readonly):
    m = query.position_matrix(world_readonly, RU_UA)
    assert m.parties == ["Russia", "Ukraine"]
    assert m.issues == ["ceasefire", "demilitarization", "general"]
    assert [e.stance for e in m.cells["Russia"]["ceasefire"]] == ["reject", "accept"]


@pytest.mark.parametrize("process, issue, current, trend", [
    (RU_UA, "ceasefire", 0.0, "narrowing"), (RU_UA, "demilitarization", 1.0, "steady"),
    ("Israel–Hamas", "demilitarization", 1.0, "steady"),
])
def test_gap(world_readonly, process, issue, current, trend):
    (series,) = query.gap(world_readonly, process=process, issue=issue)
    assert (series.current, series.trend) == (current, trend)
    assert series.points[-1].sources


@pytest.mark.parametrize("kw, texts", [
    ({"speaker": "Zelenskyy"}, ["We want a just peace,"]),
    ({"speaker": "Peskov"}, ["The Geneva round was constructive."]),
    ({"text": "geneva"}, ["The Geneva round was constructive."]),
    ({"party": "Ukraine"}, ["We want a just peace,"]),
    ({"until": "2026-02-28"}, ["We want a just peace,"]),
    ({}, ["The Geneva round was constructive.", "We want a just peace,"]),
])
def test_quotes_deduplicated(world_readonly, kw, texts):
    found = query.quotes(world_readonly, **kw)
    assert [q.text for q in found] == texts


def test_repeated_quote_lists_both_outlets(world_readonly):
    (q,) = query.quotes(world_readonly, speaker="Zelensky")
    assert sorted(s.document_id for s in q.sources) == ["kyiv-1", "wire-2"]


@pytest.mark.parametrize("text, ids", [
    ("prisoners", {"kyiv-1", "wire-2"}), ("Geneva constructive", {"geneva-4"}), ("disarmament", {"gaza-5"}),
    ("zzzz", set()), ("\"unbalanced (quote", set()), ("", set()),
])
def test_search(world_readonly, text, ids):
    hits = query.search(world_readonly, text)
    assert {h.document_id for h in hits} == ids
    assert all(h.snippet for h in hits)


def test_get_document(world_readonly):
    """The record as extracted, each fact with its stable id (and nothing else) added."""
    from detente.corrections import Overlay, corrected_record, fact_ids

    view = query.get_document(world_readonly, "kyiv-1")
    doc, rec = world()[0]
    assert (view.document, view.record, view.process) == (doc, corrected_record(rec, Overlay()), RU_UA)
    assert [p.id for p in view.record.positions] == [fact_ids(rec)[("positions", i)] for i in range(2)]
    assert query.get_document(world_readonly, "nope") is None


def test_empty_store_answers_empty(store):
    assert query.list_processes(store) == [] and query.timeline(store) == [] and query.gap(store) == []
    assert query.quotes(store) == [] and query.search(store, "peace") == []


@pytest.mark.parametrize("name", ["list_processes", "list_actors", "get_actor", "timeline", "positions",
                                  "position_matrix", "gap", "standings", "quotes", "search", "get_document"])
def test_api_is_exported_and_documented(name):
    assert name in query.__all__ and callable(getattr(query, name)) and getattr(query, name).__doc__


def test_results_are_json_ready(world_readonly):
    import json

    for item in [*query.list_processes(world_readonly), *query.gap(world_readonly)[:1],
                 query.position_matrix(world_readonly, RU_UA)]:
        json.loads(item.model_dump_json())


@pytest.mark.parametrize("body, text, expected", [
    ("Talks resumed. Both sides exchanged prisoners on Friday.", "prisoner exchange", "[exchanged]"),
    ("Nothing here.", "ceasefire", "Nothing here."),
])
def test_snippet_marks_the_first_hit(body, text, expected):
    from detente.store.queries import _snippet

    assert expected in _snippet(body, text, width=20)


def test_standings(world_readonly):
    st = query.standings(world_readonly, RU_UA)
    assert st.parties == ["Russia", "Ukraine"]
    by = {i.issue: i for i in st.issues}
    cease = by["ceasefire"]
    assert {p: c.stance for p, c in cease.cells.items()} == {"Russia": "accept", "Ukraine": "accept"}
    assert (cease.gap, cease.trend, cease.empty) == (0.0, "narrowing", False)
    cell = cease.cells["Russia"]
    assert cell.source.document_id == "geneva-4" and cell.source.source == "Wire"
    assert cell.source.text == "Russia accepted a ceasefire" and cell.claim == "Russia accepted a ceasefire"
    assert by["demilitarization"].cells["Russia"].claim == "Russia rejected a demilitarized zone."
    assert by["justice"].empty and by["justice"].cells["Russia"].stance is None  # folded away by the UI
    assert [i.issue for i in st.issues][:3] == ["territory", "security_guarantees", "ceasefire"]  # taxonomy order


def test_standings_on_a_date(world_readonly):
    st = query.standings(world_readonly, RU_UA, on="2026-02-05")
    cease = next(i for i in st.issues if i.issue == "ceasefire")
    assert {p: c.stance for p, c in cease.cells.items()} == {"Russia": "reject", "Ukraine": "demand"}
    assert cease.gap == 1.0 and st.on == "2026-02-05"


@pytest.mark.parametrize("given, known, expected", [
    ("Russia-Ukraine", [RU_UA, "Israel–Hamas"], RU_UA),
    ("russia — ukraine", [RU_UA], RU_UA),
    ("RUSSIA‑UKRAINE", [RU_UA], RU_UA),  # non-breaking hyphen
    ("Russia–Ukraine", ["Russia-Ukraine", RU_UA], RU_UA),  # an exact match wins
    ("  DR   Congo–M23 ", ["DR Congo–M23"], "DR Congo–M23"),
    (None, [RU_UA], None),
    ("", [RU_UA], None),
])
def test_match_name_ignores_case_dashes_and_spacing(given, known, expected):
    assert query.match_name(given, known, "process") == expected


@pytest.mark.parametrize("given, known, first", [
    ("Russia-Ukrain", ["Israel–Hamas", RU_UA, "Armenia–Azerbaijan"], RU_UA),
    ("Ukraine–Russia", ["Israel–Hamas", RU_UA], RU_UA),
    ("Gaza", ["Israel–Hamas", RU_UA], "Israel–Hamas"),  # nothing close: the known ones in order
])
def test_match_name_refuses_an_unknown_name_closest_first(given, known, first):
    from detente.errors import ConfigError, UnknownName

    with pytest.raises(UnknownName) as info:
        query.match_name(given, known, "process")
    assert isinstance(info.value, ConfigError) and info.value.known[0] == first
    assert sorted(info.value.known) == sorted(known)
    assert str(info.value).startswith(f"no process {given!r}; known: {first}")


@pytest.mark.parametrize("listing, filters", [
    ("timeline", {"process": "russia-ukraine"}), ("positions", {"party": "RUSSIA"}), ("quotes", {}),
    ("actors", {"kind": "person"}), ("search", {"text": "ceasefire"}), ("processes", {}),
])
def test_page_counts_everything_it_cuts(world_readonly, listing, filters):
    everything = query.page(listing, world_readonly, limit=None, **filters)
    assert everything.total == len(everything.items) >= 2 and not everything.cut
    first = query.page(listing, world_readonly, limit=1, **filters)
    assert (first.total, len(first.items), first.cut) == (everything.total, 1, True)
    assert first.showing() == f"showing 1 of {everything.total}"
    last = query.page(listing, world_readonly, limit=1, offset=everything.total - 1, **filters)
    assert last.showing() == f"showing {everything.total}–{everything.total} of {everything.total}"
