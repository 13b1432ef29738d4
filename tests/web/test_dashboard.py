"""The dashboard as analysts use it (issue 15), in the real Chromium: standings first with fixed
headers, one click to the sentence behind a cell, gap small multiples, lists with true totals,
filters that ignore case and dash type, downloads, friendly errors, and no sideways scrolling at
phone width."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from web.chromium import BROWSER, shot
from web.hostile import XSS_ID

pytestmark = BROWSER


@pytest.fixture(scope="module")
def api(live_server):
    with httpx.Client(base_url=live_server.url) as c:
        yield c


@pytest.fixture(scope="module")
def two_sided(api) -> str:
    """A process whose two parties both stated stances (so its gap charts have steps)."""
    for p in api.get("/api/processes").json():
        if any(pt["gap"] is not None for s in api.get("/api/gap", params={"process": p["name"]}).json() for pt in s["points"]):
            return p["name"]
    pytest.fail("no process with a known gap in the test store")


@pytest.fixture(scope="module")
def busiest_report(api) -> str:
    """The report most positions and events come from (its page has the most to show)."""
    from collections import Counter

    refs = [p["source"]["document_id"] for p in api.get("/api/positions").json()]
    refs += [s["document_id"] for e in api.get("/api/timeline").json() for s in e["sources"]]
    return Counter(refs).most_common(1)[0][0]


def process_url(name: str) -> str:
    return "/processes/" + quote(name, safe="")


def showing(pg) -> tuple[int, int, int]:
    """(first, last, total) from a list's "showing 1–50 of 136 …" line."""
    text = pg.locator("nav.pager .count").inner_text()
    first, last, total = re.match(r"showing ([\d,]+)–([\d,]+) of ([\d,]+)", text).groups()
    return tuple(int(n.replace(",", "")) for n in (first, last, total))


# -- standings ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def most_issues(api) -> str:
    """The process whose standings have the most issues that some party spoke to."""
    def stated(name):
        return len({p["issue"] for p in api.get("/api/positions", params={"process": name}).json()})
    return max((p["name"] for p in api.get("/api/processes").json()), key=stated)


def test_standings_come_first_with_sticky_headers(page, most_issues):
    page.set_viewport_size({"width": 400, "height": 200})  # small enough that the box scrolls both ways
    page.goto(process_url(most_issues))
    order = page.evaluate("[...document.querySelectorAll('main section')].map(s => s.id)")
    assert order[0] == "standings", order
    wrap = page.locator(".standings-wrap")
    cells = page.locator("table.standings td.cell:not(.empty-cell)")
    assert cells.count() > 0
    assert all(c.locator(".chip").count() == 1 for c in cells.all()), "a cell shows one stance: the one in force"
    sizes = wrap.evaluate("w => [w.scrollWidth > w.clientWidth, w.scrollHeight > w.clientHeight]")
    assert sizes == [True, True], "the table scrolls inside its box"
    wrap.evaluate("w => { w.scrollTop = w.scrollHeight; w.scrollLeft = w.scrollWidth; }")
    box = wrap.evaluate("w => w.getBoundingClientRect().toJSON()")
    head = page.locator("table.standings thead th.party").first.evaluate("e => e.getBoundingClientRect().toJSON()")
    row = page.locator("table.standings tbody th").last.evaluate("e => e.getBoundingClientRect().toJSON()")
    assert abs(head["top"] - box["top"]) <= 2, "party headers stay at the top of the box"
    assert abs(row["left"] - box["left"]) <= 2, "issue headers stay at the left of the box"
    shot(page, "standings-phone")
    assert page.problems == []


def test_standings_cell_shows_claim_date_outlet_and_links(page, richest, api):
    page.goto(process_url(richest["process"]))
    cell = page.locator("table.standings td.cell:not(.empty-cell)").first
    assert cell.locator(".claim").inner_text().strip()
    assert re.match(r"\d{4}", cell.locator(".meta .date").inner_text())
    assert cell.locator(".meta .outlet").inner_text().strip()
    claim = cell.locator(".claim").evaluate("e => [e.scrollHeight, parseFloat(getComputedStyle(e).lineHeight)]")
    assert claim[0] <= claim[1] * 1.5, "the claim takes one line"
    history = cell.locator("a.history")
    history.click()
    page.wait_for_url(re.compile(r"/positions\?party=.+&issue=.+"))
    cards = page.locator("article.fact-card-position")
    assert cards.count() >= 1 and page.locator("ol.history a.ev").count() == cards.count()


def test_empty_issues_fold_away(page, richest, api):
    page.goto(process_url(richest["process"]))
    folded = page.locator("#standings details.folded")
    shown = page.locator("table.standings tbody tr").count()
    assert folded.count() == 1 and not folded.evaluate("d => d.open")
    n = int(re.match(r"(\d+)", folded.locator("summary").inner_text()).group(1))
    assert n > 0 and not folded.locator("ul").is_visible()
    folded.locator("summary").click()
    assert folded.locator("li").count() == n and shown > 0


# -- gap small multiples ---------------------------------------------------------------------

