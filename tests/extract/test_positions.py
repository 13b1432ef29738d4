"""Positions: party × issue × stance from real sentences of several peace processes."""

from __future__ import annotations

import pytest

from detente.extract.positions import extract_positions


@pytest.fixture(autouse=True)
def _cues_only(monkeypatch):
    """Fast and deterministic: issue cues only (the embedding path has its own tests)."""
    monkeypatch.setenv("DETENTE_EMBEDDINGS", "0")


#: Reports are about negotiations; unrelated text yields nothing (test below).
CONTEXT = "Delegations met for peace talks. "


def triples(annotate, text):
    doc, ctx = annotate(CONTEXT + text)
    return {(p.party, p.issue, p.stance) for p in extract_positions(doc, ctx)}


CASES = [
    # Russia–Ukraine: a person speaks for the state; anaphora to the previous option
    (
        "Ukrainian President Volodymyr Zelenskyy has proposed setting up a demilitarized zone. "
        "Russia has decidedly rejected that option.",
        {("Ukraine", "demilitarization", "propose"), ("Russia", "demilitarization", "reject")},
    ),
    # Russia–Ukraine: demand in the main clause
    (
        "Kyiv is also seeking binding security guarantees from the United States.",
        {("Ukraine", "security_guarantees", "demand")},
    ),
    # Russia–Ukraine: claim in a relative clause
    (
        "The main sticking point is the question of territory in the Donbas region that Kyiv controls but Moscow claims.",
        {("Russia", "territory", "demand")},
    ),
    # Russia–Ukraine: "will not accept" is a rejection; "it" is the speaker
    (
        "Russia has warned it will not accept any troops from NATO members as potential peacekeepers in Ukraine.",
        {("Russia", "peacekeeping", "reject")},
    ),
    # Russia–Ukraine: ellipsis ("Kyiv refuses") takes the issue just named
    (
        "Russia demands Ukraine give up land in Donetsk region; Kyiv refuses.",
        {("Russia", "territory", "demand"), ("Ukraine", "territory", "reject")},
    ),
    # Israel–Hamas: "it" is the group that says so
    (
        "The Palestinian militant group Hamas says it supports resuming a ceasefire in the Gaza Strip.",
        {("Hamas", "ceasefire", "accept")},
    ),
    # Israel–Hamas: coordinated subjects; what is denied ("no guarantee") is no issue
    (
        "Israel and the US instead proposed that the first phase of the ceasefire should be extended, "
        "with no clear guarantee that the war would end.",
        {("Israel", "ceasefire", "propose"), ("United States", "ceasefire", "propose")},
    ),
    # Armenia–Azerbaijan: a state insists
    (
        "Azerbaijan insists that Armenia change its Constitution to exclude any territorial claims.",
        {("Azerbaijan", "political", "demand"), ("Azerbaijan", "territory", "demand")},
    ),
    # Ethiopia–Tigray: the two sides accept
    (
        "The Ethiopian government and the TPLF held talks in Pretoria. "
        "The two sides agreed to an immediate ceasefire.",
        {("Ethiopia", "ceasefire", "accept")},
    ),
    # Conditions stay: "would accept … if" is still acceptance
    (
        "Hamas would accept a ceasefire if Israel withdraws its forces from Gaza.",
        {("Hamas", "ceasefire", "accept")},
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_positions(annotate, text, expected):
    assert expected <= triples(annotate, text)


NOTHING = [
    # "has not rejected" is no position (documented in docs/vocabularies.md)
    "Russia has not rejected the proposal for a ceasefire.",
    # failure to agree, accusations and urging are not the subject's own stance
    "Both sides had been unable to agree to a second phase of the ceasefire.",
    "Israel accused Hamas of rejecting the extension of the truce.",
    # an analyst is no party even with an affiliation
    "Markus Ziener, a fellow with the German Marshall Fund, said the prisoner swap signaled some progress.",
    # unrelated text
    "The President signed the bill to lower prescription drug costs for seniors.",
    # questions are no stance
    "Will Russia accept the ceasefire proposal?",
    # mediators' individuals are not parties
    "UN envoy Hans Grundberg welcomed the truce.",
    # a deal verb on something that is not a deal
    "Ukraine carved out a trade route requiring ships to sail near the coast of Romania.",
    "The president signed the budget bill on Friday.",
    # the talks ending is no side's rejection
    "The talks in Geneva ended with a joint statement on prisoner exchanges.",
    # "negotiate" unrefused is no stance
    "Armenia and Azerbaijan negotiated for three days in Washington.",
]


@pytest.mark.parametrize("text", NOTHING)
def test_no_position(annotate, text):
    assert triples(annotate, text) == set()


def test_did_not_rule_out_is_acceptance(annotate):
    assert ("Ukraine", "territory", "accept") in triples(
        annotate, "Ukraine did not rule out territorial concessions in exchange for security guarantees."
    )


def test_report_not_about_talks_yields_nothing(annotate):
    doc, ctx = annotate("The United States supports investment in semiconductor plants and wants lower drug prices. "
                        "The new factories will open next year in Ohio and Arizona.")
    assert extract_positions(doc, ctx) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Bangladesh has rejected an Indian proposal for a free trade agreement.", ("Bangladesh", "reject")),
    ("Denmark today accepted a formula for ending its fisheries dispute with its partners.", ("Denmark", "accept")),
])
def test_a_sentence_given_alone_is_read_at_its_word(annotate, sentence, expected):
    """No topic words needed when the input is one sentence (an analyst's
    query, a coded event): the stance it states is found."""
    doc, ctx = annotate(sentence)
    found = {(p.party, p.stance) for p in extract_positions(doc, ctx)}
    assert expected in found


