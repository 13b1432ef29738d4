"""HEAD is answered wherever GET is: same status and headers, no body."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from storekit import fresh_db, world

#: path parameter → a value the world store holds, per path prefix
VALUES = {"/processes/": "Russia–Ukraine", "/actors/": "Zelensky", "/api/actors/": "Zelensky"}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from detente.store import Store
    from detente.web import create_app

    with fresh_db("sqlite", tmp_path_factory.mktemp("head")) as url, Store(url) as store:
        for document, record in world():
            store.add(document, record)
        yield TestClient(create_app(store))


def get_paths(client) -> list[str]:
    """Every GET path of the app (from its own route table), parameters filled from the world."""
    paths = []
    for route in client.app.routes:
        router = getattr(route, "original_router", route)  # FastAPI ≥ 0.16x wraps included routers
        for sub in getattr(router, "routes", [route]):
            if "GET" in (getattr(sub, "methods", None) or ()):
                path = sub.path
                value = next((v for prefix, v in VALUES.items() if path.startswith(prefix)), "kyiv-1")
                paths.append(re.sub(r"\{[^}]+\}", value, path))
    return sorted(set(paths))


def test_the_app_has_get_routes_to_check(client):
    assert {"/", "/api/processes", "/api/timeline", "/processes/Russia–Ukraine"} <= set(get_paths(client))


@pytest.mark.parametrize("extra", ["", "?limit=2", "?limit=0"])
def test_head_is_get_without_a_body(client, extra):
    for path in get_paths(client) + ["/static/app.css", "/no/such/page"]:
        got, head = client.get(path + extra), client.head(path + extra)
        assert head.status_code == got.status_code != 405, path
        assert head.content == b"", path
        assert head.headers.get("content-type") == got.headers.get("content-type"), path
        assert head.headers.get("content-security-policy") == got.headers.get("content-security-policy"), path
