"""Review page: the time from the "Extract" click to the highlighted draft drawn (the seed
article, data/articles/newsde-putin-im-visier), against the explorer's first draw of the
seeded graph in the same run.

    .venv/bin/python benchmarks/review_page.py [--runs 7]

Starts a fresh local Neo4j (temporary home, free port) unless NEO4J_URI is set - then that
database must be a scratch one: the benchmark empties it and ingests the seed. The app runs
with review on against a temporary copy of data/ (nothing is saved: only Extract is
clicked). Chromium is Debian's with the flags the browser tests use, DejaVu fonts alone.

- review: click on Extract -> every fact card and the highlighted text drawn (median of N);
  the server's part (the extraction as the page calls it, in-process) printed beside it;
- baseline: the explorer page's first draw (navigation -> the graph laid out), median of N.

Figures only: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actorgraph.config import configured_connection  # noqa: E402
from actorgraph.dashboard.pages.review_save import draft_document, draft_from_text  # noqa: E402
from actorgraph.graph.connection import Database  # noqa: E402
from actorgraph.localdb import LocalNeo4j  # noqa: E402
from actorgraph.localdb.probe import free_port  # noqa: E402

SEED = ROOT / "data" / "articles" / "newsde-putin-im-visier" / "article.txt"

LAID_OUT = """() => {
    if (!window.cy || window.cy.nodes().length === 0) { return false; }
    const now = JSON.stringify(window.cy.nodes().map(n => n.position()));
    const same = window._bLast === now;
    window._bLast = now;
    return same;
}"""


def median_ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:6.0f} ms (min {min(samples) * 1000:.0f}, " \
           f"max {max(samples) * 1000:.0f}, n={len(samples)})"


def server_part(data: Path, runs: int) -> list[float]:
    text = SEED.read_text(encoding="utf-8")
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        draft_document(draft_from_text(text, "bench-seed", None, "2025-07-11", None, data))
        samples.append(time.perf_counter() - t)
    return samples


def browser_part(env: dict[str, str], data: Path, runs: int) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright
    from tests.browser.conftest import (
        CHROMIUM,
        CHROMIUM_FLAGS,
        FONT_SETS,
        start_app,
        stop_app,
        write_fontconfig,
    )

    text = SEED.read_text(encoding="utf-8")
    review, explorer = [], []
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        fontconfig = write_fontconfig(Path(tmp) / "dejavu.conf", FONT_SETS["dejavu"],
                                      Path(tmp) / "cache")
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS,
                                    headless=True,
                                    env={**os.environ, "FONTCONFIG_FILE": str(fontconfig)})
        app = start_app({**env, "ACTORGRAPH_DATA_DIR": str(data)}, Path(tmp) / "app.log",
                        ["--review"])
        try:
            for run in range(runs + 1):  # the first run warms plans and imports up
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                page.set_default_timeout(120_000)
                t = time.perf_counter()
                page.goto(app.url + "/")
                page.wait_for_function(LAID_OUT, polling=100)
                first_draw = time.perf_counter() - t
                page.goto(app.url + "/review")
                page.locator("#rv-text").fill(text)
                page.locator("#rv-id").fill(f"bench-{run}")
                page.locator("#rv-published").fill("2025-07-11")
                t = time.perf_counter()
                page.locator("#rv-extract").click()
                page.locator("#rv-fact-relations-0").wait_for()
                page.locator("#rv-highlight mark").first.wait_for()
                page.wait_for_function("() => !document.querySelector("
                                       "'[data-dash-is-loading=true]')")
                drawn = time.perf_counter() - t
                page.close()
                if run:
                    review.append(drawn)
                    explorer.append(first_draw)
        finally:
            stop_app(app)
            browser.close()
    return review, explorer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        data = Path(home) / "data"
        shutil.copytree(ROOT / "data", data)
        conn = configured_connection()
        server = None
        if conn is None:
            server = LocalNeo4j(home=Path(home) / "neo4j", port=free_port(), heap="1g",
                                pagecache="256m")
            print("starting Neo4j ...", flush=True)
            server.start()
            conn = server.connection()
        try:
            env = {**os.environ, "NEO4J_URI": conn.uri, "NEO4J_USERNAME": conn.username,
                   "NEO4J_PASSWORD": conn.password or ""}
            from tests.conftest import clear_database

            with Database(conn) as db:
                clear_database(db)
            subprocess.run([sys.executable, "-m", "actorgraph", "ingest",
                            str(ROOT / "data" / "articles")], env=env, check=True,
                           capture_output=True)
            server_samples = server_part(data, args.runs)
            review, explorer = browser_part(env, data, args.runs)
        finally:
            if server is not None:
                server.stop()
    print(f"extraction in-process (the server's part): {median_ms(server_samples)}")
    print(f"review: Extract click -> highlighted draft drawn: {median_ms(review)}")
    print(f"baseline: explorer first draw (navigation -> laid out): {median_ms(explorer)}")
    print(f"ratio review / explorer first draw: "
          f"{statistics.median(review) / statistics.median(explorer):.2f}")


if __name__ == "__main__":
    main()
