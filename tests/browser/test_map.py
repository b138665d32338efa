"""The explorer's Map layout in Chromium: coastlines without any request beyond 127.0.0.1,
labels that do not pile up, names shown as text, zoom and pan, and the PNG of the map."""

from __future__ import annotations

import base64
import itertools
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from actorgraph import basemap
from actorgraph.graph.connection import Database
from tests.browser.conftest import ingest_seed, start_app, stop_app
from tests.conftest import ROOT, clear_database
from tests.gdelt_rows import KORGOV, USAGOV, geo, line

HOSTILE = '<b>Bold</b> <a href="https://evil.example/">Port</a>, South Korea'
DENSE_PLACES = 60

LAND_PATHS = """() => Array.from(document.querySelectorAll(
    '#ex-map .geo .layer.land path, #ex-map .geo .layer.coastlines path,'
    + ' #ex-map .geo .layer.countries path'))
    .map(p => [p.closest('.layer').classList[1], (p.getAttribute('d') || '').length])"""
LABEL_BOXES = """() => Array.from(document.querySelectorAll('#ex-map .scattergeo text'))
    .filter(t => t.textContent.trim() !== '')
    .map(t => { const r = t.getBoundingClientRect();
                return [t.textContent, r.left, r.top, r.right, r.bottom]; })"""


def needs_basemap() -> None:
    assert basemap.is_installed(), (
        f"the base map is not installed in {basemap.folder()}: run `actorgraph basemap "
        "install` (make test and make run do)")


def open_map(page, url: str) -> list[str]:
    """Opens the map layout; returns every URL the page requested."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    page.locator("#ex-map .scattergeo").first.wait_for()
    page.wait_for_function("() => document.querySelectorAll("
                           "'#ex-map .geo .layer.coastlines path').length > 0")
    # plotly may draw once at its default 700x450 before it fits the figure to its box.
    page.wait_for_function("""() => {
        const gd = document.querySelector('#ex-map .js-plotly-plot');
        const box = document.getElementById('ex-map');
        return gd && gd._fullLayout && Math.abs(gd._fullLayout.width - box.clientWidth) < 2
            && Math.abs(gd._fullLayout.height - box.clientHeight) < 2;
    }""")
    return requests


def assert_local_only(requests: list[str], app_url: str) -> None:
    host = urlsplit(app_url).netloc
    assert requests, "no request was recorded"
    elsewhere = [u for u in requests if urlsplit(u).netloc != host]
    assert elsewhere == []
    assert urlsplit(app_url).hostname == "127.0.0.1"


def assert_base_layer_drawn(page) -> None:
    drawn = dict(page.evaluate(LAND_PATHS))
    assert set(drawn) == {"land", "coastlines", "countries"}
    # Real outlines, not empty paths: thousands of path commands for 1:50m Natural Earth.
    assert all(length > 10_000 for length in drawn.values()), drawn


@pytest.fixture(scope="module")
def seed_app(neo4j_connection, neo4j_env, tmp_path_factory):
    """The seed article in an emptied database, and an app of its own (no cached views)."""
    needs_basemap()
    with Database(neo4j_connection) as db:
        ingest_seed(db, neo4j_env)
    app = start_app(neo4j_env, tmp_path_factory.mktemp("map-seed") / "app.log")
    yield app
    stop_app(app)


@pytest.mark.parametrize("size", [(1400, 900), (1280, 720)])
def test_the_map_draws_coastlines_under_the_seed_places_without_leaving_127_0_0_1(
        page, seed_app, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    requests = open_map(page, seed_app.url + "/?view=events&layout=map")
    assert_base_layer_drawn(page)
    labels = [box[0] for box in page.evaluate(LABEL_BOXES)]
    assert "Seoul" in labels and "Pyongyang" in labels and "Moscow" in labels
    assert any("Jeju" in label for label in labels)
    assert f"{seed_app.url}/_actorgraph/basemap/world_50m.json" in requests
    assert_local_only(requests, seed_app.url)


def test_wheel_zooms_and_dragging_pans_the_map(page, seed_app):
    open_map(page, seed_app.url + "/?view=events&layout=map")
    geo = "() => { const g = document.querySelector('#ex-map .js-plotly-plot')._fullLayout.geo;" \
          " return [g.projection.scale, g.center.lon, g.center.lat]; }"
    scale, lon, _ = page.evaluate(geo)
    box = page.locator("#ex-map .geo .bg").bounding_box() or \
        page.locator("#ex-map .nsewdrag").first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.wheel(0, -400)
    page.wait_for_function(f"() => ({geo})()[0] > {scale}")
    zoomed, lon, _ = page.evaluate(geo)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 120, y + 60, steps=8)
    page.mouse.up()
    page.wait_for_function(f"() => ({geo})()[1] < {lon}")  # dragged east: the view goes west
    assert page.evaluate(geo)[0] == pytest.approx(zoomed)
    assert_base_layer_drawn(page)


COLOUR_COUNTS = """async data => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + data;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    const near = (i, r, g, b) => Math.abs(px[i] - r) + Math.abs(px[i + 1] - g)
                                 + Math.abs(px[i + 2] - b) < 8;
    let land = 0, sea = 0;
    for (let i = 0; i < px.length; i += 4) {
        if (near(i, 0xee, 0xf0, 0xe6)) land++;
        else if (near(i, 0xdc, 0xe9, 0xf2)) sea++;
    }
    return {land: land, sea: sea, total: px.length / 4, width: c.width, height: c.height};
}"""


def assert_land_and_sea(page, png: bytes) -> dict:
    """Decodes the PNG in the page and counts pixels of the land and the sea colours."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    counts = page.evaluate(COLOUR_COUNTS, base64.b64encode(png).decode())
    assert counts["land"] > 0.05 * counts["total"], counts
    assert counts["sea"] > 0.01 * counts["total"], counts
    return counts


