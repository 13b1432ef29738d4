"""Untrusted report text stays text; writes need a token; headers on every response."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from web.hostile import XSS_ID, XSS_SCRIPT, XSS_TITLE

WEB = Path(__file__).resolve().parents[2] / "src" / "detente" / "web"


@pytest.mark.parametrize("url", ["/", "/static/style.css", "/api/processes", "/no-such-page", "/api/nothing", f"/documents/{XSS_ID}", "/docs", "/openapi.json"])
def test_security_headers_everywhere(client, url):
    h = client.get(url).headers
    assert h["x-content-type-options"] == "nosniff"
    assert h["x-frame-options"] == "DENY"
    assert h["referrer-policy"] == "no-referrer"
    csp = h["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    script_src = re.search(r"script-src ([^;]*)", csp).group(1)
    assert script_src.strip() == "'self'"
    assert "unsafe" not in csp  # no inline script or style, no eval, anywhere (the API docs included)


def test_hostile_report_is_escaped(client):
    html = client.get(f"/documents/{XSS_ID}").text
    assert "<script>window.__pwned" not in html and "<img src=x" not in html and "<b>resume" not in html
    assert "&lt;script&gt;window.__pwned = 2;" in html
    assert "&lt;img src=x onerror=" in html
    assert "javascript:" not in html  # the report's url is not linked
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "&lt;script&gt;" in title and "<script>" not in title


@pytest.mark.parametrize("url", ["/", "/search?text=pwned", "/quotes", "/quotes?text=anywhere", "/actors", "/reports",
                                 "/timeline", f"/timeline?report={XSS_ID}", "/docs/gap", "/quotes?since=<script>"])
def test_no_report_markup_anywhere(client, url):
    html = client.get(url).text
    assert "<script" not in html  # dashboard pages carry no script at all
    assert "<script>window" not in html and "<b>anywhere" not in html and "<img src=x" not in html


def test_api_returns_text_as_data(client):
    r = client.get(f"/api/documents/{XSS_ID}")
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["document"]["title"] == XSS_TITLE and XSS_SCRIPT in r.json()["document"]["text"]


def test_templates_never_mark_report_text_safe():
    for path in (WEB / "templates").rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert "|safe" not in text.replace(" ", "") and "Markup(" not in text, path
            assert "autoescape false" not in text, path


def test_nothing_loaded_from_elsewhere():
    """No CDN: templates, our CSS and JS name no remote resource, and pages carry no inline script."""
    own = [p for p in WEB.rglob("*") if p.suffix in {".html", ".svg", ".css", ".js"} and "vendor" not in p.parts]
    for path in own:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text), path
        assert "@import" not in text and "url(http" not in text, path
        if path.suffix == ".html":
            assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), f"inline script in {path}"
            assert not re.search(r"\son[a-z]+\s*=", text), f"inline handler in {path}"
            assert " style=" not in text, f"inline style in {path}"


def test_writes_off_by_default(client):
    assert client.app.state.write_token is None
    doc = {"id": "w1", "text": "Russia and Ukraine agreed to a ceasefire."}
    assert client.post("/api/ingest", json=doc).status_code == 403
    assert client.post("/api/ingest", json=doc, headers={"Authorization": "Bearer anything"}).status_code == 403
    assert client.get("/api/documents/w1").status_code == 404
    for method in ("put", "delete", "patch"):
        assert getattr(client, method)("/api/documents/" + XSS_ID).status_code == 405


@pytest.fixture()
def writable(tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from detente.store import Store
    from detente.web import create_app

    monkeypatch.setenv("DETENTE_WEB_TOKEN", "s3cret-token")
    with Store.open(str(tmp_path / "w.db")) as store, TestClient(create_app(store)) as c:
        yield c


def test_writes_need_the_token(writable):
    doc = {"id": "w/1", "title": "<b>t</b>", "published": "2026-02-05",
           "text": "Kremlin spokesman Dmitry Peskov said Russia and Ukraine agreed to exchange 100 prisoners."}
    assert writable.post("/api/ingest", json=doc).status_code == 401
    assert writable.post("/api/ingest", json=doc, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert writable.post("/api/ingest", json=doc, headers={"Authorization": "Basic s3cret-token"}).status_code == 401
    ok = writable.post("/api/ingest", json=doc, headers={"Authorization": "Bearer s3cret-token"})
    assert ok.status_code == 201, ok.text
    got = writable.get(ok.json()["url"])
    assert got.status_code == 200 and got.json()["document"]["title"] == "<b>t</b>"
    assert "&lt;b&gt;t&lt;/b&gt;" in writable.get("/documents/w%2F1").text


def test_ingest_validates_its_body(writable):
    auth = {"Authorization": "Bearer s3cret-token"}
    assert writable.post("/api/ingest", json={"title": "no text"}, headers=auth).status_code == 422
    assert writable.post("/api/ingest", content=b"not json", headers={**auth, "content-type": "application/json"}).status_code == 422


def test_host_header_is_checked_when_bound_to_loopback(store):
    from fastapi.testclient import TestClient

    from detente.web import create_app
    from detente.web.security import LOOPBACK_HOSTS

    with TestClient(create_app(store, allowed_hosts=list(LOOPBACK_HOSTS)), base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/processes").status_code == 200
        assert c.get("/api/processes", headers={"host": "localhost:8000"}).status_code == 200
        refused = c.get("/api/processes", headers={"host": "rebound.example"})
        assert refused.status_code == 400 and refused.headers["x-frame-options"] == "DENY"


def test_a_bug_answers_500_without_details(store, monkeypatch):
    from fastapi.testclient import TestClient

    from detente import query
    from detente.web import create_app

    def broken(store):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(query, "list_processes", broken)
    with TestClient(create_app(store), raise_server_exceptions=False) as c:
        for url in ("/", "/api/processes"):
            r = c.get(url)
            assert r.status_code == 500 and "secret internals" not in r.text and "Traceback" not in r.text
            assert r.headers["x-content-type-options"] == "nosniff" and "default-src 'self'" in r.headers["content-security-policy"]


def test_ingest_shows_up_at_once(writable):
    """The cached process list is cleared by a write, not left stale."""
    auth = {"Authorization": "Bearer s3cret-token"}
    assert writable.get("/api/processes").json() == []
    doc = {"id": "w2", "published": "2026-02-05",
           "text": "Russia and Ukraine agreed to exchange 100 prisoners, Kremlin spokesman Dmitry Peskov said."}
    assert writable.post("/api/ingest", json=doc, headers=auth).status_code == 201
    assert writable.get("/api/processes").json() != []
