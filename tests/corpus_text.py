"""Real sentences for extractor tests, read from the shared corpus at test
time (news agencies' text is not copied into the project)."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from conftest import CORPUS

__all__ = ["corpus_doc", "corpus_sentence"]


@lru_cache(maxsize=None)
def corpus_doc(doc_id: str) -> dict:
    return json.loads((CORPUS / f"{doc_id}.json").read_text(encoding="utf-8"))


def corpus_sentence(doc_id: str, phrase: str) -> tuple[str, str | None]:
    """``(sentence, published)``: the sentence of report ``doc_id`` that holds ``phrase``."""
    doc = corpus_doc(doc_id)
    text = doc["text"]
    at = text.index(phrase)
    starts = [m.end() for m in re.finditer(r"[.!?][\"”’]?\s+(?=[A-Z“\"])|\n", text[:at])]
    start = starts[-1] if starts else 0
    end_match = re.search(r"[.!?][\"”’]?(?=\s|$)", text[at + len(phrase) :])
    end = at + len(phrase) + (end_match.end() if end_match else len(text) - at - len(phrase))
    return text[start:end].strip(), doc.get("published")
