"""``detente curate``: each command, one-line errors with exit 2, and issue 17's "done when" scenario
(real extraction of sample reports, four corrections, ``ingest --force``, everything still corrected),
on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from detente import ingest as ingest_mod
from detente.cli import app
from storekit import BACKENDS, fresh_db, world

runner = CliRunner()

COMMANDS = ["hide", "restore", "set", "add", "merge", "split", "move", "rename", "verify", "undo", "log",
            "export", "import"]


def fake_extract(items, *, settings=None, progress=None):
    records = {d.id: r for d, r in world()}
    for item in items:
        yield records[item.id]


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path, monkeypatch):
    """A store of the world's reports, filled through `detente ingest` (the NLP replaced)."""
    reports = tmp_path / "reports.jsonl"
    reports.write_text("".join(json.dumps(d.model_dump(exclude_none=True)) + "\n" for d, _ in world()))
    monkeypatch.setattr(ingest_mod, "extract_stream", fake_extract)
    with fresh_db(request.param, tmp_path) as url:
        assert runner.invoke(app, ["ingest", str(reports), "--db", url]).exit_code == 0
        yield url


def run(*args, code=0):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result


def js(*args):
    """The JSON a command prints; a list's items (lists print as a page: items and total)."""
    out = json.loads(run(*args, "--json").stdout)
    return out["items"] if isinstance(out, dict) and "items" in out else out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    out = run("curate", command, "--help").stdout
    assert "Example: detente curate " + command in " ".join(out.split()) or "Example: detente curate" in out
    if command not in ("log", "export", "import"):
        assert "--why" in out and "--by" in out
    assert "--db" in out


@pytest.mark.parametrize("args, message", [
    (["hide", "f-000000000000"], "no fact 'f-000000000000'"),
    (["set", "{p}", "colour=red"], "use one of party, issue, stance, date, speaker"),
    (["set", "{p}", "stance=rejected"], "not one of: propose, demand, accept, reject, unchanged"),
    (["set", "{p}", "stance"], "is not FIELD=VALUE"),
    (["merge", "e-000000000000", "e-000000000001"], "no actor 'e-000000000000'"),
    (["move", "kyiv-1"], "give a process, or --none"),
    (["undo", "c-nope"], "no correction 'c-nope'"),
])
def test_bad_input_is_one_line_and_exit_2(db, args, message):
    p = js("positions", "--db", db)[0]["id"]
    result = run("curate", *[a.format(p=p) for a in args], "--by", "ana", "--db", db, code=2)
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_a_missing_store_is_refused(tmp_path):
    result = run("curate", "log", "--db", tmp_path / "none.db", code=2)
    assert "no store" in result.output


def test_set_verify_undo_and_log(db, monkeypatch):
    p = next(x for x in js("positions", "--db", db) if x["stance"] == "accept")
    made = js("curate", "set", p["id"], "stance=reject", "--why", "misread negation", "--by", "ana", "--db", db)
    assert [(c["field"], c["before"], c["value"], c["by"]) for c in made] == [("stance", "accept", "reject", "ana")]
    monkeypatch.setenv("DETENTE_CURATOR", "bo")
    js("curate", "verify", p["id"], "--db", db)
    now = next(x for x in js("positions", "--db", db) if x["id"] == p["id"])
    assert (now["stance"], now["corrected"], now["verified"]) == ("reject", True, True)
    assert next(x for x in js("positions", "--raw", "--db", db) if x["id"] == p["id"])["stance"] == "accept"
    table = run("positions", "--db", db).stdout
    assert "corrected verified" in table
    js("curate", "undo", made[0]["id"], "--db", db)
    log = js("curate", "log", "--db", db)
    assert [(c["action"], c["by"], bool(c["undone_at"])) for c in log] == [("set", "ana", True), ("verify", "bo", False)]
    assert [c["by"] for c in js("curate", "log", "--by", "bo", "--db", db)] == ["bo"]


