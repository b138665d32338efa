"""Which places on the map get a text label: the largest that fit, the rest on hover only.

After one GDELT file the map holds hundreds of places, and labelling all of them piles the
names into an unreadable block. `place_labels` projects the places the way plotly fits a
Mercator geo subplot to its axis ranges (one scale for both axes, the tighter one),
then walks them from the most events down and gives each a label position (above, below,
right, left of its marker) whose box stays inside the map and overlaps no label placed so far;
of those, the one that covers the least of other places' markers (then in that order). A place
with no such position is shown on hover only. Pure: no plotly, no Dash.

The boxes are measured at a reference plot size no larger than the map's area in the smallest
window the explorer is laid out for; a larger map has a larger scale, so places only move
apart and the chosen labels still do not overlap.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

POSITIONS = ("top center", "bottom center", "middle right", "middle left")
"""plotly `textposition` values, in the order they are tried."""

CHAR_WIDTH = 0.62
"""Average advance of a character in ems (DejaVu Sans, the fallback font, is wide)."""

LINE_HEIGHT = 1.25
GAP = 3.0
"""Pixels between a marker and its label, and kept free around every label box."""


@dataclass(frozen=True)
class Place:
    text: str
    lon: float
    lat: float
    size: float  # marker diameter in pixels
    weight: int  # events there: more events are labelled first


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator in radians, y up (plotly's `mercator` projection before scaling)."""
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    return math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def inverse_mercator_lat(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


MAX_LAT = 85.0


@dataclass(frozen=True)
class Frame:
    """The plot area in pixels and the axis ranges plotly fits into it."""

    width: float
    height: float
    lon_range: tuple[float, float]
    lat_range: tuple[float, float]

    def scale(self) -> float:
        """Pixels per projected unit: the axis that needs the smaller scale decides."""
        x0, y0 = mercator(self.lon_range[0], self.lat_range[0])
        x1, y1 = mercator(self.lon_range[1], self.lat_range[1])
        return min(self.width / max(x1 - x0, 1e-9), self.height / max(y1 - y0, 1e-9))

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        """Screen position (x right, y down) relative to the ranges' lower left corner."""
        k = self.scale()
        x0, y0 = mercator(self.lon_range[0], self.lat_range[0])
        x, y = mercator(lon, lat)
        return k * (x - x0), -k * (y - y0)


def _widen(lo: float, hi: float, want: float, limit: float) -> tuple[float, float]:
    """[lo, hi] grown evenly to length `want` within [-limit, limit]; what one side cannot
    take goes to the other."""
    grow = (want - (hi - lo)) / 2
    lo, hi = lo - grow, hi + grow
    if hi > limit:
        lo, hi = lo - (hi - limit), limit
    if lo < -limit:
        lo, hi = -limit, min(limit, hi + (-limit - lo))
    return lo, hi


def fit_ranges(lons: Sequence[float], lats: Sequence[float], aspect: float,
               pad_lat: float = 2.5, pad_lon: float = 8.0
               ) -> tuple[tuple[float, float], tuple[float, float]]:
    """Longitude and latitude ranges around the points, padded, then widened in the shorter
    direction so the projected box has `aspect` (width / height) and fills the plot area."""
    lon0, lon1 = max(-180.0, min(lons) - pad_lon), min(180.0, max(lons) + pad_lon)
    lat0 = max(-MAX_LAT, min(lats) - pad_lat)
    lat1 = min(MAX_LAT, max(lats) + pad_lat)
    x0, y0 = mercator(lon0, lat0)
    x1, y1 = mercator(lon1, lat1)
    width, height = x1 - x0, y1 - y0
    if width < aspect * height:  # too narrow: widen in longitude, as far as the world goes
        x0, x1 = _widen(x0, x1, aspect * height, math.pi)
        lon0, lon1 = math.degrees(x0), math.degrees(x1)
    else:  # too flat: widen in latitude, up to the Mercator limit
        y0, y1 = _widen(y0, y1, width / aspect, mercator(0.0, MAX_LAT)[1])
        lat0, lat1 = inverse_mercator_lat(y0), inverse_mercator_lat(y1)
    return (round(lon0, 4), round(lon1, 4)), (round(lat0, 4), round(lat1, 4))


Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def label_box(x: float, y: float, radius: float, text: str, position: str,
              font_px: float) -> Box:
    """The box a label at `position` of a marker centred at (x, y) occupies, with GAP around."""
    w = CHAR_WIDTH * font_px * max(len(text), 1)
    h = LINE_HEIGHT * font_px
    off = radius + GAP
    if position == "top center":
        x0, y0 = x - w / 2, y - off - h
    elif position == "bottom center":
        x0, y0 = x - w / 2, y + off
    elif position == "middle right":
        x0, y0 = x + off, y - h / 2
    elif position == "middle left":
        x0, y0 = x - off - w, y - h / 2
    else:
        raise ValueError(f"unknown label position {position!r}; expected one of {POSITIONS}")
    return (x0 - GAP, y0 - GAP, x0 + w + GAP, y0 + h + GAP)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _area(a: Box, b: Box) -> float:
    """Area the two boxes share."""
    return (max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
            * max(0.0, min(a[3], b[3]) - max(a[1], b[1])))


def _inside(box: Box, frame: Frame) -> bool:
    """Within the ranges' box as projected (a label cut off at the map's edge is no label)."""
    x1, y1 = frame.project(frame.lon_range[1], frame.lat_range[1])
    return box[0] >= 0 and box[2] <= x1 and box[1] >= y1 and box[3] <= 0


def place_labels(places: Sequence[Place], frame: Frame,
                 font_px: float = 13.0) -> list[str | None]:
    """For each place, the `textposition` of its label, or None: hover only."""
    points = [frame.project(p.lon, p.lat) for p in places]
    markers: list[Box] = [(x - p.size / 2, y - p.size / 2, x + p.size / 2, y + p.size / 2)
                          for p, (x, y) in zip(places, points, strict=True)]
    order = sorted(range(len(places)), key=lambda i: (-places[i].weight, places[i].text, i))
    placed: list[Box] = []
    chosen: list[str | None] = [None] * len(places)
    for i in order:
        x, y = points[i]
        best: tuple[float, int, Box] | None = None
        for rank, position in enumerate(POSITIONS):
            box = label_box(x, y, places[i].size / 2, places[i].text, position, font_px)
            if not _inside(box, frame) or any(_overlaps(box, other) for other in placed):
                continue
            covered = sum(_area(box, m) for j, m in enumerate(markers) if j != i)
            if best is None or (covered, rank) < best[:2]:
                best = (covered, rank, box)
        if best is not None:
            placed.append(best[2])
            chosen[i] = POSITIONS[best[1]]
    return chosen
