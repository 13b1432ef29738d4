"""Web fixtures: one store per session, built by ingesting the bundled sample plus
a crafted hostile report, then a TestClient and a live loopback server over it."""

from __future__ import annotations

import json
import os
import socket
import threading
import time

import pytest

from web.hostile import XSS_DOC


def build_store(db: str, extra_path) -> dict:
    """Ingest the bundled sample and the hostile report into ``db``, as ``detente ingest`` does."""
    from detente.ingest import ingest
    from detente.sources import sample_path
    from detente.store import Store

    extra_path.write_text(json.dumps(XSS_DOC) + "\n", encoding="utf-8")
    with Store.open(db) as store:
        report = ingest([str(sample_path()), str(extra_path)], store)
    return {"added": len(report.added), "failed": len(report.failed)}


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> str:
    """A SQLite store of the sample plus the hostile report (built once)."""
    prebuilt = os.environ.get("DETENTE_TEST_WEB_DB")
    if prebuilt:  # a store build_store() made earlier: quick reruns while developing
        return prebuilt
    tmp = tmp_path_factory.mktemp("web")
    db = str(tmp / "web.db")
    counts = build_store(db, tmp / "hostile.jsonl")
    assert counts["added"] >= 10, counts
    return db


@pytest.fixture(scope="session")
def store(web_db):
    from detente.store import Store

    with Store.open(web_db) as s:
        yield s


@pytest.fixture(scope="session")
def app(store):
    from detente.web import create_app

    return create_app(store)


@pytest.fixture()
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn in a thread on 127.0.0.1 and a free port."""

    def __init__(self, app):
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def live_server(app):
    with LiveServer(app) as server:
        yield server


# -- the real browser (tests marked with web.chromium.BROWSER) -------------------------------

@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from web.chromium import ARGS, CHROMIUM

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser, live_server):
    """A fresh page that records console errors and failed responses (CSP breaks show here)."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.problems = []
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(m.text))
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    pg.on("response", lambda r: r.status >= 400 and pg.problems.append(f"{r.status} {r.url}"))
    yield pg
    context.close()


@pytest.fixture(scope="module")
def richest(live_server) -> dict:
    """The fullest process (timeline, matrix and gap, preferably all three), and a speaker with quotes."""
    import httpx

    with httpx.Client(base_url=live_server.url) as c:
        scores = []
        for p in c.get("/api/processes").json():
            cells = c.get("/api/matrix", params={"process": p["name"]}).json()["cells"]
            n = sum(len(v) for row in cells.values() for v in row.values())
            events = len(c.get("/api/timeline", params={"process": p["name"]}).json())
            points = sum(len(s["points"]) for s in c.get("/api/gap", params={"process": p["name"]}).json())
            scores.append(((n > 0, events > 0, points > 0), n + events + points, n, p["name"]))
        _, _, most, best = max(scores)
        speaker = next(q["speaker"] for q in c.get("/api/quotes").json() if q["speaker"])
        actor = c.get("/api/actors", params={"kind": "person"}).json()[0]["name"]
    assert most > 0, "no process has positions"
    return {"process": best, "speaker": speaker, "actor": actor}
