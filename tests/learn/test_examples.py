"""Sentences labelled from a gold record: the stance set and training data."""

from __future__ import annotations

import pytest

from detente.learn.examples import label_sentences

TEXT = ("Hamas rejected the proposal. Israel said it would study the plan. "
        "Qatar urged Hamas to accept the deal. The talks ended on Friday.")
SENTS = [(0, 28), (29, 66), (67, 104), (105, 135)]


def gold(**kinds):
    base = {"positions": [], "agreements": [], "assessments": [], "hard_negatives": []}
    base.update(kinds)
    return base


def test_sentence_takes_the_stance_of_its_position():
    g = gold(positions=[{"party": "Hamas", "issue": "ceasefire", "stance": "reject",
                         "evidence_text": "Hamas rejected the proposal"}])
    out = label_sentences("d", TEXT, g, SENTS)
    assert [s.stance for s in out] == ["reject", "none", "none", "none"]
    assert out[0].positions == (("Hamas", "ceasefire", "reject", None),)


@pytest.mark.parametrize("optional, expected", [(True, ("positions",)), (False, ())])
def test_only_optional_facts_leave_a_sentence_unlabelled(optional, expected):
    g = gold(positions=[{"party": "Israel", "issue": "general", "stance": "accept",
                         "evidence_text": "it would study the plan", "optional": optional}])
    out = label_sentences("d", TEXT, g, SENTS)
    assert out[1].optional == expected


def test_hard_negatives_keep_their_type():
    g = gold(hard_negatives=[{"party": "Hamas", "issue": "general", "type": "demand_on",
                              "evidence_text": "Qatar urged Hamas to accept the deal"}])
    out = label_sentences("d", TEXT, g, SENTS)
    assert out[2].hard_negatives == (("Hamas", "general", "demand_on"),)
    assert out[2].stance == "none"


def test_agreement_and_assessment_labels():
    g = gold(agreements=[{"kind": "ceasefire", "status": "collapsed", "evidence_text": "The talks ended"}],
             assessments=[{"source": "Israel", "polarity": "mixed", "evidence_text": "study the plan"}])
    out = label_sentences("d", TEXT, g, SENTS)
    assert out[3].status == "collapsed" and out[1].polarity == "mixed"
