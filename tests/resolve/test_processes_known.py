"""Processes named by their belligerents when a report's words mislead: a mediator's home country,
talks with one side beside fighting between others, allies named without their enemy, a host or
patron talking to one side (detente.resolve.processes with data/conflicts.json)."""

from __future__ import annotations

import pytest

from detente.records import Actor, Evidence
from detente.resolve import place
from detente.resolve.vocab_conflicts import known_conflicts
from storekit import group, mentioned, state


def person(name: str, affiliation: str) -> dict:
    return {"name": name, "kind": "person", "affiliation": affiliation, "form": name}


def report(doc_id: str, text: str, year: int, actors: list[dict], **facts):
    """A report of ``year`` whose actors are mentioned wherever their form occurs (people too,
    with their affiliation)."""
    document, record = mentioned(doc_id, text, actors=[a for a in actors if a["kind"] != "person"],
                                 published=f"{year}-06-01", **facts)
    people = [Actor(name=a["name"], kind="person", affiliation=a["affiliation"], mentions=[
        Evidence.of(text, i, i + len(a["form"])) for i in range(len(text)) if text.startswith(a["form"], i)])
        for a in actors if a["kind"] == "person"]
    return document, record.model_copy(update={"actors": [*record.actors, *people]})


def process_of(case) -> tuple[str | None, set[str]]:
    document, record = case
    placement = place(document, record, [])
    return placement.places[document.id].process, {p for ps in placement.processes.values() for p in ps}


MEDIATOR_HOME = {
    "envoy from a state": (report(
        "sd", "Sudan's warring parties met in Geneva for talks on local ceasefires. The talks were convened by "
        "UN Envoy Ramtane Lamamra from Algeria. Sudan agreed to a humanitarian truce.", 2024,
        [state("Sudan"), state("Algeria"), person("Ramtane Lamamra", "United Nations")],
        agreements=[{"kind": "humanitarian", "parties": ["Sudan", "Algeria"], "ev": "agreed to a humanitarian truce"}]),
        "Sudan–RSF", "Algeria"),
    "envoy of a state": (report(
        "ye", "The Houthis and Yemen agreed to extend the truce, said the UN envoy Hans Grundberg of Sweden.", 2022,
        [state("Yemen"), group("Houthis"), state("Sweden"), person("Hans Grundberg", "United Nations")],
        agreements=[{"kind": "ceasefire", "parties": ["Yemen", "Sweden"], "ev": "agreed to extend the truce"}]),
        "Yemen–Houthis", "Sweden"),
    "a demonym before the mediator": (report(
        "et", "Ethiopia and the TPLF signed a ceasefire in Pretoria to end the war, in talks led by the "
        "Nigerian former president Olusegun Obasanjo.", 2022,
        [state("Ethiopia"), group("TPLF"), state("Nigeria", "Nigerian"), person("Olusegun Obasanjo", "African Union")],
        agreements=[{"kind": "ceasefire", "parties": ["Ethiopia", "Nigeria"], "ev": "signed a ceasefire"}]),
        "Ethiopia–TPLF", "Nigeria"),
}


@pytest.mark.parametrize("case, expected, home", MEDIATOR_HOME.values(), ids=MEDIATOR_HOME.keys())
def test_a_mediators_home_country_is_no_side(case, expected, home):
    process, parties = process_of(case)
    assert process == expected
    assert home not in parties


def test_a_person_who_serves_their_own_state_keeps_it_a_side():
    case = report("pk", "India and Pakistan agreed a ceasefire, said Prime Minister Shehbaz Sharif of Pakistan.",
                  2025, [state("India"), state("Pakistan"), person("Shehbaz Sharif", "Pakistan")],
                  agreements=[{"kind": "ceasefire", "parties": ["India", "Pakistan"], "ev": "agreed a ceasefire"}])
    assert process_of(case)[0] == "India–Pakistan"


