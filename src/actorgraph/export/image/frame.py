"""The publication frame: a title above the graph, the legend and the source line below it.

Laid out here, once, in CSS pixels at scale 1, as a list of drawing operations; the browser
(`dashboard/assets/export.js`, used by the app and by the headless page alike) draws them at
the export's scale onto the PNG/JPG canvas or into the SVG. So the app and the CLI give the
same frame, and the frame's full size is known before anything is drawn, which the scale cap
needs. No text is measured here: the browser cuts a line that is too long with an ellipsis.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from actorgraph.export.image.legend import LegendEntry

PAD = 16
GAP = 10
MIN_WIDTH = 560
TITLE_SIZE, TITLE_LINE = 20, 28
LEGEND_COLUMN, LEGEND_ROW, LEGEND_SIZE, SWATCH = 210, 20, 12, 14
SOURCE_SIZE, SOURCE_LINE = 11, 15
TEXT_COLOR, MUTED_COLOR = "#1b1f24", "#495057"


@dataclass(frozen=True)
class Publication:
    """What a publication image carries besides the graph; all empty means a plain image."""

    title: str | None = None
    legend: tuple[LegendEntry, ...] = ()
    source_lines: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.title or self.legend or self.source_lines)


@dataclass
class Frame:
    width: int
    height: int
    graph_x: int
    graph_y: int
    ops: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"width": self.width, "height": self.height, "graphX": self.graph_x,
                "graphY": self.graph_y, "ops": self.ops}


def build_frame(graph_width: float, graph_height: float, pub: Publication) -> Frame:
    """Where everything goes around a graph image of `graph_width` x `graph_height`."""
    gw, gh = math.ceil(graph_width), math.ceil(graph_height)
    width = max(gw + 2 * PAD, MIN_WIDTH)
    inner = width - 2 * PAD
    ops: list[dict[str, Any]] = []
    y = PAD
    if pub.title:
        ops.append({"op": "text", "x": PAD, "y": y, "text": pub.title, "size": TITLE_SIZE,
                    "weight": "bold", "color": TEXT_COLOR, "maxWidth": inner})
        y += TITLE_LINE + GAP
    graph_x, graph_y = (width - gw) // 2, y
    y += gh + GAP
    if pub.legend:
        kinds = [e for e in pub.legend if e.kind != "note"]
        notes = [e for e in pub.legend if e.kind == "note"]
        columns = max(1, inner // LEGEND_COLUMN)
        rows = math.ceil(len(kinds) / columns)
        for i, entry in enumerate(kinds):
            _legend_item(ops, entry, PAD + (i % columns) * LEGEND_COLUMN,
                         y + (i // columns) * LEGEND_ROW, LEGEND_COLUMN)
        for i, entry in enumerate(notes):  # a note is a sentence: a row of its own
            _legend_item(ops, entry, PAD, y + (rows + i) * LEGEND_ROW, inner)
        y += (rows + len(notes)) * LEGEND_ROW + GAP
    for line in pub.source_lines:
        ops.append({"op": "text", "x": PAD, "y": y, "text": line, "size": SOURCE_SIZE,
                    "weight": "normal", "color": MUTED_COLOR, "maxWidth": inner})
        y += SOURCE_LINE
    height = y - (GAP if not pub.source_lines else 0) + PAD
    return Frame(width=width, height=height, graph_x=graph_x, graph_y=graph_y, ops=ops)


def _legend_item(ops: list[dict[str, Any]], entry: LegendEntry, x: int, top: int,
                 width: int) -> None:
    ops.append(_swatch(entry, x, top + (LEGEND_ROW - SWATCH) // 2 - 1))
    label = entry.label + (f" ({entry.count})" if entry.count else "")
    ops.append({"op": "text", "x": x + SWATCH + 6, "y": top + 2, "text": label,
                "size": LEGEND_SIZE, "weight": "normal", "color": TEXT_COLOR,
                "maxWidth": width - SWATCH - 12})


def _swatch(entry: LegendEntry, x: int, y: int) -> dict[str, Any]:
    if entry.kind == "node":
        return {"op": "node", "x": x, "y": y, "w": SWATCH, "h": SWATCH, "shape": entry.shape,
                "color": entry.color}
    return {"op": "edge", "x1": x, "y1": y + SWATCH / 2, "x2": x + SWATCH, "y2": y + SWATCH / 2,
            "color": entry.color, "line": entry.line, "arrow": entry.arrow,
            "faded": entry.kind == "note"}
