"""JSON and JSON Lines → documents (``{"text": …, "id": …, "published": …}``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import InputError
from ..records import Document
from .base import decode_text, from_mapping, too_large

__all__ = ["json_documents", "jsonl_documents"]

_CHUNK = 1 << 16


def json_documents(data: bytes, where: str, *, published: str | None = None) -> Iterator[Document | InputError]:
    """One document per ``.json`` file, or one per item where the file holds a list."""
    text = decode_text(data, where)
    if not text.strip():
        raise InputError(where, "empty document")
    value = _loads(text, where)
    if not isinstance(value, list):
        yield from_mapping(value, where, published=published)
        return
    for i, item in enumerate(value):
        yield _guarded(item, f"{where}[{i}]", published)


def jsonl_documents(
    stream: BinaryIO, where: str, *, max_bytes: int, published: str | None = None
) -> Iterator[Document | InputError]:
    """One document per line, read line by line; a bad line is an error for ``file:line``."""
    for lineno, line in enumerate(_lines(stream, max_bytes), start=1):
        here = f"{where}:{lineno}"
        if line is None:
            yield InputError(here, too_large("line", max_bytes))
            continue
        if not line.strip():
            continue
        try:
            text = decode_text(line, here)
            yield from_mapping(_loads(text, here, lineno=lineno), here, published=published)
        except InputError as error:
            yield error


def _guarded(item, where: str, published: str | None) -> Document | InputError:
    try:
        return from_mapping(item, where, published=published)
    except InputError as error:
        return error


def _loads(text: str, where: str, *, lineno: int | None = None):
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        at = f"column {exc.colno}" if lineno else f"line {exc.lineno} column {exc.colno}"
        raise InputError(where, f"invalid JSON at {at}: {exc.msg}") from None


def _lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """Lines of at most ``max_bytes``; ``None`` for a longer line, which is skipped unread."""
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            _skip_line(stream)
            yield None
        else:
            yield line


def _skip_line(stream: BinaryIO) -> None:
    while chunk := stream.readline(_CHUNK):
        if chunk.endswith(b"\n"):
            return
