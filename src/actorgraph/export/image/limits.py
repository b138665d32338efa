"""The canvas limit, and the scale an image export can really have.

cytoscape.js draws a PNG/JPG export on one canvas of (graph width x scale) by (graph height x
scale) pixels. A canvas above the browser's limit does not fail: `toDataURL` answers "data:,",
and the download is an empty file (cytoscape.js #2711, #1943, #2992). Measured in Debian's
Chromium 156 (headless, software canvas): a canvas works up to 65,534 px a side and
268,435,456 px (2^28, 16,384 x 16,384) in area; one pixel more and the export is empty.
Firefox allows 32,767 px a side, desktop Safari 16,384 x 16,384 in area. So the default cap is
16,384 px a side and 2^28 px in all: safe in every desktop browser, and the settings
ACTORGRAPH_EXPORT_MAX_SIDE / ACTORGRAPH_EXPORT_MAX_PIXELS lower (or raise) it.

A canvas takes whole pixels: cytoscape.js sets `canvas.width = width * scale` and the browser
drops the fraction, so the pixel size is `floor(ceil(width) * scale)`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from actorgraph import config

CHROMIUM_MAX_SIDE = 65_534
CHROMIUM_MAX_PIXELS = 268_435_456
MIN_SCALE = 1.0
MAX_SCALE = 4.0
SCALE_STEP = 0.01
"""Capped scales are rounded down to hundredths, so the message shows what was used."""


@dataclass(frozen=True)
class CanvasLimit:
    max_side: int
    max_pixels: int

    @classmethod
    def from_settings(cls) -> CanvasLimit:
        return cls(max_side=config.get_int("ACTORGRAPH_EXPORT_MAX_SIDE"),
                   max_pixels=config.get_int("ACTORGRAPH_EXPORT_MAX_PIXELS"))


@dataclass(frozen=True)
class ScaleChoice:
    """The scale an export uses, the image size it gives, and why it is smaller if it is."""

    requested: float
    scale: float
    width: int
    height: int
    capped: bool
    notice: str | None = None


def pixel_size(width: float, height: float, scale: float) -> tuple[int, int]:
    """The canvas size cytoscape.js makes for a graph of `width` x `height` at `scale`."""
    return (math.floor(math.ceil(width) * scale + 1e-9),
            math.floor(math.ceil(height) * scale + 1e-9))


def fits(width: int, height: int, limit: CanvasLimit) -> bool:
    return (0 < width <= limit.max_side and 0 < height <= limit.max_side
            and width * height <= limit.max_pixels)


def cap_scale(width: float, height: float, requested: float, limit: CanvasLimit,
              fmt: str = "png") -> ScaleChoice:
    """The largest scale <= `requested` whose canvas fits `limit` (see the module docstring).

    `width` and `height` are the graph's size at scale 1 (CSS pixels, as cytoscape.js measures
    its bounding box, or the viewport for the visible part). SVG has no canvas and is never
    capped. The notice says what was asked, what was used, and suggests JPG for large images
    (the same limit applies, but the file is a fraction of a PNG's and encodes much faster).
    """
    if requested <= 0:
        raise ValueError(f"scale must be positive; found {requested}")
    w, h = math.ceil(max(width, 1)), math.ceil(max(height, 1))
    if fmt == "svg":
        pw, ph = pixel_size(w, h, requested)
        return ScaleChoice(requested, requested, pw, ph, capped=False)
    pw, ph = pixel_size(w, h, requested)
    if fits(pw, ph, limit):
        return ScaleChoice(requested, requested, pw, ph, capped=False)
    bound = min(requested, limit.max_side / w, limit.max_side / h,
                math.sqrt(limit.max_pixels / (w * h)))
    scale = math.floor(bound / SCALE_STEP) * SCALE_STEP
    while scale > SCALE_STEP and not fits(*pixel_size(w, h, scale), limit):
        scale -= SCALE_STEP
    scale = round(max(scale, SCALE_STEP), 2)
    cw, ch = pixel_size(w, h, scale)
    notice = (
        f"At {requested:g}x the image would be {pw:,} x {ph:,} px, more than a browser canvas "
        f"holds ({limit.max_side:,} px a side, {limit.max_pixels / 1e6:,.0f} Mpx in all), and "
        f"the file would come out empty. Exported at {scale:g}x instead: {cw:,} x {ch:,} px.")
    if fmt == "png":
        notice += (" JPG gives a much smaller file of the same size, or export SVG, which has "
                   "no size limit.")
    return ScaleChoice(requested, scale, cw, ch, capped=True, notice=notice)
