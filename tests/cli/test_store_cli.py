"""The store commands: ingest, demo, queries with --json and tables, export, process set, errors."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest
from typer.testing import CliRunner

from detente import ingest as ingest_mod
from detente.cli import app, main
from storekit import BACKENDS, fresh_db, world

runner = CliRunner()


def fake_extract(items, *, settings=None, progress=None):
    from detente.errors import InputError

    records = {d.id: r for d, r in world()}
    for item in items:
        yield item if isinstance(item, InputError) else records[item.id]


@pytest.fixture(scope="module", params=BACKENDS)
def db(request, tmp_path_factory):
    """A store filled through `detente ingest` once per backend (the NLP replaced by the world's records)."""
    folder = tmp_path_factory.mktemp("cli")
    reports = folder / "reports.jsonl"
    reports.write_text("".join(json.dumps(d.model_dump(exclude_none=True)) + "\n" for d, _ in world()))
    with fresh_db(request.param, folder) as url, pytest.MonkeyPatch.context() as mp:
        mp.setattr(ingest_mod, "extract_stream", fake_extract)
        result = runner.invoke(app, ["ingest", str(reports), "--db", url])
        assert result.exit_code == 0, result.output
        assert "5 added" in result.output
        again = runner.invoke(app, ["ingest", str(reports), "--db", url])
        assert "5 unchanged" in again.output
        yield url


def run(*args):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("args, check", [
    (["processes"], lambda d: {p["name"] for p in d} == {"Russia–Ukraine", "Israel–Hamas"}),
    (["actors", "--kind", "person"], lambda d: d[0]["name"] == "Volodymyr Zelenskyy"),
    (["timeline", "--process", "Russia–Ukraine"], lambda d: {e["kind"] for e in d} == {"meeting", "agreement", "statement"}),
    (["positions", "--party", "Russia", "--issue", "ceasefire"], lambda d: [p["stance"] for p in d] == ["reject", "accept"]),
    (["quotes", "--speaker", "Zelensky"], lambda d: len(d) == 1 and len(d[0]["sources"]) == 2),
    (["search", "prisoners"], lambda d: {h["document_id"] for h in d} == {"kyiv-1", "wire-2"}),
    (["gap", "--process", "Russia–Ukraine", "--issue", "ceasefire"], lambda d: d[0]["trend"] == "narrowing"),
])
def test_query_commands_json(db, args, check):
    assert check(json.loads(run(*args, "--db", db, "--json")))


@pytest.mark.parametrize("args, expected", [
    (["processes"], "Russia–Ukraine"), (["actors"], "Zelenskyy"), (["timeline"], "Abu Dhabi"),
    (["positions"], "demilitarization"), (["quotes"], "just peace"), (["search", "Geneva"], "geneva-4"),
    (["gap"], "narrowing"), (["search", "nothingmatches"], "no reports found"),
])
def test_query_commands_tables(db, args, expected):
    assert expected in run(*args, "--db", db)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_export(db, fmt, tmp_path):
    out = tmp_path / f"out.{fmt}"
    run("export", "--format", fmt, "-o", str(out), "--db", db)
    body = out.read_text(encoding="utf-8")
    if fmt == "json":
        records = json.loads(body)
    elif fmt == "jsonl":
        records = [json.loads(line) for line in body.splitlines()]
    else:
        rows = list(csv.DictReader(io.StringIO(body)))
        assert {r["document_id"] for r in rows} == {d.id for d, _ in world()}
        assert all(r["evidence_text"] for r in rows if r["kind"] != "actors")
        return
    assert sorted(r["document"]["id"] for r in records) == sorted(d.id for d, _ in world())
    assert {r["process"] for r in records} == {"Russia–Ukraine", "Israel–Hamas"}


def test_export_to_stdout_one_process(db):
    lines = run("export", "--process", "Israel–Hamas", "--db", db).splitlines()
    assert [json.loads(line)["document"]["id"] for line in lines] == ["gaza-5"]


def test_process_set(tmp_path, monkeypatch):
    db = str(tmp_path / "p.db")
    reports = tmp_path / "r.jsonl"
    reports.write_text(json.dumps(world()[4][0].model_dump()) + "\n")
    monkeypatch.setattr(ingest_mod, "extract_stream", fake_extract)
    run("ingest", str(reports), "--db", db)
    run("process", "set", "gaza-5", "Gaza", "--db", db)
    assert [p["name"] for p in json.loads(run("processes", "--db", db, "--json"))] == ["Gaza"]


def test_ingest_bad_input_exits_1_and_stores_the_rest(tmp_path, monkeypatch):
    db = str(tmp_path / "b.db")
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(world()[0][0].model_dump()) + "\n")
    monkeypatch.setattr(ingest_mod, "extract_stream", fake_extract)
    result = runner.invoke(app, ["ingest", str(tmp_path / "missing.txt"), str(good), "--db", db])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "missing.txt" in errors[0]
    assert "1 added" in result.output


@pytest.mark.parametrize("args", [
    ["timeline", "--db", "postgresql://postgres@127.0.0.1:1/stopped"],
    ["ingest", "nothing.json", "--db", "postgresql://postgres@127.0.0.1:1/stopped"],
])
def test_stopped_database_is_one_line(monkeypatch, capsys, args):
    monkeypatch.setattr(sys, "argv", ["detente", *args])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: cannot reach the database") and "Traceback" not in err[0]


def test_demo(tmp_path, monkeypatch):
    """`detente demo` on a stand-in sample (the real one needs the NLP; see bench and README)."""
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(json.dumps(d.model_dump()) + "\n" for d, _ in world()))
    monkeypatch.setattr("detente.sources.sample_path", lambda: sample)
    monkeypatch.setattr(ingest_mod, "extract_stream", fake_extract)
    out = run("demo", "--db", str(tmp_path / "demo.db"))
    for expected in ("Peace processes", "Russia–Ukraine", "Latest meetings", "Geneva", "Gap in"):
        assert expected in out


@pytest.mark.parametrize("command", ["ingest", "demo", "processes", "export", "actors", "timeline", "positions",
                                     "quotes", "search", "gap"])
def test_every_command_has_help_with_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example" in result.output
