"""detente.ingest: idempotence before NLP, one transaction per report, bad inputs, reruns.

The NLP is replaced by the hand-made records (what is tested here is the
store side); tests/cli and the benchmark run the real pipeline.
"""

from __future__ import annotations

import json

import pytest

from detente import ingest as ingest_mod
from detente.errors import InputError
from detente.ingest import ingest
from detente.records import Record
from storekit import world


class FakeNLP:
    """Stands in for extract_stream: the world's records, and a log of what it was asked to read."""

    def __init__(self, stop_after: int | None = None):
        self.seen: list[str] = []
        self.stop_after = stop_after
        self.records = {d.id: r for d, r in world()}

    def __call__(self, items, *, settings=None, progress=None):
        for item in items:
            if isinstance(item, InputError):
                yield item
                continue
            if self.stop_after is not None and len(self.seen) == self.stop_after:
                raise KeyboardInterrupt
            self.seen.append(item.id)
            yield self.records.get(item.id) or Record(document=item.info())


@pytest.fixture
def fake_nlp(monkeypatch):
    fake = FakeNLP()
    monkeypatch.setattr(ingest_mod, "extract_stream", fake)
    return fake


@pytest.fixture(autouse=True)
def no_encoder(monkeypatch):
    """Claim vectors come from the sentence encoder, which the stand-in NLP replaces too."""
    monkeypatch.setattr(ingest_mod, "_encoder", lambda settings: None)


def write_jsonl(path, docs):
    path.write_text("".join(json.dumps(d.model_dump(exclude_none=True)) + "\n" for d in docs), encoding="utf-8")
    return str(path)


@pytest.fixture
def reports(tmp_path):
    return write_jsonl(tmp_path / "reports.jsonl", [d for d, _ in world()])


def test_ingest_then_rerun_skips_before_nlp(store, fake_nlp, reports):
    first = ingest([reports], store)
    assert (len(first.added), first.failed) == (5, [])
    fake_nlp.seen.clear()
    again = ingest([reports], store)
    assert (len(again.unchanged), again.added, fake_nlp.seen) == (5, [], [])  # no NLP on unchanged reports
    assert store.get("kyiv-1")[1] == world()[0][1]


def test_changed_report_is_replaced(store, fake_nlp, tmp_path):
    docs = [d for d, _ in world()]
    ingest([write_jsonl(tmp_path / "a.jsonl", docs)], store)
    docs[1] = docs[1].model_copy(update={"title": "Corrected"})
    report = ingest([write_jsonl(tmp_path / "b.jsonl", docs)], store)
    assert (report.replaced, len(report.unchanged)) == (["wire-2"], 4)
    assert store.get("wire-2")[0].title == "Corrected"


def test_bad_inputs_fail_alone(store, fake_nlp, reports, tmp_path):
    report = ingest([str(tmp_path / "missing.json"), reports], store)
    assert len(report.failed) == 1 and "missing.json" in str(report.failed[0])
    assert len(report.added) == 5


def test_interrupted_run_leaves_whole_reports_and_rerun_finishes(store, monkeypatch, reports):
    monkeypatch.setattr(ingest_mod, "extract_stream", FakeNLP(stop_after=2))
    with pytest.raises(KeyboardInterrupt):
        ingest([reports], store)
    assert store.count()["reports"] == 2
    for doc_id in ("kyiv-1", "wire-2"):
        assert store.get(doc_id)[1] == FakeNLP().records[doc_id]
    monkeypatch.setattr(ingest_mod, "extract_stream", FakeNLP())
    rerun = ingest([reports], store)
    assert (len(rerun.unchanged), len(rerun.added)) == (2, 3)


def test_process_option_names_every_report(store, fake_nlp, reports):
    ingest([reports], store, process="My process")
    assert {store.get(d.id)[2] for d, _ in world()} == {"My process"}


def test_progress_is_called_per_report(store, fake_nlp, reports):
    calls = []
    ingest([reports], store, progress=lambda status, name, done: calls.append((status, done)))
    assert calls == [("added", i) for i in range(1, 6)]


def test_published_fallback_reaches_documents(store, fake_nlp, tmp_path):
    path = tmp_path / "undated.json"
    path.write_text(json.dumps({"id": "undated", "text": "Talks resumed."}), encoding="utf-8")
    ingest([str(path)], store, published="2026-01-02")
    assert store.get("undated")[0].published == "2026-01-02"


def test_rerun_with_nothing_new_never_starts_the_nlp(store, monkeypatch, reports, fake_nlp):
    ingest([reports], store)

    def boom(*a, **k):
        raise AssertionError("extract_stream called")

    monkeypatch.setattr(ingest_mod, "extract_stream", boom)
    assert len(ingest([reports], store).unchanged) == 5


def test_rerun_with_process_moves_without_nlp(store, fake_nlp, reports):
    ingest([reports], store)
    fake_nlp.seen.clear()
    report = ingest([reports], store, process="Renamed")
    assert (len(report.unchanged), fake_nlp.seen) == (5, [])
    assert store.get("gaza-5")[2] == "Renamed"


@pytest.mark.slow
def test_real_pipeline_end_to_end(tmp_path, nlp):
    """The real NLP, once: facts land in the store with valid evidence; a rerun skips it."""
    from detente.store import Store

    text = ("Russia and Ukraine exchanged 157 prisoners each on Thursday after talks in Abu Dhabi, "
            "Ukrainian President Volodymyr Zelenskyy said.")
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"id": "one", "text": text, "published": "2026-02-05"}), encoding="utf-8")
    with Store(str(tmp_path / "real.db")) as store:
        assert ingest([str(path)], store).added == ["one"]
        document, record, _, _ = store.get("one")
        assert record.invalid_evidence(document.text) == []
        assert record.actors
        assert ingest([str(path)], store).unchanged == ["one"]
