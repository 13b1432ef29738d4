"""RSS and Atom: one document per entry; a broken entry does not sink the feed."""

from __future__ import annotations

import pytest

from detente.errors import InputError
from detente.records import Document
from detente.sources.feeds import feed_documents, looks_like_feed

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Peace Wire</title>
<item><title>Talks in Geneva</title><link>https://example.org/1</link><guid>example-1</guid>
<pubDate>Mon, 16 Feb 2026 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Negotiators met in &lt;b&gt;Geneva&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Talks go on.&lt;/p&gt;</description></item>
<item><title>Nothing here</title><link>https://example.org/2</link></item>
<item><title>Undated</title><description>Truce holds in Yemen, AT&amp;T says.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Wire</title><entry><title>Deal signed</title><id>urn:x:1</id>
<link href="https://example.org/deal"/><updated>2025-08-08T12:00:00Z</updated>
<summary>Short.</summary><content type="html">&lt;p&gt;Armenia and Azerbaijan signed a peace deal.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_entries_in_order_with_the_broken_one_named():
    items = list(feed_documents(RSS, "wire.xml", published="2020-01-01"))
    assert [type(i) for i in items] == [Document, InputError, Document]
    first, error, last = items
    assert first.model_dump() == {
        "id": "example-1", "text": "Negotiators met in Geneva.\nTalks go on.", "title": "Talks in Geneva",
        "source": "Peace Wire", "url": "https://example.org/1", "published": "2026-02-16",
    }
    assert str(error) == "wire.xml [entry 2]: empty document (the entry has no content or summary)"
    assert (last.text, last.published) == ("Truce holds in Yemen, AT&T says.", "2020-01-01")


def test_atom_prefers_full_content_over_summary():
    [entry] = feed_documents(ATOM, "atom.xml")
    assert (entry.text, entry.url, entry.published, entry.source) == (
        "Armenia and Azerbaijan signed a peace deal.", "https://example.org/deal", "2025-08-08", "Atom Wire"
    )


@pytest.mark.parametrize(
    "data, message",
    [
        (b"this is not XML", "not an RSS or Atom feed"),
        (b"<rss version='2.0'><channel><title>Empty</title></channel></rss>", "feed has no entries"),
    ],
)
def test_unreadable_feeds(data, message):
    with pytest.raises(InputError, match=message):
        list(feed_documents(data, "f.xml"))


@pytest.mark.parametrize(
    "data, expected",
    [(RSS, True), (ATOM, True), (b"<html><head></head></html>", False), (b'{"text": "x"}', False)],
)
def test_looks_like_feed(data, expected):
    assert looks_like_feed(data) is expected