def test_the_cameras_png_of_the_map_shows_land_and_sea(page, seed_app):
    open_map(page, seed_app.url + "/?view=events&layout=map")
    page.locator("#ex-map .js-plotly-plot").hover()
    with page.expect_download() as info:
        page.locator('#ex-map .modebar-btn[data-title="Download plot as a PNG"]').click()
    download = info.value
    assert download.suggested_filename == "actorgraph-map.png"
    assert_land_and_sea(page, download.path().read_bytes())


def test_the_export_panel_exports_the_map_while_the_map_is_shown(page, seed_app):
    open_map(page, seed_app.url + "/?view=events&layout=map")
    page.locator("#ex-export-panel summary").click()
    page.locator("#ex-export-format input[value='png']").check()
    page.locator("#ex-export-scale input[value='2']").check()
    with page.expect_download() as info:
        page.locator("#ex-export-go").click()
    download = info.value
    assert download.suggested_filename == "actorgraph-map.png"
    counts = assert_land_and_sea(page, download.path().read_bytes())
    shown = page.locator("#ex-map .main-svg").first.bounding_box()
    assert (counts["width"], counts["height"]) == (round(shown["width"]) * 2,
                                                   round(shown["height"]) * 2)
    notice = page.locator("#ex-export-notice")
    notice.get_by_text("actorgraph-map.png: the map as shown").wait_for()
    assert notice.inner_text() == (f"actorgraph-map.png: the map as shown, "
                                   f"{counts['width']:,} x {counts['height']:,} px at 2x.")


def dense_rows() -> str:
    """Places on a grid over South Korea, one event each, and one hostile name with many."""
    rows = []
    for i in range(DENSE_PLACES):
        place = geo(4, f"Town {i:02d}, South Korea", "KS", "KS11", 35.0 + (i // 10) * 0.5,
                    126.6 + (i % 10) * 0.3, f"-9{i:05d}")
        day = f"2025{1 + i // 28:02d}{1 + i % 28:02d}"
        rows.append(line(1260000000 + i, day, KORGOV, USAGOV, "042", place,
                         url=f"https://news.example.com/2025/town-{i}"))
    hostile = geo(4, HOSTILE, "KS", "KS11", 36.2, 129.3, "-977777")
    for i in range(12):
        rows.append(line(1260001000 + i, f"202506{1 + i:02d}", KORGOV, USAGOV, "042",
                         hostile, url=f"https://news.example.com/2025/port-{i}"))
    return "".join(rows)


@pytest.fixture(scope="module")
def dense_app(neo4j_connection, neo4j_env, tmp_path_factory, seed_app):
    """GDELT rows at 61 places close together; runs after the seed tests (it empties the
    database) and has an app of its own."""
    needs_basemap()
    stop_app(seed_app)
    folder = tmp_path_factory.mktemp("map-dense")
    export = folder / "20250901000000.export.CSV"
    export.write_text(dense_rows())
    with Database(neo4j_connection) as db:
        clear_database(db)
        done = subprocess.run([sys.executable, "-m", "actorgraph", "import-gdelt",
                               "--no-progress", str(export)], env=neo4j_env, cwd=ROOT,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    app = start_app(neo4j_env, folder / "app.log")
    yield app
    stop_app(app)


def overlapping(boxes: list) -> list[tuple[str, str]]:
    return [(a[0], b[0]) for a, b in itertools.combinations(boxes, 2)
            if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]]


@pytest.mark.parametrize("size", [(1400, 900), (1280, 720)])
def test_labels_of_many_close_places_do_not_overlap_and_the_rest_are_on_hover(
        page, dense_app, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    requests = open_map(page, dense_app.url + "/?view=events&layout=map")
    assert_base_layer_drawn(page)
    places = DENSE_PLACES + 1
    assert page.locator("#ex-map .scattergeo path.point").count() == places
    boxes = page.evaluate(LABEL_BOXES)
    assert 3 <= len(boxes) < places
    assert overlapping(boxes) == []
    title = page.locator("#ex-map .gtitle").text_content()
    assert title == (f"Places of {DENSE_PLACES + 12} events ({len(boxes)} of {places} places "
                     "labelled, the rest on hover)")
    assert_local_only(requests, dense_app.url)


def test_html_in_a_place_name_is_shown_as_text_on_the_map_and_on_hover(page, dense_app):
    open_map(page, dense_app.url + "/?view=events&layout=map")
    labels = [box[0] for box in page.evaluate(LABEL_BOXES)]
    assert HOSTILE in labels  # the place with the most events is labelled, verbatim
    assert page.locator("#ex-map a").count() == 0  # plotly turned no name into a link
    assert page.locator("#ex-map .scattergeo text tspan[style*='bold']").count() == 0
    point = page.evaluate("""() => {
        const gd = document.querySelector('#ex-map .js-plotly-plot');
        const i = gd.data[0].text.findIndex(t => t.includes('Bold'));
        const r = document.querySelectorAll('#ex-map .scattergeo path.point')[i]
            .getBoundingClientRect();
        return {x: r.left + r.width / 2, y: r.top + r.height / 2};
    }""")
    page.mouse.move(point["x"], point["y"])
    hover = page.locator("#ex-map .hoverlayer .hovertext")
    hover.wait_for()
    text = hover.text_content()
    assert text.startswith(HOSTILE)
    assert text.count("2025-06-") == 12
    assert hover.locator("a").count() == 0
