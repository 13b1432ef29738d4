"""URLs: httpx.MockTransport for the rules, a local server for real sockets."""

from __future__ import annotations

import httpx
import pytest
from http_stub import closed_port_url, serve

from detente.errors import FetchError, InputError
from detente.records import Document
from detente.settings import Settings
from detente.sources import iter_documents
from detente.sources.web import MAX_REDIRECTS, fetch, is_url, url_documents

SETTINGS = Settings(fetch_timeout=0.5, max_bytes=10_000)


def client(handler) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler), headers={"User-Agent": SETTINGS.user_agent})


def answer(status=200, body=b"A report.", kind="text/plain", **headers):
    return lambda request: httpx.Response(status, content=body, headers={"content-type": kind, **headers})


@pytest.mark.parametrize(
    "raw, expected",
    [("https://a.org/x", True), ("HTTP://a.org", True), ("file:///etc/passwd", True), ("ftp://a.org", True),
     ("reports/a.txt", False), ("C:\\reports\\a.txt", False), ("-", False)],
)
def test_is_url(raw, expected):
    assert is_url(raw) is expected


@pytest.mark.parametrize(
    "url, message",
    [
        ("file:///etc/passwd", "only http and https URLs are fetched, not file://"),
        ("ftp://example.org/a", "only http and https URLs are fetched, not ftp://"),
        ("http://", "not a valid URL"),
    ],
)
def test_refuses_other_schemes_without_fetching(url, message):
    seen = []
    with pytest.raises(FetchError, match=message):
        fetch(url, settings=SETTINGS, client=client(lambda r: seen.append(r) or httpx.Response(200)))
    assert seen == []


@pytest.mark.parametrize(
    "allowed, url, ok",
    [
        (("example.org",), "https://example.org/a", True),
        (("example.org",), "https://news.example.org/a", True),
        (("example.org",), "https://example.org.evil.net/a", False),
        (("example.org",), "https://other.net/a", False),
        ((), "https://other.net/a", True),
    ],
)
def test_allowed_hosts(allowed, url, ok):
    settings = Settings(allowed_hosts=allowed)
    if ok:
        assert fetch(url, settings=settings, client=client(answer())).body == b"A report."
    else:
        with pytest.raises(FetchError, match="is not in DETENTE_ALLOWED_HOSTS"):
            fetch(url, settings=settings, client=client(answer()))


def test_redirect_to_a_host_not_allowed_is_refused():
    def handler(request):
        if request.url.host == "example.org":
            return httpx.Response(302, headers={"location": "https://internal.lan/secret"})
        return httpx.Response(200, content=b"secret")

    with pytest.raises(FetchError, match="internal.lan is not in DETENTE_ALLOWED_HOSTS"):
        fetch("https://example.org/a", settings=Settings(allowed_hosts=("example.org",)), client=client(handler))


@pytest.mark.parametrize("hops, ok", [(MAX_REDIRECTS, True), (MAX_REDIRECTS + 1, False)])
def test_redirect_limit(hops, ok):
    def handler(request):
        n = int(request.url.path.strip("/") or 0)
        if n < hops:
            return httpx.Response(301, headers={"location": f"/{n + 1}"})
        return httpx.Response(200, content=b"Arrived.", headers={"content-type": "text/plain"})

    if ok:
        assert fetch("https://a.org/", settings=SETTINGS, client=client(handler)).url == f"https://a.org/{hops}"
    else:
        with pytest.raises(FetchError, match=f"too many redirects \\(more than {MAX_REDIRECTS}\\)"):
            fetch("https://a.org/", settings=SETTINGS, client=client(handler))


@pytest.mark.parametrize(
    "handler, message",
    [
        (answer(body=b"x" * 20_000), "body is 20 KB, over the 10 KB limit"),
        (answer(body=b"x", **{"content-length": "60000000"}), "body is 57 MB, over the 10 KB limit"),
        (lambda r: httpx.Response(200, content=iter([b"x" * 4000] * 5)), "body is over the 10 KB limit .*stopped reading"),
        (answer(status=404), "HTTP 404 Not Found"),
        (answer(status=503), "HTTP 503 Service Unavailable"),
    ],
)
def test_fetch_errors(handler, message):
    with pytest.raises(FetchError, match=message):
        fetch("https://a.org/x", settings=SETTINGS, client=client(handler))


