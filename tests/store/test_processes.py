"""The grouping rule (detente.processes): belligerents face each other; mediators do not name a process."""

from __future__ import annotations

import pytest

from detente.processes import choose_process, infer_parties, report_mediators
from detente.records import Evidence
from storekit import report as _report

RU_UA = {"Russia–Ukraine": ["Russia", "Ukraine"]}
IL_HA = {"Israel–Hamas": ["Israel", "Hamas"]}
IL_PIJ = {"Israel–Palestinian Islamic Jihad": ["Israel", "Palestinian Islamic Jihad"]}


def state(name, form=None):
    return {"name": name, "kind": "state", "form": form or name}


def group(name, form=None):
    return {"name": name, "kind": "group", "form": form or name}


def report(doc_id, text, *, actors=(), **facts):
    """storekit.report, with every occurrence of an actor's ``form`` as a mention."""
    def every(form):
        out, i = [], text.find(form)
        while i >= 0:
            out.append(Evidence.of(text, i, i + len(form)))
            i = text.find(form, i + 1)
        return out

    actors = [{"name": a["name"], "kind": a["kind"], "mentions": every(a["form"])} for a in actors]
    return _report(doc_id, text, actors=actors, **facts)


CASES = {
    # opposite stances on one issue; the US only welcomes it
    "opposed positions": (
        report("p1", "Russia rejected a ceasefire. Ukraine proposed a ceasefire. The United States accepted it.",
               actors=[state("Russia"), state("Ukraine"), state("United States")],
               positions=[{"party": "Russia", "issue": "ceasefire", "stance": "reject"},
                          {"party": "Ukraine", "issue": "ceasefire", "stance": "propose"},
                          {"party": "United States", "issue": "ceasefire", "stance": "accept"}]),
        {}, "Russia–Ukraine"),
    # a meeting's mediators are not its parties
    "meeting minus its mediators": (
        report("m1", "Armenia and Azerbaijan met in Washington.",
               actors=[state("Armenia"), state("Azerbaijan")],
               meetings=[{"place": "Washington", "parties": ["Armenia", "Azerbaijan", "United States"],
                          "mediators": ["United States"]}]),
        {}, "Armenia–Azerbaijan"),
    # a state the text says brokers the deal is a mediator there, listed as usual mediator or not
    "text names the broker": (
        report("b1", "Saudi Arabia brokered a truce. Sudan and the Rapid Support Forces signed it.",
               actors=[state("Saudi Arabia"), state("Sudan"), group("Rapid Support Forces")],
               agreements=[{"kind": "ceasefire", "parties": ["Saudi Arabia", "Sudan", "Rapid Support Forces"]}]),
        {}, "Sudan–Rapid Support Forces"),
    # incident: the actor against the state named in the target
    "incident actor vs target": (
        report("i1", "Russia struck Ukraine's power grid overnight.",
               actors=[state("Russia"), state("Ukraine", "Ukraine's")],
               incidents=[{"kind": "attack", "actor": "Russia", "target": "Ukraine's power grid"}]),
        {}, "Russia–Ukraine"),
    # strongest pair is (Israel, United States): falls back to the next pair
    "strongest pair has a mediator": (
        report("f1", "The United States and Israel agreed to a pause. Israel and Hamas exchanged fire.",
               actors=[state("Israel"), state("United States"), group("Hamas")],
               agreements=[{"kind": "humanitarian", "parties": ["United States", "Israel"]}]),
        {}, "Israel–Hamas"),
    # "Russia-Ukraine talks" names the pair; Iran and Ukraine are only co-mentioned
    "explicit pair in the text": (
        report("n1", "Geneva hosts Iran and Ukraine envoys. Russia-Ukraine talks follow.",
               actors=[state("Iran"), state("Ukraine"), state("Russia")]),
        {}, "Russia–Ukraine"),
    # one belligerent: joins the process that has it
    "single party joins its process": (
        report("s1", "Hamas demanded a full withdrawal.", actors=[group("Hamas")],
               positions=[{"party": "Hamas", "issue": "withdrawal", "stance": "demand"}]),
        {**RU_UA, **IL_HA}, "Israel–Hamas"),
    "single party without a process": (
        report("s2", "Hamas demanded a full withdrawal.", actors=[group("Hamas")],
               positions=[{"party": "Hamas", "issue": "withdrawal", "stance": "demand"}]),
        RU_UA, "Hamas"),
    "mediator and one party": (
        report("s3", "The United States and Israel agreed to a pause.",
               actors=[state("United States"), state("Israel")],
               agreements=[{"kind": "humanitarian", "parties": ["United States", "Israel"]}]),
        {**RU_UA, **IL_HA}, "Israel–Hamas"),
    # two processes have the party: the one whose other side the report mentions
    "single party picks the process it mentions": (
        report("s4", "Israel accepted the truce. Palestinian Islamic Jihad was silent.",
               actors=[state("Israel"), group("Palestinian Islamic Jihad")],
               positions=[{"party": "Israel", "issue": "ceasefire", "stance": "accept"}]),
        {**IL_HA, **IL_PIJ}, "Israel–Palestinian Islamic Jihad"),
    # a pair only co-mentioned does not open a process for a party that has one ...
    "passing mention joins the party's process": (
        report("c1", "The United States and Israel agreed a ceasefire. Calm for Israelis and Palestinians.",
               actors=[state("United States"), state("Israel"), state("Palestine", "Palestinians")],
               agreements=[{"kind": "ceasefire", "parties": ["United States", "Israel"]}]),
        IL_PIJ, "Israel–Palestinian Islamic Jihad"),
    # ... but does where neither has one
    "passing mention opens a process": (
        report("c2", "The United States and Israel agreed a ceasefire. Calm for Israelis and Palestinians.",
               actors=[state("United States"), state("Israel"), state("Palestine", "Palestinians")],
               agreements=[{"kind": "ceasefire", "parties": ["United States", "Israel"]}]),
        RU_UA, "Israel–Palestine"),
    # an existing process is reused whatever order the pair comes in
    "existing name reused": (
        report("e1", "Ukraine and Russia swapped prisoners.", actors=[state("Ukraine"), state("Russia")],
               agreements=[{"kind": "prisoner_exchange", "parties": ["Ukraine", "Russia"]}]),
        {"Ukraine war": ["Ukraine", "Russia"]}, "Ukraine war"),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_grouping_rule(case):
    (document, record), existing, expected = case
    chosen = choose_process(record, existing, text=document.text)
    assert chosen is not None and chosen[0] == expected


@pytest.mark.parametrize("phrase, mediator", [
    ("Egypt brokered the deal between Israel and Hamas.", "Egypt"),
    ("The deal was brokered by Egypt.", "Egypt"),
    ("A Qatar-mediated truce began.", "Qatar"),
    ("Oman hosted the talks.", "Oman"),
    ("They consulted co-mediators Qatar and Egypt.", "Egypt"),
])
def test_mediators_are_read_from_the_text(phrase, mediator):
    document, record = report("med", phrase, actors=[state(n) for n in ("Egypt", "Qatar", "Oman", "Israel")
                                                      if n in phrase] + ([group("Hamas")] if "Hamas" in phrase else []))
    assert mediator in report_mediators(record, document.text)
    assert mediator not in infer_parties(record, document.text)


def test_report_without_parties_has_no_process():
    document, record = report("none", "Talks went on.")
    assert choose_process(record, {}, text=document.text) is None


def test_store_groups_a_stream_of_reports(store):
    """Several processes, mediators and one-party reports, in the order they arrive."""
    stream = [
        ("hamas-1", CASES["single party without a process"][0], "Hamas"),
        ("ru-1", CASES["opposed positions"][0], "Russia–Ukraine"),
        ("il-1", CASES["strongest pair has a mediator"][0], "Israel–Hamas"),  # absorbs "Hamas"
        ("us-1", CASES["mediator and one party"][0], "Israel–Hamas"),
        ("am-1", CASES["meeting minus its mediators"][0], "Armenia–Azerbaijan"),
        ("ru-2", CASES["incident actor vs target"][0], "Russia–Ukraine"),
    ]
    for doc_id, (document, record), _ in stream:
        store.add(document.model_copy(update={"id": doc_id}), record)
    for doc_id, _, expected in stream[1:]:
        assert store.get(doc_id)[2] == expected
    assert store.get("hamas-1")[2] == "Israel–Hamas"
    assert set(store.processes()) == {"Russia–Ukraine", "Israel–Hamas", "Armenia–Azerbaijan"}
    store.set_process("us-1", "US diplomacy")  # the user's word still wins
    assert store.get("us-1")[2] == "US diplomacy"


def test_a_mediators_list_stops_at_its_last_name():
    document, record = report("list", "The mediators Qatar and Egypt met Israel in Cairo.",
                              actors=[state("Qatar"), state("Egypt"), state("Israel")])
    assert report_mediators(record, document.text) == {"Qatar", "Egypt"}
