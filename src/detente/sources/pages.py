"""HTML pages → documents: main text, title, site and date via trafilatura."""

from __future__ import annotations

import html
import re

import lxml.html
import trafilatura
from lxml import etree

from ..errors import InputError
from ..records import Document
from .base import check_not_binary, make_document, normalize_published

__all__ = ["page_document", "html_to_text"]

_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
           "blockquote", "section", "article", "tr", "pre", "figcaption", "header", "footer"}
_DROP = ("script", "style", "noscript", "template", "head")
_WORD = re.compile(r"[^\W\d_]{2}")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def page_document(data: bytes, where: str, *, url: str | None = None, published: str | None = None) -> Document:
    """The report in an HTML page; ``published`` is only the fallback for the page's own date."""
    check_not_binary(data, where)
    page = _extract(data, url)
    text = page.text if page and page.text and page.text.strip() else html_to_text(data)
    if not _WORD.search(text):
        raise InputError(where, "no readable text in the HTML page (broken or empty markup?)")
    own = _page_date(page)
    return make_document(
        text,
        published=own or published,
        title=(page.title if page else None) or _title(data),
        source=(page.sitename or page.hostname) if page else None,
        url=url or (page.url if page else None),
    )


def _extract(data: bytes, url: str | None):
    """trafilatura's main-text extraction; dates only from metadata and URL, never page text."""
    try:
        return trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception:  # trafilatura raises assorted errors on mangled markup
        return None


def _page_date(page) -> str | None:
    try:
        return normalize_published(page.date if page else None, "page")
    except InputError:
        return None


def _parse(data: bytes | str):
    try:
        return lxml.html.fromstring(data)
    except (etree.ParserError, ValueError):
        return None


def _title(data: bytes) -> str | None:
    root = _parse(data)
    found = root.findtext(".//title") if root is not None else None
    return found.strip() or None if found else None


def html_to_text(markup: bytes | str) -> str:
    """Plain text of an HTML page or fragment, one paragraph a line (feeds, fallback)."""
    if isinstance(markup, str) and "<" not in markup:
        return _clean(html.unescape(markup))
    root = _parse(markup)
    if root is None:
        return ""
    for bad in root.iter(*_DROP):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    return _clean(root.text_content())


def _clean(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
