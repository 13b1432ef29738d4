"""Positions: the clause shapes that carry a stance on reports no rule was
written against, each from several peace processes (constructed sentences)."""

from __future__ import annotations

import pytest

from detente.extract.positions import extract_positions


@pytest.fixture(autouse=True)
def _cues_only(monkeypatch):
    """Fast and deterministic: issue cues only (the embedding path has its own tests)."""
    monkeypatch.setenv("DETENTE_EMBEDDINGS", "0")


CONTEXT = "Delegations met for peace talks. "


def triples(annotate, text):
    doc, ctx = annotate(CONTEXT + text)
    return {(p.party, p.issue, p.stance) for p in extract_positions(doc, ctx)}


FOUND = [
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
    # a participle speaks for whoever sent the message
    ("US President Donald Trump sent a letter to Tehran demanding negotiations on its nuclear programme.",
     {("United States", "nuclear", "demand")}),
    # a relative pronoun is the noun it qualifies
    ("The talks stalled over Kyiv, which wants security guarantees from its allies.",
     {("Ukraine", "security_guarantees", "demand")}),
    # "such terms" take the issue of the sentence before
    ("Russia wants Ukraine to cede the rest of the Donetsk region. Kyiv has rejected such terms.",
     {("Ukraine", "territory", "reject")}),
    # a proposal from a side is that side's
    ("The rebels received a written proposal from Khartoum on a humanitarian truce.", {("Sudan", "ceasefire", "propose")}),
]


@pytest.mark.parametrize("text, expected", FOUND)
def test_stance_found(annotate, text, expected):
    assert expected <= triples(annotate, text)


NOTHING = [
    # a deal verb on something that is not a deal
    "Ukraine carved out a trade route requiring ships to sail near the coast of Romania.",
    "The president signed the budget bill on Friday.",
    # the talks ending is no side's rejection
    "The talks in Geneva ended with a joint statement on prisoner exchanges.",
    # "negotiate" unrefused is no stance
    "Armenia and Azerbaijan negotiated for three days in Washington.",
]


@pytest.mark.parametrize("text", NOTHING)
def test_no_stance(annotate, text):
    assert triples(annotate, text) == set()


def test_one_clause_one_stance_per_side(annotate):
    """A readiness and the verb it governs are one stance, not two."""
    found = triples(annotate, "Russia is not ready to sign the peace treaty.")
    assert {s for party, _i, s in found if party == "Russia"} == {"reject"}


def test_a_counter_proposal_beside_a_refusal_stays(annotate):
    """"Rejected X, saying Y should …" is two stances: the refusal and the counter-proposal."""
    found = triples(annotate, "Kyiv rejected withdrawing from the Donbas, saying the conflict should instead "
                              "be frozen along the current front line.")
    assert {"reject", "propose"} <= {s for party, _i, s in found if party == "Ukraine"}
