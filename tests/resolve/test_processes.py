"""Grouping by conflict (detente.resolve.processes): processes named by their belligerents; mediators,
hosts and sponsors never parties; armed groups kept; an alliance one side; the same partition in any order."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from detente.resolve import Sides, partition, place, process_name
from detente.resolve.stage import resolve_report
from detente.store import Store
from storekit import BACKENDS, group, mentioned, state

NAMED = {
    "opposed positions, US only welcomes": (mentioned(
        "p1", "Russia rejected a ceasefire in the war. Ukraine proposed a ceasefire. The United States accepted it.",
        actors=[state("Russia"), state("Ukraine"), state("United States")],
        positions=[{"party": "Russia", "issue": "ceasefire", "stance": "reject", "ev": "Russia rejected a ceasefire"},
                   {"party": "Ukraine", "issue": "ceasefire", "stance": "propose", "ev": "Ukraine proposed a ceasefire"},
                   {"party": "United States", "issue": "ceasefire", "stance": "accept", "ev": "accepted it"}]),
        "Russia–Ukraine"),
    "meeting minus its mediators": (mentioned(
        "m1", "Armenia and Azerbaijan met in Washington for peace talks mediated by the United States.",
        actors=[state("Armenia"), state("Azerbaijan"), state("United States")],
        meetings=[{"place": "Washington", "parties": ["Armenia", "Azerbaijan", "United States"],
                   "mediators": ["United States"], "ev": "met in Washington"}]),
        "Armenia–Azerbaijan"),
    "the host is not a party": (mentioned(
        "h1", "Sudan and the RSF signed a truce in Algiers; Algeria hosted the talks. Sudan and the RSF fought on.",
        actors=[state("Sudan"), group("RSF"), state("Algeria")],
        agreements=[{"kind": "ceasefire", "parties": ["Sudan", "RSF", "Algeria"], "ev": "signed a truce"}],
        meetings=[{"place": "Algiers", "parties": ["Sudan", "RSF", "Algeria"], "ev": "signed a truce in Algiers"}]),
        "Sudan–RSF"),
    "a state's army is the state": (mentioned(
        "s1", "The SAF and the RSF agreed a humanitarian truce in Jeddah after weeks of fighting.",
        actors=[group("SAF"), group("RSF")],
        agreements=[{"kind": "humanitarian", "parties": ["SAF", "RSF"], "ev": "agreed a humanitarian truce"}]),
        "Sudan–RSF"),
    "incident actor against target": (mentioned(
        "i1", "Russia struck Ukraine's power grid overnight despite the energy ceasefire.",
        actors=[state("Russia"), state("Ukraine", "Ukraine's")],
        incidents=[{"kind": "attack", "actor": "Russia", "target": "Ukraine's power grid", "ev": "struck"}]),
        "Russia–Ukraine"),
    "the strongest pair has a mediator": (mentioned(
        "f1", "The United States and Israel agreed to a humanitarian pause. Israel and Hamas exchanged fire.",
        actors=[state("Israel"), state("United States"), group("Hamas")],
        agreements=[{"kind": "humanitarian", "parties": ["United States", "Israel"], "ev": "agreed to a humanitarian pause"}]),
        "Israel–Hamas"),
    "an alliance is one side": (mentioned(
        "a1", "DR Congo and the Alliance Fleuve Congo signed a ceasefire in Doha; M23 fighters held Goma.",
        actors=[state("DR Congo"), group("Alliance Fleuve Congo"), group("M23"), state("Qatar")],
        agreements=[{"kind": "ceasefire", "parties": ["DR Congo", "Alliance Fleuve Congo", "M23"], "ev": "signed a ceasefire"}]),
        "DR Congo–M23"),
    "armed group kept": (mentioned(
        "g1", "Colombia and the ELN suspended peace talks after an attack in Arauca.",
        actors=[state("Colombia"), group("ELN")],
        incidents=[{"kind": "attack", "actor": "ELN", "target": "a Colombia army base", "ev": "an attack"}],
        meetings=[{"place": None, "parties": ["Colombia", "ELN"], "ev": "suspended peace talks"}]),
        "Colombia–ELN"),
    "a named pair": (mentioned(
        "n1", "Geneva hosts Iran and Ukraine envoys as Russia-Ukraine talks on ending the war resume.",
        actors=[state("Iran"), state("Ukraine"), state("Russia"), state("Switzerland", "Geneva")]),
        "Russia–Ukraine"),
}


@pytest.mark.parametrize("case", NAMED.values(), ids=NAMED.keys())
def test_a_process_is_named_by_its_belligerents(case):
    (document, record), expected = case
    placement = place(document, record, [])
    assert placement.places[document.id].process == expected
    assert not {"United States", "Algeria", "Alliance Fleuve Congo", "Qatar", "Switzerland"} & set(
        p for parties in placement.processes.values() for p in parties)


def stream():
    """Reports of four conflicts, with one-sided and passing-mention reports."""
    ru = NAMED["opposed positions, US only welcomes"][0]
    return [
        ru, NAMED["incident actor against target"][0], NAMED["a named pair"][0],
        NAMED["the strongest pair has a mediator"][0], NAMED["an alliance is one side"][0],
        NAMED["armed group kept"][0], NAMED["meeting minus its mediators"][0],
        mentioned("hamas-1", "Hamas demanded a full withdrawal before any ceasefire.", actors=[group("Hamas")],
                  positions=[{"party": "Hamas", "issue": "territory", "stance": "demand", "ev": "demanded"}]),
        mentioned("il-2", "Israel and Hamas agreed a ceasefire and hostage release, with Qatar and Egypt.",
                  actors=[state("Israel"), group("Hamas"), state("Qatar"), state("Egypt")],
                  agreements=[{"kind": "ceasefire", "parties": ["Israel", "Hamas"], "ev": "agreed a ceasefire"}],
                  positions=[{"party": "Israel", "issue": "ceasefire", "stance": "accept", "ev": "Israel and Hamas agreed"},
                             {"party": "Hamas", "issue": "ceasefire", "stance": "reject", "ev": "hostage release"}]),
        mentioned("ua-1", "Ukraine said peace talks must include security guarantees.", actors=[state("Ukraine")],
                  positions=[{"party": "Ukraine", "issue": "security_guarantees", "stance": "demand", "ev": "must include"}]),
        mentioned("tariff", "The United States and Mexico agreed to lower tariffs after trade talks.",
                  actors=[state("United States"), state("Mexico")],
                  agreements=[{"kind": "economic", "parties": ["United States", "Mexico"], "ev": "lower tariffs"}]),
    ]


def grouped(reports, tmp_path, name) -> dict[str, str | None]:
    with Store.open(str(tmp_path / f"{name}.db")) as store:
        for document, record in reports:
            store.add(document, record)
        out = {document.id: store.get(document.id)[2] for document, _ in reports}
        assert set(store.processes()) == {p for p in out.values() if p}
        return out


def test_the_same_processes_whatever_the_order(tmp_path):
    reports = stream()
    first = grouped(reports, tmp_path, "given")
    assert first["hamas-1"] == "Israel–Hamas" and first["ua-1"] == "Russia–Ukraine" and first["tariff"] is None
    for seed in (1, 2, 3):
        shuffled = list(reports)
        random.Random(seed).shuffle(shuffled)
        assert grouped(shuffled, tmp_path, f"seed{seed}") == first


def test_a_later_report_moves_a_one_sided_one(tmp_path):
    """Israel fights several known conflicts: a report naming Israel alone waits under its name
    until a report opens the process it belongs in."""
    reports = {d.id: (d, r) for d, r in stream()}
    israel = mentioned("israel-1", "Israel demanded the return of every hostage before any ceasefire.",
                       actors=[state("Israel")],
                       positions=[{"party": "Israel", "issue": "hostages", "stance": "demand", "ev": "demanded"}])
    with Store.open(str(tmp_path / "later.db")) as store:
        store.add(*israel)
        assert store.get("israel-1")[2] == "Israel"
        store.add(*reports["il-2"])
        assert store.get("israel-1")[2] == store.get("il-2")[2] == "Israel–Hamas"
        assert set(store.processes()) == {"Israel–Hamas"}


def test_one_report_about_two_processes_gives_each_its_facts():
    ru, _ = NAMED["opposed positions, US only welcomes"]
    il = stream()[8]
    text = ("Russia rejected a ceasefire in the war while Ukraine proposed one. "
            "In Doha, Israel and Hamas agreed a ceasefire.")
    both = mentioned(
        "both", text, actors=[state("Russia"), state("Ukraine"), state("Israel"), group("Hamas")],
        positions=[{"party": "Russia", "issue": "ceasefire", "stance": "reject", "ev": "Russia rejected"},
                   {"party": "Ukraine", "issue": "ceasefire", "stance": "propose", "ev": "Ukraine proposed one"}],
        agreements=[{"kind": "ceasefire", "parties": ["Israel", "Hamas"], "ev": "Israel and Hamas agreed a ceasefire"}])
    snapshot = []
    from detente.resolve import StoredReport, resolve_report

    for document, record in (ru, il, NAMED["incident actor against target"][0]):
        _, _, note = resolve_report(record, document.text)
        snapshot.append(StoredReport(document.id, None, False, note))
    here = place(both[0], both[1], snapshot).places["both"]
    assert here.process == "Russia–Ukraine"
    assert here.of("positions", 0) == "Russia–Ukraine"
    assert here.of("agreements", 0) == "Israel–Hamas"


@pytest.mark.parametrize("pairs, expected", [
    ({"a": [(("Israel", "Hamas"), 6.0, True)], "b": [(("Israel", "Palestine"), 1.0, False)]}, {"b": ("Hamas", "Israel")}),
    ({"a": [(("Colombia", "ELN"), 6.0, True)], "b": [(("ELN", "FARC"), 0.2, False), (("Colombia", "ELN"), 0.1, False)]},
     {"b": ("Colombia", "ELN")}),
    ({"a": [(("Russia", "Ukraine"), 6.0, True)], "b": [(("Israel", "Hamas"), 2.0, True)]}, {"b": ("Hamas", "Israel")}),
])
def test_weak_pairs_join_the_process_of_a_side(pairs, expected):
    reports = {rid: Sides(pairs=tuple((tuple(sorted(p)), s, f) for p, s, f in ps), weight={"Hamas": 1})
               for rid, ps in pairs.items()}
    out = partition(reports)
    for rid, key in expected.items():
        assert out[rid].process == key


def test_names_put_states_before_groups():
    assert process_name(["M23", "DR Congo"], {"M23": "group", "DR Congo": "state"}) == "DR Congo–M23"


RU, IH = ("Russia", "Ukraine"), ("Hamas", "Israel")


@pytest.mark.parametrize("passages, expected", [
    # a briefing's one noisy Russia–Ukraine fact against six exchanges on a Gaza ceasefire: Gaza, Ukraine second
    ([("Hamas",), ("Israel",), ("Hamas", "Israel"), ("Hamas",), ("Israel",), ("Ukraine",)], (IH, RU)),
    # as many passages on each: its facts decide
    ([("Hamas",), ("Ukraine",), ("Russia",), ("Israel",)], (RU, None)),
    # a whole report (no passages kept): its facts decide
    ([], (RU, None)),
])
def test_a_briefing_goes_where_most_of_its_peace_passages_are(passages, expected):
    reports = {f"{p[0]}-{i}": Sides(pairs=((p, 6.0, True),)) for p in (RU, IH) for i in range(2)}
    reports["briefing"] = Sides(pairs=((RU, 4.0, True), (IH, 0.1, False)), passages=tuple(passages))
    out = partition(reports)["briefing"]
    assert (out.process, out.second) == expected
    assert Sides.from_json(reports["briefing"].to_json()) == reports["briefing"]


@pytest.mark.parametrize("follower, expected", [(False, ("Iran", "Israel")), (True, None)])
def test_reports_only_the_passage_model_found_join_processes_but_open_none(follower, expected):
    """Two reports about Iran–Israel make a process; two the model alone found relevant do not,
    while a follower with a side of a process others made still joins it."""
    reports = {f"ru-{i}": Sides(pairs=((RU, 6.0, True),)) for i in range(2)}
    reports.update({f"ir-{i}": Sides(pairs=((("Iran", "Israel"), 4.0, True),), follower=follower) for i in range(2)})
    reports["ua"] = Sides(pairs=((("Belarus", "Ukraine"), 1.0, False),), weight={"Russia": 1}, follower=True)
    out = partition(reports)
    assert out["ir-0"].process == out["ir-1"].process == expected
    assert out["ua"].process == RU


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("follower_first", [True, False])
def test_a_follower_waits_in_the_store_for_the_process_it_joins(tmp_path, backend, follower_first):
    """A report only the passage model found relevant joins Russia–Ukraine whether it arrives before
    the reports that open that process or after them."""
    from functools import partial

    from storekit import fresh_db

    follower = mentioned("geneva", "Delegations of Russia and Ukraine met in Geneva and agreed on a schedule.",
                         actors=[state("Russia"), state("Ukraine")],
                         meetings=[{"place": "Geneva", "parties": ["Russia", "Ukraine"], "ev": "met in Geneva"}])
    ru = [NAMED["opposed positions, US only welcomes"][0], mentioned(
        "p2", "Russia rejected a truce in the war. Ukraine proposed a truce.",
        actors=[state("Russia"), state("Ukraine")],
        positions=[{"party": "Russia", "issue": "ceasefire", "stance": "reject", "ev": "Russia rejected a truce"},
                   {"party": "Ukraine", "issue": "ceasefire", "stance": "propose", "ev": "Ukraine proposed a truce"}])]
    order = [follower, *ru] if follower_first else [*ru, follower]
    with fresh_db(backend, tmp_path) as url, Store(url) as store:
        for document, record in order:
            store.add(document, record, resolver=partial(place, learned={0: True} if document.id == "geneva" else None))
        assert store.get("geneva")[2] == "Russia–Ukraine"
    (tmp_path / "alone").mkdir()
    with fresh_db(backend, tmp_path / "alone") as url, Store(url) as store:
        store.add(*follower, resolver=partial(place, learned={0: True}))
        assert store.get("geneva")[2] is None and not store.processes()


def briefing(doc_id: str, exchanges: str, *, published: str = "2024-02-15", **facts):
    """A long press briefing (domestic business) with ``exchanges`` on a ceasefire in the middle."""
    filler = "".join(f"Q On the budget, item {i}: will Congress pass the spending bill this week?\n"
                     f"MS. JEAN-PIERRE: We want the House to do its job on the spending bill and the border.\n"
                     for i in range(30))
    return mentioned(doc_id, filler + exchanges + filler.replace("item", "point"), published=published, **facts)


def test_a_briefing_whose_facts_give_no_side_follows_the_sides_its_peace_passages_name(tmp_path):
    """A mediator's visit to a belligerent (the host is no party to its meeting, the visitor a usual
    mediator): the exchanges on the hostage deal name Israel, so the briefing follows Israel's process."""
    exchanges = ("Q On Israel: the CIA Director traveled to Israel to meet with Netanyahu today. What was his message?\n"
                 "MR. KIRBY: He has been deeply involved in the hostage deal negotiations with Israel; a ceasefire is close.\n"
                 "Q And are the hostages coming home soon?\n"
                 "MR. KIRBY: We are working on a ceasefire that brings the hostages home, with Israel and the mediators.\n")
    visit = briefing("visit", exchanges, actors=[state("Israel"), state("United States", "CIA")],
                     meetings=[{"place": "Israel", "parties": ["United States", "Israel"],
                                "ev": "traveled to Israel to meet with Netanyahu"}])
    _, sides, note = resolve_report(visit[1], visit[0].text)
    assert note["relevant"] and not note["whole"]
    assert sides.lone == ("Israel",) and sides.follower
    gaza = [mentioned(f"g{i}", "Israel and Hamas agreed a ceasefire in Cairo after the war.",
                      actors=[state("Israel"), group("Hamas")],
                      agreements=[{"kind": "ceasefire", "parties": ["Israel", "Hamas"], "ev": "agreed a ceasefire"}])
              for i in range(2)]
    with Store(str(tmp_path / "s.db")) as store:
        store.add(*visit, resolver=place)
        assert store.get("visit")[2] is None  # a follower opens no process
        for document, record in gaza:
            store.add(document, record, resolver=place)
        assert store.get("visit")[2] == "Israel–Hamas"


