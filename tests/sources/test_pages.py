"""HTML pages: main text and metadata, plain text of fragments."""

from __future__ import annotations

import pytest

from detente.errors import InputError
from detente.sources.pages import html_to_text, page_document

ARTICLE = b"""<html><head><title>Envoys meet | Stub News</title>
<meta property="og:title" content="Envoys meet">
<meta property="og:site_name" content="Stub News">
<meta property="article:published_time" content="2026-02-04T08:00:00+00:00"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav><article>
<p>Negotiators from Russia and Ukraine met in Abu Dhabi on Wednesday, officials said.</p>
<p>US envoy Steve Witkoff called the first day of the talks productive.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"""


def test_page_main_text_and_metadata():
    document = page_document(ARTICLE, "a.html", url="https://stub.example/a", published="2020-01-01")
    assert "Steve Witkoff called the first day" in document.text
    assert "Subscribe" not in document.text and "Home" not in document.text
    assert (document.title, document.source, document.published, document.url) == (
        "Envoys meet", "Stub News", "2026-02-04", "https://stub.example/a"
    )


@pytest.mark.parametrize(
    "page, published",
    [
        (b"<html><head><title>T</title></head><body><p>Talks resumed in Doha.</p></body></html>", "2020-01-01"),
        (b"<p>Talks resumed in Doha.</p>", "2020-01-01"),
    ],
)
def test_short_page_falls_back_to_its_text_and_the_given_date(page, published):
    document = page_document(page, "a.html", published=published)
    assert document.text == "Talks resumed in Doha." and document.published == published


@pytest.mark.parametrize(
    "page, message",
    [
        (b"", "no readable text"),
        (b"<html><body><script>var talks = 1;</script><style>p {}</style></body></html>", "no readable text"),
        (b"\x00\x00<html>", "binary file"),
    ],
)
def test_pages_without_text(page, message):
    with pytest.raises(InputError, match=message):
        page_document(page, "a.html")


@pytest.mark.parametrize(
    "markup, expected",
    [
        ("<p>One <b>bold</b> line.</p><p>Two&nbsp;lines.</p>", "One bold line.\nTwo lines."),
        ("Line<br>break", "Line\nbreak"),
        ("<ul><li>a</li><li>b</li></ul><script>x()</script>", "a\nb"),
        ("No tags &amp; entities", "No tags & entities"),
        ("", ""),
    ],
)
def test_html_to_text(markup, expected):
    assert html_to_text(markup) == expected
