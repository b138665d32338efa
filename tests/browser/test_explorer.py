"""The explorer on the seed article, in Chromium: what a person sees, checked against Neo4j."""

from __future__ import annotations

import json
import time

import pytest

from actorgraph.graph.read import explorer as queries
from actorgraph.localdb import LocalNeo4j
from actorgraph.localdb.probe import free_port
from actorgraph.records import HEDGED_MODALITIES, RELATION_TYPES
from tests.browser.conftest import start_app, stop_app, wait_for_layout

ALLIANCE_ACTORS = """
MATCH (a:Actor)
WHERE EXISTS { MATCH (a)-[r]-(:Actor) WHERE type(r) IN $types }
   OR EXISTS { MATCH (a)-[:PARTICIPATED_IN]->(:Event)<-[:PARTICIPATED_IN]-(b:Actor)
               WHERE b <> a }
   OR EXISTS { MATCH (a)-[:PARTICIPATED_IN]->(:Event)-[:DIRECTED_AT]->(b:Actor) WHERE b <> a }
   OR EXISTS { MATCH (a)<-[:DIRECTED_AT]-(:Event)<-[:PARTICIPATED_IN]-(b:Actor) WHERE b <> a }
RETURN count(a) AS n
"""
EVENT_ACTORS = """
MATCH (a:Actor) WHERE (a)-[:PARTICIPATED_IN]->(:Event) OR (:Event)-[:DIRECTED_AT]->(a)
RETURN count(a) AS n
"""


def open_explorer(page, url: str) -> None:
    # A view's first query compiles its plan: several seconds on a loaded 2-core machine.
    page.set_default_timeout(60_000)
    page.goto(url)
    page.locator("#ex-counter-text").wait_for()
    wait_for_layout(page)


def drawn(page, selector: str) -> int:
    return page.evaluate("s => window.cy.nodes(s).filter(':visible').length", selector)


def click_node(page, node_id: str) -> None:
    point = page.evaluate("""id => {
        const n = window.cy.getElementById(id);
        const p = n.renderedPosition();
        const r = window.cy.container().getBoundingClientRect();
        return {x: r.left + p.x, y: r.top + p.y};
    }""", node_id)
    page.mouse.click(point["x"], point["y"])


def test_alliance_view_draws_every_actor_of_the_view(page, app_server, seeded):
    open_explorer(page, app_server.url + "/")
    expected = seeded.read(ALLIANCE_ACTORS, types=list(RELATION_TYPES))[0]["n"]
    assert expected > 10
    assert drawn(page, ".actor") == expected
    assert drawn(page, ".event") == 0
    assert page.inner_text("#ex-counter").startswith(f"{expected} actors · 0 events")
    legend = page.inner_text("#ex-legend")
    assert "Bloc A:" in legend and "Bloc B:" in legend


def test_a_legend_entry_hides_its_kind_and_a_click_keeps_the_hiding(page, app_server, seeded):
    """Places hidden from the legend stay hidden while a person selects a node (the server
    sends the stylesheet only when the hidden kinds change), and come back on a second click."""
    open_explorer(page, app_server.url + "/?view=everything")
    places = drawn(page, ".place")
    assert places > 0
    place_entry = """.ag-legend-item[id='{"kind":"place","type":"ex-legend"}']"""
    page.locator(place_entry).click()
    page.wait_for_function("() => window.cy.nodes('.place').filter(':visible').length === 0")
    page.locator(place_entry + ".ag-off").wait_for()
    click_node(page, "lavrov")
    page.locator("#ex-details h3", has_text="Sergey Lavrov").wait_for()
    assert drawn(page, ".place") == 0 and drawn(page, ".actor") > 0
    page.locator(place_entry).click()
    page.wait_for_function("n => window.cy.nodes('.place').filter(':visible').length === n",
                           arg=places)
    assert page.locator(".ag-legend-item.ag-off").count() == 0


def test_clicking_lavrov_shows_the_evidence_with_the_quote_highlighted(page, app_server,
                                                                       seeded):
    open_explorer(page, app_server.url + "/?view=events")
    click_node(page, "lavrov")
    page.locator("#ex-details h3", has_text="Sergey Lavrov").wait_for()
    quotes = page.locator("#ex-details mark.ag-quote").all_inner_texts()
    assert "Indes reiste der russische Außenminister Lawrow nach Nordkorea." in quotes
    passage = page.locator("#ex-details .ag-passage", has_text="Indes reiste").first
    # The paragraph around the quote is shown too.
    assert "zweite Runde des" in passage.inner_text()


