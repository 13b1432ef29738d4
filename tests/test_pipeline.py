"""The in-process engine: memory stays flat because no annotated doc outlives
its record (a cache that held docs would grow with every report)."""

from __future__ import annotations

import gc

from spacy.tokens import Doc

from detente.pipeline import extract_local
from detente.settings import Settings
from detente.sources import make_document

TEXTS = [
    "Kremlin spokesman Dmitry Peskov said talks in Abu Dhabi with Ukraine were useful.",
    "Qatar and Egypt mediated talks in Doha between Israel and Hamas on Sunday.",
    "Armenian Prime Minister Nikol Pashinyan said a peace treaty with Azerbaijan was within reach.",
]


def _live_docs() -> int:
    gc.collect()
    return sum(type(o) is Doc for o in gc.get_objects())


def test_no_doc_outlives_its_record():
    docs = [make_document(f"{TEXTS[i % 3]} ({i})", published="2026-02-05") for i in range(30)]
    before = _live_docs()
    records = list(extract_local(docs, settings=Settings()))
    assert len(records) == 30
    assert _live_docs() <= before
