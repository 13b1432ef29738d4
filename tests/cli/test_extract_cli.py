"""``detente extract`` end to end on a batch of good and bad inputs.

Every bad input gives one error line naming it, never a traceback; every good
document of the same batch is still extracted; the exit code is 1.
"""

from __future__ import annotations

import json
import re

import pytest
from http_stub import closed_port_url, serve
from typer.testing import CliRunner

from detente.cli import app

ENV = {"DETENTE_FETCH_TIMEOUT": "0.5", "DETENTE_MAX_BYTES": "100000", "DETENTE_EMBEDDINGS": "0"}
GOOD = "Kremlin spokesman Dmitry Peskov said the talks in Abu Dhabi were useful."

#: name → (bytes written, expected problem); ``None`` content means the file is not created.
BAD_FILES = {
    "empty.txt": (b"", "empty document"),
    "binary.txt": (b"\x00\x01\x02report\x00", "binary file, not a report"),
    "latin1.txt": ("Genève talks resumed.".encode("latin-1"), "not UTF-8 text (byte 0xe8 at offset 3)"),
    "broken.html": (b"<html><head><script>var x;</script></head><body><div></div>", "no readable text in the HTML page"),
    "invalid.json": (b'{"text": "a", }', "invalid JSON at line 1 column 15"),
    "missing.txt": (None, "no such file or folder"),
}
BAD_URLS = {
    "/slow": "timed out after 0.5 s (DETENTE_FETCH_TIMEOUT)",
    "/loop": "too many redirects",
    "/huge": "body is over the 98 KB limit (DETENTE_MAX_BYTES)",
    "/big": "body is 60 MB, over the 98 KB limit (DETENTE_MAX_BYTES)",
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """One run over good and bad inputs: (result, {label: (input, expected problem)}, server base URL)."""
    folder = tmp_path_factory.mktemp("reports")
    (folder / "good.txt").write_text(GOOD)
    (folder / "good.json").write_text(json.dumps({"id": "good-json", "text": GOOD, "published": "2026-02-05"}))
    (folder / "mixed.jsonl").write_text(
        json.dumps({"id": "line-1", "text": GOOD}) + "\n{not json}\n" + json.dumps({"id": "line-3", "text": GOOD}) + "\n"
    )
    expected = {}
    for name, (content, problem) in BAD_FILES.items():
        if content is not None:
            (folder / name).write_bytes(content)
        expected[name] = (str(folder / name), problem)
    expected["mixed.jsonl:2"] = (f"{folder / 'mixed.jsonl'}:2", "invalid JSON at column 2")
    unreachable = closed_port_url()
    expected["unreachable"] = (unreachable, "cannot connect")
    with serve() as (base, _):
        urls = [base + path for path in BAD_URLS]
        expected.update({path: (base + path, problem) for path, problem in BAD_URLS.items()})
        inputs = [str(folder / "good.txt"), *map(str, (folder / n for n in BAD_FILES)), str(folder / "good.json"),
                  str(folder / "mixed.jsonl"), unreachable, *urls, base + "/page"]
        result = CliRunner().invoke(app, ["extract", *inputs, "--published", "2026-02-05"], env=ENV)
    return result, expected, base


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


def test_exit_code_and_no_traceback(batch):
    result, _, _ = batch
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_one_line_per_bad_input_and_nothing_else(batch):
    result, expected, _ = batch
    lines = result.stderr.splitlines()
    assert len(error_lines(result)) == len(expected)
    assert lines[-1] == f"{len(expected)} input(s) failed; the others were extracted"
    assert len(lines) == len(expected) + 1, lines


@pytest.mark.parametrize("name", [*BAD_FILES, "mixed.jsonl:2", "unreachable", *BAD_URLS])
def test_each_bad_input_is_named_with_its_problem(batch, name):
    result, expected, _ = batch
    where, problem = expected[name]
    [line] = [line for line in error_lines(result) if line.startswith(f"error: {where}: ")]
    assert problem in line


def test_every_good_document_is_extracted(batch):
    result, _, base = batch
    records = [json.loads(line) for line in result.stdout.splitlines()]
    ids = [r["document"]["id"] for r in records]
    assert len(records) == 5
    assert {"good-json", "line-1", "line-3"} <= set(ids)
    page = next(r for r in records if r["document"]["url"] == base + "/page")
    assert page["document"]["published"] == "2026-02-16"
    assert all(r["document"]["published"] for r in records)


@pytest.mark.parametrize("value", ["tomorrow", "16/02/2026"])
def test_bad_published_option_is_a_usage_error(tmp_path, value):
    (tmp_path / "a.txt").write_text(GOOD)
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), "--published", value], env=ENV)
    assert result.exit_code == 2
    words = " ".join(re.sub("[│╭╮╰╯─]", " ", result.stderr).split())
    assert f"'{value}' is not an ISO 8601 date" in words and "Traceback" not in words


def test_all_good_exits_zero(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD)
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "in"), "-o", str(tmp_path / "out.jsonl")], env=ENV)
    assert result.exit_code == 0, result.stderr
    assert json.loads((tmp_path / "out.jsonl").read_text())["document"]["id"].startswith("sha1-")


def test_stdin_json_lines(tmp_path):
    lines = json.dumps({"id": "from-stdin", "text": GOOD}) + "\n[broken\n"
    result = CliRunner().invoke(app, ["extract", "-"], input=lines, env=ENV)
    assert result.exit_code == 1
    assert [json.loads(line)["document"]["id"] for line in result.stdout.splitlines()] == ["from-stdin"]
    assert error_lines(result) == ["error: <stdin>:2: invalid JSON at column 2: Expecting value"]


def test_unwritable_output_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "no" / "out.jsonl")], env=ENV)
    assert result.exit_code == 2 and "cannot write" in result.stderr and "Traceback" not in result.stderr