def test_gap_small_multiples_label_both_parties(page, two_sided, api):
    series = api.get("/api/gap", params={"process": two_sided}).json()
    parties = series[0]["parties"]
    page.goto(process_url(two_sided) + "?from=1900")
    charts = page.locator("#gap figure.multiple svg.step-chart")
    assert charts.count() == len(series), "one small chart per issue"
    for chart in charts.all():
        names = chart.locator(".stance-lane .party-name").evaluate_all("els => els.map(e => e.lastChild.textContent)")
        assert [n.rstrip("…") for n in names] == [p[:len(n.rstrip("…"))] for p, n in zip(parties, names)]
        labels = chart.locator(".stance-lane .segment title").evaluate_all("els => els.map(e => e.textContent)")
        assert any(parties[0] in t for t in labels) and any(parties[1] in t for t in labels)
    colours = page.locator("svg.step-chart .party-name").evaluate_all(
        "els => els.slice(0, 2).map(e => getComputedStyle(e).fill)")
    assert colours[0] != colours[1]
    captions = page.locator("#gap figcaption").all_inner_texts()
    assert len(captions) == charts.count() and all(re.search(r"narrowing|widening|steady|volatile|unknown", c) for c in captions)
    assert page.locator("#gap figcaption .trend").count() >= 1
    href = page.locator("#gap a[href='/docs/gap']").first
    href.click()
    page.wait_for_url(re.compile(r"/docs/gap$"))
    assert "reject" in page.locator("table.gap-rules").inner_text()


def test_gap_axis_follows_the_date_range(page, two_sided, api):
    page.goto(process_url(two_sided))
    summary = next(p for p in api.get("/api/processes").json() if p["name"] == two_sided)
    assert summary["first"][:4] in page.locator("#window").inner_text()
    page.fill("#window input[name=from]", summary["last"][:10])
    page.click("#window button[type=submit]")
    page.wait_for_url(re.compile(r"from=" + summary["last"][:10]))
    assert page.locator("#window .muted").inner_text().startswith(f"Showing {summary['last'][:10]}")
    page.goto(process_url(two_sided) + "?from=2026-02-30")
    assert page.locator("main h1").inner_text() == "That did not work"


# -- navigation ----------------------------------------------------------------------------

def test_reports_list_says_how_many_and_pages(page, api):
    everything = api.get("/reports", params={"format": "json"}).json()
    page.goto("/reports?per=5")
    assert showing(page) == (1, 5, len(everything))
    assert page.locator("table.reports tbody tr").count() == 5
    page.click("nav.pager a.next")
    assert showing(page)[:2] == (6, 10)
    page.click("table.reports th a.sort:text('Facts')")
    facts = [int(t) for t in page.locator("table.reports tbody td.num").all_inner_texts()]
    assert facts == sorted(facts, reverse=True) and showing(page)[0] == 1
    outlet = everything[0]["source"]
    page.select_option("#report-filters select[name=source]", outlet)
    page.click("#report-filters button[type=submit]")
    assert showing(page)[2] == sum(r["source"] == outlet for r in everything)
    shot(page, "reports")


@pytest.mark.parametrize("url, noun", [("/quotes?per=3", "quotes"), ("/actors?per=3", "actors"), ("/timeline?per=3", "events")])
def test_cut_lists_say_how_many_there_are(page, api, url, noun):
    every = api.get(url.split("?")[0], params={"format": "json"}).json()
    page.goto(url)
    assert len(every) > 3
    assert showing(page) == (1, 3, len(every))
    assert noun in page.locator("nav.pager .count").inner_text()


@pytest.mark.parametrize("typed", ["Russia-Ukraine", "russia-ukraine", "RUSSIA — UKRAINE"])
def test_filters_ignore_case_and_dash_type(page, api, typed):
    stored = "Russia–Ukraine"
    for path in ("/reports", "/actors", "/quotes", "/timeline"):
        want = len(api.get(path, params={"process": stored, "format": "json"}).json())
        page.goto(f"{path}?process={quote(typed)}")
        assert want > 0 and showing(page)[2] == want, path
        assert page.locator("select[name=process]").input_value() == stored, "the drop-down shows the stored name"
    page.goto(process_url(typed))
    assert page.locator("main h1").inner_text() == stored


def test_process_links_to_its_actors_quotes_and_reports(page, richest):
    page.goto(process_url(richest["process"]))
    for link in ("Reports", "Actors", "Quotes", "Timeline"):
        page.goto(process_url(richest["process"]))
        page.click(f"nav.process-links a:text-is('{link}')")
        assert page.locator("select[name=process]").input_value() == richest["process"]
        assert showing(page)[2] > 0, link


def test_quote_cards_show_outlet_date_and_merged_speaker(page):
    page.goto("/quotes")
    cards = page.locator("article.fact-card-quote")
    assert cards.count() > 0
    for card in cards.all():
        carried = card.locator("ul.carried-by li")
        assert carried.count() >= 1
        assert carried.first.locator(".outlet").inner_text().strip() and carried.first.locator(".date").inner_text()
    speakers = page.locator("article.fact-card-quote a.speaker")
    name = speakers.first.inner_text()
    speakers.first.click()
    assert page.locator("main h1").inner_text() == name, "the card names the merged actor"


