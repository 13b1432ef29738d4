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