TALKS_BESIDE_FIGHTING = {
    "a government suspends talks with a group": (report(
        "co", "The ELN attacked FARC dissidents in Catatumbo. The ELN and the FARC fighters clashed for days, "
        "and the ELN killed FARC fighters near the border. The offensive came after the government of "
        "Colombia suspended peace talks with the ELN.", 2025,
        [state("Colombia"), group("ELN"), group("FARC")],
        agreements=[{"kind": "framework", "parties": ["ELN", "FARC"], "ev": "clashed for days"}]),
        "Colombia–ELN"),
    "negotiations between a state and a group": (report(
        "mm", "MNDAA fighters attacked Arakan Army positions; the Arakan Army and the MNDAA fought for the hills "
        "and the MNDAA shelled Arakan Army camps. Negotiations between Myanmar and the MNDAA resumed in Kunming.",
        2025, [state("Myanmar"), group("MNDAA"), group("Arakan Army")],
        incidents=[{"kind": "attack", "actor": "MNDAA", "target": "Arakan Army positions", "ev": "attacked"}]),
        "Myanmar–MNDAA"),
    "talks with a group that fights another": (report(
        "pk", "TTP fighters attacked Islamic State militants; Islamic State and the TTP fought in Bajaur. "
        "Islamabad resumed talks with the TTP.",
        2024, [state("Pakistan", "Islamabad"), group("Tehrik-i-Taliban Pakistan", "TTP"), group("Islamic State")],
        incidents=[{"kind": "attack", "actor": "Tehrik-i-Taliban Pakistan", "target": "Islamic State militants",
                    "ev": "attacked"}]),
        "Pakistan–Tehrik-i-Taliban Pakistan"),
}


@pytest.mark.parametrize("case, expected", TALKS_BESIDE_FIGHTING.values(), ids=TALKS_BESIDE_FIGHTING.keys())
def test_who_talks_with_whom_outranks_fighting_between_others(case, expected):
    assert process_of(case)[0] == expected


KNOWN = {
    "allies named without their enemy": (report(
        "ye-truce", "I welcome the truce in the Yemen war. I thank Saudi Arabia and Oman for their leadership. "
        "Saudi Arabia and Yemen agreed to extend it.", 2022,
        [state("Yemen"), state("Saudi Arabia"), state("Oman")],
        agreements=[{"kind": "ceasefire", "parties": ["Saudi Arabia", "Yemen"], "ev": "agreed to extend it"}]),
        "Yemen–Houthis"),
    "co-belligerents in a war": (report(
        "tigray", "Ethiopia and Eritrea must withdraw forces from Tigray and end the war. Ethiopia and Eritrea "
        "agreed to a ceasefire.", 2021,
        [state("Ethiopia"), state("Eritrea")],
        agreements=[{"kind": "ceasefire", "parties": ["Ethiopia", "Eritrea"], "ev": "agreed to a ceasefire"}]),
        "Ethiopia–TPLF"),
    "the same two states at war with each other": (report(
        "badme", "Ethiopia and Eritrea fought over Badme. Ethiopia and Eritrea agreed to a ceasefire.", 1999,
        [state("Ethiopia"), state("Eritrea")],
        agreements=[{"kind": "ceasefire", "parties": ["Ethiopia", "Eritrea"], "ev": "agreed to a ceasefire"}]),
        "Eritrea–Ethiopia"),
    "an ally stands for its side": (report(
        "libya", "Libya accused Russia of sending fighters to Sirte in the war. Libya and Russia traded "
        "accusations over the ceasefire.", 2020,
        [state("Libya"), state("Russia")],
        positions=[{"party": "Libya", "issue": "ceasefire", "stance": "reject", "ev": "Libya accused Russia"},
                   {"party": "Russia", "issue": "ceasefire", "stance": "accept", "ev": "traded accusations"}]),
        "Libya–Libyan National Army"),
    "one side named, one war fought": (report(
        "sudan", "Sudan's warring parties arrived in Geneva for ceasefire talks. Sudan's delegation met the "
        "envoy.", 2024, [state("Sudan")],
        meetings=[{"place": "Geneva", "parties": ["Sudan"], "ev": "arrived in Geneva"}]),
        "Sudan–RSF"),
    "one side named, several wars fought": (report(
        "drc", "DR Congo called for a ceasefire in the east. DR Congo's army said the war must end.", 2024,
        [state("DR Congo")],
        positions=[{"party": "DR Congo", "issue": "ceasefire", "stance": "demand", "ev": "called for a ceasefire"}]),
        "DR Congo"),
}


@pytest.mark.parametrize("case, expected", KNOWN.values(), ids=KNOWN.keys())
def test_known_conflicts_name_what_the_report_leaves_out(case, expected):
    assert process_of(case)[0] == expected


