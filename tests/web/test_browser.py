"""The dashboard in a real browser: system Chromium, headless, against a live
loopback server. Screenshots of each page go to artifacts/screenshots/."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from web.hostile import XSS_ID, XSS_SCRIPT, XSS_TITLE

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"needs Chromium at {CHROMIUM}"),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

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


def shot(pg, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def richest(live_server) -> dict:
    """The fullest process (timeline, matrix and gap, preferably all three), and a speaker with quotes."""
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


def test_each_page_loads_clean(page, richest):
    pages = {
        "overview": "/",
        "process": "/processes/" + quote(richest["process"], safe=""),
        "actors": "/actors",
        "actor": "/actors/" + quote(richest["actor"], safe=""),
        "quotes": "/quotes",
        "search": "/search?text=ceasefire",
        "document": f"/documents/{XSS_ID}",
    }
    for name, url in pages.items():
        response = page.goto(url)
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
        assert page.locator("main h1").count() == 1, url
        assert page.evaluate("getComputedStyle(document.querySelector('header.top')).display") == "flex", "stylesheet loaded"
        shot(page, name)
    assert page.problems == [], page.problems


def test_process_page_has_charts_and_matrix(page, richest):
    page.goto("/processes/" + quote(richest["process"], safe=""))
    assert page.locator("table.matrix td.cell").count() > 0
    assert page.locator("table.matrix ol.changes li a.ev").count() > 0
    assert page.locator("svg.timeline, #timeline .empty").count() >= 1
    box = page.locator("table.matrix").bounding_box()
    assert box and box["width"] > 200
    assert page.problems == []


def test_matrix_entry_leads_to_its_evidence(page, richest):
    page.goto("/processes/" + quote(richest["process"], safe=""))
    entry = page.locator("table.matrix ol.changes li a.ev").first
    href = entry.get_attribute("href")
    anchor = href.split("#", 1)[1]
    entry.click()
    page.wait_for_url(re.compile(r"/documents/.+#ev-\d+-\d+$"))
    mark = page.locator(f"mark#{anchor}")
    assert mark.count() == 1 and mark.is_visible()
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == anchor
    assert "fact-position" in mark.get_attribute("class")
    assert mark.evaluate("el => el.getBoundingClientRect().top") < page.viewport_size["height"], "scrolled into view"
    shot(page, "evidence")
    assert page.problems == []


def test_timeline_marker_leads_to_evidence(page, live_server):
    with httpx.Client(base_url=live_server.url) as c:
        name = next(p["name"] for p in c.get("/api/processes").json()
                    if any(e["date"] and e["sources"] for e in c.get("/api/timeline", params={"process": p["name"]}).json()))
    page.goto("/processes/" + quote(name, safe=""))
    marker = page.locator("svg.timeline a").first
    marker.click()
    page.wait_for_url(re.compile(r"/documents/.+#ev-\d+-\d+$"))
    assert page.locator("mark:target").count() == 1


def test_quote_search_form(page, richest):
    page.goto("/quotes")
    total = page.locator("li.quote").count()
    page.fill("#quote-search input[name=speaker]", richest["speaker"])
    page.fill("#quote-search input[name=since]", "2000-01-01")
    page.click("#quote-search button[type=submit]")
    page.wait_for_url(re.compile(r"/quotes\?.*speaker="))
    found = page.locator("li.quote .by a.speaker")
    assert 0 < found.count() <= total
    assert set(found.all_inner_texts()) == {richest["speaker"]}
    assert page.input_value("#quote-search input[name=speaker]") == richest["speaker"]
    shot(page, "quote-search")
    page.fill("#quote-search input[name=speaker]", "")
    page.fill("#quote-search input[name=since]", "2099-01-01")
    page.click("#quote-search button[type=submit]")
    page.wait_for_url(re.compile(r"since=2099"))
    assert page.locator("li.quote").count() == 0 and page.locator("p.empty").is_visible()


def test_injected_script_does_not_run(page):
    page.goto(f"/documents/{XSS_ID}")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() != "pwned" and page.title().startswith(XSS_TITLE)
    assert page.locator("h1").inner_text() == XSS_TITLE
    assert XSS_SCRIPT in page.locator("article.report-text").inner_text()
    assert page.locator("article.report-text script, article.report-text img, h1 b").count() == 0
    assert page.locator("article.report-text mark").count() > 0
    for url in ("/search?text=pwned", "/quotes?text=anywhere", "/"):
        page.goto(url)
        assert page.evaluate("typeof window.__pwned") == "undefined", url
    shot(page, "hostile-report")


def test_api_docs_render_offline(page):
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20000)
    assert page.locator(".opblock-summary-path").filter(has_text="/api/processes").count() == 1
    page.locator(".opblock-summary-path", has_text="/api/processes").first.click()
    page.get_by_text("Try it out").click()
    page.get_by_text("Execute").click()
    page.wait_for_selector(".live-responses-table tr.response .response-col_status")
    assert page.locator(".live-responses-table tr.response .response-col_status").first.inner_text().strip() == "200"
    shot(page, "api-docs")
    assert page.problems == [], page.problems  # a CSP refusal would show here
