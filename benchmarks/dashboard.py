"""Explorer benchmark: server-side callback times on a synthetic graph of 1M+ relationships,
and in Chromium the time until 500 / 1,000 / 2,000 elements are laid out and answer a click,
and the frame times of a wheel zoom with every frame drawn in full and from a texture.

    .venv/bin/python benchmarks/dashboard.py [--events 200000] [--actors 20000] [--runs 20]

Starts its own Neo4j (free port, temporary home), fills it with UNWIND batches, prints
figures. Targets (printed next to the figures, never asserted): callback p95 <= 100 ms,
2,000 elements interactive within 2 s.
"""

from __future__ import annotations

import argparse
import itertools
import logging
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
from actorgraph.graph.schema import ensure_schema, stamp_model  # noqa: E402
from actorgraph.localdb import LocalNeo4j  # noqa: E402
from actorgraph.localdb.probe import free_port  # noqa: E402
from actorgraph.records import EVENT_KINDS, MODALITIES, RELATION_TYPES  # noqa: E402
from actorgraph.view import explorer as ev  # noqa: E402
from actorgraph.view.explorer_state import ExplorerState  # noqa: E402
from actorgraph.view.result_cache import CACHE_SECONDS  # noqa: E402

BATCH = 10_000
KINDS = ("state", "person", "organization", "military_force")
SUPPORT_ALPHA = 1.3  # Pareto shape of the articles per event: mean about 3, tail to hundreds
MAX_SUPPORT = 1000


