"""The gold gate: detente on the gold documents must keep its scores above the
floors in ``gold_floors.json``, keep every piece of evidence valid, and match
the golden records in ``golden/`` (DETENTE_UPDATE_GOLDEN=1 rewrites them).

Golden files of reports whose licence does not allow copying keep only short
strings of the facts; longer ones (quotes, sentences) are replaced by a
digest, so a change still shows.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
from pathlib import Path

import pytest
from conftest import CORPUS, GOLD, needs_shared
from timelimit import time_limit

from detente.errors import InputError
from detente.evaluate import evaluate
from detente.pipeline import extract_stream
from detente.records import Document, Record

HERE = Path(__file__).parent
FLOORS = json.loads((HERE / "gold_floors.json").read_text(encoding="utf-8"))
GOLDEN = HERE / "golden"
GOLD_IDS = sorted(p.stem for p in GOLD.glob("*.json")) if GOLD.exists() else []
#: Licences (as the corpus ``meta.license`` starts) whose text may be copied.
FREE_LICENCES = ("public-domain", "cc by", "cc0")
#: Longest string a golden file keeps from a report that may not be copied.
MAX_KEPT = 40
#: Seconds the five documents may take (a hang fails instead of blocking CI).
LIMIT = 240

pytestmark = [needs_shared(), pytest.mark.slow]


def _corpus_doc(doc_id: str) -> dict:
    return json.loads((CORPUS / f"{doc_id}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def records() -> dict[str, Record]:
    docs = []
    for doc_id in GOLD_IDS:
        raw = _corpus_doc(doc_id)
        docs.append(Document(**{k: raw.get(k) for k in ("id", "text", "title", "source", "url", "published")}))
    out = {}
    with time_limit(LIMIT):
        for outcome in extract_stream(docs):
            if isinstance(outcome, InputError):
                pytest.fail(f"extraction failed: {outcome}")
            out[outcome.document.id] = outcome
    return out


@pytest.fixture(scope="module")
def scores(records):
    return evaluate(GOLD, list(records.values()), CORPUS)


def test_every_gold_document_has_a_record(scores):
    assert scores.missing == []


def test_evidence_is_valid(scores, records):
    bad = {doc_id: r.invalid_evidence(_corpus_doc(doc_id)["text"]) for doc_id, r in records.items()}
    assert {k: v for k, v in bad.items() if v} == {}
    assert scores.evidence_valid == 1.0


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_figure_above_floor(scores, figure):
    value = scores.figures()[figure]
    assert value is not None, f"{figure} has nothing to measure"
    assert value >= FLOORS[figure], f"{figure} = {value:.3f}, below its floor {FLOORS[figure]:.3f}"


def _redact(value, free: bool):
    if isinstance(value, dict):
        return {k: _redact(v, free) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact(v, free) for v in value]
    if isinstance(value, str) and not free and len(value) > MAX_KEPT:
        digest = hashlib.sha1(value.encode("utf-8")).hexdigest()[:12]
        return f"<{len(value)} chars, sha1 {digest}>"
    return value


def _golden_text(record: Record) -> str:
    licence = str(_corpus_doc(record.document.id).get("meta", {}).get("license", "")).casefold()
    free = licence.startswith(FREE_LICENCES)
    data = record.model_dump(mode="json")
    facts = {k: _redact(v, free) for k, v in data.items() if k != "document"}
    return json.dumps({"document": data["document"], **facts}, ensure_ascii=False, indent=1) + "\n"


@pytest.mark.parametrize("doc_id", GOLD_IDS)
def test_golden_record(records, doc_id):
    current = _golden_text(records[doc_id])
    path = GOLDEN / f"{doc_id}.json"
    if os.environ.get("DETENTE_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(current, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no golden file {path.name}; run DETENTE_UPDATE_GOLDEN=1 pytest tests/test_gold.py")
    expected = path.read_text(encoding="utf-8")
    if current != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), current.splitlines(keepends=True),
            fromfile=f"golden/{path.name}", tofile="current", n=2,
        ))
        pytest.fail(f"record for {doc_id} changed; if intended, rerun with DETENTE_UPDATE_GOLDEN=1\n{diff}",
                    pytrace=False)
