"""The sides a report is about, read while it is extracted (detente.extract._parties): mediators are not sides."""

from __future__ import annotations

import pytest

from detente.extract._parties import infer_parties, report_mediators
from storekit import group, state
from storekit import mentioned as report


@pytest.mark.parametrize("phrase, mediator", [
    ("Egypt brokered the deal between Israel and Hamas.", "Egypt"),
    ("The deal was brokered by Egypt.", "Egypt"),
    ("A Qatar-mediated truce began.", "Qatar"),
    ("Oman hosted the talks.", "Oman"),
    ("They consulted co-mediators Qatar and Egypt.", "Egypt"),
    ("Israel and Hamas have asked Egypt to facilitate talks in Cairo.", "Egypt"),
    ("Oman, in its role as facilitator, will help the parties.", "Oman"),
])
def test_mediators_are_read_from_the_text(phrase, mediator, rules):
    document, record = report("med", phrase, actors=[state(n) for n in ("Egypt", "Qatar", "Oman", "Israel")
                                                      if n in phrase] + ([group("Hamas")] if "Hamas" in phrase else []))
    assert mediator in report_mediators(record, document.text, rules=rules)
    assert mediator not in infer_parties(record, document.text, rules=rules)


def test_a_mediators_list_stops_at_its_last_name(rules):
    document, record = report("list", "The mediators Qatar and Egypt met Israel in Cairo.",
                              actors=[state("Qatar"), state("Egypt"), state("Israel")])
    assert report_mediators(record, document.text, rules=rules) == {"Qatar", "Egypt"}


@pytest.mark.parametrize("text, actors, expected", [
    ("Russia and Ukraine traded strikes; Turkey hosted talks.", ["Russia", "Ukraine", "Turkey"], ["Russia", "Ukraine"]),
    ("Egypt brokered the deal. Israel and Hamas exchanged fire.", ["Egypt", "Israel"], ["Israel", "Hamas"]),
])
def test_infer_parties_leaves_brokers_out(text, actors, expected, rules):
    document, record = report("ip", text, actors=[state(n) for n in actors] + ([group("Hamas")] if "Hamas" in text else []))
    assert infer_parties(record, document.text, rules=rules)[:len(expected)] == expected


def _with_person(record, name, affiliation, text):
    """The record with a person (and every mention of ``name``) added."""
    from detente.records import Evidence
    i, mentions = text.find(name), []
    while i >= 0:
        mentions.append(Evidence.of(text, i, i + len(name)))
        i = text.find(name, i + 1)
    person = {"name": name, "kind": "person", "affiliation": affiliation, "mentions": mentions}
    return record.model_copy(update={"actors": [*record.actors, type(record.actors[0]).model_validate(person)]})


@pytest.mark.parametrize("phrase, mediator", [
    ("Washington is grateful to Malaysia for hosting talks. Thailand and Cambodia agreed.", "Malaysia"),
    ("Kenya's role in brokering the deal was praised. Ethiopia and Eritrea agreed.", "Kenya"),
    ("Norway, which mediated the talks, welcomed it. Colombia and the ELN agreed.", "Norway"),
    ("The talks were sponsored by Saudi Arabia. Sudan and the RSF agreed.", "Saudi Arabia"),
    ("The round was convened by Turkey. Russia and Ukraine agreed.", "Turkey"),
    ("Both sides asked Norway to facilitate talks. Colombia and the ELN agreed.", "Norway"),
    ("They invited Saudi Arabia to mediate. Sudan and the RSF agreed.", "Saudi Arabia"),
    ("The co-chairs (Japan, Norway and Turkey) urged calm. Russia and Ukraine agreed.", "Japan"),
])
def test_hosts_and_sponsors_are_mediators(phrase, mediator, rules):
    names = ("Malaysia", "Thailand", "Cambodia", "Kenya", "Ethiopia", "Eritrea", "Norway", "Colombia",
             "Saudi Arabia", "Sudan", "Turkey", "Russia", "Ukraine", "Japan")
    groups = [group(g) for g in ("ELN", "RSF") if g in phrase]
    document, record = report("host", phrase, actors=[state(n) for n in names if n in phrase] + groups)
    assert mediator in report_mediators(record, document.text, rules=rules)
    assert mediator not in infer_parties(record, document.text, rules=rules)[:2]


