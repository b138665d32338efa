"""Debian's Chromium, driven by Playwright, and the headless page `ImageRenderer` draws in:
the one place that knows how to start the browser and what it loads.

Playwright never downloads a browser here: it is always given `executable_path`. The flags
keep a headless Chromium from reaching out (no sync, no component updates, no background
networking) and make it start the same way in the CLI, the benchmark and the browser tests.

The page is built from files on disk only. Scripts: React and ReactDOM as Dash ships them (the
versions Dash 4 serves), dash-cytoscape's extra bundle (cytoscape.js 3.28 with cose-bilkent,
fcose, cola, dagre, klay and the SVG exporter: exactly what the app loads after
`cyto.load_extra_layouts()`), the app's own `assets/export.js`, and `headless.js`. They are
inlined into the page's HTML, and every request the page would make is refused, so rendering
needs no network. One HTML document also lets the browser parse the scripts while Python goes
on (querying Neo4j, say): the page is only waited for when the first graph is drawn.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import TYPE_CHECKING

from actorgraph import config
from actorgraph.errors import ExportFailed
from actorgraph.view import fonts

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

CHROMIUM_FLAGS: list[str] = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def chromium_path() -> str:
    """The Chromium executable (ACTORGRAPH_CHROMIUM, by default Debian's /usr/bin/chromium)."""
    return config.get("ACTORGRAPH_CHROMIUM") or "/usr/bin/chromium"


def launch(playwright: Playwright, executable: str | None = None) -> Browser:
    """A headless Chromium with the project's flags; a clear error when it is missing."""
    path = executable or chromium_path()
    if not Path(path).exists():
        raise ExportFailed(
            f"Chromium not found at {path}: install Debian's chromium package "
            f"(scripts/setup-system.sh --browser) or set ACTORGRAPH_CHROMIUM")
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS, headless=True)


REACT_VERSION = "18.3.1"
"""The React Dash 4 serves by default (`dash._dash_renderer`)."""


def _package_dir(name: str) -> Path:
    """Where a package is installed, without importing it (importing Dash takes a second)."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise FileNotFoundError(f"the {name} package is not installed")
    return Path(spec.origin).parent


DEPS = _package_dir("dash") / "deps"
CYTOSCAPE_DIR = _package_dir("dash_cytoscape")
ASSETS = Path(__file__).resolve().parents[2] / "dashboard" / "assets"


def script_paths() -> list[Path]:
    """The scripts in load order; each must exist (a broken install fails here, clearly)."""
    paths = [
        DEPS / f"react@{REACT_VERSION}.min.js",
        DEPS / f"react-dom@{REACT_VERSION}.min.js",
        CYTOSCAPE_DIR / "dash_cytoscape_extra.min.js",
        ASSETS / "export.js",
        Path(__file__).resolve().parent / "headless.js",
    ]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"files the export page needs are missing: {', '.join(missing)}")
    return paths


_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)


def _inline(path: Path) -> str:
    # "</script" would end the element early; "<\/script" means the same inside JavaScript.
    return "<script>" + _SCRIPT_END.sub(r"<\\/\1", path.read_text(encoding="utf-8")) + \
        "</script>"


def page_html(width: int, height: int, scripts: list[Path] | None = None) -> str:
    """The page with the graph's container at the given size (the size matters only for
    visible-part exports and grid layouts) and the scripts inlined after it."""
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>actorgraph export</title>"
        "<style>html,body{margin:0;padding:0;background:#fff}"
        f"body{{font-family:{fonts.SANS}}}</style></head><body>"
        "<div id='boot' style='width:10px;height:10px;position:absolute;left:-50px'></div>"
        f"<div id='cy' style='width:{width}px;height:{height}px'></div>"
        + "".join(_inline(p) for p in (scripts if scripts is not None else script_paths()))
        + "</body></html>"
    )