def test_filtering_out_hedged_modalities_removes_feared_and_suspected_facts(page, app_server,
                                                                          seeded):
    open_explorer(page, app_server.url + "/?view=events")
    feared = "rus-technology-transfer-to-prk"
    assert page.evaluate("id => window.cy.getElementById(id).length", feared) == 1
    for modality in sorted(HEDGED_MODALITIES):
        page.locator("#ex-modalities label", has_text=modality).click()
    expected = seeded.read("MATCH (e:Event) WHERE NOT e.modality IN $hedged RETURN count(e) AS n",
                           hedged=sorted(HEDGED_MODALITIES))[0]["n"]
    page.wait_for_function("n => window.cy.nodes('.event').length === n", arg=expected)
    assert page.evaluate("id => window.cy.getElementById(id).length", feared) == 0
    assert page.evaluate("window.cy.elements('.hedged').length") == 0
    assert f"{expected} events" in page.inner_text("#ex-counter")


def test_narrowing_the_event_dates_changes_the_count(page, app_server, seeded):
    open_explorer(page, app_server.url + "/?view=events")
    total = seeded.read("MATCH (e:Event) RETURN count(e) AS n")[0]["n"]
    assert drawn(page, ".event") == total
    # Drag the start of the range to its end: only the last day is left.
    thumb = page.locator("#ex-event-dates [role=slider]").first.bounding_box()
    track = page.locator("#ex-event-dates .dash-slider-track").bounding_box()
    y = thumb["y"] + thumb["height"] / 2
    page.mouse.move(thumb["x"] + thumb["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(track["x"] + track["width"] + 20, y, steps=8)
    page.mouse.up()
    last_day = seeded.read("MATCH (e:Event) RETURN max(e.date) AS d")[0]["d"]
    expected = seeded.read("MATCH (e:Event {date: $d}) RETURN count(e) AS n", d=last_day)[0]["n"]
    assert 0 < expected < total
    page.wait_for_function("n => window.cy.nodes('.event').length === n", arg=expected)
    assert f"{expected} events" in page.inner_text("#ex-counter")
    assert "left out" in page.inner_text("#ex-event-dates-text")


def test_search_finds_lawrow_and_focuses_lavrov(page, app_server, seeded):
    open_explorer(page, app_server.url + "/")
    page.locator("#ex-search").fill("Lawrow")
    suggestion = page.locator(".ag-suggestion", has_text="Sergey Lavrov")
    suggestion.click()
    page.wait_for_function("() => window.cy.$(':selected').map(e => e.id()).includes('lavrov')")
    page.locator("#ex-details h3", has_text="Sergey Lavrov").wait_for()
    page.locator("#ex-search").fill("Nordkorea")
    page.locator(".ag-suggestion", has_text="North Korea").wait_for()


def test_map_shows_seoul_and_jeju(page, app_server, seeded):
    open_explorer(page, app_server.url + "/?view=events")
    page.locator("#ex-layout label", has_text="Map").click()
    page.locator("#ex-map text", has_text="Seoul").first.wait_for()
    labels = page.locator("#ex-map .scattergeo text").all_text_contents()
    assert "Seoul" in labels
    assert any("Jeju" in label for label in labels)


def test_reloading_a_copied_url_restores_the_view(page, app_server, seeded):
    open_explorer(page, app_server.url + "/")
    page.locator("#ex-view label", has_text="Events").click()
    page.locator("#ex-modalities label", has_text="feared").click()
    page.wait_for_function("() => window.location.search.includes('view=events')")
    page.wait_for_function("() => window.location.search.includes('mod=')")
    click_node(page, "PRK")
    page.wait_for_function("() => window.location.search.includes('sel=PRK')")
    counter = page.inner_text("#ex-counter")
    copied = page.url
    other = page.context.new_page()
    open_explorer(other, copied)
    assert other.locator("#ex-view input[value=events]").is_checked()
    assert not other.locator("#ex-modalities input[value=feared]").is_checked()
    other.wait_for_function("() => window.cy.$(':selected').map(e => e.id()).includes('PRK')")
    assert other.inner_text("#ex-counter") == counter
    other.locator("#ex-details h3", has_text="North Korea").wait_for()


@pytest.fixture(scope="module")
def small_app(neo4j_env, seeded, tmp_path_factory):
    """The app with tiny caps, so that the seed is cut and expansions add something."""
    env = {**neo4j_env, "ACTORGRAPH_INITIAL_NODE_LIMIT": "3", "ACTORGRAPH_EXPAND_LIMIT": "2"}
    app = start_app(env, tmp_path_factory.mktemp("small-app") / "app.log")
    yield app
    stop_app(app)


def test_caps_are_announced_and_an_expansion_keeps_the_others_in_place(page, small_app):
    open_explorer(page, small_app.url + "/?view=events")
    assert drawn(page, ".event") == 3
    assert ("starts from the 3 most reported, those with the most supporting articles"
            in page.inner_text("#ex-notice"))
    before = page.evaluate("window.cy.nodes().map(n => [n.id(), n.position()])")
    click_node(page, "PRK")
    page.locator("#ex-details h3", has_text="North Korea").wait_for()
    page.locator("#ex-expand").click()
    page.wait_for_function("n => window.cy.nodes('.event').length > n", arg=3)
    # The limit goes to neighbours not drawn yet: two new events, not already shown actors.
    assert drawn(page, ".event") == 3 + 2
    after = dict(page.evaluate("window.cy.nodes().map(n => [n.id(), n.position()])"))
    for node_id, position in before:
        assert after[node_id]["x"] == pytest.approx(position["x"], abs=1), node_id
        assert after[node_id]["y"] == pytest.approx(position["y"], abs=1), node_id
    assert "the expansion added the 2 most connected" in page.inner_text("#ex-notice")
    page.wait_for_function("() => window.location.search.includes('exp=PRK')")
    page.locator("#ex-undo").click()
    page.wait_for_function("() => window.cy.nodes('.event').length === 3")


def test_the_first_view_comes_with_the_page_and_plotly_only_with_the_map(page, app_server,
                                                                         seeded):
    """The page's content carries the first drawing, the filters' options and the status
    line: no render, health or option request runs on the way to the first view. plotly's
    script (4.8 MB) is fetched only when the map is chosen."""
    requests: list[tuple[str, str]] = []
    page.on("request", lambda r: requests.append((r.url, r.post_data or "")))
    open_explorer(page, app_server.url + "/?view=events")
    events = seeded.read("MATCH (e:Event) RETURN count(e) AS n")[0]["n"]
    assert drawn(page, ".event") == events
    assert f" · {events} events · " in page.inner_text("#ex-counter")
    assert "relationships" in page.inner_text("#db-status")
    assert page.inner_text("#ex-event-dates-text") != "no dates yet"
    page.locator("#ex-sources").click()
    options = page.locator(".dash-dropdown-content .dash-dropdown-option")
    options.first.wait_for()
    sources = queries.sources(seeded)
    assert len(sources) >= 2
    assert options.count() == 1 + len(sources)  # the article's own voice and each source
    assert options.first.inner_text().strip() == "(the article's own voice)"
    page.keyboard.press("Escape")
    asked = [json.loads(body)["output"] for url, body in requests
             if "_dash-update-component" in url]
    for output in ("ex-graph.elements", "db-status.children", "ex-sources.options",
                   "ex-articles.options", "ex-outlets.options"):
        assert not any(output in o for o in asked), (output, asked)
    assert not any("plotly" in url for url, _ in requests)
    page.locator(".ag-layouts label", has_text="Map").click()
    page.locator("#ex-map .scattergeo").first.wait_for()
    assert any("plotly" in url for url, _ in requests)


def test_outage_shows_a_banner_and_recovers_when_neo4j_is_back(chromium, tmp_path):
    server = LocalNeo4j(home=tmp_path / "neo4j", port=free_port(), heap="512m",
                        pagecache="64m")
    server.start()
    conn = server.connection()
    server.stop()
    env = {**__import__("os").environ, "NEO4J_URI": conn.uri, "NEO4J_USERNAME": conn.username,
           "NEO4J_PASSWORD": conn.password or ""}
    app = start_app(env, tmp_path / "app.log")
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    try:
        pg = context.new_page()
        pg.set_default_timeout(30_000)
        pg.goto(app.url + "/")
        banner = pg.locator("#outage-banner")
        banner.wait_for()
        assert "Neo4j is unreachable" in banner.inner_text()
        assert "Traceback" not in pg.content()
        server.start()
        deadline = time.monotonic() + 90
        while banner.count() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert banner.count() == 0, "the banner stayed after Neo4j came back"
        pg.locator("#ex-counter-text").wait_for()
    finally:
        context.close()
        stop_app(app)
        server.stop()