def test_unchanged_position_of_the_spokesman(annotate):
    doc, ctx = annotate(
        CONTEXT + "Kremlin spokesman Dmitry Peskov told reporters that Russia's position remains unchanged."
    )
    found = [p for p in extract_positions(doc, ctx) if p.stance == "unchanged"]
    assert [(p.party, p.issue) for p in found] == [("Russia", "general")]


@pytest.mark.parametrize("text, party", [
    ("Hamas has not budged from its demand for a full Israeli withdrawal.", "Hamas"),
    ("The Kremlin said Russia would keep its demands unchanged.", "Russia"),
    ("Azerbaijan has not changed its position on the corridor.", "Azerbaijan"),
])
def test_a_side_that_does_not_move_keeps_its_position(annotate, text, party):
    assert (party, "general", "unchanged") in triples(annotate, text)


def test_evidence_claim_and_date(annotate):
    text = CONTEXT + "On February 5, Ukrainian President Volodymyr Zelenskyy proposed a ceasefire. Moscow has rejected it."
    doc, ctx = annotate(text)
    positions = extract_positions(doc, ctx)
    assert positions
    for p in positions:
        assert text[p.evidence.start : p.evidence.end] == p.evidence.text == p.claim
    first = next(p for p in positions if p.stance == "propose")
    assert first.date == "2026-02-05"


