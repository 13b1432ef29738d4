"""Relevance (detente.resolve.relevance): reports about a peace process join one; trade, nominations,
cooperation and a freed citizen do not; a ceasefire item inside a long briefing brings only its facts."""

from __future__ import annotations

import pytest

from detente.resolve import judge, place
from storekit import group, mentioned, state

NOT_ABOUT_PEACE = {
    "tariffs": mentioned(
        "t1", "The United States and China agreed to cut tariffs on steel after two days of trade talks in Geneva.",
        actors=[state("United States"), state("China")],
        agreements=[{"kind": "economic", "parties": ["United States", "China"], "ev": "cut tariffs"}],
        meetings=[{"place": "Geneva", "parties": ["United States", "China"], "ev": "trade talks in Geneva"}]),
    "nomination": mentioned(
        "n1", "The President announced his intent to nominate Jane Doe as Ambassador to Japan.",
        actors=[state("Japan")]),
    "bilateral cooperation": mentioned(
        "b1", "Japan and Australia signed an agreement on cooperation in space research and clean energy.",
        actors=[state("Japan"), state("Australia")],
        agreements=[{"kind": "other", "parties": ["Japan", "Australia"], "ev": "signed an agreement"}]),
    "detained citizen": mentioned(
        "d1", "Venezuela released a wrongfully detained American citizen after months of diplomacy.",
        actors=[state("Venezuela")]),
    "domestic": mentioned(
        "h1", "Negotiations with Congress on the budget deal continued; Medicare will negotiate drug prices.",
        actors=[]),
}

ABOUT_PEACE = {
    "ceasefire statement": mentioned(
        "c1", "Israel and Hamas agreed to a ceasefire and the release of hostages, mediated by Qatar.",
        actors=[state("Israel"), group("Hamas"), state("Qatar")],
        agreements=[{"kind": "ceasefire", "parties": ["Israel", "Hamas"], "ev": "agreed to a ceasefire"}]),
    "talks round": mentioned(
        "c2", "Russia and Ukraine held a round of peace talks in Istanbul to end the war.",
        actors=[state("Russia"), state("Ukraine")],
        meetings=[{"place": "Istanbul", "parties": ["Russia", "Ukraine"], "ev": "held a round of peace talks"}]),
    "armed group truce": mentioned(
        "c3", "Colombia and the ELN extended their truce after talks in Havana.",
        actors=[state("Colombia"), group("ELN")],
        agreements=[{"kind": "ceasefire", "parties": ["Colombia", "ELN"], "ev": "extended their truce"}]),
}


@pytest.mark.parametrize("case", NOT_ABOUT_PEACE.values(), ids=NOT_ABOUT_PEACE.keys())
def test_unrelated_reports_join_no_process(case):
    document, record = case
    assert not judge(record, document.text).relevant
    assert place(document, record, []).places[document.id].process is None


@pytest.mark.parametrize("case", ABOUT_PEACE.values(), ids=ABOUT_PEACE.keys())
def test_reports_about_talks_are_relevant(case):
    document, record = case
    relevance = judge(record, document.text)
    assert relevance.relevant and relevance.whole
    assert place(document, record, []).places[document.id].process is not None


def briefing():
    """A long press briefing on domestic matters with one exchange on a Gaza ceasefire."""
    filler = [f"Q    What about the infrastructure bill, part {i}? MS. PSAKI: We are working with Congress on it, "
              f"and the tariff schedule on imports will be reviewed with our trading partners this quarter."
              for i in range(40)]
    exchange = ["Q    Is Israel close to a ceasefire with Hamas?",
                "MS. PSAKI: Israel and Hamas agreed to a ceasefire overnight, brokered by Egypt."]
    text = "\n".join(filler[:20] + exchange + filler[20:])
    return mentioned(
        "brief", text, actors=[state("Israel"), group("Hamas"), state("Egypt"), state("China")],
        agreements=[{"kind": "ceasefire", "parties": ["Israel", "Hamas"], "ev": "agreed to a ceasefire overnight"},
                    {"kind": "economic", "parties": ["United States", "China"], "ev": "tariff schedule"}])


def test_a_ceasefire_item_in_a_long_briefing_brings_only_its_facts():
    document, record = briefing()
    assert len(document.text) > 4000
    relevance = judge(record, document.text)
    assert relevance.relevant and not relevance.whole
    ceasefire, trade = record.agreements
    assert relevance.covers(ceasefire.evidence) and not relevance.covers(trade.evidence)
    here = place(document, record, []).places["brief"]
    assert here.process == "Israel–Hamas"
    assert here.of("agreements", 0) == "Israel–Hamas" and here.of("agreements", 1) is None


POLITICAL_TALKS = mentioned(
    "v1", "The government of Venezuela and the opposition met in Barbados and signed a deal on elections.",
    actors=[state("Venezuela")],
    meetings=[{"place": "Barbados", "parties": ["Venezuela"], "ev": "met in Barbados"}])


@pytest.mark.parametrize("report, learned, relevant", [
    # political talks with no word of conflict: the rules find no peace passage, a sure model does
    (POLITICAL_TALKS, None, False),
    (POLITICAL_TALKS, {0: True}, True),
    # a paragraph the rules take but the model is sure is not about ending a conflict: left out
    (ABOUT_PEACE["talks round"], None, True),
    (ABOUT_PEACE["talks round"], {0: False}, False),
    # a verdict on a paragraph that is not there changes nothing
    (ABOUT_PEACE["talks round"], {999: False}, True),
])
def test_the_passage_models_sure_verdicts_count(report, learned, relevant):
    document, record = report
    assert judge(record, document.text, learned=learned).relevant is relevant


@pytest.mark.parametrize("report, learned, flagged", [
    (POLITICAL_TALKS, {0: True}, True),  # rescued by the model: it may join a process, not open one
    (ABOUT_PEACE["talks round"], {0: True}, False),  # the rules found it: the model does not widen it
])
def test_a_report_the_model_alone_found_is_flagged(report, learned, flagged):
    document, record = report
    relevance = judge(record, document.text, learned=learned)
    assert relevance.relevant and relevance.learned is flagged
