"""Every control of every page can be seen and used, as a person would: for each page, window
size and font set (DejaVu alone, as on a fresh Debian, and the designed fonts), each control is
inside the window (after scrolling its own panel or the page down, as a person would; never
sideways), big enough to hit, and the point at its centre is the control itself, not something
drawn over it. Drop-downs, the export panel and the search suggestions are opened and checked
the same way, and then used with the mouse at those points."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from actorgraph.view import fonts
from tests.browser.conftest import wait_for_layout
from tests.conftest import ROOT

VIEWPORTS = [(1280, 720), (1400, 900), (1440, 900), (1920, 1080)]
FONT_SETS = ["dejavu", "designed"]
RENDERED_FONT = {"dejavu": "DejaVu Sans", "designed": fonts.SANS_FAMILY}
MIN_SIDE = 16
"""Smallest width and height of a control, in CSS px."""
MIN_TEXT_WIDTH = 120
"""Smallest width of a text field."""
MIN_SEARCH_WIDTH = 200

# A control is what a person clicks or types into. A radio button or check box is used
# through its label (Dash renders each option as a label around its input): the label is
# checked. Elements hidden from everyone (aria-hidden focus targets, pointer-events: none,
# closed panels, transparent tool bars) are not controls.
AUDIT = """(rootSelector) => {
  const SELECTOR = 'a[href], button, input, select, textarea, summary, [role=option], '
                 + '[role=slider], [tabindex]:not([tabindex="-1"])';
  const root = rootSelector ? document.querySelector(rootSelector) : document.body;
  if (!root) { return {checked: [], problems: ['nothing matches ' + rootSelector]}; }
  const name = el => el.id && el.id[0] !== '{' ? '#' + el.id : el.tagName.toLowerCase() + ' "'
      + (el.innerText || el.value || el.placeholder || el.getAttribute('aria-label') || '')
        .trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
  const problems = [], checked = [];
  const page = document.scrollingElement;
  if (page.scrollWidth > window.innerWidth) {
    problems.push('the page is ' + page.scrollWidth + ' px wide in a window of '
                  + window.innerWidth + ' px');
  }
  for (const el of root.querySelectorAll(SELECTOR)) {
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) { continue; }
    if (el.closest('[aria-hidden=true]')) { continue; }
    if (getComputedStyle(el).pointerEvents === 'none') { continue; }
    if ((el.type === 'radio' || el.type === 'checkbox') && el.closest('label')) { continue; }
    el.scrollIntoView({block: 'nearest', inline: 'nearest'});
    const r = el.getBoundingClientRect();
    const what = name(el) + ' at ' + [r.left, r.top, r.width, r.height].map(Math.round)
                 .join(',');
    checked.push(name(el));
    if (r.left < -0.5 || r.top < -0.5 || r.right > window.innerWidth + 0.5
        || r.bottom > window.innerHeight + 0.5) {
      problems.push(what + ': outside the window'); continue;
    }
    const text = el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT'
                 && ['text', 'search', 'number', ''].includes(el.getAttribute('type') || ''));
    const minWidth = text ? __MIN_TEXT__ : __MIN__;
    if (r.width < minWidth || r.height < __MIN__) {
      problems.push(what + ': smaller than ' + minWidth + ' x __MIN__ px'); continue;
    }
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || !(hit === el || el.contains(hit))) {
      problems.push(what + ': covered by ' + (hit ? name(hit) + '.' + hit.className : 'nothing'));
    }
  }
  return {checked: checked, problems: problems};
}""".replace("__MIN_TEXT__", str(MIN_TEXT_WIDTH)).replace("__MIN__", str(MIN_SIDE))


@pytest.fixture(params=FONT_SETS)
def font_set(request) -> str:
    return request.param


@pytest.fixture(params=VIEWPORTS, ids=lambda v: f"{v[0]}x{v[1]}")
def window(request, font_set, chromium, designed_chromium) -> Iterator[object]:
    """A page of the given size in the Chromium of the font set; no browser console errors."""
    browser = chromium if font_set == "dejavu" else designed_chromium
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height},
                                  accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_default_timeout(60_000)
    page.font_set = font_set
    yield page
    context.close()
    assert errors == [], f"browser console errors: {errors}"


def audit(page, root: str | None = None) -> list[str]:
    """Check the controls (under `root`); fails with every problem found. Returns their names."""
    found = page.evaluate(AUDIT, root)
    assert found["problems"] == [], (
        f"{page.url} at {page.viewport_size} with {page.font_set} fonts:\n  "
        + "\n  ".join(found["problems"]))
    return found["checked"]


def rendered_font(page, selector: str) -> str:
    """The font Chromium really drew the element's text with (not what the CSS asks for)."""
    page.evaluate("""sel => {  // the element that holds the text itself
        const walker = document.createTreeWalker(document.querySelector(sel),
                                                 NodeFilter.SHOW_TEXT);
        let text = walker.nextNode();
        while (text && !text.data.trim()) { text = walker.nextNode(); }
        text.parentElement.setAttribute('data-font-probe', '');
    }""", selector)
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root,
                                            "selector": "[data-font-probe]"})["nodeId"]
    used = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return max(used, key=lambda f: f["glyphCount"])["familyName"]


