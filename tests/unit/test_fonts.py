"""The designed fonts are named once (actorgraph/view/fonts.py) and used everywhere text is drawn:
the app's CSS, the graph's stylesheet, the export page, and the setup script that installs them."""

from __future__ import annotations

import re

from actorgraph.dashboard.pages.console import MONOSPACE
from actorgraph.export.image.browser import page_html
from actorgraph.view import fonts
from actorgraph.view.style import base_stylesheet, stylesheet
from tests.conftest import ROOT

ASSETS = ROOT / "src" / "actorgraph" / "dashboard" / "assets"


def css_font_family(css: str, selector: str) -> str:
    rule = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css)
    assert rule, f"no rule for {selector}"
    value = re.search(r"font-family:\s*([^;]+);", rule[1])
    assert value, f"the rule for {selector} names no font-family"
    return " ".join(value[1].split())


def test_the_page_and_its_monospace_text_use_the_designed_stacks():
    css = (ASSETS / "shell.css").read_text()
    assert css_font_family(css, "body") == fonts.SANS
    assert css_font_family(css, "code, pre, kbd") == fonts.MONO
    assert fonts.SANS.startswith('"Liberation Sans",') and fonts.SANS.endswith("sans-serif")
    assert MONOSPACE == fonts.MONO


def test_no_other_stylesheet_names_a_font_of_its_own():
    for path in ASSETS.glob("*.css"):
        if path.name != "shell.css":
            assert "font-family" not in path.read_text(), path.name


def test_graph_labels_and_the_export_page_use_the_designed_stack():
    node = next(r for r in base_stylesheet() if r["selector"] == "node")
    edge = next(r for r in base_stylesheet() if r["selector"] == "edge")
    assert node["style"]["font-family"] == edge["style"]["font-family"] == fonts.SANS
    assert {r["style"].get("font-family") for r in stylesheet()
            if r["selector"] in ("node", "edge")} == {fonts.SANS}
    assert f"body{{font-family:{fonts.SANS}}}" in page_html(100, 100, scripts=[])


def test_the_setup_script_installs_the_designed_fonts():
    script = (ROOT / "scripts" / "setup-system.sh").read_text()
    assert f"missing+=({fonts.DEBIAN_PACKAGE})" in script
    assert str(fonts.FONT_DIR / "LiberationSans-Regular.ttf") in script
