"""Relevance precision (issue 14): a hostage that is a figure or a detained national, a long report that
mentions a truce once, a question nobody answers, talks and war words in a history lesson, and a deal
between states never at war stay out; the same words about a war's talks stay in."""

from __future__ import annotations

import pytest

from detente.resolve import judge
from storekit import group, mentioned, state

HOSTAGE = {
    # a figure: a bill held hostage
    "bill held hostage": ("Republicans are holding the Ukraine aid bill hostage while Russia keeps up its attacks.",
                          [state("Ukraine"), state("Russia")], False),
    "hold it hostage": ("Russia must not hold a grain deal hostage, Ukraine's minister said of the blockade.",
                        [state("Ukraine"), state("Russia")], False),
    # a detained national, not a war's hostages
    "national held hostage": ("Venezuela is holding her hostage, and we will bring home every American held abroad.",
                              [state("Venezuela")], False),
    "hostage affairs": ("The Special Envoy for Hostage Affairs met Venezuela's foreign minister on Tuesday.",
                        [state("Venezuela")], False),
    # the hostages of a war
    "hostages in Gaza": ("Israel said Hamas still holds hostages in Gaza after the strikes.",
                         [state("Israel"), group("Hamas")], True),
    "americans held hostage by Hamas": ("Israel and Hamas resumed talks on Americans held hostage and a ceasefire.",
                                        [state("Israel"), group("Hamas")], True),
    "a hostage deal": ("Israel weighed a hostage deal with Hamas on Sunday.", [state("Israel"), group("Hamas")], True),
}


@pytest.mark.parametrize("text, actors, relevant", HOSTAGE.values(), ids=HOSTAGE.keys())
def test_a_hostage_held_or_kept_is_a_figure_or_a_detained_national(text, actors, relevant):
    document, record = mentioned("h", text, actors=actors)
    assert judge(record, document.text).relevant is relevant


def long_page(lines: list[str]) -> str:
    """A long page on alliance spending, two of its paragraphs talks beside war words with no peace term,
    with ``lines`` inside."""
    filler = [f"Members reviewed industrial capacity, session {i}, and praised the host city for its welcome "
              f"and the schedule of the visit, the communique of the leaders said on the evening." for i in range(30)]
    filler[5] = "Allies agreed at the summit to raise military spending to five percent, members said."
    filler[25] = "At the summit the President delivered peace through strength to a region plagued by conflict."
    return "\n".join(filler[:15] + lines + filler[15:])


ONCE = {
    "iran-israel tweet": (["Rep. Smith: ✅ 5% of GDP ✅ Ceasefire between Iran and Israel. The adults are back."],
                          ("Iran", "Israel"), [state("Iran"), state("Israel")], False),
    "ukraine rhetoric": (["The Kremlin could end this war today by withdrawing its forces from Ukraine."],
                         ("Russia", "Ukraine"), [state("Russia"), state("Ukraine")], False),
    "gaza exchange": (["Q    And on Gaza, where do the ceasefire talks with Israel and Hamas stand?",
                       "MR. KIRBY: Israel and Hamas are close to a ceasefire and a hostage deal, and talks go on."],
                      ("Israel", "Hamas"), [state("Israel"), group("Hamas")], True),
    "congo exchange": (["Q    On the Congo: is the ceasefire between DR Congo and M23 holding?",
                        "MR. PRICE: The ceasefire is largely holding and the peace talks in Doha resume Monday."],
                       ("DR Congo", "M23"), [state("DR Congo"), group("M23")], True),
}


@pytest.mark.parametrize("lines, parties, actors, relevant", ONCE.values(), ids=ONCE.keys())
def test_a_long_report_needs_two_passages_in_exchanges_with_a_peace_term(lines, parties, actors, relevant):
    text = long_page(lines)
    assert len(text) > 4000
    document, record = mentioned("l", text, actors=actors, agreements=[
        {"kind": "ceasefire", "parties": list(parties), "ev": lines[-1][:30]}])
    assert judge(record, document.text).relevant is relevant


def remarks(exchange: list[str]) -> str:
    return "\n".join(["Q    Sir, on the budget?", "THE PRESIDENT:  We will get it done.", *exchange,
                      "Q    And the storm?", "THE PRESIDENT:  FEMA is there."])


