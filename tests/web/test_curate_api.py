"""Corrections through the JSON API (behind the write token), ``?raw=1``, markers and the log page,
on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from storekit import db_url, store, world_store  # noqa: F401

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client(world_store):
    from fastapi.testclient import TestClient

    from detente.settings import Settings
    from detente.web import create_app

    app = create_app(world_store, settings=Settings(web_token_label="team-token"), write_token=TOKEN)
    with TestClient(app) as c:
        yield c


def _position(client, party, issue):
    return next(p for p in client.get("/api/positions").json() if p["party"] == party and p["issue"] == issue)


def _gap(client, issue, raw=False):
    found = client.get("/api/gap", params={"process": "Russia–Ukraine", "raw": int(raw)}).json()
    return next(g["current"] for g in found if g["issue"] == issue)


def test_writes_need_the_token(client):
    body = {"action": "hide", "target": _position(client, "Russia", "ceasefire")["id"]}
    assert client.post("/api/corrections", json=body).status_code == 401
    assert client.post("/api/corrections", json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get("/api/corrections").json() == []


def test_read_only_server_refuses_corrections(world_store):
    from fastapi.testclient import TestClient

    from detente.web import create_app

    with TestClient(create_app(world_store)) as c:
        r = c.post("/api/corrections", json={"action": "verify", "target": "f-0"}, headers=AUTH)
        assert r.status_code == 403
        assert "<script" not in c.get("/processes/Russia–Ukraine").text  # read-only pages carry no script


def test_set_stance_changes_the_gap_and_raw_keeps_the_extraction(client):
    p = next(x for x in client.get("/api/positions", params={"party": "Russia", "issue": "ceasefire"}).json()
             if x["stance"] == "accept")
    assert _gap(client, "ceasefire") == 0
    r = client.post("/api/corrections", headers=AUTH, json={
        "action": "set", "target": p["id"], "changes": {"stance": "reject"}, "why": "misread", "by": "Ana"})
    assert r.status_code == 201, r.text
    made = r.json()[0]
    assert (made["by"], made["before"], made["value"], made["why"]) == ("Ana (team-token)", "accept", "reject", "misread")
    assert _gap(client, "ceasefire") == 1 and _gap(client, "ceasefire", raw=True) == 0
    page = client.get("/processes/Russia–Ukraine").text
    assert "marker-corrected" in page and f'data-fact="{p["id"]}"' in page
    log = client.get("/corrections").text
    assert "misread" in log and "Ana (team-token)" in log
    undone = client.post(f"/api/corrections/{made['id']}/undo", headers=AUTH).json()
    assert undone["undone_by"] == "team-token"
    assert _gap(client, "ceasefire") == 0


@pytest.mark.parametrize("body, status, message", [
    ({"action": "set", "target": "f-000000000000", "changes": {"stance": "reject"}}, 422, "no fact"),
    ({"action": "set", "target": "{p}", "changes": {"stance": "nope"}}, 422, "not one of"),
    ({"action": "set", "target": "{p}", "changes": {"mood": "x"}}, 422, "no settable field"),
    ({"action": "explode", "target": "{p}"}, 422, None),
])
def test_bad_corrections_are_422_with_a_sentence(client, body, status, message):
    body = {**body, "target": body["target"].format(p=_position(client, "Russia", "ceasefire")["id"])}
    r = client.post("/api/corrections", headers=AUTH, json=body)
    assert r.status_code == status
    if message:
        assert message in r.json()["detail"]


def test_every_action_through_the_api(client):
    actors = {a["name"]: a["id"] for a in client.get("/api/actors").json()}
    hide = _position(client, "Israel", "demilitarization")["id"]
    calls = [
        {"action": "hide", "target": hide},
        {"action": "restore", "target": hide},
        {"action": "verify", "target": hide},
        {"action": "merge", "target": actors["Dmitry Peskov"], "into": actors["Volodymyr Zelenskyy"]},
        {"action": "move", "target": "geneva-4", "into": "Geneva track"},
        {"action": "rename", "target": "Israel–Hamas", "into": "Gaza talks"},
        {"action": "add", "target": "daily-3", "kind": "position", "quote": "The two sides exchanged 314 POWs.",
         "changes": {"party": "Russia", "issue": "prisoners", "stance": "accept"}},
    ]
    for body in calls:
        r = client.post("/api/corrections", headers=AUTH, json={**body, "why": body["action"]})
        assert r.status_code == 201, (body, r.text)
    assert [c["action"] for c in client.get("/api/corrections").json()] == [c["action"] for c in calls]
    assert {p["name"] for p in client.get("/api/processes").json()} >= {"Geneva track", "Gaza talks"}
    assert "Dmitry Peskov" not in {a["name"] for a in client.get("/api/actors").json()}
    verified = _position(client, "Israel", "demilitarization")
    assert verified["verified"] and not verified["corrected"]
    assert any(p["issue"] == "prisoners" and p["corrected"] for p in client.get("/api/positions").json())
    assert [c["by"] for c in client.get("/api/corrections", params={"process": "Geneva track"}).json()] == ["team-token"]
    page = client.get("/corrections", params={"process": "Geneva track"}).text
    assert "geneva-4" in page and "Gaza talks" not in page.split("<tbody>")[1]
