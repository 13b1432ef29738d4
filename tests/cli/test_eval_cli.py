"""``detente eval``: a table for people, JSON for scripts, one error line for a bad path."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.errors import InputError
from detente.records import Record

TEXT = "Kremlin spokesman Dmitry Peskov said on Tuesday that talks were useful."


@pytest.fixture
def files(tmp_path):
    """(gold folder, corpus folder, records file): one document, half right."""
    gold_dir, corpus_dir = tmp_path / "gold", tmp_path / "corpus"
    gold_dir.mkdir()
    corpus_dir.mkdir()
    gold = {"document": {"id": "d1"},
            "actors": [{"name": "Dmitry Peskov", "kind": "person", "affiliation": "Russia", "roles": ["spokesman"]}],
            "dates": [{"text": "Tuesday", "value": "2026-02-03"}]}
    (gold_dir / "d1.json").write_text(json.dumps(gold))
    (corpus_dir / "d1.json").write_text(json.dumps({"id": "d1", "text": TEXT}))
    start = TEXT.index("Dmitry Peskov")
    pred = Record.model_validate({"document": {"id": "d1"}, "actors": [
        {"name": "Dmitry Peskov", "kind": "person", "affiliation": "Russia", "roles": ["Kremlin spokesman"],
         "mentions": [{"start": start, "end": start + 13, "text": "Dmitry Peskov"}]}]})
    records = tmp_path / "records.jsonl"
    records.write_text(pred.to_json() + "\n")
    return gold_dir, corpus_dir, records


@pytest.mark.parametrize("as_json", [True, False])
def test_eval(files, as_json):
    gold_dir, corpus_dir, records = files
    args = ["eval", str(gold_dir), str(records), "--corpus", str(corpus_dir)] + (["--json"] if as_json else [])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    if as_json:
        data = json.loads(result.stdout)
        assert data["categories"]["actors"]["tp"] == 1
        assert data["categories"]["dates"]["fn"] == 1
        assert data["evidence_valid"] == 1.0
        assert data["overall"] == pytest.approx(7 / 8)
    else:
        assert "overall" in result.stdout and "0.875" in result.stdout


@pytest.mark.parametrize("missing", ["gold", "records", "corpus"])
def test_eval_names_a_missing_path(files, tmp_path, missing):
    gold_dir, corpus_dir, records = files
    paths = {"gold": gold_dir, "records": records, "corpus": corpus_dir}
    paths[missing] = tmp_path / "nope"
    result = CliRunner().invoke(app, ["eval", str(paths["gold"]), str(paths["records"]), "--corpus", str(paths["corpus"])])
    assert result.exit_code != 0
    assert isinstance(result.exception, InputError) and "nope" in str(result.exception)


def test_eval_grouping(tmp_path):
    """Three reports (two about one conflict, one about tariffs) grouped, scored and shuffled."""
    from storekit import group, mentioned, state

    reports = [
        mentioned("r1", "Russia and Ukraine agreed a ceasefire in the war.", actors=[state("Russia"), state("Ukraine")],
                  agreements=[{"kind": "ceasefire", "parties": ["Russia", "Ukraine"], "ev": "agreed a ceasefire"}]),
        mentioned("r2", "Ukraine and Russia swapped prisoners of war.", actors=[state("Russia"), state("Ukraine")],
                  agreements=[{"kind": "prisoner_exchange", "parties": ["Ukraine", "Russia"], "ev": "swapped prisoners"}]),
        mentioned("t1", "Mexico and Canada agreed to cut tariffs.", actors=[state("Mexico"), state("Canada")],
                  agreements=[{"kind": "economic", "parties": ["Mexico", "Canada"], "ev": "cut tariffs"}]),
        mentioned("h1", "Israel and Hamas agreed a truce.", actors=[state("Israel"), group("Hamas")],
                  agreements=[{"kind": "ceasefire", "parties": ["Israel", "Hamas"], "ev": "agreed a truce"}]),
    ]
    (tmp_path / "docs.jsonl").write_text("".join(d.model_dump_json() + "\n" for d, _ in reports))
    (tmp_path / "records.jsonl").write_text("".join(r.to_json() + "\n" for _, r in reports))
    (tmp_path / "labels.jsonl").write_text("".join(json.dumps({"id": i, "conflict": c}) + "\n" for i, c in
                                                   [("r1", "ru-ua"), ("r2", "ru-ua"), ("t1", None), ("h1", "gaza")]))
    (tmp_path / "names.json").write_text(json.dumps({"ru-ua": ["Russia–Ukraine"], "gaza": ["Israel–Hamas"]}))
    args = ["eval", "--grouping", str(tmp_path / "labels.jsonl"), "--records", str(tmp_path / "records.jsonl"),
            "--docs", str(tmp_path / "docs.jsonl"), "--names", str(tmp_path / "names.json"), "--shuffle", "2", "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["f1"], data["relevant_in_process"], data["unrelated_in_none"], data["named"]) == (1.0, 1.0, 1.0, 1.0)
    assert data["same_partition_shuffled"] is True


def test_eval_grouping_needs_records_and_docs(tmp_path):
    (tmp_path / "labels.jsonl").write_text('{"id": "x", "conflict": null}\n')
    result = CliRunner().invoke(app, ["eval", "--grouping", str(tmp_path / "labels.jsonl")])
    assert isinstance(result.exception, InputError) and "--records" in str(result.exception)
