"""A bounded load test of the dashboard on loopback.

    python bench/web_load.py                          # builds a store of the bundled sample
    python bench/web_load.py --db detente.db --clients 50 --seconds 30 --json out.json

Starts ``detente serve`` itself on 127.0.0.1 and a free port, then runs
``--clients`` concurrent httpx clients for ``--seconds`` over a mix of pages
and API calls taken from the store (overview, process pages, report pages,
quote search, JSON views). Prints requests/s, p50/p95/p99 latency and errors,
overall and per kind of request. Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import httpx

MAX_CLIENTS, MAX_SECONDS = 200, 300


def build_sample_store(db: str) -> int:
    """Ingest the bundled sample into ``db``; returns the number of reports stored."""
    from detente.ingest import ingest
    from detente.sources import sample_path
    from detente.store import Store

    with Store.open(db) as store:
        return len(ingest([str(sample_path())], store).added)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int, log) -> subprocess.Popen:
    """``detente serve`` in a subprocess, its stderr into ``log`` (never a pipe that could fill)."""
    detente = Path(sys.executable).with_name("detente")
    cmd = [str(detente)] if detente.exists() else [sys.executable, "-c", "from detente.cli import main; main()"]
    proc = subprocess.Popen(cmd + ["serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}; see its log")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/processes", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise SystemExit("server did not start within 120 s")


def url_mix(base: str) -> list[tuple[str, str]]:
    """(kind, path) pairs covering every view, from what the store holds."""
    with httpx.Client(base_url=base, timeout=30) as c:
        processes = [p["name"] for p in c.get("/api/processes").json()]
        docs = sorted({s["document_id"] for e in c.get("/api/timeline").json() for s in e["sources"]})
        speakers = sorted({q["speaker"] for q in c.get("/api/quotes").json() if q["speaker"]})
        actors = [a["name"] for a in c.get("/api/actors", params={"limit": 20}).json()]
    mix = [("overview", "/"), ("api", "/api/processes"), ("api", "/api/timeline"), ("api", "/api/quotes"),
           ("search", "/search?text=ceasefire"), ("api", "/api/search?text=truce")]
    mix += [("process", "/processes/" + quote(p, safe="")) for p in processes]
    mix += [("api", "/api/matrix?process=" + quote(p, safe="")) for p in processes[:3]]
    mix += [("document", "/documents/" + quote(d, safe="")) for d in docs[:10]]
    mix += [("quotes", "/quotes?speaker=" + quote(s)) for s in speakers[:5]]
    mix += [("actor", "/actors/" + quote(a, safe="")) for a in actors[:5]]
    return mix


async def run_load(base: str, mix, clients: int, seconds: float) -> dict:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    reasons: dict[str, int] = defaultdict(int)
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(seed: int, http: httpx.AsyncClient):
        rnd = random.Random(seed)
        while time.monotonic() < stop:
            kind, path = rnd.choice(mix)
            t0 = time.perf_counter()
            try:
                try:
                    r = await http.get(path)
                except (httpx.ReadError, httpx.RemoteProtocolError):
                    # The server closed a kept-alive connection as we reused it:
                    # retry the GET once on a new one, as browsers do; counted apart.
                    reasons["retried after keep-alive close"] += 1
                    r = await http.get(path)
                reason = None if r.status_code == 200 else f"HTTP {r.status_code}"
            except httpx.HTTPError as exc:
                reason = type(exc).__name__
            latencies[kind].append(time.perf_counter() - t0)
            if reason:
                errors[kind] += 1
                reasons[reason] += 1

    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
        t0 = time.monotonic()
        await asyncio.gather(*(client(i, http) for i in range(clients)))
        elapsed = time.monotonic() - t0
    return {**summarize(latencies, errors, elapsed, clients), "error_reasons": dict(reasons)}


def _pct(values: list[float], p: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def summarize(latencies, errors, elapsed: float, clients: int) -> dict:
    every = [v for vs in latencies.values() for v in vs]
    row = lambda vs, errs: {  # noqa: E731
        "requests": len(vs), "errors": errs,
        "p50_ms": round(_pct(vs, 50) * 1000, 1), "p95_ms": round(_pct(vs, 95) * 1000, 1), "p99_ms": round(_pct(vs, 99) * 1000, 1),
    }
    return {
        "clients": clients, "seconds": round(elapsed, 1),
        "requests_per_s": round(len(every) / elapsed, 1) if elapsed else 0.0,
        **row(every, sum(errors.values())),
        "by_kind": {k: row(vs, errors.get(k, 0)) for k, vs in sorted(latencies.items())},
        "cpus": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="store to serve (default: build one from the bundled sample in a temp dir)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args()
    if not (1 <= args.clients <= MAX_CLIENTS and 0 < args.seconds <= MAX_SECONDS):
        raise SystemExit(f"keep it bounded: 1..{MAX_CLIENTS} clients, at most {MAX_SECONDS} s")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if not db:
            db = str(Path(tmp) / "sample.db")
            t0 = time.monotonic()
            n = build_sample_store(db)
            print(f"built a store of {n} sample reports in {time.monotonic() - t0:.0f} s", file=sys.stderr)
        port = free_port()
        log_path = Path(tmp) / "server.log"
        log = open(log_path, "wb")
        server = start_server(db, port, log)
        try:
            base = f"http://127.0.0.1:{port}"
            mix = url_mix(base)
            print(f"{args.clients} clients × {args.seconds:g} s over {len(mix)} URLs on {base}", file=sys.stderr)
            result = asyncio.run(run_load(base, mix, args.clients, args.seconds))
        finally:
            server.terminate()
            server.wait(10)
            log.close()
            server_log = log_path.read_text(errors="replace").strip().splitlines()
    if result["errors"] and server_log:
        print("server log (last lines):", *server_log[-15:], sep="\n  ", file=sys.stderr)
    print(f"requests/s {result['requests_per_s']}  requests {result['requests']}  errors {result['errors']}  "
          f"p50 {result['p50_ms']} ms  p95 {result['p95_ms']} ms  p99 {result['p99_ms']} ms")
    if result["error_reasons"]:
        print(f"  errors and retries: {result['error_reasons']}")
    for kind, r in result["by_kind"].items():
        print(f"  {kind:<9} n={r['requests']:<6} errors={r['errors']:<4} p50={r['p50_ms']} ms  p95={r['p95_ms']} ms")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
