"""Explorer benchmark: server-side callback times on a synthetic graph of 1M+ relationships,
and in Chromium the time until 500 / 1,000 / 2,000 elements are laid out and answer a click.

    .venv/bin/python benchmarks/dashboard.py [--events 200000] [--actors 20000] [--runs 20]

Starts its own Neo4j (free port, temporary home), fills it with UNWIND batches, prints
figures. Targets (printed next to the figures, never asserted): callback p95 <= 100 ms,
2,000 elements interactive within 2 s.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actorgraph.dashboard import state as app_state  # noqa: E402
from actorgraph.graph.connection import Database  # noqa: E402
from actorgraph.graph.schema import ensure_schema  # noqa: E402
from actorgraph.localdb import LocalNeo4j  # noqa: E402
from actorgraph.localdb.probe import free_port  # noqa: E402
from actorgraph.records import EVENT_KINDS, MODALITIES, RELATION_TYPES  # noqa: E402
from actorgraph.view import explorer as ev  # noqa: E402
from actorgraph.view.cytoscape import to_elements  # noqa: E402
from actorgraph.view.explorer_state import ExplorerState  # noqa: E402
from actorgraph.view.search import suggest  # noqa: E402

BATCH = 10_000
KINDS = ("state", "person", "organization", "military_force")
SUPPORT_ALPHA = 1.3  # Pareto shape of the articles per event: mean about 3, tail to hundreds
MAX_SUPPORT = 1000


def fill(db: Database, actors: int, events: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    ensure_schema(db)
    for start in range(0, actors, BATCH):
        rows = [{"id": f"A{i}", "name": f"Actor {i}", "kind": KINDS[i % 4]}
                for i in range(start, min(actors, start + BATCH))]
        db.write("UNWIND $rows AS r CREATE (a:Actor {id: r.id, name: r.name, kind: r.kind})",
                 rows=rows)
    db.write("UNWIND range(0, 499) AS i CREATE (:Place {id: 'P' + i, name: 'Place ' + i, "
             "lat: 30.0 + (i % 20), lon: 120.0 + (i / 20), articles: ['bench']})")
    db.write("CREATE (:Article {id: 'bench', title: 'Benchmark', outlet: 'bench', "
             "published: '2025-01-01', text: ''})")
    # Actor activity follows a power law, as in news: a few actors are in most events.
    # cum_weights computed once: rng.choices(weights=...) would redo the sums on every call.
    cumulative = list(itertools.accumulate(1.0 / (i + 1) ** 0.8 for i in range(actors)))
    # Coverage follows a power law too: most events are in one or two articles, a few in
    # hundreds. `articles` holds the supporting articles' ids (drawn from a pool of about
    # one article per two events) and `evidence_count` their number, as the writer stores
    # them; an actor's `articles` are those of its events (every article naming it).
    pool = max(1, events // 2)
    mentions: list[set[int]] = [set() for _ in range(actors)]
    for start in range(0, events, BATCH):
        rows = []
        for i in range(start, min(events, start + BATCH)):
            who = rng.choices(range(actors), cum_weights=cumulative, k=4)
            support = min(MAX_SUPPORT, int(rng.paretovariate(SUPPORT_ALPHA)))
            drawn = rng.sample(range(pool), support)
            for w in who:
                mentions[w].update(drawn)
            rows.append({
                "id": f"E{i}", "kind": EVENT_KINDS[i % len(EVENT_KINDS)],
                "date": f"{2015 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "modality": MODALITIES[i % len(MODALITIES)],
                "goldstein": round(rng.uniform(-10, 10), 1),
                "participants": [f"A{w}" for w in who[:3]], "target": f"A{who[3]}",
                "place": f"P{i % 500}", "articles": [f"W{a}" for a in drawn],
            })
        db.write("""
            UNWIND $rows AS r
            CREATE (e:Event {id: r.id, kind: r.kind, title: 'Event ' + r.id, date: r.date,
                             date_precision: 'day', modality: r.modality,
                             goldstein: r.goldstein, articles: r.articles,
                             evidence_count: size(r.articles)})
            WITH e, r
            CALL (e, r) {
              UNWIND r.participants AS pid
              MATCH (a:Actor {id: pid}) CREATE (a)-[:PARTICIPATED_IN {articles: ['bench']}]->(e)
            }
            CALL (e, r) {
              MATCH (t:Actor {id: r.target}) CREATE (e)-[:DIRECTED_AT {articles: ['bench']}]->(t)
            }
            CALL (e, r) {
              MATCH (p:Place {id: r.place}) CREATE (e)-[:AT {articles: ['bench']}]->(p)
            }""", rows=rows)
        print(f"  events {min(events, start + BATCH):,}/{events:,}", flush=True)
    for start in range(0, actors, BATCH):
        rows = [{"id": f"A{i}", "articles": [f"W{a}" for a in sorted(mentions[i])] or ["bench"]}
                for i in range(start, min(actors, start + BATCH))]
        db.write("UNWIND $rows AS r MATCH (a:Actor {id: r.id}) SET a.articles = r.articles",
                 rows=rows)
    del mentions
    relations = events // 4
    for start in range(0, relations, BATCH):
        rows = []
        for i in range(start, min(relations, start + BATCH)):
            a, b = rng.choices(range(actors), cum_weights=cumulative, k=2)
            if a != b:
                rows.append({"id": f"R{i}", "a": f"A{a}", "b": f"A{b}",
                             "type": RELATION_TYPES[i % len(RELATION_TYPES)],
                             "modality": MODALITIES[i % len(MODALITIES)]})
        for rel_type in RELATION_TYPES:
            typed = [r for r in rows if r["type"] == rel_type]
            db.write(f"""
                UNWIND $rows AS r MATCH (a:Actor {{id: r.a}}) MATCH (b:Actor {{id: r.b}})
                CREATE (a)-[:{rel_type} {{id: r.id, modality: r.modality,
                                          articles: ['bench'], evidence_count: 1}}]->(b)""",
                     rows=typed)


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms   (n={len(ordered)})"


def timed(fn, runs: int) -> list[float]:
    samples = []
    for i in range(runs):
        t = time.perf_counter()
        fn(i)
        samples.append((time.perf_counter() - t) * 1000)
    return samples


def server_side(db: Database, runs: int) -> None:
    from actorgraph.dashboard.pages import explorer_callbacks as explorer

    app_state.set_database(db)
    limits = ev.Limits.from_settings()
    years = [f"{y}-01-01" for y in range(2015, 2025)]
    print("\nServer side (explorer callbacks and what they call), target p95 <= 100 ms")
    for view in ("alliances", "events", "everything"):
        def cold(i: int, view: str = view) -> None:
            state = ExplorerState(view=view, event_from=years[i % 10])  # a new query each run
            graph = ev.load_view(db, state, limits, cache=ev.ResultCache(0)).graph
            to_elements(graph)
        timed(cold, 2)  # plans compiled
        print(f"  render {view:<10} uncached        {percentiles(timed(cold, runs))}")

        def render(i: int, view: str = view) -> None:
            state = ExplorerState(view=view, selected=None if i % 2 else "A1")
            explorer.render(state.to_dict(), "up", None, None)
        timed(render, 1)
        print(f"  render {view:<10} callback, cached {percentiles(timed(render, runs))}")
    explore_ids = [f"A{i}" for i in range(runs + 2)]

    def expand(i: int) -> None:
        state = ExplorerState(view="events", expand=(explore_ids[i],))
        ev.load_view(db, state, limits)
    timed(expand, 2)
    print(f"  expand one actor (events view)   {percentiles(timed(expand, runs))}")

    def details(i: int) -> None:
        explorer.details(ExplorerState(view="events", selected=f"A{i}").to_dict(), "up")
    print(f"  details panel of an actor        {percentiles(timed(details, runs))}")
    entries = ev.search_entries(db)

    def search(i: int) -> None:
        suggest(entries, f"ctor {i}")
    print(f"  search suggestions ({len(entries):,} names) {percentiles(timed(search, runs))}")


def browser_side(env: dict[str, str], caps: list[int]) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright
    from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, start_app, stop_app

    print("\nIn Chromium (events view, force layout), target: 2,000 elements within 2 s")
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        for cap in caps:
            app = start_app({**env, "ACTORGRAPH_ELEMENT_CAP": str(cap),
                             "ACTORGRAPH_INITIAL_NODE_LIMIT": str(cap)},
                            Path(tmp) / f"app-{cap}.log")
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.set_default_timeout(120_000)
                page.goto(app.url + "/?view=events")  # warm-up: plans and caches
                page.wait_for_function("() => window.cy && window.cy.elements().length > 0")
                page.goto(app.url + "/?view=events")
                page.wait_for_function(
                    "n => window.cy && window.cy.elements().length >= n * 0.9", arg=cap)
                # Laid out: no node has moved for 1 s (fcose runs in one go, so a pause in
                # between elements arriving and the layout starting must not count). The time
                # is that of the last move, from the page's navigation start.
                page.wait_for_function("""() => {
                    const now = JSON.stringify(window.cy.nodes().map(n => n.position()));
                    if (window._b !== now) {
                        window._b = now; window._moved = performance.now(); return false; }
                    return window.cy.nodes().boundingBox().w > 50
                        && performance.now() - window._moved > 1000; }""", polling=50)
                laid_out = page.evaluate("window._moved") / 1000
                count = page.evaluate("window.cy.elements().length")
                # An actor node no other node covers at its centre: at 2,000 elements, a click
                # at the first actor's centre could land on a neighbour drawn over it.
                node = page.evaluate("""() => {
                    const r = window.cy.container().getBoundingClientRect();
                    for (const n of window.cy.nodes('.actor')) {
                        const p = n.renderedPosition();
                        if (p.x < 5 || p.y < 5 || p.x > r.width - 5 || p.y > r.height - 5)
                            continue;
                        const covering = window.cy.nodes().filter(m => {
                            const b = m.renderedBoundingBox({includeLabels: false});
                            return p.x >= b.x1 && p.x <= b.x2 && p.y >= b.y1 && p.y <= b.y2;
                        });
                        if (covering.length === 1)
                            return {id: n.id(), label: n.data('label'),
                                    x: r.left + p.x, y: r.top + p.y};
                    }
                    return null; }""")
                if node is None:
                    print(f"  {count:>5,} elements: laid out {laid_out:5.2f} s; no actor node "
                          f"free to click")
                    page.close()
                    continue
                click = time.perf_counter()
                page.mouse.click(node["x"], node["y"])
                try:
                    page.wait_for_function("id => window.cy.$(':selected').map(e => e.id())"
                                           ".includes(id)", arg=node["id"], timeout=30_000)
                    answered = time.perf_counter() - click
                    page.locator("#ex-details h3", has_text=node["label"]).first.wait_for(
                        timeout=30_000)
                    details = time.perf_counter() - click
                except PlaywrightTimeout:
                    print(f"  {count:>5,} elements: laid out {laid_out:5.2f} s; the click on "
                          f"{node['id']} got no answer within 30 s")
                    page.close()
                    continue
                print(f"  {count:>5,} elements: laid out {laid_out:5.2f} s after navigation "
                      f"(page load, server, layout, render); click selected in "
                      f"{answered * 1000:5.0f} ms, details panel in {details * 1000:5.0f} ms; "
                      f"interactive {laid_out + answered:5.2f} s")
                page.close()
            finally:
                stop_app(app)
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--caps", default="500,1000,2000")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        server = LocalNeo4j(home=Path(home) / "neo4j", port=free_port(), heap="2g",
                            pagecache="1g")
        print("starting Neo4j ...", flush=True)
        server.start()
        try:
            conn = server.connection()
            with Database(conn) as db:
                t = time.perf_counter()
                fill(db, args.actors, args.events)
                counts = db.counts()
                print(f"synthetic graph: {counts['nodes']:,} nodes, "
                      f"{counts['relationships']:,} relationships in "
                      f"{time.perf_counter() - t:.0f} s")
                server_side(db, args.runs)
            env = {**os.environ, "NEO4J_URI": conn.uri, "NEO4J_USERNAME": conn.username,
                   "NEO4J_PASSWORD": conn.password or ""}
            browser_side(env, [int(c) for c in args.caps.split(",")])
        finally:
            server.stop()


if __name__ == "__main__":
    main()
