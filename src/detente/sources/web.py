"""http(s) URLs → documents: one polite, capped, time-limited GET per URL.

Redirects are followed by hand (at most :data:`MAX_REDIRECTS`) so that every
hop is held to the scheme and host rules; the body is read in chunks and the
fetch stops as soon as it passes ``Settings.max_bytes`` or the deadline.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx

from ..errors import FetchError, InputError
from ..records import Document
from ..settings import Settings
from .base import check_not_binary, too_large
from .feeds import feed_documents, looks_like_feed
from .files import text_document
from .jsondocs import json_documents, jsonl_documents
from .pages import page_document

__all__ = ["MAX_REDIRECTS", "Fetched", "is_url", "fetch", "url_documents"]

MAX_REDIRECTS = 5
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


@dataclass(frozen=True)
class Fetched:
    """A fetched body and what the server said it is."""

    url: str
    content_type: str
    charset: str | None
    body: bytes


def is_url(raw: str) -> bool:
    """Anything with a scheme (``file://`` too, so that it is refused, not read as a path)."""
    return bool(_SCHEME.match(raw))


def url_documents(
    url: str, *, settings: Settings, published: str | None = None, client: httpx.Client | None = None
) -> Iterator[Document | InputError]:
    """The documents behind a URL: a page, a feed's entries, JSON, JSON Lines or text."""
    fetched = fetch(url, settings=settings, client=client)
    yield from _documents(fetched, url, settings=settings, published=published)


def fetch(url: str, *, settings: Settings, client: httpx.Client | None = None) -> Fetched:
    """GET ``url`` within the settings' limits, or raise :class:`FetchError` saying why."""
    own = client is None
    client = client or _client(settings)
    deadline = time.monotonic() + settings.fetch_timeout
    try:
        return _follow(client, url, settings, deadline)
    except httpx.TimeoutException:
        raise FetchError(url, _timed_out(settings)) from None
    except httpx.ConnectError as exc:
        raise FetchError(url, f"cannot connect ({exc or 'no answer'}); check the address and your network") from None
    except httpx.TransportError as exc:
        raise FetchError(url, f"connection failed ({type(exc).__name__}: {exc})") from None
    except httpx.HTTPError as exc:
        raise FetchError(url, f"fetch failed ({type(exc).__name__}: {exc})") from None
    finally:
        if own:
            client.close()


def _client(settings: Settings) -> httpx.Client:
    return httpx.Client(
        timeout=httpx.Timeout(settings.fetch_timeout),
        headers={"User-Agent": settings.user_agent},
        follow_redirects=False,
    )


def _follow(client: httpx.Client, url: str, settings: Settings, deadline: float) -> Fetched:
    target = _checked(url, url, settings)
    for _ in range(MAX_REDIRECTS + 1):
        with client.stream("GET", target, follow_redirects=False) as response:
            if response.is_redirect and "location" in response.headers:
                target = _checked(url, str(response.url.join(response.headers["location"])), settings)
                continue
            if response.status_code >= 400:
                raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            body = _read_body(response, url, settings, deadline)
            media, charset = _content_type(response)
            return Fetched(str(response.url), media, charset, body)
    raise FetchError(url, f"too many redirects (more than {MAX_REDIRECTS})")


def _checked(where: str, url: str, settings: Settings) -> httpx.URL:
    """The URL if its scheme is http(s) and its host is allowed; else why not."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchError(where, f"not a valid URL ({exc})") from None
    if parsed.scheme not in ("http", "https"):
        hop = "" if url == where else f"redirected to {url}; "
        raise FetchError(where, f"{hop}only http and https URLs are fetched, not {parsed.scheme}://")
    if not parsed.host:
        raise FetchError(where, "not a valid URL (no host)")
    if settings.allowed_hosts and not _allowed(parsed.host, settings.allowed_hosts):
        allowed = ", ".join(settings.allowed_hosts)
        raise FetchError(where, f"host {parsed.host} is not in DETENTE_ALLOWED_HOSTS ({allowed})")
    return parsed


def _allowed(host: str, allowed: tuple[str, ...]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == a.lower() or host.endswith("." + a.lower()) for a in allowed)


def _read_body(response: httpx.Response, where: str, settings: Settings, deadline: float) -> bytes:
    limit = settings.max_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(where, too_large("body", limit, int(declared)))
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchError(where, too_large("body", limit) + "; stopped reading")
        if time.monotonic() > deadline:
            raise FetchError(where, _timed_out(settings))
        chunks.append(chunk)
    return b"".join(chunks)


def _timed_out(settings: Settings) -> str:
    return f"timed out after {settings.fetch_timeout:g} s (DETENTE_FETCH_TIMEOUT)"


def _content_type(response: httpx.Response) -> tuple[str, str | None]:
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    return media, response.charset_encoding


def _documents(fetched: Fetched, where: str, *, settings: Settings, published: str | None) -> Iterator[Document | InputError]:
    body, media = fetched.body, fetched.content_type
    if not body.strip():
        raise InputError(where, "empty document")
    check_not_binary(body, where)
    path = httpx.URL(fetched.url).path.lower()
    if "ndjson" in media or "jsonl" in media or path.endswith((".jsonl", ".ndjson")):
        yield from jsonl_documents(io.BytesIO(body), where, max_bytes=settings.max_bytes, published=published)
    elif "json" in media or (not media and body.lstrip()[:1] in (b"{", b"[")):
        yield from json_documents(body, where, published=published)
    elif "rss" in media or "atom" in media or (media != "text/html" and looks_like_feed(body)):
        yield from feed_documents(body, where, published=published)
    elif "html" in media or body.lstrip()[:1] == b"<":
        yield page_document(body, where, url=fetched.url, published=published)
    else:
        document = text_document(body, where, published=published, encoding=fetched.charset)
        yield document.model_copy(update={"url": fetched.url})
