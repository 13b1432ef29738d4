"""Cross-validation by conflict on a small development set made of real dev-set reports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from detente.crossval import FIGURES, SENTENCE_THRESHOLDS, crossval
from detente.evaluate import Scores
from detente.settings import Settings

DEVSET = Path(__file__).resolve().parents[1] / "devset"


@pytest.fixture(scope="module")
def small_devset(tmp_path_factory) -> Path:
    folds = json.loads((DEVSET / "folds.json").read_text(encoding="utf-8"))
    root = tmp_path_factory.mktemp("devset")
    (root / "docs").mkdir()
    (root / "gold").mkdir()
    chosen: dict[str, list[str]] = {}
    for doc_id, conflict in sorted(folds["documents"].items()):
        if conflict in ("yemen", "sudan", "armenia-azerbaijan") and (DEVSET / "gold" / f"{doc_id}.json").exists():
            if len(chosen.setdefault(conflict, [])) < 2:
                chosen[conflict].append(doc_id)
    for ids in chosen.values():
        for doc_id in ids:
            shutil.copy(DEVSET / "docs" / f"{doc_id}.json", root / "docs")
            shutil.copy(DEVSET / "gold" / f"{doc_id}.json", root / "gold")
    documents = {d: c for c, ids in chosen.items() for d in ids}
    (root / "folds.json").write_text(json.dumps({"folds": [[c] for c in sorted(chosen)], "documents": documents}))
    return root


@pytest.fixture(scope="module")
def result(small_devset):
    return crossval(small_devset, Settings(), variants={"stance=0.5": {"stance": 0.5}})


def test_every_report_is_scored_once_per_run(result):
    assert set(result.runs) == {"held-out", "held-out stance=0.5", "dev", "rules"}
    for run in result.runs.values():
        assert sorted(d.id for d in run) == sorted(result.conflict)


def test_intervals_bracket_the_figure(result):
    for figure in ("positions_f1", "overall"):
        iv = result.interval("held-out", figure, rounds=50)
        assert iv.low <= iv.value <= iv.high


def test_report_lists_every_figure_for_every_run(result):
    figures = result.as_dict()["figures"]
    assert set(figures) == set(FIGURES)
    assert set(figures["overall"]) == {"held-out", "held-out stance=0.5", "dev", "rules"}


def test_models_switched_off_score_as_the_rules(result):
    """The shipped thresholds keep every model off, so held-out is the rules' score, report by report."""
    from detente.learn.train import THRESHOLDS

    if any(t <= 1 for t in THRESHOLDS.values()):
        pytest.skip("a model ships switched on")
    rules = {d.id: d for d in result.runs["rules"]}
    for d in result.runs["held-out"]:
        assert Scores.of([d]).figures() == Scores.of([rules[d.id]]).figures()


def test_per_fold_figures_and_sentence_scores(result):
    out = result.as_dict(rounds=20)
    assert [len(out["per_fold"][run]) for run in result.runs] == [len(result.folds)] * len(result.runs)
    assert out["per_fold_overall"] == [f["overall"] for f in out["per_fold"]["held-out"]]
    sentences = out["sentences"]
    assert sentences["status_n"] > 0 and 0 <= sentences["status_accuracy"] <= 1
    for floor in SENTENCE_THRESHOLDS:
        assert set(sentences[f"assessment@{floor}"]) == {"precision", "recall", "f1", "polarity_accuracy"}


@pytest.fixture
def fitted_on(monkeypatch) -> list:
    """The report sets every model fit of the test is trained on, in order."""
    from detente.learn import train

    seen: list = []
    original = train.fit

    def spy(features, docs=None, **kw):
        seen.append(set(docs) if docs is not None else None)
        return original(features, docs, **kw)

    monkeypatch.setattr(train, "fit", spy)
    return seen


def test_held_out_models_never_see_the_fold(small_devset, fitted_on):
    seen = fitted_on
    result = crossval(small_devset, Settings(), rules=False)
    folds = result.folds
    for fold, trained_on in zip(folds, seen[: len(folds)]):
        test_docs = {d for d, c in result.conflict.items() if c in fold}
        assert not (trained_on & test_docs)


def test_cli_prints_held_out_beside_dev(small_devset):
    import json as _json

    from typer.testing import CliRunner

    from detente.cli import app

    run = CliRunner().invoke(app, ["eval", "--cv", str(small_devset), "--rounds", "20", "--json",
                                   "--variant", "stance=0.5,issue=0.6"])
    assert run.exit_code == 0, run.output
    figures = _json.loads(run.stdout[run.stdout.index("{"):])["cv"]["figures"]
    assert set(figures["overall"]) == {"held-out", "held-out stance=0.5,issue=0.6", "dev", "rules"}


def test_cli_refuses_a_threshold_for_no_model(small_devset):
    from typer.testing import CliRunner

    from detente.cli import app

    run = CliRunner().invoke(app, ["eval", "--cv", str(small_devset), "--variant", "stanse=0.5"])
    assert run.exit_code != 0 and "no model called 'stanse'" in run.output


def test_cli_refuses_a_folder_that_is_no_development_set(tmp_path):
    from typer.testing import CliRunner

    from detente.cli import app

    run = CliRunner().invoke(app, ["eval", "--cv", str(tmp_path)])
    assert run.exit_code != 0


@pytest.fixture(scope="module")
def extra_set(tmp_path_factory) -> Path:
    """Two reports of devset/extra, a conflict no fold holds."""
    root = tmp_path_factory.mktemp("extra")
    (root / "docs").mkdir()
    (root / "gold").mkdir()
    for path in sorted((DEVSET / "extra" / "gold").glob("sa-ir-*.json"))[:2]:
        shutil.copy(DEVSET / "extra" / "docs" / path.name, root / "docs")
        shutil.copy(path, root / "gold")
    return root


def test_extra_sets_train_every_fold_and_are_never_scored(small_devset, extra_set, fitted_on):
    seen = fitted_on
    result = crossval(small_devset, Settings(), extra=[extra_set], rules=False)
    extra_ids = {p.stem for p in (extra_set / "gold").glob("*.json")}
    assert len(extra_ids) == 2
    assert not extra_ids & set(result.conflict)
    for run in result.runs.values():
        assert not extra_ids & {d.id for d in run}
    assert seen and all(extra_ids <= trained_on for trained_on in seen)


def test_an_extra_set_may_not_repeat_a_report(small_devset):
    from detente.errors import InputError
    from detente.learn.train import load_devset

    with pytest.raises(InputError, match="already in"):
        load_devset(small_devset, [small_devset])
