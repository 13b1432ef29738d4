"""``detente serve``: the real command on loopback, read-only unless given a token."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner



def test_serve_help_lists_its_options():
    from detente.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--allow-writes-token", "127.0.0.1", "Example:"):
        assert option in result.output


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: str, port: int, *extra: str, env: dict | None = None) -> subprocess.Popen:
    exe = Path(sys.executable).with_name("detente")
    proc = subprocess.Popen([str(exe), "serve", "--db", db, "--port", str(port), *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read().decode()
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/processes", timeout=2)
            return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise AssertionError("detente serve did not start")


@pytest.mark.slow
def test_serve_on_loopback(web_db):
    port = free_port()
    proc = serve(web_db, port, "--allow-writes-token", "tok-123")
    try:
        base = f"http://127.0.0.1:{port}"
        r = httpx.get(base + "/")
        assert r.status_code == 200 and r.headers["x-frame-options"] == "DENY"
        assert "server" not in r.headers  # no version banner
        assert httpx.get(base + "/", headers={"host": "attacker.example"}).status_code == 400
        doc = {"id": "cli-w", "text": "Russia and Ukraine agreed to a ceasefire."}
        assert httpx.post(base + "/api/ingest", json=doc).status_code == 401
        # The server is on 127.0.0.1 only: no other interface answers.
        with pytest.raises(httpx.HTTPError):
            other = [a for a in _addresses() if not a.startswith("127.")]
            if not other:
                raise httpx.ConnectError("no other interface")
            httpx.get(f"http://{other[0]}:{port}/", timeout=2)
    finally:
        proc.terminate()
        proc.wait(10)


def _addresses() -> list[str]:
    try:
        out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [a for a in out.split() if ":" not in a]
