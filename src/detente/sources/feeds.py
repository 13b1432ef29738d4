"""RSS and Atom feeds → one document per entry (title, link, date, text)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import feedparser

from ..errors import InputError
from ..records import Document
from .base import make_document
from .pages import html_to_text

__all__ = ["feed_documents", "looks_like_feed"]

_FEED_MARKS = (b"<rss", b"<feed", b"<rdf:rdf")


def looks_like_feed(data: bytes) -> bool:
    return any(mark in data[:2048].lower() for mark in _FEED_MARKS)


def feed_documents(data: bytes, where: str, *, published: str | None = None) -> Iterator[Document | InputError]:
    """Entries in feed order; a broken entry is an error of its own, the others still yield.

    Only bytes are ever handed to feedparser, so it never fetches anything itself.
    """
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.get("version"):
            reason = parsed.get("bozo_exception") or "unreadable"
            raise InputError(where, f"not an RSS or Atom feed ({reason})")
        raise InputError(where, "feed has no entries")
    source = parsed.feed.get("title") or None
    for n, entry in enumerate(parsed.entries, start=1):
        try:
            yield _entry_document(entry, f"{where} [entry {n}]", source, published)
        except InputError as error:
            yield error


def _entry_document(entry, where: str, source: str | None, published: str | None) -> Document:
    text = html_to_text(_entry_markup(entry))
    if not text.strip():
        raise InputError(where, "empty document (the entry has no content or summary)")
    return make_document(
        text,
        id=entry.get("id") or None,
        published=_entry_date(entry) or published,
        title=entry.get("title") or None,
        source=source,
        url=entry.get("link") or None,
    )


def _entry_markup(entry) -> str:
    contents = [c.get("value", "") for c in entry.get("content") or []]
    return max(contents, key=len, default="") or entry.get("summary") or ""


def _entry_date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None