@pytest.mark.parametrize(
    "exc, message",
    [
        (httpx.ReadTimeout("slow"), "timed out after 0.5 s \\(DETENTE_FETCH_TIMEOUT\\)"),
        (httpx.ConnectError("refused"), "cannot connect \\(refused\\)"),
        (httpx.RemoteProtocolError("garbled"), "connection failed"),
    ],
)
def test_transport_errors(exc, message):
    def handler(request):
        raise exc

    with pytest.raises(FetchError, match=message):
        fetch("https://a.org/x", settings=SETTINGS, client=client(handler))


@pytest.mark.parametrize(
    "kind, body, expected",
    [
        ("text/plain; charset=utf-8", "Talks – résumé.".encode(), ["Talks – résumé."]),
        ("text/plain; charset=iso-8859-1", "Genève talks.".encode("latin-1"), ["Genève talks."]),
        ("application/json", b'{"id": "j", "text": "From JSON."}', ["From JSON."]),
        ("application/x-ndjson", b'{"text": "One."}\n{"text": "Two."}\n', ["One.", "Two."]),
        ("application/octet-stream", b'{"text": "Sniffed."}', ['{"text": "Sniffed."}']),
        ("", b'{"text": "Sniffed JSON."}', ["Sniffed JSON."]),
    ],
)
def test_content_types(kind, body, expected):
    items = url_documents("https://a.org/x", settings=SETTINGS, client=client(answer(body=body, kind=kind)))
    assert [d.text for d in items] == expected


def test_text_document_keeps_the_final_url():
    [document] = url_documents("https://a.org/x", settings=SETTINGS, client=client(answer()))
    assert document.url == "https://a.org/x"


@pytest.fixture(scope="module")
def server():
    with serve() as running:
        yield running


@pytest.mark.parametrize(
    "path, message",
    [
        ("/slow", "timed out after 0.5 s (DETENTE_FETCH_TIMEOUT)"),
        ("/loop", f"too many redirects (more than {MAX_REDIRECTS})"),
        ("/huge", "body is over the 10 KB limit (DETENTE_MAX_BYTES); stopped reading"),
        ("/big", "body is 60 MB, over the 10 KB limit (DETENTE_MAX_BYTES)"),
        ("/to-file", "only http and https URLs are fetched, not file://"),
        ("/missing", "HTTP 404 Not Found"),
        ("/empty", "empty document"),
    ],
)
def test_misbehaving_server(server, path, message):
    base, _ = server
    [error] = list(iter_documents([base + path], settings=SETTINGS))
    assert isinstance(error, InputError)
    assert error.where == base + path and message in error.problem


def test_closed_port():
    url = closed_port_url()
    [error] = list(iter_documents([url], settings=SETTINGS))
    assert isinstance(error, FetchError) and "cannot connect" in str(error)


def test_page_from_server_uses_its_metadata_and_user_agent(server):
    base, stub = server
    [document] = list(iter_documents([base + "/hop"], settings=SETTINGS, published="2020-01-01"))
    assert isinstance(document, Document)
    assert (document.title, document.source, document.published) == ("Envoys meet in Geneva", "Stub News", "2026-02-16")
    assert document.url == base + "/page"
    assert "Dmitry Peskov said the talks were useful" in document.text
    assert (("/hop", SETTINGS.user_agent)) in stub.requests


def test_feed_from_server(server):
    base, _ = server
    items = list(iter_documents([base + "/feed"], settings=SETTINGS, published="2020-01-01"))
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "Document"]
    assert items[0].published == "2026-02-05" and items[2].published == "2020-01-01"
    assert items[1].where == f"{base}/feed [entry 2]"
