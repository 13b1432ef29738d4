"""Issue 17 in a real browser (system Chromium, headless): with the write token, correct a stance in the
standings matrix and see the gap change; read-only visitors see the marker and no controls."""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest

from storekit import db_url, store, world_store  # noqa: F401
from web.chromium import BROWSER
from web.conftest import LiveServer

pytestmark = BROWSER

TOKEN = "browser-token"
PROCESS = "/processes/" + quote("Russia–Ukraine", safe="")


@pytest.fixture(params=["sqlite"])
def db_url(request, tmp_path):  # noqa: F811 — one backend is enough for the browser
    from storekit import fresh_db

    with fresh_db(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def server(world_store):
    from detente.web import create_app

    with LiveServer(create_app(world_store, write_token=TOKEN)) as live:
        yield live


def _gap(url):
    found = httpx.get(url + "/api/gap", params={"process": "Russia–Ukraine", "issue": "ceasefire"}).json()
    return found[0]["current"]


def test_correct_a_stance_in_the_matrix_and_the_gap_moves(server, browser):
    assert _gap(server.url) == 0
    answers = iter([TOKEN, "misread negation"])
    context = browser.new_context(base_url=server.url)
    try:
        page = context.new_page()
        problems = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        page.on("dialog", lambda d: d.accept(next(answers)) if d.type == "prompt" else d.accept())
        page.goto(PROCESS)
        cell = page.locator("#issue-ceasefire td.cell").first
        assert cell.locator("span.curate").is_hidden()  # no controls before the token
        page.get_by_role("button", name="Curate").click()
        picker = cell.locator("select.curate-stance")
        picker.wait_for()
        with page.expect_navigation():
            picker.select_option("reject")
        page.wait_for_load_state()
        gap_cell = page.locator("#issue-ceasefire .gap-cell")
        assert "open" in gap_cell.inner_text()
        assert page.locator("#issue-ceasefire .marker-corrected").count() == 1
    finally:
        context.close()
    assert problems == []
    assert _gap(server.url) == 1
    log = httpx.get(server.url + "/api/corrections").json()
    assert [(c["action"], c["value"], c["why"]) for c in log] == [("set", "reject", "misread negation")]
