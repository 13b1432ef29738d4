"""Shared pieces: ids, published dates, JSON objects → documents, decoding, sizes."""

from __future__ import annotations

import codecs

import pytest

from detente.errors import InputError
from detente.sources.base import (
    check_not_binary,
    decode_text,
    document_id,
    from_mapping,
    human_size,
    make_document,
    normalize_published,
    too_large,
)


def test_document_id_is_stable_and_text_dependent():
    assert document_id("a report") == document_id("a report")
    assert document_id("a report") != document_id("another report")
    assert make_document("a report").id == document_id("a report")


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, None),
        ("", None),
        ("2026-02-05", "2026-02-05"),
        ("2026-02-05T10:00:00Z", "2026-02-05"),
        ("2026-02-05 10:00", "2026-02-05"),
        ("2025-05", "2025-05"),
        ("1994", "1994"),
        (" 2026-02-05 ", "2026-02-05"),
        ("Thu, 05 Feb 2026 10:00:00 GMT", "2026-02-05"),
    ],
)
def test_normalize_published(value, expected):
    assert normalize_published(value, "x") == expected


@pytest.mark.parametrize("value", ["yesterday", "05/02/2026", "2026-02-05x", 20260205])
def test_normalize_published_refuses_non_iso(value):
    with pytest.raises(InputError, match="not an ISO 8601 date"):
        normalize_published(value, "x")


@pytest.mark.parametrize(
    "data, published, expected",
    [
        ({"text": "Talks resumed."}, None, {"id": document_id("Talks resumed."), "published": None}),
        ({"text": "T.", "id": 7}, None, {"id": "7"}),
        ({"text": "T.", "published": "2025-05-16"}, "2020-01-01", {"published": "2025-05-16"}),
        ({"text": "T."}, "2020-01-01", {"published": "2020-01-01"}),
        ({"text": "T.", "title": "A", "source": "B", "url": "http://c"}, None, {"title": "A", "source": "B", "url": "http://c"}),
    ],
)
def test_from_mapping(data, published, expected):
    document = from_mapping(data, "f.json", published=published)
    assert {key: getattr(document, key) for key in expected} == expected


def test_from_mapping_ignores_unknown_keys():
    document = from_mapping({"text": "T.", "meta": {"license": "x"}, "license": "y"}, "f.json")
    assert "meta" not in document.model_dump() and "license" not in document.model_dump()


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, 'no "text" field'),
        ({"title": "x"}, 'no "text" field'),
        ({"text": 3}, '"text" must be a string, not a number'),
        ({"text": "  \n"}, "empty document"),
        ({"text": "T.", "id": ["a"]}, '"id" must be a string, not a list'),
        ({"text": "T.", "title": {"a": 1}}, '"title" must be a string, not an object'),
        ({"text": "T.", "published": "last week"}, "not an ISO 8601 date"),
        (["text"], "expected a JSON object"),
        ("text", "expected a JSON object"),
    ],
)
def test_from_mapping_errors_name_the_input(data, message):
    with pytest.raises(InputError, match=message) as caught:
        from_mapping(data, "f.json:3")
    assert caught.value.where == "f.json:3"


@pytest.mark.parametrize(
    "data, expected",
    [
        ("Geneva talks — “useful”".encode(), "Geneva talks — “useful”"),
        (codecs.BOM_UTF8 + b"with BOM", "with BOM"),
        ("UTF-16 report".encode("utf-16"), "UTF-16 report"),
    ],
)
def test_decode_text(data, expected):
    assert decode_text(data, "f.txt") == expected


def test_decode_text_names_the_bad_byte():
    with pytest.raises(InputError, match=r"not UTF-8 text \(byte 0xe9 at offset 3\)"):
        decode_text("Café au lait".encode("latin-1"), "f.txt")


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n...", b"PK\x03\x04zip", b"\x1f\x8b\x08gzip", b"\x89PNG\r\n", b"text\x00with nul"],
)
def test_check_not_binary(data):
    with pytest.raises(InputError, match="binary file, not a report"):
        check_not_binary(data, "f.bin")


def test_check_not_binary_lets_text_through():
    check_not_binary("Plain report.".encode("utf-16"), "f.txt")
    check_not_binary(b"Plain report.", "f.txt")


@pytest.mark.parametrize(
    "n, expected", [(10, "10 bytes"), (2048, "2 KB"), (5 * 2**20 + 2**19, "5.5 MB"), (60 * 2**20, "60 MB")]
)
def test_human_size(n, expected):
    assert human_size(n) == expected


def test_too_large_names_the_setting():
    assert too_large("file", 50 * 2**20, 60 * 2**20) == "file is 60 MB, over the 50 MB limit (DETENTE_MAX_BYTES)"