#: Clause shapes that carry a stance on reports no rule was written against,
#: each from several peace processes (constructed sentences).
SHAPES = [
    # predicates with an adverb between copula and cue ("is still open to")
    ("Moscow is still ready for talks with Kyiv on a settlement.", {("Russia", "general", "accept")}),
    ("Hamas remains open to a ceasefire in Gaza.", {("Hamas", "ceasefire", "accept")}),
    ("Azerbaijan is not ready to accept a ceasefire along the border.", {("Azerbaijan", "ceasefire", "reject")}),
    # deal verbs: a stance only on a deal or the talks
    ("The Colombian government suspended peace talks with the ELN.", {("Colombia", "general", "reject")}),
    ("Thailand and Cambodia signed a ceasefire agreement in Kuala Lumpur.",
     {("Thailand", "ceasefire", "accept"), ("Cambodia", "ceasefire", "accept")}),
    ("Pakistan withdrew from the talks with Afghanistan.", {("Pakistan", "general", "reject")}),
    # refused only: "will not negotiate"
    ("Iran said it would not negotiate directly with Washington on a deal.", {("Iran", "general", "reject")}),
    # each conjunct names its own side; each side after "of"
    ("The Ethiopian government and the TPLF agreed to a permanent cessation of hostilities.",
     {("Ethiopia", "ceasefire", "accept"), ("TPLF", "ceasefire", "accept")}),
    ("The presidents of Rwanda and the Democratic Republic of the Congo signed the peace deal.",
     {("Rwanda", "general", "accept"), ("DR Congo", "general", "accept")}),
    # the writer's hedge is no one's claim about another
    ("It was reported that Hamas is demanding the release of all prisoners.", {("Hamas", "prisoners", "demand")}),
    # a participle speaks for whoever sent the message; demanding the talks
    # themselves is a stance on the talks (general), whatever they are about
    ("US President Donald Trump sent a letter to Tehran demanding negotiations on its nuclear programme.",
     {("United States", "general", "demand")}),
    # a relative pronoun is the noun it qualifies
    ("The talks stalled over Kyiv, which wants security guarantees from its allies.",
     {("Ukraine", "security_guarantees", "demand")}),
    # "such terms" take the issue of the sentence before
    ("Russia wants Ukraine to cede the rest of the Donetsk region. Kyiv has rejected such terms.",
     {("Ukraine", "territory", "reject")}),
    # the side a deal is signed with accepts it too; sides named before the noun
    ("Thailand signed a ceasefire agreement with Cambodia in Kuala Lumpur.",
     {("Thailand", "ceasefire", "accept"), ("Cambodia", "ceasefire", "accept")}),
    ("Ukrainian and Russian officials agreed to a prisoner exchange.",
     {("Ukraine", "prisoners", "accept"), ("Russia", "prisoners", "accept")}),
    # a proposal from a side is that side's
    ("The rebels received a written proposal from Khartoum on a humanitarian truce.", {("Sudan", "ceasefire", "propose")}),
    # pressing the other side to act is the presser's demand ("urge" already was)
    ("Israel is pressing Hamas to release the remaining hostages.", {("Israel", "prisoners", "demand")}),
    ("Azerbaijan pressed Armenia to change its constitution.", {("Azerbaijan", "political", "demand")}),
    # "made X conditional on Y": the maker sets Y as a condition, a demand on Y's issue
    ("Hamas made any deal conditional on a full Israeli withdrawal from Gaza.", {("Hamas", "territory", "demand")}),
    ("Azerbaijan has made the peace treaty conditional on changes to Armenia's constitution.",
     {("Azerbaijan", "political", "demand")}),
    ("Moscow made the truce conditional on an end to Western arms deliveries.", {("Russia", "demilitarization", "demand")}),
    # "would like to see" is a wish voiced as a demand
    ("Thailand would like to see a ceasefire along the border with Cambodia.", {("Thailand", "ceasefire", "demand")}),
]


@pytest.mark.parametrize("text, expected", SHAPES)
def test_stance_found(annotate, text, expected):
    assert expected <= triples(annotate, text)


def test_one_clause_one_stance_per_side(annotate):
    """A readiness and the verb it governs are one stance, not two."""
    found = triples(annotate, "Russia is not ready to sign the peace treaty.")
    assert {s for party, _i, s in found if party == "Russia"} == {"reject"}


def test_a_counter_proposal_beside_a_refusal_stays(annotate):
    """"Rejected X, saying Y should …" is two stances: the refusal and the counter-proposal."""
    found = triples(annotate, "Kyiv rejected withdrawing from the Donbas, saying the conflict should instead "
                              "be frozen along the current front line.")
    assert {"reject", "propose"} <= {s for party, _i, s in found if party == "Ukraine"}


@pytest.mark.parametrize("text, pressed", [
    ("Israel is pressing Hamas to release the remaining hostages.", "Hamas"),
    ("Russia is pressing Ukraine to withdraw from the Donbas.", "Ukraine"),
    ("The United States urged Hamas to accept the deal.", "Hamas"),
])
def test_the_side_pressed_takes_no_stance(annotate, text, pressed):
    """A demand on a party is not that party's position (docs/annotation.md, demand_on)."""
    assert not {t for t in triples(annotate, text) if t[0] == pressed}


@pytest.mark.parametrize("text, parties", [
    # two named sides agreeing together on a step that names no issue: general
    ("Kenya and Tanzania agreed on Tuesday to appoint joint technical committees.", {"Kenya", "Tanzania"}),
    ("Peru and Ecuador agreed to set up a joint commission that will report within a month.", {"Peru", "Ecuador"}),
])
def test_what_two_sides_agree_on_together_is_general(annotate, text, parties):
    found = triples(annotate, text)
    assert {(p, "general", "accept") for p in parties} <= found


