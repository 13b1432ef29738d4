"""The package: its API, the bundled sample, stdin and batches of mixed inputs."""

from __future__ import annotations

import io
import json

import pytest

import detente.sources as sources
from detente.errors import InputError
from detente.records import Document
from detente.sources import iter_documents, sample_path


def test_all_is_complete_and_importable():
    assert {"make_document", "document_id", "iter_documents", "sample_path"} <= set(sources.__all__)
    for name in sources.__all__:
        assert getattr(sources, name) is not None


def test_sample_is_bundled_and_only_redistributable():
    rows = [json.loads(line) for line in sample_path().read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 10
    assert {row["source"] for row in rows} == {"The White House", "Geneva Solutions"}
    assert all(row["license"] in {"public domain (US government work)", "CC BY 4.0"} for row in rows)
    assert all("meta" not in row for row in rows)
    assert (sample_path().parent / "README.md").read_text().count("CC BY 4.0") >= 1


def test_sample_reads_as_documents():
    documents = list(iter_documents([sample_path()]))
    assert documents and all(isinstance(d, Document) and d.published for d in documents)
    assert len({d.id for d in documents}) == len(documents)


def test_stdin_is_json_lines(monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(b'{"text": "From stdin."}\n{bad}\n'), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    first, error = iter_documents(["-"])
    assert first.text == "From stdin."
    assert str(error).startswith("<stdin>:2: invalid JSON")


def test_mixed_batch_keeps_order_and_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text("First report.")
    (tmp_path / "c.txt").write_text("Last report.")
    inputs = [tmp_path / "a.txt", tmp_path / "missing.txt", "gopher://x/y", tmp_path / "c.txt"]
    items = list(iter_documents(inputs))
    assert [getattr(i, "text", None) for i in items] == ["First report.", None, None, "Last report."]
    assert [i.where for i in items if isinstance(i, InputError)] == [str(tmp_path / "missing.txt"), "gopher://x/y"]


def test_a_reader_bug_becomes_an_input_error(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Report.")

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("detente.sources.path_documents", broken)
    [error] = iter_documents([tmp_path / "a.txt"])
    assert isinstance(error, InputError) and str(error) == f"{tmp_path / 'a.txt'}: cannot read (RuntimeError: boom)"


@pytest.mark.parametrize("published", ["2026-02-05", "2026-02-05T08:00:00Z"])
def test_published_option_is_the_fallback(tmp_path, published):
    (tmp_path / "a.txt").write_text("Report.")
    (tmp_path / "b.json").write_text(json.dumps({"text": "Report.", "published": "2025-01-01"}))
    assert [d.published for d in iter_documents([tmp_path], published=published)] == ["2026-02-05", "2025-01-01"]


@pytest.mark.parametrize("raw", ["", "  "])
def test_empty_path_is_not_the_current_folder(raw):
    [error] = iter_documents([raw])
    assert isinstance(error, InputError) and "empty path" in str(error)