ASIDE = {
    "a head of state's bilateral talks with a mediator": (report(
        "ss", "South Sudan and the SPLM-IO fighters clashed in Nasir. The SPLM-IO accused South Sudan of "
        "breaking the peace deal. President Salva Kiir left for Pretoria for bilateral talks with South Africa. "
        "South Africa and South Sudan signed a memorandum.", 2024,
        [state("South Sudan"), group("SPLM-IO"), state("South Africa"), person("Salva Kiir", "South Sudan")],
        agreements=[{"kind": "framework", "parties": ["South Africa", "South Sudan"], "ev": "signed a memorandum"}]),
        "South Sudan–SPLM-IO"),
    "the country a group's fighters are in": (report(
        "pkk", "The PKK announced a ceasefire and will hold a disarmament ceremony in Iraq. Turkey welcomed "
        "the PKK decision. Turkey's parliament will debate a law for PKK fighters.", 2025,
        [state("Turkey"), group("PKK"), state("Iraq")],
        agreements=[{"kind": "ceasefire", "parties": ["Iraq", "PKK"], "ev": "announced a ceasefire"}]),
        "Turkey–PKK"),
    "a mediator's truce with one side": (report(
        "th", "Malaysia and Thailand agreed on a truce meeting. Cambodia and Thailand fought along the border "
        "and Thailand accused Cambodia of shelling.", 2025,
        [state("Malaysia"), state("Thailand"), state("Cambodia")],
        agreements=[{"kind": "ceasefire", "parties": ["Malaysia", "Thailand"], "ev": "agreed on a truce meeting"}]),
        "Cambodia–Thailand"),
}


@pytest.mark.parametrize("case, expected", ASIDE.values(), ids=ASIDE.keys())
def test_a_host_or_patron_talking_to_one_side_does_not_name_the_process(case, expected):
    assert process_of(case)[0] == expected


@pytest.mark.parametrize("a, b, year, allies, pair", [
    ("Saudi Arabia", "Yemen", 2022, True, None),
    ("Saudi Arabia", "Houthis", 2022, False, ("Houthis", "Yemen")),
    ("Eritrea", "Ethiopia", 2021, True, None),
    ("Eritrea", "Ethiopia", 1999, False, ("Eritrea", "Ethiopia")),
    ("Israel", "Palestinian Islamic Jihad", 2023, False, ("Israel", "Palestinian Islamic Jihad")),
    ("Lebanon", "Israel", 2024, False, ("Hezbollah", "Israel")),
    ("Russia", "Ukraine", 2025, False, ("Russia", "Ukraine")),
    ("Russia", "United States", 2025, False, None),
    ("Libya", "Russia", 2020, False, ("Libya", "Libyan National Army")),
    ("Russia", "Turkey", 2020, False, None),  # backers of opposite sides in Libya
])
def test_known_conflicts_by_year(a, b, year, allies, pair):
    known = known_conflicts()
    assert known.allies(a, b, year) is allies
    assert known.pair_of(a, b, year) == pair


@pytest.mark.parametrize("weight, year, pair", [
    ({"Yemen": 6.0, "Saudi Arabia": 2.0}, 2022, ("Houthis", "Yemen")),
    ({"Ukraine": 3.0}, 2025, ("Russia", "Ukraine")),
    ({"Israel": 3.0}, 2024, None),  # Hamas, Islamic Jihad, Hezbollah, Iran, the Houthis
    ({"Sudan": 2.0}, 2024, ("RSF", "Sudan")),
    ({"Sudan": 2.0}, 2015, ("Sudan", "Sudan People's Liberation Movement-North")),
])
def test_a_one_sided_report_is_about_the_one_known_conflict_that_fits(weight, year, pair):
    assert known_conflicts().one_sided(weight, year) == pair


def test_the_known_conflicts_name_actors_the_gazetteer_knows():
    from detente.nlp.gazetteer import lookup

    names = {x for c in known_conflicts().conflicts for side in c.sides for x in side}
    assert all(lookup(x) is not None and lookup(x).kind in ("state", "group") for x in names), \
        sorted(x for x in names if lookup(x) is None)


def test_allies_and_their_enemy_make_one_process_in_any_order(tmp_path):
    """A Saudi–Houthi talks report and truce statements naming only the government side (Saudi
    Arabia, Yemen) are one Yemen war, whichever arrives first."""
    import random

    from detente.store import Store

    reports = [
        report("talks", "Saudi Arabia held talks with the Houthis in Riyadh on ending the war. The Houthis and "
               "Saudi Arabia agreed to a prisoner exchange.", 2023, [state("Saudi Arabia"), group("Houthis")],
               agreements=[{"kind": "prisoner_exchange", "parties": ["Saudi Arabia", "Houthis"],
                            "ev": "agreed to a prisoner exchange"}]),
        KNOWN["allies named without their enemy"][0],
        report("extension", "Yemen and Saudi Arabia welcomed the extension of the truce in the Yemen war.", 2022,
               [state("Yemen"), state("Saudi Arabia")]),
    ]
    seen = set()
    for seed in range(4):
        order = list(reports)
        random.Random(seed).shuffle(order)
        with Store.open(str(tmp_path / f"yemen-{seed}.db")) as store:
            for document, record in order:
                store.add(document, record)
            seen.add(tuple(store.get(d.id)[2] for d, _ in reports))
    assert seen == {("Yemen–Houthis",) * 3}
