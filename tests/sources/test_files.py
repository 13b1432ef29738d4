"""Local files and folders: each format, each bad input as one named error."""

from __future__ import annotations

import json
import re

import pytest

from detente.errors import InputError
from detente.records import Document
from detente.settings import Settings
from detente.sources import iter_documents

REPORT = "Negotiators from Russia and Ukraine met in Abu Dhabi on Wednesday.\n"
PAGE = """<html><head><title>Envoys meet</title>
<meta property="article:published_time" content="2026-02-04"></head><body><article>
<p>Negotiators from Russia and Ukraine met in Abu Dhabi on Wednesday, officials said.</p>
<p>US envoy Steve Witkoff called the first day of talks productive and constructive.</p>
</article></body></html>"""
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Swap</title><link>http://x/1</link><pubDate>Thu, 05 Feb 2026 10:00:00 GMT</pubDate>
<description>Russia and Ukraine swapped 314 prisoners.</description></item></channel></rss>"""


def read(path, **options):
    return list(iter_documents([path], **options))


def only_error(items):
    assert len(items) == 1 and isinstance(items[0], InputError), items
    return items[0]


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("a.txt", REPORT, {"text": REPORT, "published": "2020-01-01"}),
        ("a.txt", "line one\r\nline two\r\n", {"text": "line one\nline two\n"}),
        ("a.txt", "\ufeffwith a BOM", {"text": "with a BOM"}),
        ("notes.md", "Any file named explicitly is text.", {"text": "Any file named explicitly is text."}),
        ("a.json", json.dumps({"id": "x", "text": REPORT, "published": "2025-05-16"}), {"id": "x", "published": "2025-05-16"}),
        ("a.json", json.dumps({"text": REPORT, "meta": {"license": "?"}}), {"text": REPORT, "published": "2020-01-01"}),
        ("a.html", PAGE, {"title": "Envoys meet", "published": "2026-02-04"}),
        ("a.rss", FEED, {"title": "Swap", "published": "2026-02-05", "url": "http://x/1", "source": "Wire"}),
    ],
)
def test_reads_each_format(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8", newline="")
    [document] = read(path, published="2020-01-01")
    assert isinstance(document, Document), document
    assert {key: getattr(document, key) for key in expected} == expected


def test_html_text_is_the_article(tmp_path):
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    [document] = read(tmp_path / "a.html")
    assert "Steve Witkoff called the first day" in document.text
    assert "<p>" not in document.text


def test_json_list_yields_each_item_and_names_bad_ones(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"text": "One."}, {"title": "no text"}, {"text": "Three."}]))
    items = read(path)
    assert [d.text for d in items if isinstance(d, Document)] == ["One.", "Three."]
    assert str(items[1]).startswith(f"{path}[1]: ")


def test_jsonl_bad_line_is_named_and_others_yield(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a", "text": "One.", "meta": {}}\n\n{"id": "b", "text": oops}\n{"id": "c", "text": "Three."}\n')
    items = read(path)
    assert [d.id for d in items if isinstance(d, Document)] == ["a", "c"]
    [error] = [e for e in items if isinstance(e, InputError)]
    assert str(error) == f"{path}:3: invalid JSON at column 21: Expecting value"


def test_jsonl_line_over_the_limit_is_skipped(tmp_path):
    path = tmp_path / "a.jsonl"
    long = json.dumps({"text": "x" * 5000})
    path.write_text(f'{{"text": "short"}}\n{long}\n{{"text": "after"}}\n')
    items = read(path, settings=Settings(max_bytes=1000))
    assert [getattr(d, "text", None) for d in items] == ["short", None, "after"]
    assert "line is over the 1000 bytes limit (DETENTE_MAX_BYTES)" in str(items[1])


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "empty document"),
        ("blank.txt", b"  \n\n ", "empty document"),
        ("empty.json", b"", "empty document"),
        ("binary.txt", b"\x00\x01\x02\x03report", "binary file, not a report"),
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file, not a report"),
        ("latin1.txt", "Genève talks".encode("latin-1"), r"not UTF-8 text \(byte 0xe8 at offset 3\)"),
        ("broken.html", b"<html><head><script>var a = 1;</script></head><body><div></div></body>", "no readable text in the HTML page"),
        ("broken.html", b"<<<< >>>> </p></div>", "no readable text in the HTML page"),
        ("bad.json", b'{"text": "a",\n "id": }', r"invalid JSON at line 2 column 8: Expecting value"),
        ("notext.json", b'{"title": "t"}', 'no "text" field'),
        ("number.json", b"42", "expected a JSON object with a \"text\" field, got a number"),
        ("bad.xml", b"<not a feed", "not an RSS or Atom feed"),
    ],
)
def test_bad_file_is_one_error_naming_it(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    error = only_error(read(path))
    assert error.where == str(path)
    assert re.search(message, str(error)), str(error)


@pytest.mark.parametrize("name", ["big.txt", "big.json", "big.html"])
def test_file_over_the_limit(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"a" * 3 * 1024 * 1024)
    error = only_error(read(path, settings=Settings(max_bytes=2 * 1024 * 1024)))
    assert str(error) == f"{path}: file is 3.0 MB, over the 2.0 MB limit (DETENTE_MAX_BYTES)"


def test_missing_path(tmp_path):
    error = only_error(read(tmp_path / "nope.txt"))
    assert str(error) == f"{tmp_path / 'nope.txt'}: no such file or folder"


def test_folder_is_recursive_sorted_and_skips_hidden_and_unknown(tmp_path):
    (tmp_path / "b.txt").write_text("B report.")
    (tmp_path / "a.json").write_text(json.dumps({"text": "A report."}))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("C report.")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_text("hidden too")
    (tmp_path / "README.md").write_text("not a report")
    (tmp_path / "data.csv").write_text("a,b")
    assert [d.text for d in read(tmp_path)] == ["A report.", "B report.", "C report."]


def test_folder_keeps_going_past_bad_files(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text("Good report.")
    (tmp_path / "c.json").write_text("{")
    items = read(tmp_path)
    assert [type(i).__name__ for i in items] == ["InputError", "Document", "InputError"]


def test_empty_folder_says_what_it_looked_for(tmp_path):
    error = only_error(read(tmp_path))
    assert "no reports in this folder (looked for .txt" in str(error)


def test_bad_published_option_is_a_config_error(tmp_path):
    from detente.errors import ConfigError

    with pytest.raises(ConfigError, match="not an ISO 8601 date"):
        read(tmp_path, published="tomorrow")


@pytest.mark.parametrize("files", [
    {"a.txt": REPORT},
    {"a.jsonl": "".join(json.dumps({"text": f"{REPORT} {i}"}) + "\n" for i in range(5)) + "\n{broken\n"},
    {"a.json": json.dumps({"text": REPORT}), "b.html": PAGE, "sub/c.txt": REPORT, "sub/.hidden.txt": REPORT,
     "d.jsonl": json.dumps({"text": REPORT}) + "\n\n" + json.dumps({"text": REPORT}) + "\n"},
])
def test_count_documents_says_how_many_a_folder_or_file_yields(tmp_path, files):
    """The ingest progress bar's total: what iter_documents yields, documents and errors alike."""
    from detente.sources import count_documents

    for name, content in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    inputs = [str(tmp_path)] if len(files) > 1 else [str(tmp_path / next(iter(files)))]
    assert count_documents(inputs + [str(tmp_path / "missing.txt")]) == len(list(iter_documents(
        inputs + [str(tmp_path / "missing.txt")])))


@pytest.mark.parametrize("name, content", [("a.rss", FEED), ("a.json", json.dumps([{"text": REPORT}] * 3)),
                                           ("http://example.org/x", None), ("-", None)])
def test_count_documents_is_none_when_only_reading_tells(tmp_path, name, content):
    from detente.sources import count_documents

    if content is not None:
        (tmp_path / name).write_text(content, encoding="utf-8")
        name = str(tmp_path / name)
    assert count_documents([name]) is None