def test_one_side_agreeing_to_a_step_without_an_issue_is_nothing(annotate):
    assert triples(annotate, "Kenya agreed on Tuesday to appoint a technical committee.") == set()


@pytest.mark.parametrize("text, expected", [
    # "they" after two sides named together, or after "the two sides", is both of them
    ("Ecuador and Peru met in Lima on Monday. They agreed to disengage their troops along the border.",
     {("Ecuador", "demilitarization", "accept"), ("Peru", "demilitarization", "accept")}),
    ("Armenia and Azerbaijan held a first round in Geneva. They met again in March. They agreed to exchange all detainees.",
     {("Armenia", "prisoners", "accept"), ("Azerbaijan", "prisoners", "accept")}),
    # "they" after a pair named by role outside the subject
    ("Peru and Ecuador held talks. This was the second meeting between the two army commanders. "
     "They agreed to disengage at several points.",
     {("Peru", "demilitarization", "accept"), ("Ecuador", "demilitarization", "accept")}),
    # a plural role noun of both sides
    ("Serbia and Kosovo sent envoys to Brussels. The special representatives reaffirmed the goal of full normalization.",
     {("Serbia", "political", "accept"), ("Kosovo", "political", "accept")}),
    ("North Korea and South Korea held a summit in Pyongyang. "
     "Leaders of the two Koreas agreed to work toward the complete denuclearization of the peninsula.",
     {("North Korea", "nuclear", "accept"), ("South Korea", "nuclear", "accept")}),
    # "the two sides" are the two the sentence itself names
    ("Sudan and Chad talked, and so did Uganda and Kenya. "
     "The two sides agreed to reopen the border between Uganda and Kenya.",
     {("Uganda", "territory", "accept"), ("Kenya", "territory", "accept")}),
    # readiness as an adjective
    ("Colombia and the ELN sat down in Caracas. Both parties are keen on resuming the peace talks.",
     {("Colombia", "general", "accept")}),
])
def test_both_sides_in_other_words(annotate, text, expected):
    assert expected <= triples(annotate, text)


def test_they_after_one_side_is_not_both(annotate):
    found = triples(annotate, "Ecuador and Peru met in Lima. Peru then hosted a dinner. "
                              "Ecuador's delegation left early. They agreed to disengage their troops.")
    assert ("Peru", "demilitarization", "accept") not in found


@pytest.mark.parametrize("text, expected", [
    # restoring relations is accepting rapprochement; a list hung as an apposition is every state in it
    ("Jordan, the UAE, Bahrain and Egypt have restored full diplomatic relations with Qatar after talks.",
     {("Jordan", "political", "accept"), ("United Arab Emirates", "political", "accept"),
      ("Bahrain", "political", "accept"), ("Egypt", "political", "accept")}),
    # a deal verb off a deal ("the aid was restored") governs nothing
    ("The aid was restored after Ukraine agreed on the 30-day ceasefire in Jeddah.",
     {("Ukraine", "ceasefire", "accept")}),
])
def test_rapprochement_and_lists(annotate, text, expected):
    assert expected <= triples(annotate, text)


@pytest.mark.parametrize("text, expected, absent", [
    ("After the third round, India and Pakistan jointly decided to freeze the movement of troops and weapons.",
     {("India", "demilitarization", "accept"), ("Pakistan", "demilitarization", "accept")}, set()),
    ("Russia decided to withdraw its troops from the border posts.", set(),
     {("Russia", "demilitarization", "accept")}),
])
def test_a_decision_taken_together_is_acceptance(annotate, text, expected, absent):
    found = triples(annotate, text)
    assert expected <= found and not absent & found


def test_a_short_report_on_a_dialogue_is_about_talks(annotate):
    """Rapprochement news speaks of dialogue, meetings and normalization more than of "talks"."""
    text = ("Serbia and Kosovo on Friday agreed on new steps toward normalization after a meeting of their envoys. "
            "Both sides agreed to reopen the border crossing at Jarinje to trucks. "
            "The dialogue will continue in Brussels next month, officials said.")
    doc, ctx = annotate(text)
    found = {(p.party, p.issue, p.stance) for p in extract_positions(doc, ctx)}
    assert ("Serbia", "territory", "accept") in found
