"""The publication frame: title, graph, legend and source line stacked, wide enough for the
legend."""

from __future__ import annotations

from actorgraph.export.image.frame import MIN_WIDTH, PAD, Publication, build_frame
from actorgraph.export.image.legend import HEDGED_NOTE, LegendEntry

LEGEND = (LegendEntry("State", "node", "#3b6fb6", "round-rectangle", count=3),
          LegendEntry("Alliance", "edge", "#2b9348", count=2),
          LegendEntry("Support", "edge", "#007f5f", count=1),
          LegendEntry(HEDGED_NOTE, "note", "#6c757d", line="dashed"))


def test_frame_stacks_title_graph_legend_and_sources():
    pub = Publication(title="Who backs whom", legend=LEGEND,
                      source_lines=("Sources: 1 article: news.de (1)", "Articles: a1"))
    frame = build_frame(800.4, 600, pub)
    assert frame.width == 801 + 2 * PAD
    assert frame.graph_y == PAD + 28 + 10
    # 3 kinds in 3 columns of 210 px = 1 row, the note a row of its own, 2 source lines
    assert frame.height == frame.graph_y + 600 + 10 + 2 * 20 + 10 + 2 * 15 + PAD
    texts = [op["text"] for op in frame.ops if op["op"] == "text"]
    assert texts == ["Who backs whom", "State (3)", "Alliance (2)", "Support (1)", HEDGED_NOTE,
                     "Sources: 1 article: news.de (1)", "Articles: a1"]
    assert [op["op"] for op in frame.ops if op["op"] != "text"] == ["node", "edge", "edge",
                                                                    "edge"]


def test_a_narrow_graph_gets_a_frame_wide_enough_for_its_legend():
    frame = build_frame(60, 40, Publication(title="x"))
    assert frame.width == MIN_WIDTH
    assert frame.graph_x == (MIN_WIDTH - 60) // 2
    assert frame.height == PAD + 38 + 40 + PAD
