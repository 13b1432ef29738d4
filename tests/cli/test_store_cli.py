"""The store commands: ingest, demo, queries with --json and tables, export, process set, errors."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest
from typer import main as typer_main
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
    found = json.loads(run(*args, "--db", db, "--json"))
    if args[0] != "gap":  # a page: its items and the true total
        assert found["total"] == len(found["items"]) and found["offset"] == 0
        found = found["items"]
    assert check(found)


#: listing → its arguments, and whether its items come oldest first (the page is then the latest ones)
LISTINGS = {
    "processes": ([], False), "actors": ([], False), "timeline": ([], True), "positions": ([], True),
    "quotes": ([], False), "search": (["ceasefire"], False),
}


def page_of(db, listing, *options):
    args, _ = LISTINGS[listing]
    return json.loads(run(listing, *args, *options, "--db", db, "--json"))


@pytest.mark.parametrize("listing", LISTINGS)
def test_lists_cut_short_say_so_with_the_true_total(db, listing):
    everything = page_of(db, listing, "--all")
    total = everything["total"]
    assert total == len(everything["items"]) >= 2 and everything["limit"] is None
    cut = page_of(db, listing, "--limit", "1")
    assert (cut["total"], len(cut["items"])) == (total, 1)
    table = run(listing, *LISTINGS[listing][0], "--limit", "1", "--db", db)
    assert f"showing 1 of {total}" in table
    assert "showing" not in run(listing, *LISTINGS[listing][0], "--all", "--db", db)


@pytest.mark.parametrize("listing", LISTINGS)
def test_offset_pages_through_the_whole_list(db, listing):
    everything = page_of(db, listing, "--all")["items"]
    pages = [page_of(db, listing, "--limit", "1", "--offset", str(i))["items"] for i in range(len(everything))]
    oldest_first = LISTINGS[listing][1]
    assert [p for page in (reversed(pages) if oldest_first else pages) for p in page] == everything
    assert page_of(db, listing, "--offset", str(len(everything)))["items"] == []


@pytest.mark.parametrize("args, same_as", [
    (["timeline", "--process", "russia-ukraine"], ["timeline", "--process", "Russia–Ukraine"]),
    (["timeline", "--process", "RUSSIA — UKRAINE"], ["timeline", "--process", "Russia–Ukraine"]),
    (["positions", "--party", "hamas", "--issue", "Demilitarization"],
     ["positions", "--party", "Hamas", "--issue", "demilitarization"]),
    (["actors", "--process", "israel-hamas", "--kind", "STATE"], ["actors", "--process", "Israel–Hamas", "--kind", "state"]),
    (["gap", "--process", "Israel-Hamas"], ["gap", "--process", "Israel–Hamas"]),
    (["export", "--process", "israel-hamas"], ["export", "--process", "Israel–Hamas"]),
])
def test_names_match_whatever_the_case_and_dash(db, args, same_as):
    expected = run(*same_as, "--db", db)
    assert run(*args, "--db", db) == expected and expected.strip() and "no " not in expected[:3]


@pytest.mark.parametrize("args, says", [
    (["timeline", "--process", "Russia-Ukrain"], "no process 'Russia-Ukrain'; known: Russia–Ukraine, Israel–Hamas"),
    (["gap", "--process", "Gaza"], "no process 'Gaza'; known: "),
    (["positions", "--party", "Rusia"], "no party 'Rusia'; known: Russia, "),
    (["quotes", "--issue", "territory"], "no issue 'territory'; known: "),
    (["actors", "--kind", "persons"], "no actor kind 'persons'; known: person, "),
    (["export", "--process", "nowhere"], "no process 'nowhere'; known: "),
])
def test_unknown_names_are_refused_with_the_known_ones(db, args, says):
    result = runner.invoke(app, [*args, "--db", db])
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 2 and len(lines) == 1 and "Traceback" not in result.output
    assert lines[0].startswith(f"error: {says}")


def test_search_snippets_keep_their_brackets(db):
    """Rich markup is not read from report data: the [hit] marks of a snippet print as they are."""
    hits = json.loads(run("search", "prisoners", "--db", db, "--json"))["items"]
    marked = [h["snippet"] for h in hits if "[" in h["snippet"]]
    assert marked
    table = run("search", "prisoners", "--db", db)
    assert all(word in table for s in marked for word in s.split() if word.startswith("["))


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
    assert [p["name"] for p in json.loads(run("processes", "--db", db, "--json"))["items"]] == ["Gaza"]
    run("process", "set", "gaza-5", "GAZA", "--db", db)  # the stored name, not a look-alike
    assert [p["name"] for p in json.loads(run("processes", "--db", db, "--json"))["items"]] == ["Gaza"]


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


def _commands(group, path=()):
    """Every command under a click group, as the words that call it (sub-apps included)."""
    for name, command in getattr(group, "commands", {}).items():
        yield from _commands(command, (*path, name)) if hasattr(command, "commands") else [[*path, name]]


ALL_COMMANDS = list(_commands(typer_main.get_command(app)))


@pytest.mark.parametrize("command", ALL_COMMANDS, ids=" ".join)
def test_every_command_has_help_with_example(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Example" in result.output


def test_the_command_list_is_complete():
    assert {"ingest", "serve", "extract", "eval", "train", "timeline"} <= {c[0] for c in ALL_COMMANDS}
    assert ["process", "set"] in ALL_COMMANDS


def test_ingest_progress_bar_knows_its_total(tmp_path, monkeypatch):
    import detente.cli.store as cli_store

    totals = []
    real = cli_store.progress_bar

    def spy(label, total=None, **kw):
        totals.append(total)
        return real(label, total, **kw)

    reports = tmp_path / "reports.jsonl"
    reports.write_text("".join(json.dumps(d.model_dump()) + "\n" for d, _ in world()))
    monkeypatch.setattr(cli_store, "progress_bar", spy)
    monkeypatch.setattr(ingest_mod, "extract_stream", fake_extract)
    run("ingest", str(reports), "--db", str(tmp_path / "p.db"))
    assert totals == [len(world())]


@pytest.mark.parametrize("cell", ["[prisoner] swap", "[bold]not bold[/bold]", "a [link=x]b[/link]", "[/]"])
def test_table_cells_print_as_given(cell, capsys):
    from detente.cli.output import table

    table("[draft]", ["[column]"], [[cell]])
    out = capsys.readouterr().out
    assert cell in out and "[draft]" in out and "[column]" in out
