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
])
def test_mediators_are_read_from_the_text(phrase, mediator, rules):
    document, record = report("med", phrase, actors=[state(n) for n in ("Egypt", "Qatar", "Oman", "Israel")
                                                      if n in phrase] + ([group("Hamas")] if "Hamas" in phrase else []))
    assert mediator in report_mediators(record, document.text)
    assert mediator not in infer_parties(record, document.text, rules.mediators)


def test_a_mediators_list_stops_at_its_last_name():
    document, record = report("list", "The mediators Qatar and Egypt met Israel in Cairo.",
                              actors=[state("Qatar"), state("Egypt"), state("Israel")])
    assert report_mediators(record, document.text) == {"Qatar", "Egypt"}


@pytest.mark.parametrize("text, actors, expected", [
    ("Russia and Ukraine traded strikes; Turkey hosted talks.", ["Russia", "Ukraine", "Turkey"], ["Russia", "Ukraine"]),
    ("Egypt brokered the deal. Israel and Hamas exchanged fire.", ["Egypt", "Israel"], ["Israel", "Hamas"]),
])
def test_infer_parties_leaves_brokers_out(text, actors, expected, rules):
    document, record = report("ip", text, actors=[state(n) for n in actors] + ([group("Hamas")] if "Hamas" in text else []))
    assert infer_parties(record, document.text, rules.mediators)[:len(expected)] == expected
