"""Large graphs are drawn as one picture while the viewport moves (assets/renderer.js).

A real wheel gesture over the explorer's graph, in Chromium: below the large-graph threshold
every frame is drawn in full; at or above it, cytoscape.js draws from a texture while the
wheel zooms, and draws the graph in full again afterwards.
"""

from __future__ import annotations

from tests.browser.test_explorer import click_node, drawn, open_explorer

# Counts, frame by frame, whether cytoscape.js drew from its viewport texture. Its canvas
# renderer keeps `textureCache` while it draws from the texture and drops it in the first
# frame drawn in full.
RECORD_FRAMES = """() => {
    window._agFrames = [];
    const record = () => {
        window._agFrames.push(!!window.cy.renderer().textureCache);
        if (window._agFrames.length < 600) { window.requestAnimationFrame(record); }
    };
    window.requestAnimationFrame(record);
}"""


def wheel_zoom(page) -> list[bool]:
    """Zooms in with the mouse wheel over the middle of the graph, as a person does; returns
    for each frame drawn meanwhile and just after whether it came from the texture."""
    box = page.locator("#ex-graph").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.evaluate(RECORD_FRAMES)
    for _ in range(8):
        page.mouse.wheel(0, -120)
        page.wait_for_timeout(40)
    page.wait_for_timeout(600)  # past cytoscape.js's 150 ms end of a wheel zoom
    return page.evaluate("window._agFrames")


def test_a_small_graph_is_drawn_in_full_while_zooming(page, app_server, seeded):
    open_explorer(page, app_server.url + "/")
    elements = page.evaluate("window.cy.elements().length")
    assert 0 < elements < page.evaluate("window.actorgraphRenderer.largeGraph")
    assert page.evaluate("window.cy.renderer().textureOnViewport") is False
    zoom = page.evaluate("window.cy.zoom()")
    frames = wheel_zoom(page)
    assert page.evaluate("window.cy.zoom()") > zoom
    assert len(frames) > 5
    assert not any(frames)


def test_a_large_graph_zooms_on_a_texture_and_is_redrawn_in_full(page, app_server, seeded):
    open_explorer(page, app_server.url + "/")
    elements = page.evaluate("window.cy.elements().length")
    # The seed is small: the threshold is lowered to half its size, and a hidden node
    # (elements removed, as the Hide button does) makes the script look at the graph again.
    page.evaluate("n => { window.actorgraphRenderer.largeGraph = n; }", elements // 2)
    assert page.evaluate("window.cy.renderer().textureOnViewport") is False
    actors = drawn(page, ".actor")
    click_node(page, "RUS")
    page.locator("#ex-details h3", has_text="Russia").wait_for()
    page.locator("#ex-hide-node").click()
    page.wait_for_function("n => window.cy.nodes('.actor').filter(':visible').length < n",
                           arg=actors)
    page.wait_for_function("() => window.cy.renderer().textureOnViewport === true")
    zoom = page.evaluate("window.cy.zoom()")
    frames = wheel_zoom(page)
    assert page.evaluate("window.cy.zoom()") > zoom
    assert any(frames), "no frame was drawn from the texture while the wheel zoomed"
    assert frames[-1] is False, "the graph was not drawn in full again after the zoom"
