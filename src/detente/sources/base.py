"""What every source shares: ids, document building, dates, sizes, decoding."""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Mapping

from ..errors import InputError
from ..isodates import normalize_published
from ..records import Document

__all__ = [
    "document_id",
    "make_document",
    "from_mapping",
    "normalize_published",
    "human_size",
    "too_large",
    "decode_text",
    "check_not_binary",
]

_INFO_KEYS = ("title", "source", "url")
#: Magic numbers of formats people drop into a reports folder by mistake.
_BINARY_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\x1f\x8b", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0")


def document_id(text: str) -> str:
    """A stable id for a document that has none: a hash of its text."""
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def make_document(text: str, *, id: str | None = None, published: str | None = None, **info) -> Document:
    return Document(id=id or document_id(text), text=text, published=published, **info)


def from_mapping(data, where: str, *, published: str | None = None) -> Document:
    """A document from a JSON object; unknown keys (``meta``, …) are ignored."""
    if not isinstance(data, Mapping):
        raise InputError(where, f'expected a JSON object with a "text" field, got {_json_type(data)}')
    text = data.get("text")
    if text is None:
        raise InputError(where, 'no "text" field (a document needs at least {"text": "…"})')
    if not isinstance(text, str):
        raise InputError(where, f'"text" must be a string, not {_json_type(text)}')
    if not text.strip():
        raise InputError(where, "empty document")
    doc_id = data.get("id")
    if doc_id is not None and not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool):
        raise InputError(where, f'"id" must be a string, not {_json_type(doc_id)}')
    info = {key: data.get(key) for key in _INFO_KEYS}
    for key, value in info.items():
        if value is not None and not isinstance(value, str):
            raise InputError(where, f'"{key}" must be a string, not {_json_type(value)}')
    own = normalize_published(data.get("published"), where)
    return make_document(text, id=str(doc_id) if doc_id not in (None, "") else None,
                         published=own or published, **info)


def _json_type(value) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    mb = n / (1024 * 1024)
    return f"{mb:.1f} MB" if mb < 10 else f"{mb:.0f} MB"


def too_large(what: str, limit: int, size: int | None = None) -> str:
    """The message for a body or file over ``Settings.max_bytes``."""
    amount = f"is {human_size(size)}, over" if size is not None else "is over"
    return f"{what} {amount} the {human_size(limit)} limit (DETENTE_MAX_BYTES)"


def check_not_binary(data: bytes, where: str) -> None:
    """Refuse PDFs, archives, images and anything with NUL bytes up front."""
    head = data[:8192]
    if head.startswith(_BINARY_MAGIC) or (b"\x00" in head and not _utf16_bom(head)):
        raise InputError(where, "binary file, not a report (expected UTF-8 text, HTML or JSON)")


def _utf16_bom(head: bytes) -> bool:
    return head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def decode_text(data: bytes, where: str, *, encoding: str | None = None) -> str:
    """UTF-8 (a BOM is dropped; UTF-16 with a BOM is read too) or a clear error."""
    if _utf16_bom(data):
        return data.decode("utf-16")
    try:
        return data.decode(encoding or "utf-8-sig")
    except (UnicodeDecodeError, LookupError) as exc:
        if isinstance(exc, LookupError):
            return decode_text(data, where)
        bad = exc.object[exc.start]
        name = "UTF-8" if encoding in (None, "utf-8", "utf-8-sig") else encoding
        raise InputError(
            where,
            f"not {name} text (byte 0x{bad:02x} at offset {exc.start}); "
            "convert it to UTF-8 first, e.g. iconv -f latin1 -t utf-8",
        ) from None