def click_centre(locator) -> None:
    """Click where a person would: the middle of what they see (scrolled to, as a person
    scrolls a panel or the page), after checking that it is there and not covered."""
    control = locator.first
    control.wait_for()
    control.evaluate("el => el.scrollIntoView({block: 'nearest', inline: 'nearest'})")
    box = control.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    hit = control.evaluate("""(el, [x, y]) => {
        const hit = document.elementFromPoint(x, y);
        return !!hit && (el === hit || el.contains(hit));
    }""", [x, y])
    assert hit, f"{locator} is covered at its centre ({x:.0f}, {y:.0f})"
    control.page.mouse.click(x, y)


def test_explorer_controls_export_panel_and_search(window, app_server, seeded, tmp_path):
    page = window
    page.goto(app_server.url + "/")
    page.locator("#ex-counter-text").wait_for()
    wait_for_layout(page)
    assert rendered_font(page, ".ag-views label") == RENDERED_FONT[page.font_set]
    page_height = page.evaluate("document.scrollingElement.scrollHeight")
    assert page_height <= page.viewport_size["height"], "the explorer is taller than the window"
    checked = audit(page)
    for control in ("#ex-search", "#ex-expand", "#ex-path-clear", 'summary "Export"',
                    "#ex-articles", "#ex-min-support", 'label "GDELT documents"'):
        assert control in checked
    search = page.locator("#ex-search").bounding_box()
    assert search["width"] >= MIN_SEARCH_WIDTH

    # The export panel: open it, check its controls, export a PNG with the mouse.
    click_centre(page.locator("#ex-export-panel summary"))
    page.locator("#ex-export-go").wait_for()
    checked = audit(page, "#ex-export-panel")
    for control in ("#ex-export-go", "#ex-export-title", 'label "PNG"', 'label "CSV (neo4j-admin)"',
                    'label "Sources (articles, outlets, dates)"'):
        assert control in checked
    with page.expect_download() as info:
        click_centre(page.locator("#ex-export-go"))
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.suffix == ".png" and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    click_centre(page.locator("#ex-export-panel summary"))  # closes it again
    page.wait_for_function("() => !document.querySelector('#ex-export-panel').open")

    # Search as a person does: click into the box, type, pick the suggestion with the mouse.
    click_centre(page.locator("#ex-search"))
    page.keyboard.type("Lawrow")
    page.locator(".ag-suggestion", has_text="Sergey Lavrov").wait_for()
    checked = audit(page, "#ex-suggestions")
    assert any("Sergey Lavrov" in name for name in checked)
    click_centre(page.locator(".ag-suggestion:has-text('Sergey Lavrov')"))
    page.wait_for_function("() => window.cy.$(':selected').map(e => e.id()).includes('lavrov')")
    page.locator("#ex-details h3", has_text="Sergey Lavrov").wait_for()

    # A filter's drop-down opens inside the window with usable options.
    click_centre(page.locator("#ex-articles"))
    page.locator(".dash-dropdown-content").wait_for()
    checked = audit(page, ".dash-dropdown-content")
    assert any(name.startswith('label "Wladimir Putin im Visier') for name in checked)


