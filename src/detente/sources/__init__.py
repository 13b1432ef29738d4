"""Sources: files, folders, JSON Lines, URLs and feeds → :class:`Document`.

FIRST CUT: ``make_document`` only.
"""

from __future__ import annotations

import hashlib

from ..records import Document

__all__ = ["make_document", "document_id"]


def document_id(text: str) -> str:
    """A stable id for a document that has none: a hash of its text."""
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def make_document(text: str, *, id: str | None = None, published: str | None = None, **info) -> Document:
    return Document(id=id or document_id(text), text=text, published=published, **info)


def iter_documents(inputs, *, settings=None, published=None):
    """FIRST CUT: .json files only."""
    import json
    from pathlib import Path

    from ..errors import InputError

    for raw in inputs:
        try:
            data = json.loads(Path(raw).read_text(encoding="utf-8"))
            data.setdefault("published", published)
            yield make_document(**{k: data.get(k) for k in ("text", "id", "published", "title", "source", "url")})
        except Exception as exc:
            yield InputError(raw, str(exc))
