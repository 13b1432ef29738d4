"""Refresh the dashboard screenshots in docs/screenshots/ from a store, in the system Chromium.

    python scripts/screenshots.py --db detente-demo.db [--process "Russia–Ukraine"]

The shots in the repository were made from the bundled sample, the shared corpus
(../shared/corpus) and 150 White House statements about talks from the shared bulk
corpus, ingested into one store. Needs the web and test extras (uvicorn, playwright).
"""

from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path
from urllib.parse import quote

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def serve(db: str, port: int):
    import uvicorn

    from detente.web import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(db=db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--process", help="the process to show (default: the one with most reports)")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    import httpx
    from playwright.sync_api import sync_playwright

    server = serve(args.db, args.port)
    base = f"http://127.0.0.1:{args.port}"
    processes = httpx.get(base + "/api/processes").json()
    name = args.process or max(processes, key=lambda p: p["n_reports"])["name"]
    process = "/processes/" + quote(name, safe="")
    report = httpx.get(base + "/reports", params={"process": name, "sort": "facts", "format": "json"}).json()[0]
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        shots = [
            ("process", process, 1280, False),
            ("process-phone", process, 400, False),
            ("reports", "/reports?process=" + quote(name, safe=""), 1280, False),
            ("report", "/documents/" + quote(report["document_id"], safe=""), 1280, False),
        ]
        for shot, url, width, full in shots:
            page = browser.new_page(viewport={"width": width, "height": 1000 if width > 500 else 860})
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(OUT / f"{shot}.png"), full_page=full)
            page.close()
            print(OUT / f"{shot}.png")
        browser.close()
    server.should_exit = True


if __name__ == "__main__":
    main()
