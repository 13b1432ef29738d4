"""Settings flow from the top: every documented ``DETENTE_*`` variable takes effect, an option given on
the command line wins over it, a bad value is one line and exit status 2, and a read command never
creates a store."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest
from typer.testing import CliRunner

import detente.pipeline as pipeline
from detente.cli import app
from detente.errors import ConfigError, InputError
from detente.records import DocumentInfo, Record
from detente.settings import Settings, env_name
from detente.store import Store

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()
READ_COMMANDS = [["processes"], ["actors"], ["timeline"], ["positions"], ["quotes"], ["gap"], ["search", "talks"],
                 ["export"], ["process", "set", "some-report", "Russia–Ukraine"], ["serve"]]


def one_error_line(result) -> str:
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 2, result.output
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture
def seen(monkeypatch):
    """The engine and settings each extraction reached: the NLP is replaced by empty records."""
    calls: list[tuple[str, Settings]] = []

    def engine(name):
        def run(items, *, settings, pipeline=None):
            calls.append((name, settings))
            for item in items:
                yield item if isinstance(item, InputError) else Record(document=DocumentInfo(id=item.id))
        return run

    monkeypatch.setattr(pipeline, "extract_local", engine("local"))
    import detente.parallel as parallel

    monkeypatch.setattr(parallel, "extract_with_pool", engine("pool"))
    monkeypatch.setattr(parallel, "extract_with_ray", engine("ray"))
    return calls


@pytest.fixture
def report(tmp_path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text("Kremlin spokesman Dmitry Peskov said the talks in Abu Dhabi were useful.", encoding="utf-8")
    return path


#: variable → (value, the setting it must change, the expected value).
EXTRACTION_VARS = {
    "DETENTE_BATCH_SIZE": ("7", "batch_size", 7),
    "DETENTE_WORKERS": ("3", "workers", 3),
    "DETENTE_ENGINE": ("ray", "engine", "ray"),
    "DETENTE_MAX_CHARS": ("5000", "max_chars", 5000),
    "DETENTE_ISSUES_FILE": ("my-issues.jsonl", "issues_file", "my-issues.jsonl"),
    "DETENTE_EMBEDDINGS": ("0", "embeddings", False),
    "DETENTE_MAX_BYTES": ("123456", "max_bytes", 123456),
    "DETENTE_FETCH_TIMEOUT": ("2.5", "fetch_timeout", 2.5),
    "DETENTE_ALLOWED_HOSTS": ("example.org, example.com", "allowed_hosts", ("example.org", "example.com")),
}


@pytest.mark.parametrize("command", ["extract", "ingest"])
@pytest.mark.parametrize("var", EXTRACTION_VARS)
def test_each_variable_reaches_extraction(var, command, seen, report, tmp_path):
    value, name, expected = EXTRACTION_VARS[var]
    args = [command, str(report)] + (["--db", str(tmp_path / "s.db")] if command == "ingest" else [])
    result = runner.invoke(app, args, env={var: value})
    assert result.exit_code == 0, result.output
    (engine, settings), = seen
    assert getattr(settings, name) == expected
    assert engine == {"DETENTE_WORKERS": "pool", "DETENTE_ENGINE": "ray"}.get(var, "local")


def test_options_given_win_over_the_environment(seen, report):
    env = {"DETENTE_BATCH_SIZE": "7", "DETENTE_WORKERS": "3", "DETENTE_ENGINE": "ray"}
    result = runner.invoke(app, ["extract", str(report), "--batch-size", "4", "--workers", "1", "--engine", "local"],
                           env=env)
    assert result.exit_code == 0, result.output
    (engine, settings), = seen
    assert (engine, settings.batch_size, settings.workers) == ("local", 4, 1)


def test_defaults_when_neither_is_given(seen, report, monkeypatch):
    for var in ("DETENTE_BATCH_SIZE", "DETENTE_WORKERS", "DETENTE_ENGINE"):
        monkeypatch.delenv(var, raising=False)
    assert runner.invoke(app, ["extract", str(report)]).exit_code == 0
    (engine, settings), = seen
    assert (engine, settings.batch_size, settings.workers) == ("local", 32, 1)


def test_max_bytes_and_allowed_hosts_take_effect(report, seen):
    too_big = runner.invoke(app, ["extract", str(report)], env={"DETENTE_MAX_BYTES": "10"})
    assert too_big.exit_code == 1 and "DETENTE_MAX_BYTES" in too_big.output
    elsewhere = runner.invoke(app, ["extract", "http://127.0.0.1:9/x"], env={"DETENTE_ALLOWED_HOSTS": "example.org"})
    assert elsewhere.exit_code == 1 and "not in DETENTE_ALLOWED_HOSTS" in elsewhere.output


def test_db_and_busy_timeout_reach_the_store(tmp_path, monkeypatch):
    db = tmp_path / "env.db"
    Store(str(db)).close()
    opened = []
    real = Store.open.__func__

    def spy(cls, path, **kw):
        opened.append((path, kw["busy_timeout"]))
        return real(cls, path, **kw)

    monkeypatch.setattr(Store, "open", classmethod(spy))
    result = runner.invoke(app, ["processes", "--json"], env={"DETENTE_DB": str(db), "DETENTE_BUSY_TIMEOUT": "3"})
    assert result.exit_code == 0, result.output
    assert opened == [(str(db), 3.0)]


@pytest.mark.parametrize("var", ["DETENTE_WEB_TOKEN", "DETENTE_WRITE_TOKEN"])
def test_web_token_and_db_from_the_environment(var, tmp_path, monkeypatch):
    from detente.web import create_app

    db = tmp_path / "web.db"
    monkeypatch.setenv("DETENTE_DB", str(db))
    monkeypatch.delenv("DETENTE_WEB_TOKEN", raising=False)
    monkeypatch.setenv(var, "s3cret")
    app_ = create_app()
    try:
        assert app_.state.write_token == "s3cret" and app_.state.settings.web_token == "s3cret"
        assert Path(app_.state.store.url.split("///", 1)[1]) == db.resolve()
    finally:
        app_.state.store.close()


DOCUMENTED = sorted(set(re.findall(r"DETENTE_[A-Z_]+[A-Z]", (ROOT / "README.md").read_text(encoding="utf-8"))))
#: variable → the setting it names (each field's own DETENTE_<NAME>, and the older aliases)
SETTING_OF = {env_name(f.name): f.name for f in fields(Settings)} | {"DETENTE_WRITE_TOKEN": "web_token"}


def test_the_documented_variables_are_tested_above():
    tested = set(EXTRACTION_VARS) | {"DETENTE_DB", "DETENTE_BUSY_TIMEOUT", "DETENTE_WEB_TOKEN", "DETENTE_WRITE_TOKEN"}
    assert {"DETENTE_DB", "DETENTE_WORKERS", "DETENTE_ENGINE", "DETENTE_WEB_TOKEN"} <= set(DOCUMENTED)
    assert set(DOCUMENTED) - tested <= set(SETTING_OF), "a documented variable that is no setting"


@pytest.mark.parametrize("var", DOCUMENTED)
def test_every_documented_variable_sets_its_setting(var):
    """A variable added to README later is at least read into its setting (a value unlike the default)."""
    name = SETTING_OF[var]
    default = getattr(Settings(), name)
    samples = {bool: ("0", False), int: ("7", 7), float: ("2.5", 2.5), tuple: ("a.org,b.org", ("a.org", "b.org"))}
    raw, expected = ("ray", "ray") if name == "engine" else samples.get(type(default), ("x-value", "x-value"))
    assert getattr(Settings.from_env({var: raw}), name) == expected


@pytest.mark.parametrize("env, args, says", [
    ({"DETENTE_WORKERS": "abc"}, [], "DETENTE_WORKERS='abc' is not a whole number"),
    ({"DETENTE_BATCH_SIZE": "0"}, [], "batch_size must be at least 1"),
    ({"DETENTE_ENGINE": "spark"}, [], "unknown engine 'spark'"),
    ({"DETENTE_BUSY_TIMEOUT": "soon"}, [], "DETENTE_BUSY_TIMEOUT='soon' is not a number"),
    ({"DETENTE_EMBEDDINGS": "maybe"}, [], "DETENTE_EMBEDDINGS='maybe' is not a yes/no value"),
    ({}, ["--batch-size", "-5"], "batch_size must be at least 1, not -5"),
    ({}, ["--batch-size", "0"], "batch_size must be at least 1, not 0"),
    ({"DETENTE_MAX_BYTES": "0"}, [], "max_bytes must be at least 1"),
    ({"DETENTE_FETCH_TIMEOUT": "-1"}, [], "fetch_timeout must be more than 0"),
    ({}, ["--workers", "0"], "workers must be at least 1, not 0"),
    ({}, ["--engine", "spark"], "unknown engine 'spark'"),
    ({}, ["--published", "2026-02-30"], "--published: '2026-02-30' is not a real date (YYYY-MM-DD)"),
    ({}, ["--published", "yesterday"], "--published: 'yesterday' is not an ISO 8601 date"),
])
@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_bad_settings_are_one_line_and_exit_2(command, env, args, says, seen, report, tmp_path):
    db = tmp_path / "never.db"
    extra = ["--db", str(db)] if command == "ingest" else []
    line = one_error_line(runner.invoke(app, [command, str(report), *extra, *args], env=env))
    assert says in line
    assert not seen and not db.exists()


@pytest.mark.parametrize("option", ["--since", "--until"])
def test_unreal_query_dates_are_refused(option, tmp_path):
    db = tmp_path / "q.db"
    Store(str(db)).close()
    line = one_error_line(runner.invoke(app, ["timeline", "--db", str(db), option, "2026-02-30"]))
    assert line == f"error: {option}: '2026-02-30' is not a real date (YYYY-MM-DD)"


@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
def test_read_commands_refuse_a_missing_store(command, tmp_path):
    db = tmp_path / "nowhere.db"
    line = one_error_line(runner.invoke(app, [*command, "--db", str(db)]))
    assert line == f"error: no store at {db}: run `detente ingest` first"
    assert not db.exists()


def test_settings_refuse_bad_values_from_python():
    with pytest.raises(ConfigError, match="workers must be at least 1"):
        Settings(workers=0)
    with pytest.raises(ConfigError, match="DETENTE_MAX_CHARS='1e3' is not a whole number"):
        Settings.from_env({"DETENTE_MAX_CHARS": "1e3"})
    assert Settings.from_env({"DETENTE_WORKERS": "2"}, workers=None).workers == 2
    assert Settings.from_env({"DETENTE_WORKERS": "2"}, workers=4).workers == 4
    assert "s3cret" not in repr(Settings(web_token="s3cret"))


@pytest.mark.parametrize("command", [["processes"], ["timeline"], ["serve"], ["extract", "x.txt"]], ids=" ".join)
@pytest.mark.parametrize("var, value, says", [
    ("DETENTE_WORKERS", "abc", "DETENTE_WORKERS='abc' is not a whole number"),
    ("DETENTE_BUSY_TIMEOUT", "0", "busy_timeout must be more than 0 seconds"),
])
def test_a_bad_variable_stops_every_command(command, var, value, says, tmp_path):
    """Settings are checked before any work starts, whatever the command."""
    db = tmp_path / "s.db"
    Store(str(db)).close()
    args = command if command[0] == "extract" else [*command, "--db", str(db)]
    assert says in one_error_line(runner.invoke(app, args, env={var: value}))


@pytest.mark.parametrize("args, says", [
    (["serve", "--port", "99999"], "Invalid value for '--port'"),
    (["serve", "--port", "0"], "Invalid value for '--port'"),
    (["timeline", "--limit", "abc"], "Invalid value for '--limit'"),
    (["timeline", "--offset", "-1"], "--offset must be 0 or more, not -1"),
    (["timeline", "--limit", "0"], "--limit must be at least 1, not 0"),
    (["--bogus"], "No such option: --bogus"),
    (["nosuch"], "No such command 'nosuch'"),
    (["process", "set"], "Missing argument"),
])
def test_usage_errors_are_one_line_and_exit_2(args, says, tmp_path):
    db = tmp_path / "u.db"
    Store(str(db)).close()
    line = one_error_line(runner.invoke(app, [*args, *(["--db", str(db)] if args[0] in ("serve", "timeline") else [])]))
    assert says in line
