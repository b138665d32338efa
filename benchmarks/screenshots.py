"""Screenshots of the explorer's main views on the seed, for docs/screenshots/.

    .venv/bin/python benchmarks/screenshots.py

Starts its own Neo4j (free port, temporary home), ingests data/articles, starts the app and
saves alliances.png, events.png, everything.png, map.png, details.png, export-panel.png and
search.png at 1400x900. Look at them: a graph that renders but cannot be read is not done.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, start_app, stop_app  # noqa: E402

from actorgraph.localdb import LocalNeo4j  # noqa: E402
from actorgraph.localdb.probe import free_port  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
STABLE = """() => {
    if (!window.cy || window.cy.nodes().length === 0) { return false; }
    const now = JSON.stringify(window.cy.nodes().map(n => n.position()));
    const same = window._shot === now; window._shot = now; return same; }"""


def shoot(page, url: str, path: Path, then=None) -> None:
    page.goto(url)
    page.locator("#ex-counter-text").wait_for()
    page.wait_for_function(STABLE, polling=300)
    if then:
        then(page)
    time.sleep(1.0)
    page.screenshot(path=str(path))
    print("wrote", path.relative_to(ROOT))


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        server = LocalNeo4j(home=Path(home) / "neo4j", port=free_port(), heap="512m",
                            pagecache="128m")
        server.start()
        conn = server.connection()
        env = {**os.environ, "NEO4J_URI": conn.uri, "NEO4J_USERNAME": conn.username,
               "NEO4J_PASSWORD": conn.password or ""}
        app = None
        try:
            subprocess.run([sys.executable, "-m", "actorgraph", "ingest",
                            str(ROOT / "data" / "articles")], env=env, check=True, cwd=ROOT)
            app = start_app(env, Path(home) / "app.log")
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS,
                                            headless=True)
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.set_default_timeout(60_000)
                shoot(page, app.url + "/", OUT / "alliances.png")
                shoot(page, app.url + "/?view=events", OUT / "events.png")
                shoot(page, app.url + "/?view=everything", OUT / "everything.png")

                def map_ready(pg) -> None:
                    pg.locator("#ex-map .geo .layer.coastlines path").first.wait_for()
                    pg.locator("#ex-map .scattergeo text").first.wait_for()
                shoot(page, app.url + "/?view=events&layout=map", OUT / "map.png", map_ready)

                def details_ready(pg) -> None:
                    pg.locator("#ex-details mark.ag-quote").first.wait_for()
                shoot(page, app.url + "/?view=events&sel=lavrov", OUT / "details.png",
                      details_ready)

                def export_open(pg) -> None:
                    pg.locator("#ex-export-panel summary").click()
                    pg.locator("#ex-export-go").wait_for()
                shoot(page, app.url + "/", OUT / "export-panel.png", export_open)

                def search_typed(pg) -> None:
                    pg.locator("#ex-search").click()
                    pg.keyboard.type("Lawrow")
                    pg.locator(".ag-suggestion", has_text="Sergey Lavrov").wait_for()
                shoot(page, app.url + "/", OUT / "search.png", search_typed)
                browser.close()
        finally:
            if app is not None:
                stop_app(app)
            server.stop()


if __name__ == "__main__":
    main()
