"""Exports from the app, in Chromium: each control downloads a file a person can open, and the
CLI draws the same view at the same size. Files are checked by their bytes, sizes and parsed
contents, counts against what the page shows."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import networkx as nx
import pytest

from actorgraph.export.data.cyjson import load_elements
from actorgraph.export.image.images import ImageRenderer
from actorgraph.export.image.limits import CanvasLimit
from actorgraph.view.style import stylesheet
from tests.browser.conftest import start_app, stop_app
from tests.conftest import ROOT
from tests.image_files import PNG_MAGIC, jpeg_size, png_size, svg_size, svg_text

SIZE = re.compile(r"([\d,]+) x ([\d,]+) px at ([\d.]+)x")


def open_graph(page, url: str) -> None:
    """Open a page and wait until its graph has nodes that stopped moving."""
    page.goto(url)
    wait_for_graph(page)


def wait_for_graph(page) -> None:
    page.wait_for_function("""() => {
        const cy = window.actorgraphExport && (window.actorgraphExport.findCy("ex-graph")
                   || window.actorgraphExport.findCy("console-graph"));
        if (!cy || cy.nodes().length === 0) { return false; }
        const now = JSON.stringify(cy.nodes().map(n => n.position()));
        const same = window._agExportLast === now;
        window._agExportLast = now;
        return same;
    }""", polling=300)


def export_file(page, prefix: str, tmp_path: Path, fmt: str, *, scale: int = 1,
                area: str = "full", title: str = "", extras: tuple[str, ...] = ()) -> Path:
    """Set the controls, press Export, and save what the browser downloads."""
    panel = page.locator(f"#{prefix}-panel")
    if panel.get_attribute("open") is None:
        page.locator(f"#{prefix}-panel summary").click()
    page.locator(f"#{prefix}-format input[value='{fmt}']").check()
    page.locator(f"#{prefix}-area input[value='{area}']").check()
    page.locator(f"#{prefix}-scale input[value='{scale}']").check()
    page.locator(f"#{prefix}-title").fill(title)
    for extra in ("legend", "sources"):
        box = page.locator(f"#{prefix}-extras input[value='{extra}']")
        box.set_checked(extra in extras)
    with page.expect_download() as info:
        page.locator(f"#{prefix}-go").click()
    download = info.value
    assert download.failure() is None
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return path


def notice_size(page, prefix: str) -> tuple[int, int, float]:
    page.wait_for_function(f"""() => /px at/.test(
        document.querySelector('#{prefix}-notice').innerText)""")
    m = SIZE.search(page.locator(f"#{prefix}-notice").inner_text())
    return int(m[1].replace(",", "")), int(m[2].replace(",", "")), float(m[3])


def drawn(page, graph_id: str) -> dict:
    return page.evaluate(f"""() => {{
        const cy = window.actorgraphExport.findCy("{graph_id}");
        return {{nodes: cy.nodes(':visible').map(n => n.id()),
                 labels: cy.nodes(':visible').map(n => n.data('label')),
                 edges: cy.edges(':visible').length,
                 container: cy.renderer().findContainerClientCoords().slice(2, 4)}};
    }}""")


TODAY = date.today().isoformat()


def test_each_export_of_the_explorer_downloads_a_file_that_opens(page, app_server, seeded,
                                                                  tmp_path):
    open_graph(page, app_server.url + "/?layout=hierarchical")
    shown = drawn(page, "ex-graph")
    assert len(shown["nodes"]) > 5

    png = export_file(page, "ex-export", tmp_path, "png")
    assert png.name == f"actorgraph-alliances-{TODAY}.png"
    width, height, scale = notice_size(page, "ex-export")
    assert png.read_bytes()[:8] == PNG_MAGIC
    assert png_size(png.read_bytes()) == (width, height) and scale == 1

    jpg = export_file(page, "ex-export", tmp_path, "jpg")
    assert jpg.name == f"actorgraph-alliances-{TODAY}.jpg"
    assert jpeg_size(jpg.read_bytes()) == (width, height)

    svg = export_file(page, "ex-export", tmp_path, "svg")
    assert svg.name == f"actorgraph-alliances-{TODAY}.svg"
    assert svg_size(svg.read_bytes()) == (width, height)
    text = svg_text(svg.read_bytes())
    for label in shown["labels"]:
        assert " ".join(label.split()) in text, label

    graphml = export_file(page, "ex-export", tmp_path, "graphml")
    assert graphml.name == f"actorgraph-alliances-{TODAY}.graphml"
    graph = nx.read_graphml(graphml)
    assert sorted(graph.nodes) == sorted(shown["nodes"])
    assert graph.number_of_edges() == shown["edges"]
    assert all("articles" in d for _, d in graph.nodes(data=True))

    cyjs = export_file(page, "ex-export", tmp_path, "json")
    assert cyjs.name == f"actorgraph-alliances-{TODAY}.json"
    elements = load_elements(cyjs.read_text())
    nodes = [e for e in elements if "source" not in e["data"]]
    assert sorted(e["data"]["id"] for e in nodes) == sorted(shown["nodes"])
    assert all("position" in e for e in nodes)  # the layout the page shows

    zipped = export_file(page, "ex-export", tmp_path, "csv")
    assert zipped.name == f"actorgraph-alliances-{TODAY}.zip"
    stem = zipped.stem
    with zipfile.ZipFile(zipped) as zf:
        assert zf.namelist() == [f"{stem}-nodes.csv", f"{stem}-relationships.csv"]
        node_rows = list(csv.reader(io.StringIO(zf.read(f"{stem}-nodes.csv").decode())))
        rel_rows = list(csv.reader(io.StringIO(
            zf.read(f"{stem}-relationships.csv").decode())))
    assert node_rows[0][:2] == ["id:ID", ":LABEL"]
    assert rel_rows[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert (len(node_rows) - 1, len(rel_rows) - 1) == (len(shown["nodes"]), shown["edges"])


def test_scale_2_is_twice_scale_1_and_the_cli_draws_the_same_size(page, app_server, seeded,
                                                                  neo4j_env, fontconfig_files,
                                                                  tmp_path):
    open_graph(page, app_server.url + "/?layout=hierarchical")
    one = png_size(export_file(page, "ex-export", tmp_path, "png").read_bytes())
    two = png_size(export_file(page, "ex-export", tmp_path, "png", scale=2).read_bytes())
    assert two == (2 * one[0], 2 * one[1])
    cli = tmp_path / "cli.png"
    result = subprocess.run(
        [sys.executable, "-m", "actorgraph", "export", "--view", "alliances", "--layout",
         "hierarchical", "--scale", "2", "--out", str(cli)],
        # The CLI's Chromium gets the fonts the page's has: labels of another width would
        # make another bounding box.
        env={**neo4j_env, "FONTCONFIG_FILE": str(fontconfig_files("dejavu"))}, cwd=ROOT,
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert png_size(cli.read_bytes()) == two


def test_the_visible_part_is_the_graph_area_times_the_scale(page, app_server, seeded,
                                                            tmp_path):
    open_graph(page, app_server.url + "/?layout=concentric")
    width, height = drawn(page, "ex-graph")["container"]
    path = export_file(page, "ex-export", tmp_path, "png", scale=2, area="visible")
    assert png_size(path.read_bytes()) == (2 * round(width), 2 * round(height))


def test_a_publication_image_carries_title_legend_and_sources(page, app_server, seeded,
                                                             tmp_path):
    open_graph(page, app_server.url + "/?layout=hierarchical")
    plain = png_size(export_file(page, "ex-export", tmp_path, "png").read_bytes())
    framed_png = export_file(page, "ex-export", tmp_path, "png", title="Who backs whom",
                             extras=("legend", "sources"))
    framed = png_size(framed_png.read_bytes())
    assert framed_png.name == f"actorgraph-alliances-{TODAY}.png"
    assert framed == notice_size(page, "ex-export")[:2]
    assert framed[0] >= plain[0] and framed[1] > plain[1] + 100
    framed_svg = export_file(page, "ex-export", tmp_path, "svg", title="Who backs whom",
                             extras=("legend", "sources"))
    text = svg_text(framed_svg.read_bytes())
    assert "Who backs whom" in text
    assert "State (" in text and "Bloc A (" in text
    assert "Sources: 1 article: news.de (1)" in text
    assert "Articles: newsde-putin-im-visier" in text
    assert svg_size(framed_svg.read_bytes()) == framed


def test_the_console_graph_exports_too(page, app_server, seeded, tmp_path):
    query = "MATCH (a:Actor {id: 'PRK'})-[r]-(b:Actor) RETURN a, r, b"
    page.goto(app_server.url + "/console?" + urlencode({"q": query}))
    page.locator("#console-graph-count").wait_for()
    wait_for_graph(page)
    shown = drawn(page, "console-graph")
    png = export_file(page, "console-export", tmp_path, "png")
    assert png.name == f"actorgraph-query-{TODAY}.png"
    assert png_size(png.read_bytes()) == notice_size(page, "console-export")[:2]
    graph = nx.read_graphml(export_file(page, "console-export", tmp_path, "graphml"))
    assert graph.number_of_nodes() == len(shown["nodes"])
    assert graph.number_of_edges() == shown["edges"]
    assert graph.nodes["PRK"]["label"] == "North Korea"


@pytest.fixture(scope="module")
def small_canvas_app(neo4j_env, tmp_path_factory):
    """The app with a canvas limit of 400 px a side, so an everyday graph hits it."""
    env = dict(neo4j_env, ACTORGRAPH_EXPORT_MAX_SIDE="400")
    app = start_app(env, tmp_path_factory.mktemp("small-canvas") / "app.log")
    yield app
    stop_app(app)


def test_a_capped_export_says_so_and_offers_jpg(page, small_canvas_app, seeded, tmp_path):
    open_graph(page, small_canvas_app.url + "/?layout=hierarchical")
    png = export_file(page, "ex-export", tmp_path, "png", scale=4)
    width, height, scale = notice_size(page, "ex-export")
    notice = page.locator("#ex-export-notice").inner_text()
    assert "At 4x the image would be" in notice
    assert f"Exported at {scale:g}x instead" in notice and scale < 4
    assert png_size(png.read_bytes()) == (width, height)
    assert max(width, height) <= 400 and min(width, height) > 0
    offer = page.locator("#ex-export-as-jpg")
    assert offer.is_visible()
    with page.expect_download() as info:
        offer.click()
    jpg = tmp_path / info.value.suggested_filename
    info.value.save_as(jpg)
    assert jpg.suffix == ".jpg"
    assert jpeg_size(jpg.read_bytes()) == (width, height)
    assert page.locator("#ex-export-format input[value='jpg']").is_checked()


def test_2000_nodes_export_a_capped_non_empty_image(chromium):
    """A grid of 2,000 nodes, 120 px apart: about 6,000 x 4,700 px, too large at 4x."""
    elements = [{"data": {"id": f"n{i}", "label": f"Actor {i}", "kind": "state",
                          "group": "actor", "degree": 2},
                 "classes": "actor k-state", "position": {"x": (i % 50) * 120,
                                                          "y": (i // 50) * 120}}
                for i in range(2000)]
    elements += [{"data": {"id": f"e{i}", "source": f"n{i}", "target": f"n{i + 1}",
                           "type": "ALLIED_WITH", "weight": 1.0},
                  "classes": "relation e-alliance"} for i in range(0, 1999, 2)]
    limit = CanvasLimit(max_side=16384, max_pixels=268_435_456)
    with ImageRenderer(limit=limit, browser=chromium) as renderer:
        drawing = renderer.draw(elements, stylesheet(), {"name": "preset", "fit": True})
        assert drawing["nodes"] == 2000
        jpg = renderer.export(drawing, fmt="jpg", scale=4)
        svg = renderer.export(drawing, fmt="svg", scale=1)
    assert jpg.choice.capped and jpg.choice.scale < 4
    assert "JPG" not in jpg.notice.split("instead")[1]  # no need to offer what it is
    assert jpeg_size(jpg.data) == (jpg.width, jpg.height)
    assert max(jpg.width, jpg.height) <= 16384 and jpg.width * jpg.height > 100_000_000
    assert len(jpg.data) > 100_000
    assert svg_text(svg.data).count("Actor ") == 2000