def test_a_corrected_party_is_a_filter_raw_knows_the_stored_ones(db):
    """``curate set FACT party=Kyiv``, then ``positions --party Kyiv`` lists it; ``--raw`` refuses Kyiv."""
    p = next(x for x in js("positions", "--db", db) if x["party"] == "Ukraine")
    assert "no party 'Kyiv'" in run("positions", "--party", "Kyiv", "--db", db, code=2).output
    run("curate", "set", p["id"], "party=Kyiv", "--by", "ana", "--db", db)
    assert [x["id"] for x in js("positions", "--party", "kyiv", "--db", db)] == [p["id"]]
    assert "no party 'Kyiv'" in run("positions", "--party", "Kyiv", "--raw", "--db", db, code=2).output
    assert p["id"] in {x["id"] for x in js("positions", "--party", "Ukraine", "--raw", "--db", db)}


def test_export_then_import_twice(db, tmp_path):
    p = js("positions", "--db", db)[0]["id"]
    run("curate", "hide", p, "--by", "ana", "--db", db)
    exported = run("curate", "export", "--db", db).stdout
    assert json.loads(exported.splitlines()[0])["target"] == p
    path = tmp_path / "corrections.jsonl"
    path.write_text(exported)
    with fresh_db("sqlite", tmp_path) as other:
        reports = tmp_path / "r.jsonl"
        reports.write_text("".join(json.dumps(d.model_dump(exclude_none=True)) + "\n" for d, _ in world()))
        run("ingest", reports, "--db", other)
        assert js("curate", "import", path, "--db", other) == {"added": 1, "skipped": 0}
        assert js("curate", "import", path, "--db", other) == {"added": 0, "skipped": 1}
        assert p not in {x["id"] for x in js("positions", "--db", other)}


