"""The dashboard in a real browser: system Chromium, headless, against a live
loopback server. Screenshots of each page go to artifacts/screenshots/."""

from __future__ import annotations

import re
from urllib.parse import quote

import httpx

from web.chromium import BROWSER, shot
from web.hostile import XSS_ID, XSS_SCRIPT, XSS_TITLE

pytestmark = BROWSER


def test_each_page_loads_clean(page, richest):
    pages = {
        "overview": "/",
        "process": "/processes/" + quote(richest["process"], safe=""),
        "actors": "/actors",
        "actor": "/actors/" + quote(richest["actor"], safe=""),
        "quotes": "/quotes",
        "search": "/search?text=ceasefire",
        "document": f"/documents/{XSS_ID}",
        "reports": "/reports",
        "timeline": "/timeline",
        "history": "/processes/" + quote(richest["process"], safe="") + "/positions",
        "gap-rules": "/docs/gap",
    }
    for name, url in pages.items():
        response = page.goto(url)
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
        assert page.locator("main h1").count() == 1, url
        assert page.evaluate("getComputedStyle(document.querySelector('header.top')).display") == "flex", "stylesheet loaded"
        shot(page, name)
    assert page.problems == [], page.problems


def test_process_page_has_standings_and_charts(page, richest):
    page.goto("/processes/" + quote(richest["process"], safe=""))
    assert page.locator("table.standings td.cell a.evidence").count() > 0
    assert page.locator("svg.timeline, #timeline .empty").count() >= 1
    box = page.locator("table.standings").bounding_box()
    assert box and box["width"] > 200
    assert page.problems == []


def test_standings_cell_leads_to_its_evidence(page, richest):
    page.goto("/processes/" + quote(richest["process"], safe=""))
    entry = page.locator("table.standings td.cell a.evidence").first
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
