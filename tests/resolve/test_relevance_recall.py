"""Relevance recall (issue 14): political talks with no word of fighting, settlement and de-escalation
vocabulary, mediated talks, a belligerent's truce stance, a transcript's whole exchange, and remarks that
name no side where they speak of peace; trade talks between "both sides" stay out."""

from __future__ import annotations

import pytest

from detente.resolve import judge, place
from detente.resolve.relevance import ANSWER
from detente.resolve.stage import StoredReport, resolve_report
from storekit import group, mentioned, state

# short reports the rules read as a whole: each names its sides but holds no fact between them
SETTLEMENT_TALK = {
    "cyprus settlement": mentioned(
        "cy", "The UN envoy said Cyprus and Turkey remain far apart on a political settlement for the island.",
        actors=[state("Cyprus"), state("Turkey")]),
    "kosovo normalization": mentioned(
        "ks", "Kosovo and Serbia are expected to agree on the normalization of relations in Ohrid tomorrow.",
        actors=[state("Kosovo"), state("Serbia")]),
    "venezuela negotiated solution": mentioned(
        "ve", "The President backed a negotiated solution to the crisis in Venezuela.",
        actors=[state("Venezuela")]),
    "ukraine diplomatic path": mentioned(
        "ua", "We remain ready to pursue the diplomatic path with Russia over Ukraine.",
        actors=[state("Russia"), state("Ukraine")]),
    "georgia conflict-affected": mentioned(
        "ge", "The co-chairs urged Georgia and Russia to deliver talks for conflict-affected people.",
        actors=[state("Georgia"), state("Russia")]),
    "government and opposition": mentioned(
        "vo", "Talks resumed in Barbados: both sides signed two partial agreements on elections in Venezuela.",
        actors=[state("Venezuela")]),
    "philippines decommissioning": mentioned(
        "ph", "The Philippines and the MILF reviewed the decommissioning process of its combatants.",
        actors=[state("Philippines"), group("MILF")]),
}


@pytest.mark.parametrize("case", SETTLEMENT_TALK.values(), ids=SETTLEMENT_TALK.keys())
def test_talk_of_a_settlement_with_no_word_of_fighting_is_relevant(case):
    document, record = case
    relevance = judge(record, document.text)
    assert relevance.relevant and relevance.passages, relevance.reason


TRADE = {
    "both sides on tariffs": mentioned(
        "tr1", "After two days of talks in Geneva both sides agreed to cut tariffs on steel and expand market access.",
        actors=[state("United States"), state("China")]),
    "the parties on a trade deal": mentioned(
        "tr2", "The parties to the trade deal met in Tokyo to review exports of rice and cars.",
        actors=[state("Japan"), state("India")]),
    "figurative settlement": mentioned(
        "tr3", "Negotiations with Congress on the budget deal continued; the President thanked both sides in Congress.",
        actors=[]),
}


@pytest.mark.parametrize("case", TRADE.values(), ids=TRADE.keys())
def test_trade_talks_between_both_sides_stay_out(case):
    document, record = case
    relevance = judge(record, document.text)
    assert not relevance.relevant and not relevance.passages
    assert place(document, record, []).places[document.id].process is None


@pytest.mark.parametrize("text, meeting, relevant", [
    # a mediator between two parties: talks between sides, whatever the words
    ("Oman hosted a second round between the United States and Iran in Rome, with talks again next week.",
     {"place": "Rome", "parties": ["United States", "Iran"], "mediators": ["Oman"], "ev": "second round"}, True),
    ("Qatar brokered a meeting of Armenia and Azerbaijan in Doha; talks will resume.",
     {"place": "Doha", "parties": ["Armenia", "Azerbaijan"], "mediators": ["Qatar"], "ev": "brokered a meeting"}, True),
    # the same talks with no mediator and a usual mediator as one party: not enough
    ("A second round between the United States and Iran took place in Rome, with talks again next week.",
     {"place": "Rome", "parties": ["United States", "Iran"], "ev": "second round"}, False),
])
def test_a_mediated_meeting_makes_its_paragraph_about_talks(text, meeting, relevant):
    actors = [state(n) for n in ("United States", "Iran", "Oman", "Qatar", "Armenia", "Azerbaijan") if n in text]
    document, record = mentioned("m", text, actors=actors, meetings=[meeting])
    assert judge(record, document.text).relevant is relevant


@pytest.mark.parametrize("party, issue, relevant", [
    ("Houthis", "ceasefire", True),  # "agreed to stop": a truce stance with no truce word
    ("M23", "prisoners", True),
    ("Houthis", "economy", False),
])
def test_a_belligerents_truce_stance_makes_a_peace_passage(party, issue, relevant):
    text = f"After weeks of strikes on shipping, the {party} said they agreed to stop, officials in the region said."
    document, record = mentioned("h", text, actors=[group(party)],
                                 positions=[{"party": party, "issue": issue, "stance": "accept", "ev": "agreed to stop"}])
    relevance = judge(record, document.text)
    assert bool(relevance.passages) is relevant and relevance.relevant is relevant


