"""PNG, JPG and SVG of a subgraph, drawn by headless Chromium from the app's elements and
stylesheet with the app's cytoscape.js.

`ImageRenderer` keeps one browser and one loaded page for all the images of a run: starting
Chromium and parsing the scripts is most of the first image's time; each further image only
lays out and draws (see benchmarks/export.py).

    with ImageRenderer() as renderer:
        png = renderer.render(elements, stylesheet(), fmt="png", scale=2)
        svg = renderer.render(elements, stylesheet(), fmt="svg")
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from actorgraph.errors import ExportFailed
from actorgraph.export.formats import BACKGROUNDS
from actorgraph.export.image.browser import launch, page_html, script_paths
from actorgraph.export.image.frame import Publication, build_frame
from actorgraph.export.image.limits import CanvasLimit, ScaleChoice, cap_scale, pixel_size

DEFAULT_VIEWPORT = (1200, 800)
DEFAULT_LAYOUT: dict[str, Any] = {"name": "fcose", "quality": "default", "randomize": True,
                                  "animate": False, "fit": True, "padding": 30}
JPG_QUALITY = 0.92
PAGE_TIMEOUT_MS = 60_000


@dataclass(frozen=True)
class RenderedImage:
    fmt: str
    data: bytes
    width: int  # pixels (for SVG: the width attribute)
    height: int
    choice: ScaleChoice
    nodes: int
    edges: int
    labels: tuple[str, ...] = field(default=(), repr=False)

    @property
    def notice(self) -> str | None:
        return self.choice.notice


def background_color(fmt: str, background: str) -> str | None:
    """The fill behind the graph: JPG has no transparency, so it is always white."""
    if background not in BACKGROUNDS:
        raise ExportFailed(f"background must be one of {', '.join(BACKGROUNDS)}; "
                           f"found {background!r}")
    return "#ffffff" if fmt == "jpg" else BACKGROUNDS[background]


def export_job(fmt: str, choice: ScaleChoice, graph_size: tuple[int, int], background: str,
               area: str = "full", frame: dict | None = None) -> dict[str, Any]:
    """The options export.js takes (the app builds the same job for its own exports)."""
    return {
        "type": fmt, "area": area, "scale": choice.scale,
        "graphPx": list(pixel_size(graph_size[0], graph_size[1], choice.scale)),
        "bg": background_color(fmt, background), "quality": JPG_QUALITY, "frame": frame,
    }


def plan_image(fmt: str, graph_size: tuple[int, int], scale: float, background: str,
               publication: Publication | None, limit: CanvasLimit,
               area: str = "full") -> tuple[dict[str, Any], ScaleChoice]:
    """The job for one image: the frame (if any), the capped scale, the pixel sizes."""
    frame = None
    total = graph_size
    if publication is not None and not publication.empty:
        built = build_frame(graph_size[0], graph_size[1], publication)
        frame = built.to_json()
        total = (built.width, built.height)
    choice = cap_scale(total[0], total[1], scale, limit, fmt=fmt)
    return export_job(fmt, choice, graph_size, background, area, frame), choice


def decode(fmt: str, payload: str) -> bytes:
    """Bytes of what export.js returned: a data URI for PNG/JPG, text for SVG."""
    if fmt == "svg":
        return payload.encode("utf-8")
    head, _, body = payload.partition(",")
    if not body or not head.startswith("data:image/"):
        raise ExportFailed(
            f"the browser returned an empty {fmt.upper()} ({payload[:20]!r}): the canvas "
            "was larger than it can draw; use a smaller scale")
    return base64.b64decode(body)


class ImageRenderer:
    """One headless Chromium and one loaded export page for many images."""

    def __init__(self, *, executable: str | None = None,
                 viewport: tuple[int, int] = DEFAULT_VIEWPORT,
                 limit: CanvasLimit | None = None, browser: Any = None) -> None:
        """`browser`: a running Playwright Chromium to use (and leave running) instead of
        starting one - Playwright's sync API allows one instance per thread."""
        self.executable = executable
        self.viewport = viewport
        self.limit = limit or CanvasLimit.from_settings()
        self._playwright: Any = None
        self._own_browser = browser is None
        self._browser: Any = browser
        self._page: Any = None
        self._errors: list[str] = []
        self._blocked: list[str] = []
        self._booted = False

    def __enter__(self) -> ImageRenderer:
        from playwright.sync_api import sync_playwright

        try:
            if self._own_browser:
                self._playwright = sync_playwright().start()
                self._browser = launch(self._playwright, self.executable)
            self._page = self._new_page()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._page is not None:
            self._page.context.close()
            self._page = None
        if self._own_browser and self._browser is not None:
            self._browser.close()
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None

    def _new_page(self) -> Any:
        """The export page, loading: `_ready` waits for it when the first graph is drawn."""
        width, height = self.viewport
        context = self._browser.new_context(viewport={"width": width, "height": height},
                                            device_scale_factor=1)
        page = context.new_page()
        page.on("pageerror", lambda exc: self._errors.append(str(exc)))
        page.route("**/*", self._refuse)
        page.set_content(page_html(width, height, script_paths()), wait_until="commit")
        self._booted = False
        return page

    def _ready(self) -> None:
        if self._booted:
            return
        try:
            self._page.wait_for_function("() => window.actorgraphHeadless !== undefined",
                                         timeout=PAGE_TIMEOUT_MS)
            self._page.evaluate("() => window.actorgraphHeadless.boot()")
        except Exception as e:
            self._check("starting the export page")
            raise ExportFailed(f"the export page did not start: {e}") from e
        self._check("starting the export page")
        self._booted = True

    def _refuse(self, route: Any) -> None:
        self._blocked.append(route.request.url)
        route.abort()

    def _check(self, doing: str) -> None:
        problems = self._errors + [f"refused a network request to {u}" for u in self._blocked]
        if problems:
            self._errors.clear()
            self._blocked.clear()
            raise ExportFailed(f"the browser failed while {doing}: {'; '.join(problems)}")

    def draw(self, elements: Sequence[Mapping[str, Any]], stylesheet: Sequence[Mapping],
             layout: Mapping[str, Any] | None = None, seed: int = 1) -> dict[str, Any]:
        """Lay the elements out; returns the graph's size at scale 1 and what is drawn."""
        if self._page is None:
            raise RuntimeError("use ImageRenderer as a context manager")
        self._ready()
        spec = {"elements": list(elements), "stylesheet": list(stylesheet),
                "layout": {k: v for k, v in (layout or DEFAULT_LAYOUT).items() if k != "run"},
                "seed": seed}
        try:
            drawn = self._page.evaluate("(spec) => window.actorgraphHeadless.draw(spec)", spec)
        except Exception as e:  # a Playwright error carries the page's exception
            raise ExportFailed(f"the browser could not lay the graph out: {e}") from e
        self._check("laying the graph out")
        return drawn

    def image(self, job: Mapping[str, Any]) -> bytes:
        """The last drawn graph as `job` (see `plan_image`) asks."""
        try:
            payload = self._page.evaluate("(job) => window.actorgraphHeadless.image(job)",
                                          dict(job))
        except Exception as e:
            raise ExportFailed(f"the browser could not draw the image: {e}") from e
        self._check("drawing the image")
        return decode(str(job["type"]), payload)

    def positions(self) -> dict[str, dict[str, float]]:
        """Node positions of the last drawn graph (model coordinates)."""
        return self._page.evaluate("() => window.actorgraphHeadless.positions()")

    def render(self, elements: Sequence[Mapping[str, Any]], stylesheet: Sequence[Mapping], *,
               fmt: str = "png", scale: float = 1.0, layout: Mapping[str, Any] | None = None,
               background: str = "white", publication: Publication | None = None,
               seed: int = 1) -> RenderedImage:
        """Draw and export in one call (several formats of one drawing: `draw` + `image`)."""
        drawn = self.draw(elements, stylesheet, layout, seed)
        return self.export(drawn, fmt=fmt, scale=scale, background=background,
                           publication=publication)

    def export(self, drawn: Mapping[str, Any], *, fmt: str, scale: float = 1.0,
               background: str = "white",
               publication: Publication | None = None) -> RenderedImage:
        """An image of the drawing `draw` returned."""
        if not drawn["nodes"]:
            raise ExportFailed("nothing to draw: the subgraph has no nodes")
        job, choice = plan_image(fmt, (drawn["w"], drawn["h"]), scale, background,
                                 publication, self.limit)
        data = self.image(job)
        return RenderedImage(fmt=fmt, data=data, width=choice.width, height=choice.height,
                             choice=choice, nodes=drawn["nodes"], edges=drawn["edges"],
                             labels=tuple(drawn.get("labels") or ()))