@pytest.mark.parametrize("exchange, relevant", [
    # a question shouted and left unanswered: the next paragraph is another full question
    (["Q    Why not engage with Russia in talks to de-escalate the situation in Ukraine?",
      "Q    Has Putin been weakened?", "THE PRESIDENT:  Absolutely."], False),
    (["Q    Will Israel and Hamas agree to a ceasefire this week?",
      "Q    Will you go to Camp David?", "THE PRESIDENT:  Maybe."], False),
    # answered
    (["Q    Why not engage with Russia in talks to de-escalate the situation in Ukraine?",
      "THE PRESIDENT:  We are talking with Ukraine about how to end the war with Russia."], True),
    # questions cut short go on in the next one, and the answer answers them all
    (["Q    On the ceasefire talks with Israel and Hamas —", "Q    Gaza —",
      "THE PRESIDENT:  It's still in play. Israel says they can work it out; Hamas is backing off."], True),
])
def test_a_question_nobody_answers_is_no_passage(exchange, relevant):
    text = remarks(exchange)
    document, record = mentioned("q", text, actors=[state(n) for n in ("Russia", "Ukraine", "Israel") if n in text]
                                 + [group("Hamas")] * ("Hamas" in text))
    assert judge(record, document.text).relevant is relevant


@pytest.mark.parametrize("text, actors, published, relevant", [
    # talks and war words in a history lesson, naming a state at war with no one that year
    ("Our forces raised the flag on the summit of Iwo Jima and in the jungles of Vietnam.",
     [state("Vietnam")], "2025-06-13", False),
    ("Troops fought at the summit of the pass in Korea, veterans recalled at the ceremony.",
     [state("South Korea", "Korea")], "2024-05-27", False),
    # the same words about a side at war that year
    ("Troops massed on the border as the summit on Ukraine opened.", [state("Ukraine")], "2025-03-01", True),
    ("Talks on Sudan resumed as fighting with the militias spread.", [state("Sudan")], "2024-04-15", True),
    # political talks between "both sides" are left to the sides rule
    ("Both sides met the envoy on Cyprus after the dispute.", [state("Cyprus")], "2025-12-11", True),
])
def test_talks_beside_war_words_naming_no_side_at_war_that_year_are_history(text, actors, published, relevant):
    document, record = mentioned("w", text, actors=actors, published=published)
    assert judge(record, document.text).relevant is relevant


@pytest.mark.parametrize("parties, published, relevant", [
    (("Israel", "Saudi Arabia"), "2023-09-22", False),  # normalization between states never at war
    (("India", "Israel"), "2023-06-02", False),
    (("Armenia", "Azerbaijan"), "2025-05-21", True),  # after their war: a peace process
    (("Serbia", "Kosovo"), "2023-05-18", True),
    (("Russia", "Ukraine"), "2025-03-11", True),
])
def test_a_deal_between_states_never_at_war_is_no_peace_process(parties, published, relevant):
    a, b = parties
    text = long_page([f"Q    On {a}: can {a} and {b} reach a historic peace deal this year?",
                      f"MS. PRESS: The peace deal between {a} and {b} is close; the talks go on."])
    document, record = mentioned("n", text, actors=[state(a), state(b)], published=published, agreements=[
        {"kind": "framework", "parties": [a, b], "ev": "historic peace deal"}])
    assert judge(record, document.text).relevant is relevant


@pytest.mark.parametrize("a, b, relevant", [("Australia", "Quad", False), ("Australia", "Troika", False),
                                             ("Israel", "Hamas", True)])
def test_a_grouping_of_states_is_no_belligerent(a, b, relevant):
    """A joint statement whose one fact is a summit with the Quad, beside a paragraph on the hostages: a
    grouping of states the gazetteer files as a group (``state_groupings``) is no side, so its summit is
    no fact between belligerents that would make the summit's paragraph a peace passage."""
    text = long_page(["We condemn the attack on Israel by Hamas and call for the release of all hostages.",
                      "We support a two-state solution as the best avenue towards a lasting peace.",
                      f"{a} and the {b} met at the leaders' summit in Hiroshima this year."])
    document, record = mentioned("g", text, actors=[state("Australia"), state("Norway"), state("Israel"),
                                                    group("Quad"), group("Troika"), group("Hamas")],
                                 meetings=[{"place": None, "parties": [a, b], "ev": f"{a} and the {b} met"}])
    assert judge(record, document.text).relevant is relevant
