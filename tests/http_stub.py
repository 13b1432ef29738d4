"""A local HTTP server on 127.0.0.1 for fetch tests: canned pages and misbehaviour.

Routes: ``/page`` (HTML report), ``/feed`` (RSS), ``/text``, ``/json``,
``/jsonl``, ``/slow`` (never answers), ``/loop`` (redirects to itself),
``/huge`` (endless body, no length), ``/big`` (declares a huge length),
``/to-file`` (redirects to file://), ``/hop`` (redirects to ``/page``),
``/missing`` (404); ``requests`` records each path and User-Agent.
"""

from __future__ import annotations

import socket
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = b"""<!doctype html><html><head><title>Envoys meet in Geneva</title>
<meta property="og:site_name" content="Stub News">
<meta property="article:published_time" content="2026-02-16T09:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article><h1>Envoys meet in Geneva</h1>
<p>Negotiators from Russia and Ukraine met in Geneva on Tuesday, officials said.</p>
<p>Kremlin spokesman Dmitry Peskov said the talks were useful and would continue next week.</p>
</article><footer>Copyright Stub News</footer></body></html>"""

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Stub Wire</title>
<item><title>Prisoner swap agreed</title><link>http://stub.example/1</link>
<pubDate>Thu, 05 Feb 2026 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Russia and Ukraine agreed to exchange 314 prisoners, mediators said.&lt;/p&gt;</description></item>
<item><title>No text</title><link>http://stub.example/2</link></item>
<item><title>Truce holds</title><link>http://stub.example/3</link>
<description>The truce in Yemen held for a second week.</description></item>
</channel></rss>"""

TEXT = "Talks in Abu Dhabi ended on Thursday, the mediators said.\n".encode()
JSON = b'{"id": "stub-json", "text": "Envoys met in Riyadh on Monday.", "published": "2025-03-24"}'
JSONL = b'{"id": "a", "text": "One report."}\nnot json\n{"id": "c", "text": "Another report."}\n'

_CANNED = {
    "/page": ("text/html; charset=utf-8", PAGE),
    "/feed": ("application/rss+xml", FEED),
    "/text": ("text/plain; charset=utf-8", TEXT),
    "/json": ("application/json", JSON),
    "/jsonl": ("application/x-ndjson", JSONL),
    "/empty": ("text/plain", b""),
}
_REDIRECTS = {"/loop": "/loop", "/hop": "/page", "/to-file": "file:///etc/passwd"}


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        self.server.requests.append((self.path, self.headers.get("User-Agent")))
        try:
            self._answer()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _answer(self):
        if self.path in _CANNED:
            kind, body = _CANNED[self.path]
            self._send(200, kind, body)
        elif self.path in _REDIRECTS:
            self.send_response(302)
            self.send_header("Location", _REDIRECTS[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/slow":
            self.server.release.wait(10)
        elif self.path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(60 * 1024 * 1024))
            self.end_headers()
        elif self.path == "/huge":
            self._endless()
        else:
            self._send(404, "text/plain", b"not found")

    def _send(self, status, kind, body):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _endless(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"peace talks " * 5000
        for _ in range(2000):
            if self.server.release.is_set():
                return
            self.wfile.write(chunk)


@contextmanager
def serve():
    """Yield ``(base_url, server)``; the server stops (and ``/slow`` returns) on exit."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.requests = []
    server.release = threading.Event()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()


def closed_port_url() -> str:
    """A URL on 127.0.0.1 that refuses connections."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"