def test_console_controls_and_its_export_panel(window, app_server, seeded):
    page = window
    page.goto(app_server.url + "/console")
    page.locator("#console-query").wait_for()
    assert rendered_font(page, "#console-run") == RENDERED_FONT[page.font_set]
    checked = audit(page)
    for control in ("#console-query", "#console-run", "#console-csv", "#console-json",
                    "#console-examples", "#console-history-picker"):
        assert control in checked

    click_centre(page.locator("#console-examples"))
    page.locator(".dash-dropdown-content").wait_for()
    audit(page, ".dash-dropdown-content")
    click_centre(page.locator(".dash-dropdown-content label", has_text="North Korea's partners"))
    page.wait_for_function(
        "() => document.querySelector('#console-query').value.includes('$actor')")
    click_centre(page.locator("#console-run"))
    page.locator("#console-graph-count").wait_for()
    page.wait_for_function("() => window.actorgraphExport.findCy('console-graph') !== null")
    audit(page)
    click_centre(page.locator("#console-export-panel summary"))
    page.locator("#console-export-go").wait_for()
    checked = audit(page, "#console-export-panel")
    assert "#console-export-go" in checked and 'label "GraphML"' in checked


def test_dyads_controls(window, app_server, seeded):
    page = window
    page.goto(app_server.url + "/dyads")
    page.locator("#dyad-actor-a").wait_for()
    page.locator("#dyad-figure .js-plotly-plot").wait_for()
    assert rendered_font(page, ".ag-dyads p") == RENDERED_FONT[page.font_set]
    checked = audit(page)
    for control in ("#dyad-actor-a", "#dyad-actor-b", 'label "Each event once"'):
        assert control in checked
    click_centre(page.locator("#dyad-actor-b"))
    page.locator(".dash-dropdown-content").wait_for()
    checked = audit(page, ".dash-dropdown-content")
    assert len(checked) > 3


def test_review_controls_with_a_draft(window, review_server):
    """The Review page (review on) with the seed's draft drawn: every control of the form,
    the facts and the new-actor form; a fact's drop-down opened and used."""
    page = window
    page.goto(review_server.url + "/review")
    page.locator("#rv-text").wait_for()
    assert rendered_font(page, ".ag-review h2") == RENDERED_FONT[page.font_set]
    text = (ROOT / "data" / "articles" / "newsde-putin-im-visier" / "article.txt").read_text(
        encoding="utf-8")
    click_centre(page.locator("#rv-text"))
    page.locator("#rv-text").fill(text)
    click_centre(page.locator("#rv-id"))
    page.keyboard.type("layout-seed")
    click_centre(page.locator("#rv-extract"))
    page.locator("#rv-status", has_text="Draft of layout-seed").wait_for()
    page.locator("#rv-fact-relations-0").wait_for()
    for fact in ("events-0", "events-1", "relations-0"):  # their controls, as a person opens
        click_centre(page.locator(f"#rv-fact-{fact} .ag-review-edit"))
        page.locator(f"#rv-fact-{fact} .ag-review-controls").wait_for()
    checked = audit(page)
    for control in ("#rv-text", "#rv-id", "#rv-outlet", "#rv-published", "#rv-extract",
                    "#rv-save", "#rv-open", "#rv-new-add", 'label "Reject"',
                    "#rv-upload-button", 'button "Edit"'):
        assert control in checked, control
    kind = page.locator("#rv-fact-events-1 .ag-review-field", has_text="Kind") \
        .locator(".dash-dropdown")
    # In the middle of the window first: the drop-down then opens without moving the page,
    # which would move its options under the pointer a moment after they were measured.
    kind.evaluate("el => el.scrollIntoView({block: 'center'})")
    click_centre(kind)
    page.locator(".dash-dropdown-content").wait_for()
    checked = audit(page, ".dash-dropdown-content")
    assert len(checked) >= 8
    page.wait_for_timeout(300)  # the options settle where the audit scrolled them
    click_centre(page.locator(".dash-dropdown-content .dash-dropdown-option",
                              has_text="missile_test"))
    page.wait_for_function("() => document.querySelector('#rv-fact-events-1 "
                           ".ag-review-controls').innerText.includes('missile_test')")