def test_a_briefings_passages_on_a_war_that_ended_are_history():
    """A 2024 briefing retelling the Afghanistan withdrawal (a war ended in 2021) in more passages than
    it speaks of the Gaza hostage deal goes to Israel–Hamas, not to the old process its co-mentions name."""
    af = ("Afghanistan", "Taliban")
    reports = {f"af-{i}": Sides(pairs=((af, 6.0, True),), year=2020) for i in range(2)}
    reports.update({f"ih-{i}": Sides(pairs=((IH, 6.0, True),), year=2024) for i in range(2)})
    passages = (af, af, ("Afghanistan",), af, ("Hamas",), ("Hamas",), ("Hamas", "Israel"))
    reports["briefing"] = Sides(pairs=((af, 1.2, False),), passages=passages, year=2024)
    assert partition(reports)["briefing"].process == IH
    reports["briefing"] = replace(reports["briefing"], year=2021)  # told while it was fought: its facts decide
    assert partition(reports)["briefing"].process == af


@pytest.mark.parametrize("pair, factual, expected", [
    (("Hezbollah", "Israel"), False, ("Hezbollah", "Israel")),  # another war of Israel's: a process of its own
    (("Iran", "Israel"), True, ("Iran", "Israel")),
    (("Israel", "Palestinian Islamic Jihad"), True, IH),  # fought in Gaza too: one war to a reader
])
def test_a_report_about_another_known_war_of_a_side_does_not_join_its_process(pair, factual, expected):
    """A report whose best pair is another known war of Israel's, no process yet, opens its own instead
    of joining Israel–Hamas by the side they share, unless both wars are fought in one theatre."""
    reports = {f"ih-{i}": Sides(pairs=((IH, 6.0, True),), year=2024) for i in range(2)}
    reports["other"] = Sides(pairs=((pair, 1.1, factual),), weight={"Israel": 3}, year=2024)
    assert partition(reports)["other"].process == expected


