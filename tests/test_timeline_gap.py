"""Issue 14's examples, end to end on a store (SQLite and PostgreSQL): records settled by
detente.resolve.timeline, stored, read back through detente.query and charted."""

from __future__ import annotations

import pytest

from detente import query
from detente.records import DateMention, Evidence
from detente.resolve.timeline import settle
from detente.web.charts import build_timeline, chart_span
from storekit import BACKENDS, fresh_db, report

RU_UA = "Russia–Ukraine"
RU_UA_PARTIES = ["Russia", "Ukraine"]
EXPLAINER = ("The first talks came four days after the invasion in February 2022. Then, the two sides held three "
             "rounds of direct talks in Belarus, ending on March 7, but nothing was agreed. Analysts urged the West "
             "to avoid a repeat of the 1994 Budapest Memorandum. Envoys met in Abu Dhabi on Tuesday.")


def _position(party, stance, issue, sentence):
    return {"party": party, "issue": issue, "stance": stance, "claim": sentence, "ev": sentence}


def _reports():
    out = []
    # Several outlets: Russia rejects the ceasefire; one later sentence says it accepts.
    for i, (outlet, day) in enumerate([("AP", "2025-02-10"), ("BBC", "2025-02-11"), ("TASS", "2025-02-12")]):
        text = f"Russia rejected the ceasefire, report {i}. Ukraine proposed a ceasefire."
        out.append(report(f"ceasefire-{i}", text, day, source=outlet, positions=[
            _position("Russia", "reject", "ceasefire", f"Russia rejected the ceasefire, report {i}."),
            _position("Ukraine", "propose", "ceasefire", "Ukraine proposed a ceasefire.")],
            meetings=[{"place": "Riyadh", "start": day, "parties": RU_UA_PARTIES, "ev": "Russia rejected"}]))
    lone = "Moscow previously agreed to a pause, Russia accepted the ceasefire."
    out.append(report("lone-4", lone, "2025-02-20", source="NPR",
                      positions=[_position("Russia", "accept", "ceasefire", lone)]))
    # The prisoner swap: Russia accepts, rejects, accepts, rejects, months apart; Ukraine proposes.
    for i, (stance, day) in enumerate([("accept", "2025-03-01"), ("reject", "2025-05-01"),
                                       ("accept", "2025-07-01"), ("reject", "2025-09-01")]):
        text = f"Russia said it would {stance} the swap. Ukraine proposed a swap."
        out.append(report(f"swap-{i}", text, day, source=f"Outlet {i}", positions=[
            _position("Russia", stance, "prisoners", f"Russia said it would {stance} the swap."),
            _position("Ukraine", "propose", "prisoners", "Ukraine proposed a swap.")]))
    # An explainer: the 2022 talks in Belarus (misdated after the report) and the 1994 memorandum.
    doc, record = report("explainer", EXPLAINER, "2026-02-18", source="Al Jazeera",
                         meetings=[{"place": "Belarus", "start": "2026-03-07", "end": "2026-03-07", "parties": [],
                                    "ev": "talks in Belarus"},
                                   {"place": "Abu Dhabi", "start": "2026-02-17", "parties": RU_UA_PARTIES,
                                    "ev": "Envoys met in Abu Dhabi"}],
                         agreements=[{"kind": "security", "parties": RU_UA_PARTIES, "status": "signed",
                                      "date": "1994", "ev": "1994 Budapest Memorandum"}])

    def mention(phrase, value):
        start = EXPLAINER.index(phrase)
        return DateMention(text=phrase, value=value, evidence=Evidence.of(EXPLAINER, start, start + len(phrase)))

    record = record.model_copy(update={"dates": [mention("February 2022", "2022-02"), mention("March 7", "2026-03-07")]})
    return [*out, (doc, record)]


@pytest.fixture(scope="module", params=BACKENDS)
def history(request, tmp_path_factory):
    from detente.store import Store

    with fresh_db(request.param, tmp_path_factory.mktemp("history")) as url, Store(url) as s:
        for document, record in _reports():
            s.add(document, settle(record), process=RU_UA)
        yield s


def test_latest_round_is_not_history_dated_after_the_newest_report(history):
    (ru,) = query.list_processes(history)
    assert ru.last == "2026-02-18"
    assert ru.latest_meeting.title == "talks in Abu Dhabi" and ru.latest_meeting.date <= ru.last
    assert ru.latest_agreement is None  # the 1994 memorandum is background, never the latest agreement


def test_background_is_shown_only_when_asked(history):
    shown = query.timeline(history, process=RU_UA)
    assert not any(e.background for e in shown)
    assert "talks in Belarus" not in [e.title for e in shown]
    everything = {e.title: e for e in query.timeline(history, process=RU_UA, background=True)}
    assert everything["talks in Belarus"].background and everything["talks in Belarus"].date == "2022-03-07"
    assert everything["security agreement"].background and everything["security agreement"].date == "1994"


def test_chart_range_is_the_reporting_window(history):
    (ru,) = query.list_processes(history)
    events = query.timeline(history, process=RU_UA, background=True)  # even when history is shown
    chart = build_timeline(events, span=chart_span(ru.first, ru.last, events))
    assert chart.ticks[0].label != "1994" and chart.outside == 2
    assert {m.title for m in chart.markers} >= {"talks in Riyadh", "talks in Abu Dhabi"}


def test_a_lone_sentence_does_not_overturn_several_outlets(history):
    cease = next(i for i in query.standings(history, RU_UA).issues if i.issue == "ceasefire")
    russia = cease.cells["Russia"]
    assert (russia.stance, russia.outlets, russia.dissent) == ("reject", 3, 1)
    assert russia.source.source in {"AP", "BBC", "TASS"}
    assert cease.gap == 1.0


def test_a_swinging_gap_is_not_steady(history):
    (swap,) = query.gap(history, process=RU_UA, issue="prisoners")
    assert [p.gap for p in swap.points] == [0.0, 1.0, 0.0, 1.0]
    assert swap.trend == "volatile"
    (window,) = query.gap(history, process=RU_UA, issue="prisoners", since="2025-08-01")
    assert [p.gap for p in window.points] == [0.0, 1.0] and window.trend == "widening"


def test_an_ally_speaks_for_its_side_in_the_gap(tmp_path):
    """Rwanda fights with M23 (data/resolve.json alliances): its stance is M23's side's in the gap."""
    from detente.store import Store

    process = "DR Congo–M23"
    talks = "DR Congo and M23 met in Doha for peace talks."
    stated = "In the peace talks, DR Congo demanded that foreign troops withdraw. Rwanda rejected any withdrawal."
    with fresh_db("sqlite", tmp_path) as url, Store(url) as s:
        s.add(*report("doha", talks, "2025-06-01", meetings=[
            {"place": "Doha", "parties": ["DR Congo", "M23"], "ev": "DR Congo and M23 met"}]))
        s.add(*report("kigali", stated, "2025-06-02", positions=[
            _position("DR Congo", "demand", "territory", "DR Congo demanded that foreign troops withdraw."),
            _position("Rwanda", "reject", "territory", "Rwanda rejected any withdrawal.")]))
        assert s.processes()[process][:2] == ["DR Congo", "M23"]
        (series,) = query.gap(s, process=process, issue="territory")
        assert series.current == 1.0 and series.points[-1].stances["M23"] == "reject"
        cell = next(i for i in query.standings(s, process).issues if i.issue == "territory").cells["M23"]
        assert (cell.stance, cell.claim) == ("reject", "Rwanda rejected any withdrawal.")