# -- issue 17, "done when" ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_reports(tmp_path_factory):
    """A handful of the bundled sample's reports: the four on one process and one more."""
    from detente.sources import sample_path

    lines = sample_path().read_text(encoding="utf-8").splitlines()
    by_process: dict[str, list[str]] = {}
    for line in lines:
        by_process.setdefault(re.match(r"(.*?)-\d{4}-", json.loads(line)["id"]).group(1), []).append(line)
    biggest = max(by_process.values(), key=len)
    other = next(v for v in by_process.values() if v is not biggest)
    path = tmp_path_factory.mktemp("sample") / "reports.jsonl"
    path.write_text("\n".join(biggest + other[:1]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("backend", BACKENDS)
def test_done_when_corrections_survive_reextraction(backend, sample_reports, tmp_path):
    from fastapi.testclient import TestClient

    from detente.web import create_app

    with fresh_db(backend, tmp_path) as db:
        out = run("ingest", sample_reports, "--db", db)
        assert " 0 failed" in out.output
        # the stance in force of one party on one issue (the cell with fewest statements, so one correction
        # turns it), corrected; the gap series shows the stance in force
        every = js("positions", "--limit", 1000, "--db", db)
        cells = [(g["process"], g["issue"], party) for g in js("gap", "--db", db) for party in g["points"][-1]["stances"]]
        count = {c: sum(1 for p in every if (p["process"], p["issue"], p["party"]) == c) for c in cells}
        cell = min((c for c in cells if count[c]), key=lambda c: (count[c], c))  # an ally speaks for a side: not its cell
        target = [p for p in every if (p["process"], p["issue"], p["party"]) == cell][-1]
        stance = "accept" if target["stance"] == "reject" else "reject"

        def in_force(series):
            return next(g["points"][-1]["stances"].get(cell[2]) for g in series if (g["process"], g["issue"]) == cell[:2])

        hidden = next(p for p in js("positions", "--db", db) if p["id"] != target["id"])
        actors = js("actors", "--limit", 200, "--db", db)
        a, b = actors[-1], actors[-2]
        reports = [ref["document_id"] for e in js("timeline", "--limit", 1000, "--db", db) if e["process"] != cell[0]
                   for ref in e["sources"]]
        reports += [p["source"]["document_id"] for p in every]
        moved = next(r for r in reports if r != target["source"]["document_id"])

        run("curate", "hide", hidden["id"], "--why", "not a position", "--by", "ana", "--db", db)
        run("curate", "set", target["id"], f"stance={stance}", "--why", "misread negation", "--by", "ana", "--db", db)
        for p in every:  # the gap pairs a party's statements on one proposal across issues (an ally's too): turn them all
            if (p["process"], p["party"]) == (cell[0], cell[2]) and p["id"] not in (target["id"], hidden["id"]):
                run("curate", "set", p["id"], f"stance={stance}", "--why", "misread negation", "--by", "ana", "--db", db)
        run("curate", "merge", a["id"], b["id"], "--why", "one actor", "--by", "bo", "--db", db)
        run("curate", "move", moved, "Curated track", "--why", "another track", "--by", "bo", "--db", db)

        def picture():
            return {
                "positions": {p["id"]: (p["stance"], p["corrected"]) for p in js("positions", "--limit", 1000, "--db", db)},
                "actors": {x["id"]: (x["n_reports"], x["corrected"]) for x in js("actors", "--limit", 200, "--db", db)},
                "gap": {(g["process"], g["issue"]): (g["current"], g["points"][-1]["stances"]) for g in js("gap", "--db", db)},
                "processes": {p["name"]: p["n_reports"] for p in js("processes", "--db", db)},
                "export": sorted(run("export", "--format", "csv", "--db", db).stdout.splitlines()),
            }

        def holds(now):
            assert hidden["id"] not in now["positions"]
            assert now["positions"][target["id"]] == (stance, True)
            assert a["id"] not in now["actors"] and now["actors"][b["id"]][1] is True
            assert now["processes"]["Curated track"] == 1
            assert not any(line.startswith(hidden["id"] + ",") for line in now["export"])
            assert any(line.startswith(target["id"] + ",") and f",{stance}," in line for line in now["export"])

        before = picture()
        holds(before)
        assert in_force(js("gap", "--db", db)) == stance and in_force(js("gap", "--raw", "--db", db)) == target["stance"]

        again = run("ingest", sample_reports, "--force", "--db", db)
        assert " replaced" in again.output and "no longer find" not in again.output
        after = picture()
        holds(after)
        assert after == before

        with TestClient(create_app(db=db)) as client:
            api_positions = {p["id"]: p["stance"] for p in client.get("/api/positions").json()}
            assert hidden["id"] not in api_positions and api_positions[target["id"]] == stance
            assert a["id"] not in {x["id"] for x in client.get("/api/actors").json()}
            assert in_force(client.get("/api/gap").json()) == stance
            page = client.get(f"/processes/{cell[0]}").text
            assert "corrected" in page

        log = js("curate", "log", "--db", db)
        assert list(dict.fromkeys((c["action"], c["by"], c["why"]) for c in log)) == [
            ("hide", "ana", "not a position"), ("set", "ana", "misread negation"),
            ("merge", "bo", "one actor"), ("move", "bo", "another track")]
        assert all(c["at"] and not c["orphaned"] and not c["undone_at"] for c in log)


def test_force_reingest_names_corrections_whose_fact_is_gone(db, tmp_path, monkeypatch):
    """A newer extraction that no longer finds a corrected fact: one line after ingest, the correction kept."""
    gone = next(p for p in js("positions", "--db", db) if p["source"]["document_id"] == "kyiv-1")
    kept = next(p for p in js("positions", "--db", db) if p["source"]["document_id"] == "daily-3")
    hidden = js("curate", "hide", gone["id"], "--why", "wrong", "--by", "ana", "--db", db)[0]
    js("curate", "verify", kept["id"], "--by", "ana", "--db", db)

    def newer_extract(items, *, settings=None, progress=None):
        for item in items:
            record = dict((d.id, r) for d, r in world())[item.id]
            yield record.model_copy(update={"positions": []}) if item.id == "kyiv-1" else record

    monkeypatch.setattr(ingest_mod, "extract_stream", newer_extract)
    reports = tmp_path / "again.jsonl"
    reports.write_text("".join(json.dumps(d.model_dump(exclude_none=True)) + "\n" for d, _ in world()))
    out = run("ingest", reports, "--force", "--db", db).output
    assert "5 replaced" in out and "1 corrections no longer find their fact (kept)" in out
    assert [c["id"] for c in js("curate", "log", "--orphaned", "--db", db)] == [hidden["id"]]
    assert next(p for p in js("positions", "--db", db) if p["id"] == kept["id"])["verified"]
