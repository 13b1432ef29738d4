"""Sources: files, folders, JSON Lines, URLs and feeds → :class:`Document`.

Inputs :func:`iter_documents` reads, one module per kind:

- ``.txt`` / ``.text``, or any other file named explicitly: UTF-8 text (a BOM
  is dropped, UTF-16 with a BOM is read); binary or undecodable files are
  refused (``files``)
- ``.html`` / ``.htm``: the page's main text, title, site and date (``pages``,
  via trafilatura)
- ``.json``: one document ``{"text": …}`` or a list of them; ``.jsonl``: one
  per line, streamed (``jsondocs``)
- ``.rss`` / ``.atom`` / ``.xml``: one document per feed entry (``feeds``)
- folders: every file above, recursively, in sorted order, hidden ones skipped
- ``http://`` / ``https://`` URLs: a page, feed, JSON or text, fetched politely
  within ``Settings`` limits (``web``); other schemes are refused
- ``-``: JSON Lines on standard input

``published`` comes from the document itself, else the page or feed metadata,
else the ``published`` argument. A bad input is yielded as an
:class:`InputError` naming it (file, ``file:line``, URL, feed entry), never
raised, so the batch goes on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from importlib import resources
from os import PathLike
from pathlib import Path

from ..errors import ConfigError, InputError
from ..records import Document
from ..settings import Settings
from .base import document_id, make_document, normalize_published
from .files import EXTENSIONS, count_path_documents, path_documents
from .jsondocs import jsonl_documents
from .web import fetch, is_url, url_documents

__all__ = [
    "make_document",
    "document_id",
    "iter_documents",
    "count_documents",
    "sample_path",
    "fetch",
    "EXTENSIONS",
]

STDIN = "-"


def iter_documents(
    inputs: Iterable[str | PathLike],
    *,
    settings: Settings | None = None,
    published: str | None = None,
) -> Iterator[Document | InputError]:
    """Documents of every input in order, with an :class:`InputError` for each bad one.

    ``published`` (``YYYY-MM-DD``) is the fallback for documents that give no
    date; a malformed one raises :class:`ConfigError`.
    """
    settings = settings or Settings.from_env()
    try:
        fallback = normalize_published(published, "--published")
    except InputError as error:
        raise ConfigError(str(error)) from None
    for raw in inputs:
        yield from _input_documents(str(raw), settings, fallback)


def count_documents(inputs: Iterable[str | PathLike]) -> int | None:
    """How many documents :func:`iter_documents` will yield, when that is cheap to know (files,
    folders, lines of JSON Lines): a progress bar's total. None when an input is a URL, a feed,
    a JSON list or standard input."""
    total = 0
    for raw in map(str, inputs):
        if raw == STDIN or not raw.strip() or is_url(raw):
            return None
        n = count_path_documents(Path(raw))
        if n is None:
            return None
        total += n
    return total


def _input_documents(raw: str, settings: Settings, published: str | None) -> Iterator[Document | InputError]:
    try:
        if not raw.strip():
            raise InputError(repr(raw), "empty path (give a file, folder, URL or -)")
        if raw == STDIN:
            yield from jsonl_documents(_stdin(), "<stdin>", max_bytes=settings.max_bytes, published=published)
        elif is_url(raw):
            yield from url_documents(raw, settings=settings, published=published)
        else:
            yield from path_documents(Path(raw), settings=settings, published=published)
    except InputError as error:
        yield error
    except Exception as exc:  # a reader bug must not sink the batch
        yield InputError(raw, f"cannot read ({type(exc).__name__}: {exc})")


def _stdin():
    return getattr(sys.stdin, "buffer", sys.stdin)


def sample_path() -> Path:
    """The bundled sample: public-domain and CC BY reports as JSON Lines (see its README)."""
    return Path(str(resources.files("detente").joinpath("sample", "reports.jsonl")))
