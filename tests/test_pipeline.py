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


def test_load_gives_one_object_with_everything_extraction_needs(tmp_path):
    """``load(settings)`` owns the models and vocabularies; extraction uses the one it is given."""
    import json

    from detente.pipeline import Pipeline, extract, load, shared

    path = tmp_path / "issues.jsonl"
    path.write_text(json.dumps({"id": "prisoners", "label": "Prisoners", "description": "exchange of prisoners",
                                "cues": ["prisoner"]}) + "\n", encoding="utf-8")
    mine = load(Settings(issues_file=str(path), embeddings=False))
    assert isinstance(mine, Pipeline) and mine.encoder is None
    assert mine.taxonomy.ids == ["prisoners"]
    assert mine.nlp is shared(Settings(embeddings=False)).nlp  # one spaCy model per process
    record = extract("Russia said it rejects any exchange of prisoners with Ukraine.", published="2026-02-05",
                     pipeline=mine)
    assert {p.issue for p in record.positions} <= {"prisoners"}