def fill(db: Database, actors: int, events: int, seed: int = 7) -> None:
    """The synthetic graph in the writer's model (docs/graph-model.md): articles, their
    claims of events and relations, their mentions of actors and places, and the
    `evidence_count` of each element counted from those, as the writer leaves them."""
    rng = random.Random(seed)
    ensure_schema(db)
    stamp_model(db)
    for start in range(0, actors, BATCH):
        rows = [{"id": f"A{i}", "name": f"Actor {i}", "kind": KINDS[i % 4]}
                for i in range(start, min(actors, start + BATCH))]
        db.write("UNWIND $rows AS r CREATE (a:Actor {id: r.id, name: r.name, kind: r.kind, "
                 "search_text: toLower(r.name)})", rows=rows)
    db.write("UNWIND range(0, 499) AS i CREATE (:Place {id: 'P' + i, name: 'Place ' + i, "
             "lat: 30.0 + (i % 20), lon: 120.0 + (i / 20)})")
    # Coverage follows a power law, as in news: most events are in one or two articles, a
    # few in hundreds, drawn from a pool of about one article per two events.
    pool = max(1, events // 2)
    for start in range(0, pool, BATCH):
        rows = [{"id": f"W{i}", "outlet": f"outlet {i % 40}",
                 "published": f"{2015 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}"}
                for i in range(start, min(pool, start + BATCH))]
        db.write("UNWIND $rows AS r CREATE (:Article {id: r.id, title: 'Article ' + r.id, "
                 "outlet: r.outlet, published: r.published, text: ''})", rows=rows)
    # Actor activity follows a power law too: a few actors are in most events.
    # cum_weights computed once: rng.choices(weights=...) would redo the sums on every call.
    cumulative = list(itertools.accumulate(1.0 / (i + 1) ** 0.8 for i in range(actors)))
    mentions: list[set[int]] = [set() for _ in range(actors)]
    place_mentions: list[set[int]] = [set() for _ in range(500)]
    for start in range(0, events, BATCH):
        rows = []
        for i in range(start, min(events, start + BATCH)):
            who = rng.choices(range(actors), cum_weights=cumulative, k=4)
            support = min(MAX_SUPPORT, int(rng.paretovariate(SUPPORT_ALPHA)))
            drawn = rng.sample(range(pool), support)
            for w in who:
                mentions[w].update(drawn)
            place_mentions[i % 500].update(drawn)
            rows.append({
                "id": f"E{i}", "kind": EVENT_KINDS[i % len(EVENT_KINDS)],
                "date": f"{2015 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "modality": MODALITIES[i % len(MODALITIES)],
                "goldstein": round(rng.uniform(-10, 10), 1),
                "participants": sorted({f"A{w}" for w in who[:3]}), "target": f"A{who[3]}",
                "place": f"P{i % 500}", "articles": [f"W{a}" for a in drawn],
            })
        db.write("""
            UNWIND $rows AS r
            CREATE (e:Event {id: r.id, kind: r.kind, title: 'Event ' + r.id, date: r.date,
                             date_precision: 'day', modality: r.modality,
                             goldstein: r.goldstein, evidence_count: size(r.articles),
                             contested: false})
            WITH e, r, size(r.articles) AS support
            CALL (e, r, support) {
              UNWIND r.participants AS pid
              MATCH (a:Actor {id: pid})
              CREATE (a)-[:PARTICIPATED_IN {role: 'participant', evidence_count: support}]->(e)
            }
            CALL (e, r, support) {
              MATCH (t:Actor {id: r.target})
              CREATE (e)-[:DIRECTED_AT {evidence_count: support}]->(t)
            }
            CALL (e, r, support) {
              MATCH (p:Place {id: r.place}) CREATE (e)-[:AT {evidence_count: support}]->(p)
            }
            CALL (e, r) {
              UNWIND r.articles AS aid
              MATCH (w:Article {id: aid})
              CREATE (w)-[:CLAIMS]->(c:Claim {id: aid + '/event/' + r.id, article_id: aid,
                  fact_id: r.id, fact_type: 'event', modality: r.modality,
                  published: w.published, kind: r.kind, title: 'Event ' + r.id,
                  date: r.date, participants: r.participants,
                  roles: [p IN r.participants | 'participant'], targets: [r.target],
                  assets: [], place: r.place, attributed_to: [], quotes: [], starts: [],
                  ends: []})-[:ABOUT]->(e)
            }""", rows=rows)
        print(f"  events {min(events, start + BATCH):,}/{events:,}", flush=True)
    # Every article names the actors and the place of the events it reports (MENTIONS), and
    # an entity's evidence_count is the number of those articles.
    for label, named in (("Actor", mentions), ("Place", place_mentions)):
        prefix = "A" if label == "Actor" else "P"
        pairs = [{"id": f"{prefix}{i}", "article": f"W{a}"}
                 for i, arts in enumerate(named) for a in arts]
        for start in range(0, len(pairs), 4 * BATCH):
            db.write(f"""
                UNWIND $rows AS r MATCH (n:{label} {{id: r.id}})
                MATCH (w:Article {{id: r.article}}) CREATE (w)-[:MENTIONS]->(n)""",
                     rows=pairs[start:start + 4 * BATCH])
        counts = [{"id": f"{prefix}{i}", "n": len(arts)} for i, arts in enumerate(named)]
        for start in range(0, len(counts), BATCH):
            db.write(f"UNWIND $rows AS r MATCH (n:{label} {{id: r.id}}) "
                     "SET n.evidence_count = r.n", rows=counts[start:start + BATCH])
        print(f"  {len(pairs):,} mentions of {label.lower()}s", flush=True)
    del mentions, place_mentions
    relations = events // 4
    for start in range(0, relations, BATCH):
        rows = []
        for i in range(start, min(relations, start + BATCH)):
            a, b = rng.choices(range(actors), cum_weights=cumulative, k=2)
            if a != b:
                rows.append({"id": f"R{i}", "a": f"A{a}", "b": f"A{b}",
                             "type": RELATION_TYPES[i % len(RELATION_TYPES)],
                             "modality": MODALITIES[i % len(MODALITIES)],
                             "article": f"W{rng.randrange(pool)}"})
        for rel_type in RELATION_TYPES:
            typed = [r for r in rows if r["type"] == rel_type]
            db.write(f"""
                UNWIND $rows AS r MATCH (a:Actor {{id: r.a}}) MATCH (b:Actor {{id: r.b}})
                MATCH (w:Article {{id: r.article}})
                CREATE (a)-[:{rel_type} {{id: r.id, modality: r.modality, evidence_count: 1,
                                          contested: false}}]->(b)
                CREATE (w)-[:CLAIMS]->(:Claim {{id: r.article + '/relation/' + r.id,
                    article_id: r.article, fact_id: r.id, fact_type: 'relation',
                    modality: r.modality, published: w.published, attributed_to: [],
                    quotes: [], starts: [], ends: []}})""",
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
    """Each explorer callback as the page calls it, with the result cache emptied before each
    call (uncached: every figure includes its Neo4j reads), on hubs where there are hubs."""
    from actorgraph.dashboard.pages import explorer_callbacks as explorer

    app_state.set_database(db)
    hub_event = db.read("MATCH (e:Event) RETURN e.id AS id "
                        "ORDER BY e.evidence_count DESC, e.id DESC LIMIT 1")[0]["id"]
    years = [f"{y}-01-01" for y in range(2015, 2025)]

    def render(state: ExplorerState) -> None:
        explorer.render(state.to_dict(), "up", None, None)

    def details(state: ExplorerState) -> None:
        explorer.details(state.to_dict(), "up")

    interactions = [
        (f"render {view}, a new date filter",
         lambda i, view=view: render(ExplorerState(view=view, event_from=years[i % 10])))
        for view in ("alliances", "events", "everything")
    ] + [
        ("render alliances, an outlet filter",
         lambda i: render(ExplorerState(view="alliances", outlets=(f"outlet {i % 40}",)))),
        ("render events, at least 3 articles",
         lambda i: render(ExplorerState(view="events", min_support=3,
                                        event_from=years[i % 10]))),
        ("expand the hub actor A0 (events)",
         lambda i: render(ExplorerState(view="events", expand=("A0",)))),
        ("expand an actor A1..A20 (events)",
         lambda i: render(ExplorerState(view="events", expand=(f"A{1 + i % 20}",)))),
        ("details panel of the hub actor A0",
         lambda i: details(ExplorerState(view="events", selected="A0"))),
        (f"details panel of the hub event {hub_event}",
         lambda i: details(ExplorerState(view="events", selected=hub_event))),
        ("shortest paths A1 -> A100..",
         lambda i: render(ExplorerState(view="alliances", path=("A1", f"A{100 + i}")))),
        ("search suggestions", lambda i: explorer.suggestions(f"ctor {i}")),
    ]
    print(f"\nServer side: explorer callbacks, uncached, target p95 <= 100 ms "
          f"(load average {os.getloadavg()[0]:.1f})")
    for name, call in interactions:
        def uncached(i: int, call=call) -> None:
            ev.CACHE.clear()
            call(i)
        timed(uncached, 2)  # plans compiled
        print(f"  {name:<42} {percentiles(timed(uncached, runs))}", flush=True)
    ev.CACHE.clear()
    render(ExplorerState(view="alliances"))

    def cached(i: int) -> None:
        render(ExplorerState(view="alliances", selected=None if i % 2 else "A1"))
    print(f"  {'render alliances, cached':<42} {percentiles(timed(cached, runs))}")
    print(f"  (load average {os.getloadavg()[0]:.1f})")


def wheel_frames(page, texture: bool) -> str:
    """Eight wheel steps over the graph's middle, 50 ms apart, as a person zooms in: the time
    from one drawn frame to the next meanwhile (p50 and max), with cytoscape.js drawing every
    frame in full or from its viewport texture (assets/renderer.js's choice, forced here)."""
    if not page.evaluate("""texture => {
            if (!window.actorgraphRenderer) { return false; }  // a release before it
            window.actorgraphRenderer.largeGraph = texture ? 0 : Infinity;
            window.actorgraphRenderer.tune(window.cy);
            return true; }""", texture):
        return "(no renderer script)"
    box = page.locator("#ex-graph").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.evaluate("""() => {
        const times = window._agFrameTimes = [];  // a new list: an older recorder stops
        const record = t => {
            if (window._agFrameTimes !== times || times.length >= 2000) { return; }
            times.push(t);
            window.requestAnimationFrame(record);
        };
        window.requestAnimationFrame(record); }""")
    for _ in range(8):
        page.mouse.wheel(0, -60)
        page.wait_for_timeout(50)
    times = page.evaluate("(() => { const t = window._agFrameTimes;"
                          " window._agFrameTimes = null; return t; })()")
    page.wait_for_timeout(500)  # the zoom's last full drawing, before the next measurement
    gaps = sorted(b - a for a, b in itertools.pairwise(times))
    if not gaps:
        return "no frame"
    return f"p50 {statistics.median(gaps):4.0f} ms, max {gaps[-1]:4.0f} ms ({len(gaps)} frames)"


def browser_side(env: dict[str, str], caps: list[int]) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright
    from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, start_app, stop_app

    print("\nIn Chromium (events view, force layout), target: 2,000 elements within 2 s; the "
          "second page load, after the server's result cache expired")
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
                # The server keeps results for CACHE_SECONDS: past them, the measured load
                # reads Neo4j again, as a reader of a view nobody opened just before does.
                page.wait_for_timeout((CACHE_SECONDS + 1) * 1000)
                renders: list[float] = []  # time of each request that brings elements, ms

                def on_finished(request, renders=renders) -> None:
                    # The page's content carries the first drawing; a render request, later ones.
                    body = request.post_data or ""
                    if "_dash-update-component" in request.url \
                            and ("ex-graph.elements" in body or "_pages_content" in body):
                        renders.append(request.timing["responseEnd"]
                                       - request.timing["requestStart"])
                page.on("requestfinished", on_finished)
                page.goto(app.url + "/?view=events")
                arrived = page.wait_for_function(
                    "n => window.cy && window.cy.elements().length >= n * 0.9"
                    " && performance.now()", arg=cap).json_value() / 1000
                steps = page.evaluate("""() => ({
                    loaded: performance.getEntriesByType('navigation')[0]
                        .domContentLoadedEventEnd,
                    paint: (performance.getEntriesByName('first-contentful-paint')[0]
                            || {startTime: NaN}).startTime})""")
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
                # at the first actor's centre could land on a neighbour drawn over it, or on a
                # neighbour's label (Cytoscape counts a click on a drawn label as one on its
                # node), so the others are measured with their labels.
                node = page.evaluate("""() => {
                    const r = window.cy.container().getBoundingClientRect();
                    for (const n of window.cy.nodes('.actor')) {
                        const p = n.renderedPosition();
                        if (p.x < 5 || p.y < 5 || p.x > r.width - 5 || p.y > r.height - 5)
                            continue;
                        const covering = window.cy.nodes().filter(m => {
                            const b = m.renderedBoundingBox({includeLabels: m.id() !== n.id()});
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
                    selected = page.evaluate("window.cy.$(':selected').map(e => e.id())")
                    print(f"  {count:>5,} elements: laid out {laid_out:5.2f} s; the click on "
                          f"{node['id']} got no answer within 30 s (selected: {selected})")
                    page.close()
                    continue
                page.remove_listener("requestfinished", on_finished)
                render_ms = f"{renders[0]:4.0f} ms" if renders else "   ? ms"  # the first
                print(f"  {count:>5,} elements: page loaded {steps['loaded'] / 1000:4.2f} s, "
                      f"first paint {steps['paint'] / 1000:4.2f} s, elements in "
                      f"{arrived:4.2f} s (page content request {render_ms}), laid out "
                      f"{laid_out:5.2f} s after navigation; click selected in "
                      f"{answered * 1000:5.0f} ms, details panel in {details * 1000:5.0f} ms; "
                      f"interactive {laid_out + answered:5.2f} s")
                full, texture = wheel_frames(page, texture=False), wheel_frames(page, True)
                print(f"         wheel zoom, frame to frame: drawn in full {full}; "
                      f"on a texture {texture}", flush=True)
                page.close()
            finally:
                stop_app(app)
        browser.close()


def main() -> None:
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)  # unused labels
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--caps", default="500,1000,2000")
    parser.add_argument("--home", type=Path,
                        help="keep the Neo4j store in this folder and reuse it when it is "
                             "already filled (the fill takes minutes)")
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        home = args.home or Path(scratch)
        server = LocalNeo4j(home=home / "neo4j", port=free_port(), heap="2g",
                            pagecache="1g")
        print("starting Neo4j ...", flush=True)
        server.start()
        try:
            conn = server.connection()
            with Database(conn) as db:
                t = time.perf_counter()
                if db.read("MATCH (g:GraphModel) RETURN count(g) AS n")[0]["n"]:
                    print(f"reusing the synthetic graph in {home}")
                    ensure_schema(db)  # indexes this release added
                    db.read("CALL db.awaitIndexes(300)")
                else:
                    fill(db, args.actors, args.events)
                counts = db.counts()
                print(f"synthetic graph: {counts['nodes']:,} nodes, "
                      f"{counts['relationships']:,} relationships in "
                      f"{time.perf_counter() - t:.0f} s")
                server_side(db, args.runs)
            if not args.skip_browser:
                env = {**os.environ, "NEO4J_URI": conn.uri, "NEO4J_USERNAME": conn.username,
                       "NEO4J_PASSWORD": conn.password or ""}
                browser_side(env, [int(c) for c in args.caps.split(",")])
        finally:
            server.stop()


if __name__ == "__main__":
    main()