def test_a_briefings_passages_name_a_war_by_where_it_is_fought(tmp_path):
    """Remarks whose one fact is read between the wrong parties (a ceasefire "deal" given to Ireland and
    Ukraine) but whose exchanges speak of a ceasefire in Gaza go to Israel–Hamas: a passage naming a
    conflict's theatre (conflicts.json ``theatres``) names its two sides."""
    exchanges = ("Q Mr. President, on the ceasefire deal?\n"
                 "THE PRESIDENT: The Taoiseach and I agree on the need to get the ceasefire deal in Gaza done.\n"
                 "Q And the hostages?\n"
                 "THE PRESIDENT: The people of Gaza need the bombs to stop and the hostages brought home.\n")
    remarks = briefing("remarks", exchanges, published="2024-03-17",
                       actors=[state("Ireland", "Taoiseach"), state("Ukraine", "Ukraine")],
                       agreements=[{"kind": "ceasefire", "parties": ["Ireland", "Ukraine"], "ev": "get the ceasefire deal"}])
    others = [NAMED["opposed positions, US only welcomes"][0], NAMED["incident actor against target"][0]] + [
        mentioned(f"g{i}", "Israel and Hamas agreed a ceasefire in Cairo after the war.",
                  actors=[state("Israel"), group("Hamas")], published="2024-03-01",
                  agreements=[{"kind": "ceasefire", "parties": ["Israel", "Hamas"], "ev": "agreed a ceasefire"}])
        for i in range(2)]
    with Store(str(tmp_path / "s.db")) as store:
        for document, record in [*others, remarks]:
            store.add(document, record, resolver=place)
        assert store.get("remarks")[2] == "Israel–Hamas"