@pytest.mark.parametrize("text, host", [
    ("Talks between Thailand and Cambodia resumed. A border meeting is to be hosted by Cambodia.", "Cambodia"),
    ("Fighting between Armenia and Azerbaijan eased. The next round will be hosted by Armenia.", "Armenia"),
])
def test_a_side_named_between_two_sides_stays_a_side_when_it_hosts(text, host, rules):
    names = ("Thailand", "Cambodia", "Armenia", "Azerbaijan")
    document, record = report("side", text, actors=[state(n) for n in names if n in text])
    assert host not in report_mediators(record, document.text, rules=rules)
    assert host in infer_parties(record, document.text, rules=rules)[:2]


@pytest.mark.parametrize("text, envoy, affiliation, home, sides", [
    ("Talks between Sudan and the RSF were convened by UN envoy Ramtane Lamamra from Algeria. "
     "Sudan and the RSF met.", "Ramtane Lamamra", "United Nations", "Algeria", {"Sudan", "RSF"}),
    ("Libya and the LNA met AU mediator Moussa Faki of Chad. Libya and the LNA agreed to talk.",
     "Moussa Faki", "African Union", "Chad", {"Libya", "LNA"}),
    # a person who serves their own state keeps it a side
    ("Libya and the LNA met Prime Minister Abdul Hamid Dbeibah of Libya. Libya and the LNA agreed to talk.",
     "Abdul Hamid Dbeibah", "Libya", None, {"Libya", "LNA"}),
])
def test_a_mediators_home_country_is_no_side(text, envoy, affiliation, home, sides, rules):
    """The rule grouping shares (detente.mediators), read on an extracted record."""
    groups = [group(g) for g in ("RSF", "LNA") if g in text]
    states = [n for n in ("Sudan", "Libya", "Algeria", "Chad") if n in text]
    orgs = [{"name": affiliation, "kind": "organization", "form": affiliation}] if affiliation not in states else []
    document, record = report("home", text, actors=[state(n) for n in states] + groups + orgs)
    record = _with_person(record, envoy, affiliation, document.text)
    mediators = report_mediators(record, document.text, rules=rules)
    assert (home in mediators) if home else not mediators & sides
    assert set(infer_parties(record, document.text, rules=rules)[:2]) == sides


@pytest.mark.parametrize("text, sides, allies", [
    ("Fighting between Congo and the M23/AFC rebels spread. Congo and the M23/AFC clashed again.",
     {"Congo", "M23"}, {"M23", "AFC"}),
    ("The AFC, the political wing of M23, met Congo. Congo accused the AFC and M23 of attacks.",
     {"Congo", "M23"}, {"M23", "AFC"}),
    ("Iran-backed Hezbollah fired rockets at Israel. Israel struck Hezbollah and Iran.",
     {"Israel", "Hezbollah"}, {"Iran", "Hezbollah"}),
])
def test_allies_are_one_side(text, sides, allies, rules):
    from detente.extract._parties import pair_scores
    actors = [state(n) for n in ("Congo", "Iran", "Israel") if n in text]
    actors += [group(g) for g in ("M23", "AFC", "Hezbollah") if g in text]
    document, record = report("ally", text, actors=actors)
    scores = pair_scores(record, document.text, rules=rules)
    assert scores[frozenset(allies)] == 0
    assert scores[frozenset(sides)] > 0


@pytest.mark.parametrize("text, main, table", [
    # the conflict's pair binds a deal; "both delegations" are the two at the table
    ("Russia struck Ukraine again. US-Ukraine talks opened in Jeddah. The United States proposed a ceasefire. "
     "Ukraine accepted it. The United States will take the proposal to Russia. Both delegations agreed to meet again.",
     {"Russia", "Ukraine"}, {"United States", "Ukraine"}),
    # a place named as where is no side
    ("Thailand and Cambodia held talks in Malaysia. The talks in Malaysia lasted a day. "
     "Delegations gathered at the Malaysian capital. Thailand and Cambodia agreed to a ceasefire.",
     {"Thailand", "Cambodia"}, {"Thailand", "Cambodia"}),
    # a capital and its state named as where ("signed in Nairobi, Kenya", a dateline) are no side
    ("NAIROBI, 3 May (Reuters) - Ethiopia and Eritrea signed a truce in Nairobi, Kenya, on Friday. "
     "Ethiopia and Eritrea agreed to meet again in the Kenyan capital Nairobi.",
     {"Ethiopia", "Eritrea"}, {"Ethiopia", "Eritrea"}),
])
def test_report_sides_tell_the_belligerents_from_the_sides_at_the_table(annotate, text, main, table):
    from detente.extract._parties import report_sides
    doc, ctx = annotate(text)
    sides = report_sides(doc, ctx)
    assert set(sides.main) == main
    assert set(sides.table) == table
