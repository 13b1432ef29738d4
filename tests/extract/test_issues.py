"""Issue classification: cue phrases on lemmas, embeddings for unlisted wording,
and a replaceable taxonomy file."""

from __future__ import annotations

import json

import pytest

from detente.errors import ConfigError
from detente.rules import read_taxonomy

@pytest.fixture(scope="module")
def taxonomy(nlp):
    return read_taxonomy(None, nlp)


CUES = [
    # (clause, expected issue) — real wording from several peace processes
    ("binding security guarantees from the United States", "security_guarantees"),  # ru-ua
    ("setting up a demilitarized zone", "demilitarization"),  # ru-ua
    ("another exchange of prisoners of war", "prisoners"),  # ru-ua
    ("the release of 10 living Israeli hostages held by Hamas", "prisoners"),  # il-ha
    ("an immediate ceasefire after week-long talks", "ceasefire"),  # et-tg
    ("a two-week humanitarian truce", "ceasefire"),  # drc
    ("sanctions against the Russian Agricultural Bank are lifted", "sanctions"),  # ru-ua
    ("changes to his country's basic law and the Constitution", "political"),  # am-az
    ("control of the Zaporizhzhia nuclear power plant", "nuclear"),  # ru-ua
    ("the entry of fuel ships into Hudaydah port", "infrastructure"),  # ye
    ("a permanent disarmament, demobilization and reintegration", "demilitarization"),  # et-tg
    ("to be recognized as a political organization", "political"),  # co-eln
    # wording of rapprochement, disengagement and arms talks (written for these tests)
    ("to restore full diplomatic relations with its neighbour", "political"),
    ("to reopen their embassies and exchange ambassadors", "political"),
    ("the normalization of ties between the two capitals", "political"),
    ("the prime minister must step down", "political"),
    ("to disengage at several friction points along the frontier", "demilitarization"),
    ("to pull back to the military positions held in April", "demilitarization"),
    ("the rebels will lay down their arms within a year", "demilitarization"),
    ("a roadmap for a weapons handover", "demilitarization"),
    ("the complete denuclearization of the peninsula", "nuclear"),
    ("to replace coca fields with other crops", "economy"),
    ("to set up a joint communications cell between the armies", "security_guarantees"),
]


@pytest.mark.parametrize("clause, issue", CUES)
def test_cues_find_the_issue(nlp, clause, issue, taxonomy):
    assert issue in taxonomy.cue_hits(nlp(clause))


def test_general_only_when_nothing_else(nlp, taxonomy):
    assert taxonomy.cue_hits(nlp("any diplomatic format")) == ["general"]
    assert taxonomy.cue_hits(nlp("a peace deal that includes a ceasefire")) == ["ceasefire"]


def test_unrelated_clause_has_no_issue(nlp, taxonomy):
    assert taxonomy.cue_hits(nlp("to meet reporters on Friday")) == []


@pytest.fixture(scope="module")
def encoder():
    from detente.embeddings import get_encoder

    return get_encoder()


PARAPHRASES = [
    # wording no cue lists: the embedding model alone must place it
    ("rebuilding cities destroyed by the war", "economy"),
    ("the release of all remaining captives", "prisoners"),
    ("a halt to hostilities over Easter", "ceasefire"),
    ("the swap of detained soldiers", "prisoners"),
]


@pytest.mark.parametrize("clause, issue", PARAPHRASES)
def test_embeddings_catch_unlisted_wording(encoder, clause, issue, taxonomy):
    assert taxonomy.embed_hits([clause], encoder) == [[issue]]


def test_cues_win_before_embeddings(nlp, encoder, taxonomy):
    assert taxonomy.classify(nlp("another exchange of prisoners of war"), encoder=encoder) == ["prisoners"]


def test_embeddings_can_be_switched_off():
    from detente.pipeline import load
    from detente.settings import Settings

    assert load(Settings(embeddings=False)).encoder is None


def test_embeddings_stay_silent_on_unrelated_text(nlp, encoder, taxonomy):
    assert taxonomy.classify(nlp("to meet reporters on Friday"), encoder=encoder) == []


def test_replacement_taxonomy(tmp_path, nlp):
    path = tmp_path / "mine.jsonl"
    rows = [
        {"id": "water", "label": "water rights", "description": "shares of river water", "cues": ["river", "dam"]},
        {"id": "general", "label": "overall", "description": "overall position", "cues": ["settlement"]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    taxonomy = read_taxonomy(str(path), nlp)
    assert taxonomy.ids == ["water", "general"]
    assert taxonomy.cue_hits(nlp("the new dam on the Nile")) == ["water"]


def test_malformed_taxonomy_says_what_to_do(tmp_path, nlp):
    path = tmp_path / "bad.json"
    path.write_text('[{"label": "no id"}]', encoding="utf-8")
    with pytest.raises(ConfigError, match="id"):
        read_taxonomy(str(path), nlp)
