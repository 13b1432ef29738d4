"""Local files and folders → documents, chosen by extension.

Folders are walked recursively in sorted order, hidden entries and symlinked
folders skipped, only known extensions read; one file is read at a time.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..records import Document
from ..settings import Settings
from .base import check_not_binary, decode_text, make_document, too_large
from .feeds import feed_documents
from .jsondocs import json_documents, jsonl_documents
from .pages import page_document

__all__ = ["EXTENSIONS", "path_documents", "text_document", "file_documents", "count_path_documents"]

TEXT = (".txt", ".text")
HTML = (".html", ".htm", ".xhtml")
FEEDS = (".rss", ".atom", ".xml")
#: Extensions read from folders; a file named explicitly is read as text otherwise.
EXTENSIONS = TEXT + HTML + FEEDS + (".json", ".jsonl", ".ndjson")


def path_documents(path: Path, *, settings: Settings, published: str | None = None) -> Iterator[Document | InputError]:
    """Documents of a file, or of every known file under a folder."""
    if path.is_dir():
        yield from _folder_documents(path, settings=settings, published=published)
    elif path.exists():
        yield from file_documents(path, settings=settings, published=published)
    else:
        kind = "broken link" if path.is_symlink() else "no such file or folder"
        raise InputError(str(path), kind)


def _folder_documents(folder: Path, *, settings: Settings, published: str | None) -> Iterator[Document | InputError]:
    found = 0
    for item in _walk(folder):
        if isinstance(item, InputError):
            yield item
            continue
        found += 1
        try:
            yield from file_documents(item, settings=settings, published=published)
        except InputError as error:
            yield error
    if not found:
        yield InputError(str(folder), f"no reports in this folder (looked for {', '.join(EXTENSIONS)})")


def count_path_documents(path: Path) -> int | None:
    """How many documents (or errors) :func:`path_documents` yields, when a quick look tells:
    one per text or page file, one per line of JSON Lines; None for feeds and JSON lists."""
    if not path.is_dir():
        return _count_file(path)
    total = 0
    for item in _walk(path):
        n = 1 if isinstance(item, InputError) else _count_file(item)
        if n is None:
            return None
        total += n
    return total or 1  # an empty folder is one error


def _count_file(path: Path) -> int | None:
    suffix = path.suffix.lower()
    if suffix in FEEDS:
        return None
    try:
        with open(path, "rb") as stream:
            if suffix in (".jsonl", ".ndjson"):
                return sum(1 for line in stream if line.strip())
            if suffix == ".json":
                return 1 if stream.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else None
    except OSError:
        return 1  # the error it is reported as
    return 1


def _walk(folder: Path) -> Iterator[Path | InputError]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield InputError(str(folder), f"cannot list folder ({exc.strerror or exc})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.is_file() and Path(entry.name).suffix.lower() in EXTENSIONS:
            yield Path(entry.path)


def file_documents(path: Path, *, settings: Settings, published: str | None = None) -> Iterator[Document | InputError]:
    """One file by its extension; JSON Lines is streamed, the others read whole (capped)."""
    where, suffix = str(path), path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        with _open(path) as stream:
            yield from jsonl_documents(stream, where, max_bytes=settings.max_bytes, published=published)
        return
    data = _read_capped(path, settings.max_bytes)
    if not data.strip():
        raise InputError(where, "empty document")
    check_not_binary(data, where)
    if suffix == ".json":
        yield from json_documents(data, where, published=published)
    elif suffix in HTML:
        yield page_document(data, where, published=published)
    elif suffix in FEEDS:
        yield from feed_documents(data, where, published=published)
    else:
        yield text_document(data, where, published=published)


def text_document(data: bytes, where: str, *, published: str | None = None, encoding: str | None = None) -> Document:
    """Plain UTF-8 text; line ends become ``\\n`` so offsets match what editors show."""
    check_not_binary(data, where)
    text = decode_text(data, where, encoding=encoding).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(where, "empty document")
    return make_document(text, published=published)


def _open(path: Path):
    try:
        return open(path, "rb")
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None


def _read_capped(path: Path, limit: int) -> bytes:
    with _open(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > limit:
            raise InputError(str(path), too_large("file", limit, size))
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(str(path), too_large("file", limit))
    return data