def _downloaded(page, link) -> str:
    with page.expect_download() as info:
        link.click()
    return Path(info.value.path()).read_text(encoding="utf-8")


@pytest.mark.parametrize("url", ["/reports", "/quotes", "/actors", "/timeline", "PROCESS"])
def test_downloads_give_the_view_as_csv_and_json(page, richest, url):
    url = process_url(richest["process"]) if url == "PROCESS" else url
    page.goto(url)
    rows = list(csv.reader(io.StringIO(_downloaded(page, page.locator("a.download-csv")))))
    data = json.loads(_downloaded(page, page.locator("a.download-json")))
    assert len(rows) > 1 and data and len(rows[0]) == len(set(rows[0]))
    if page.locator("nav.pager").count():
        assert len(data) == len(rows) - 1 == showing(page)[2], "every page of the list, not just this one"


@pytest.mark.parametrize("url, says", [
    ("/quotes?since=last-week", "is not a date"), ("/quotes?until=2026-02-30", "is not a date"),
    ("/reports?per=0", "out of range"), ("/reports?sort=colour", "is not one of"),
    ("/actors?page=two", "is not a whole number"), (f"/documents/{XSS_ID}?kind=rumour", "is not one of"),
    ("/reports?process=Atlantis", "There is no process called “Atlantis”"),
])
def test_bad_parameters_get_a_friendly_page(page, url, says):
    response = page.goto(url)
    assert response.status == 400
    text = page.locator("main").inner_text()
    assert says in text and "pattern" not in text and "\\d" not in text and "Input should" not in text
    assert page.locator("main a[href='/']").count() == 1


# -- the report page -------------------------------------------------------------------------

def test_report_page_lists_its_facts_and_links_to_their_rows(page, busiest_report):
    url = "/documents/" + quote(busiest_report, safe="")
    page.goto(url)
    marks = page.locator("article.report-text mark[id]").evaluate_all("els => els.map(e => '#' + e.id)")
    listed = page.locator("aside.facts a.in-text").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert marks and set(listed) == set(marks), "every fact in the list, each pointing at its mark"
    hrefs = page.locator("aside.facts a.row-link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    for where in (r"/processes/.+/positions\?", r"/timeline\?report="):  # a position's history, an event's row
        link = next(h for h in hrefs if re.match(where, h))
        page.goto(link)
        target = link.split("#", 1)[1]
        assert page.locator(f"#{target}").count() == 1, link
        assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == target
    page.goto(url)
    page.click("nav.fact-kinds a.fact-position")
    assert set(page.locator("aside.facts li .chip").all_inner_texts()) == {"position"}
    assert page.locator("article.report-text mark").count() == len(set(
        page.locator("aside.facts a.in-text").evaluate_all("els => els.map(e => e.getAttribute('href'))")))
    page.goto(url)
    actor = page.locator("article.report-text a.actor-mark").first
    name = actor.inner_text()
    actor.click()
    page.wait_for_url(re.compile(r"/actors/"))
    assert page.locator("main h1").count() == 1 and name


# -- phone width ----------------------------------------------------------------------------

PHONE_PAGES = ["/", "PROCESS", "PROCESS/positions", "/reports", "/timeline", "/actors", "ACTOR", "/quotes",
               "/search?text=ceasefire", f"/documents/{XSS_ID}", "REPORT", "/docs/gap", "/quotes?since=nonsense"]


@pytest.mark.parametrize("url", PHONE_PAGES)
def test_no_sideways_scrolling_at_400px(page, richest, busiest_report, url):
    url = (url.replace("PROCESS", process_url(richest["process"]))
              .replace("ACTOR", "/actors/" + quote(richest["actor"], safe=""))
              .replace("REPORT", "/documents/" + quote(busiest_report, safe="")))
    page.set_viewport_size({"width": 400, "height": 800})
    page.goto(url)
    width, inner = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
    assert width <= inner, f"{url}: {width}px wide in a {inner}px window"


def test_timeline_is_legible_on_a_phone(page, richest):
    page.set_viewport_size({"width": 400, "height": 800})
    page.goto(process_url(richest["process"]) + "?from=1900")
    label = page.locator("svg.timeline .tick-label").first
    assert label.evaluate("e => e.getBoundingClientRect().height") >= 9, "tick labels big enough to read"
    assert page.locator("ol.events article.fact-card-event").count() > 0
    shot(page, "process-phone")


def test_a_reports_timeline_shows_the_history_it_mentions_marked_as_background(page, busiest_report):
    """The report page links every event to its row; events the report mentions in passing are
    left out of the default timeline, so the report's own timeline must show them, marked."""
    page.goto("/timeline?report=" + quote(busiest_report, safe=""))
    marked = page.locator("ol.events .tag", has_text="background").count()
    page.goto("/timeline")
    assert marked >= 1, "the report's timeline shows the history it mentions, marked"
    assert page.locator("ol.events .tag", has_text="background").count() == 0, "and the default timeline does not"