def transcript(question: str, answer: list[str]) -> str:
    """A long press briefing on domestic matters with one exchange."""
    filler = [f"Q    What about the highway bill, part {i}?\nMS. PRESS: We are working with Congress on it, "
              f"and the schedule will be reviewed with the committee this quarter." for i in range(40)]
    return "\n".join(filler[:20] + [question, *answer] + filler[20:])


@pytest.mark.parametrize("question, answer, side", [
    ("Q    And on Israel: where do things stand?",
     ["MR. KIRBY: I will not speak to the Director's travel.",
      "But he has been deeply involved in the hostage deal negotiations, and that work will continue."], "Israel"),
    ("Q    Quickly on Sudan, sir.",
     ["MR. PRICE: We have nothing new today.", "Our envoy keeps pressing for a cessation of hostilities."], "Sudan"),
    ("Q    One more on Ukraine and Russia, please.",
     ["MS. PSAKI: The President spoke with his counterparts.",
      "We continue to pursue diplomacy and de-escalation, and we will speak with allies."], "Ukraine"),
])
def test_an_answer_on_peace_takes_the_question_it_answers(question, answer, side):
    text = transcript(question, answer)
    document, record = mentioned("t", text, actors=[state(side)])
    passages = [text[s:e] for s, e in judge(record, text).passages]
    assert question in passages  # the question names what the answer is about
    assert all(a in passages for a in answer[:ANSWER])  # the answer, from the question to its peace paragraph
    assert not any("highway bill" in p for p in passages)


def remarks(peace: bool):
    """Departure remarks: the exchanges on the hostages name no side; Israel is named in another one."""
    text = ("Q    Mr. President, why the delay in getting the hostages out?\nTHE PRESIDENT:  We're hopeful.\n"
            "Q    Did you ask him for a pause to get the hostages out?\nTHE PRESIDENT:  Yes, a longer pause.\n"
            "Q    Will you visit Israel after the fighting with Hamas?\nTHE PRESIDENT:  I may go.\n"
            "Q    And the autoworkers' strike?\nTHE PRESIDENT:  It was a good settlement.")
    if not peace:
        text = text.replace("hostages", "autoworkers").replace("pause", "raise")
    return mentioned("r", text, actors=[state("Israel"), group("Hamas")])


def israel_hamas(doc_id: str):
    return mentioned(doc_id, "Israel and Hamas agreed to a ceasefire and the release of hostages in Cairo.",
                     actors=[state("Israel"), group("Hamas")],
                     agreements=[{"kind": "ceasefire", "parties": ["Israel", "Hamas"], "ev": "agreed to a ceasefire"}])


def test_remarks_that_name_no_side_follow_the_process_of_a_side_named_elsewhere():
    document, record = remarks(peace=True)
    relevance = judge(record, document.text)
    assert relevance.relevant and relevance.learned  # a follower
    assert place(document, record, []).places["r"].process is None  # it opens no process alone
    stored = []
    for other, other_record in (israel_hamas("ih1"), israel_hamas("ih2")):
        _, _, note = resolve_report(other_record, other.text)
        stored.append(StoredReport(id=other.id, process=None, locked=False, note=note))
    assert place(document, record, stored).places["r"].process == "Israel–Hamas"


def test_remarks_on_something_else_naming_a_side_stay_out():
    document, record = remarks(peace=False)
    assert not judge(record, document.text).relevant


def gaggle(exchange: list[str]) -> str:
    """A long gaggle on domestic business with ``exchange`` in the middle."""
    filler = [line for i in range(25) for line in (
        f"Q    On the spending bill, point {i}: will the House vote this week?",
        "MS. JEAN-PIERRE:  We want the House to do its job and pass the bill for the American people.")]
    return "\n".join(filler[:24] + exchange + filler[24:])


@pytest.mark.parametrize("exchange, relevant", [
    # an exchange on the negotiations naming a side of each camp of a war of its year: relevant, no fact needed
    (["Q    Can you give an update on the hostage negotiations with Israel and Hamas?",
      "MR. KIRBY:  There's still a proposal on the table. We urge Hamas to take that proposal; Israel is ready."], True),
    # one camp, and where the war is fought (conflicts.json theatres) for the other
    (["Q    Where do the ceasefire negotiations with Hamas for Gaza stand?",
      "MR. KIRBY:  A deal is close, and we want it done so the hostages come home."], True),
    # the hostages without talks: the attack, not a peace process
    (["Q    How many hostages does Hamas hold, and has Israel asked for help?",
      "MR. KIRBY:  We are working with Israel by the hour to learn how many hostages Hamas holds."], False),
    # talks naming two sides of no one war
    (["Q    Can you give an update on the hostage negotiations with Israel and Ukraine?",
      "MR. KIRBY:  There's still a proposal on the table. We urge Ukraine to take that proposal; Israel is ready."], False),
])
def test_a_briefings_exchange_on_talks_naming_both_sides_of_a_war_needs_no_fact(exchange, relevant):
    text = gaggle(exchange)
    assert len(text) > 4000
    document, record = mentioned("k", text, published="2024-04-18",
                                 actors=[state("Israel"), group("Hamas"), state("Ukraine")])
    relevance = judge(record, document.text)
    assert relevance.relevant is relevant
    assert relevance.learned is relevant  # a follower: joins a process others made, opens none
