"""The JSON API and the HTML pages over a store built from the bundled sample."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

import pytest

from web.hostile import XSS_ID

API_VIEWS = ["/api/processes", "/api/actors", "/api/timeline", "/api/positions", "/api/gap", "/api/quotes", "/api/search?text=ceasefire"]


@pytest.mark.parametrize("url", API_VIEWS)
def test_api_lists(client, url):
    r = client.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert isinstance(r.json(), list) and r.json(), f"{url} returned nothing over the sample"


def test_processes_have_summaries(client):
    processes = client.get("/api/processes").json()
    assert {"name", "parties", "n_reports", "latest_meeting", "latest_agreement", "gap_trend"} <= set(processes[0])
    assert sum(p["n_reports"] for p in processes) >= 15
    assert any(p["latest_meeting"] for p in processes)


def test_every_source_points_at_its_evidence(client):
    """Each SourceRef of the timeline, quotes and positions quotes its report exactly."""
    refs = [s for e in client.get("/api/timeline").json() for s in e["sources"]]
    refs += [s for qt in client.get("/api/quotes").json() for s in qt["sources"]]
    refs += [p["source"] for p in client.get("/api/positions").json()]
    assert refs
    texts = {}
    for ref in refs:
        if ref["start"] is None:
            continue
        if ref["document_id"] not in texts:
            r = client.get("/api/documents/" + quote(ref["document_id"], safe=""))
            assert r.status_code == 200, ref
            texts[ref["document_id"]] = r.json()["document"]["text"]
        assert texts[ref["document_id"]][ref["start"]:ref["end"]] == ref["text"]


def test_document_record_evidence_is_valid(client):
    view = client.get(f"/api/documents/{XSS_ID}").json()
    text = view["document"]["text"]
    assert view["record"]["document"]["id"] == XSS_ID
    facts = [f for key in ("quotes", "positions", "agreements", "meetings") for f in view["record"][key]]
    assert facts
    for fact in facts:
        ev = fact["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"]


def test_matrix_and_gap_for_each_process(client):
    for p in client.get("/api/processes").json():
        m = client.get("/api/matrix", params={"process": p["name"]})
        assert m.status_code == 200
        cells = m.json()["cells"]
        for party, row in cells.items():
            assert party in m.json()["parties"]
            for issue, entries in row.items():
                assert issue in m.json()["issues"]
                dates = [e["date"] for e in entries if e["date"]]
                assert dates == sorted(dates), "a cell lists its changes oldest first"
        assert client.get("/api/gap", params={"process": p["name"]}).status_code == 200
        st = client.get("/api/standings", params={"process": p["name"]})
        assert st.status_code == 200 and st.json()["parties"] == p["parties"]


def test_actor_detail_and_quote_filters(client):
    quotes = client.get("/api/quotes").json()
    speaker = next(qt["speaker"] for qt in quotes if qt["speaker"])
    detail = client.get("/api/actors/" + quote(speaker, safe=""))
    assert detail.status_code == 200 and detail.json()["quotes"]
    only = client.get("/api/quotes", params={"speaker": speaker}).json()
    assert only and all(qt["speaker"] == speaker for qt in only)
    assert client.get("/api/quotes", params={"since": "2099-01-01"}).json() == []


@pytest.mark.parametrize(
    "url, status",
    [("/api/actors/Nobody%20At%20All", 404), ("/api/documents/no-such-report", 404), ("/api/timeline?since=last-week", 422),
     ("/api/quotes?limit=0", 422), ("/api/quotes?limit=100000", 422), ("/api/search", 422), ("/api/matrix", 422)],
)
def test_api_errors(client, url, status):
    r = client.get(url)
    assert r.status_code == status and "detail" in r.json()


def test_openapi_documents_every_view(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ["/api/processes", "/api/actors", "/api/actors/{name}", "/api/timeline", "/api/positions", "/api/matrix",
                 "/api/gap", "/api/standings", "/api/reports", "/api/quotes", "/api/search", "/api/documents/{document_id}",
                 "/api/ingest"]:
        assert path in paths, path
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert re.findall(r'(?:src|href)="([^"]+)"', docs.text) == [
        "/static/vendor/swagger-ui/swagger-ui.css", "/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/docs-init.js"]
    for asset in ("/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/vendor/swagger-ui/swagger-ui.css"):
        assert client.get(asset).status_code == 200


PAGES = ["/", "/actors", "/quotes", "/quotes?speaker=Joe+Biden&since=2020", "/search", "/search?text=truce", "/docs", f"/documents/{XSS_ID}",
         "/reports", "/reports?sort=facts&order=asc", "/timeline", f"/timeline?report={XSS_ID}", f"/documents/{XSS_ID}?kind=quote", "/docs/gap"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_render(client, url):
    r = client.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Traceback" not in r.text


def test_every_process_and_actor_page_renders(client):
    for p in client.get("/api/processes").json():
        r = client.get("/processes/" + quote(p["name"], safe=""))
        assert r.status_code == 200
        assert '<svg class="timeline"' in r.text or "No dated events" in r.text
        assert 'table class="standings"' in r.text or "Neither party has stated a position yet" in r.text
        history = client.get("/processes/" + quote(p["name"], safe="") + "/positions")
        assert history.status_code == 200 and ("fact-card-position" in history.text or "No positions found" in history.text)
    for a in client.get("/api/actors", params={"limit": 25}).json():
        assert client.get("/actors/" + quote(a["name"], safe="")).status_code == 200


def test_html_404s(client):
    for url in ("/processes/Atlantis", "/actors/Nobody", "/documents/none", "/no/such/page"):
        r = client.get(url)
        assert r.status_code == 404 and "text/html" in r.headers["content-type"]


def test_evidence_links_land_on_marks(client):
    """Every evidence link on every process page (and its positions' history) names a <mark> on its report page."""
    links = set()
    for p in client.get("/api/processes").json():
        for page in ("", "/positions"):
            html = client.get("/processes/" + quote(p["name"], safe="") + page + "?from=1900").text
            links |= set(re.findall(r'href="/documents/([^"#]+)#(ev-\d+-\d+)"', html))
    assert links
    pages = {}
    for doc, anchor in links:
        if doc not in pages:
            pages[doc] = client.get("/documents/" + doc).text
        assert f'<mark id="{anchor}"' in pages[doc], (unquote(doc), anchor)


def test_report_page_marks_every_fact(client):
    view = client.get(f"/api/documents/{XSS_ID}").json()
    html = client.get(f"/documents/{XSS_ID}").text
    for key in ("quotes", "positions", "agreements"):
        for fact in view["record"][key]:
            ev = fact["evidence"]
            assert f'id="ev-{ev["start"]}-{ev["end"]}"' in html
    assert html.count("<mark") == html.count("</mark>")


def test_quote_form_suggests_what_the_store_holds(client):
    html = client.get("/quotes").text
    issues = {p["issue"] for p in client.get("/api/positions").json()}
    assert issues and all(f'<option value="{i}">' in html for i in issues)
    assert '<datalist id="speakers"><option value=' in html


@pytest.mark.parametrize("url", ["/api/actors", "/api/timeline", "/api/quotes", "/api/reports", "/api/positions"])
def test_cut_lists_tell_their_true_total(client, url):
    everything = client.get(url, params={"limit": 1000})
    total = int(everything.headers["x-total-count"])
    assert total == len(everything.json()) > 2
    first, second = (client.get(url, params={"limit": 2, "offset": k}) for k in (0, 2))
    assert int(first.headers["x-total-count"]) == total and len(first.json()) == 2
    if url in ("/api/timeline", "/api/positions"):  # pages count back from the latest, each oldest first
        assert second.json() + first.json() == everything.json()[-4:]
    else:
        assert first.json() + second.json() == everything.json()[:4]


def test_standings_api_takes_the_process_as_typed(client):
    process = next(p for p in client.get("/api/processes").json() if "–" in p["name"])
    typed = process["name"].replace("–", "-").upper()
    standings = client.get("/api/standings", params={"process": typed})
    assert standings.status_code == 200 and standings.json()["process"] == process["name"]
    unknown = client.get("/api/standings", params={"process": "Atlantis"})
    assert unknown.status_code == 422 and process["name"] in unknown.json()["known"]
