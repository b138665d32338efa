"""Image exports without a browser: the scale cap, file names, formats, the publication frame,
the legend and the source line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from actorgraph.errors import ExportFailed
from actorgraph.export.formats import export_filename, format_for, slug
from actorgraph.export.image.frame import MIN_WIDTH, PAD, Publication, build_frame
from actorgraph.export.image.images import background_color, plan_image
from actorgraph.export.image.legend import HEDGED_NOTE, LegendEntry, legend_entries
from actorgraph.export.image.limits import CanvasLimit, cap_scale, pixel_size
from actorgraph.export.image.publication import article_ids, event_dates, source_lines
from actorgraph.view.style import stylesheet

CHROMIUM = CanvasLimit(max_side=16384, max_pixels=268_435_456)


def test_a_graph_that_fits_keeps_its_scale():
    choice = cap_scale(1000, 700, 4, CHROMIUM)
    assert (choice.scale, choice.width, choice.height, choice.capped) == (4, 4000, 2800, False)
    assert choice.notice is None


def test_the_side_limit_caps_the_scale_and_says_so():
    choice = cap_scale(6000.3, 2000, 4, CHROMIUM)  # 6001 px wide at 1x: 24,004 px at 4x
    assert choice.capped
    assert choice.scale == 2.73
    assert (choice.width, choice.height) == (16382, 5460)
    assert choice.width <= 16384
    assert choice.notice.startswith("At 4x the image would be 24,004 x 8,000 px, more than a "
                                    "browser canvas holds (16,384 px a side, 268 Mpx in all)")
    assert "Exported at 2.73x instead: 16,382 x 5,460 px." in choice.notice
    assert "JPG gives a much smaller file" in choice.notice


def test_the_area_limit_caps_the_scale():
    limit = CanvasLimit(max_side=100_000, max_pixels=10_000_000)
    choice = cap_scale(3000, 3000, 2, limit, fmt="jpg")
    assert choice.capped and choice.width * choice.height <= 10_000_000
    assert choice.scale == 1.05  # sqrt(10e6 / 9e6) = 1.054 -> 1.05
    assert "JPG gives" not in choice.notice  # already JPG


def test_a_graph_too_large_even_at_1x_is_scaled_below_1():
    choice = cap_scale(40_000, 1_000, 1, CHROMIUM)
    assert choice.capped and choice.scale == 0.4
    assert (choice.width, choice.height) == (16000, 400)


def test_svg_is_never_capped():
    choice = cap_scale(40_000, 30_000, 4, CHROMIUM, fmt="svg")
    assert not choice.capped and (choice.width, choice.height) == (160_000, 120_000)


def test_pixel_size_is_what_a_canvas_gets():
    assert pixel_size(100.2, 50, 1) == (101, 50)  # the bounding box is rounded up
    assert pixel_size(101, 50, 1.5) == (151, 75)  # the canvas drops fractions
    assert pixel_size(101, 50, 2) == (202, 100)


def test_file_names_say_the_view_and_the_date():
    day = date(2026, 11, 27)
    assert export_filename("alliances", ".png", day) == "actorgraph-alliances-2026-11-27.png"
    assert export_filename("ego-PRK", ".svg", day) == "actorgraph-ego-PRK-2026-11-27.svg"
    assert slug("../etc/passwd x") == "etc-passwd-x"
    assert slug("...") == "graph"


def test_formats_come_from_the_suffix_or_must_match_it():
    assert format_for(Path("a.jpeg")).name == "jpg"
    assert format_for(Path("a.ZIP")).name == "csv"
    assert format_for(Path("graph.xml"), "graphml").name == "graphml"
    with pytest.raises(ExportFailed) as e:
        format_for(Path("out.png"), "svg")
    assert str(e.value) == "--out out.png does not end in .svg as --format svg needs; name " \
                           "the file out.svg"
    with pytest.raises(ExportFailed, match=r"cannot tell the format from '\.txt'"):
        format_for(Path("out.txt"))


def test_jpg_is_always_on_white():
    assert background_color("jpg", "transparent") == "#ffffff"
    assert background_color("png", "transparent") is None
    assert background_color("svg", "white") == "#ffffff"


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


def test_the_frame_counts_against_the_canvas_limit():
    pub = Publication(title="t", source_lines=("s",))
    job, choice = plan_image("png", (8000, 8000), 4, "white", pub,
                             CanvasLimit(max_side=16384, max_pixels=268_435_456))
    frame = build_frame(8000, 8000, pub)
    assert choice.capped
    assert choice.height == pixel_size(frame.width, frame.height, choice.scale)[1] <= 16384
    assert job["frame"]["height"] == frame.height
    assert job["graphPx"] == list(pixel_size(8000, 8000, choice.scale))


EXPLORER_ELEMENTS = [
    {"data": {"id": "a"}, "classes": "actor k-state bloc-0"},
    {"data": {"id": "b"}, "classes": "actor k-person bloc-1"},
    {"data": {"id": "c"}, "classes": "actor k-person bloc-none"},
    {"data": {"id": "e1", "source": "a", "target": "b"}, "classes": "relation e-opposition"},
    {"data": {"id": "e2", "source": "a", "target": "c"},
     "classes": "relation e-support hedged"},
]


def test_legend_lists_what_the_image_shows_in_the_explorers_words():
    entries = legend_entries(EXPLORER_ELEMENTS, stylesheet())
    assert [(e.label, e.kind, e.count) for e in entries] == [
        ("Bloc A", "node", 1), ("Bloc B", "node", 1), ("No signed tie", "node", 1),
        ("State", "node", 1), ("Person", "node", 2),
        ("Support", "edge", 1), ("Opposition / deterrence", "edge", 1),
        (HEDGED_NOTE, "note", 0)]
    state = entries[3]
    assert (state.color, state.shape) == ("#3b6fb6", "round-rectangle")


def test_legend_notes_hedged_contested_and_gdelt_facts_in_the_explorers_words():
    elements = [{"data": {"id": "m"}, "classes": "event k-meeting contested gdelt"},
                {"data": {"id": "s"}, "classes": "event k-statement hedged"}]
    notes = [e.label for e in legend_entries(elements, stylesheet()) if e.kind == "note"]
    assert notes == [HEDGED_NOTE, "yellow halo: contested (sources disagree)",
                     "double border: coded by GDELT (no quotes)"]


def test_legend_leaves_out_kinds_the_stylesheet_hides():
    entries = legend_entries(EXPLORER_ELEMENTS, stylesheet(hidden_kinds=["person"]))
    assert "Person" not in [e.label for e in entries]
    assert "No signed tie" not in [e.label for e in entries]  # its only node is a person


def test_legend_of_another_stylesheet_comes_from_its_class_rules():
    console_style = [{"selector": "node", "style": {"background-color": "#4a6fa5"}},
                     {"selector": "node.Event", "style": {"shape": "round-rectangle",
                                                          "background-color": "#c77d2e"}},
                     {"selector": "node.Asset", "style": {"shape": "diamond"}}]
    elements = [{"data": {"id": "x"}, "classes": "Event Meeting"},
                {"data": {"id": "y"}, "classes": "Actor State"}]
    entries = legend_entries(elements, console_style)
    assert [(e.label, e.color, e.shape, e.count) for e in entries] == [
        ("Event", "#c77d2e", "round-rectangle", 1)]


def test_source_lines_name_outlets_articles_and_dates():
    articles = [
        {"id": "newsde-1", "outlet": "news.de", "published": "2025-07-11", "kind": "article"},
        {"id": "gazette-1", "outlet": "Example Gazette", "published": "2025-07-14"},
        {"id": "wire-1", "outlet": "news.de", "published": "2025-07-12T08:00:00"},
        {"id": "gdelt-99", "outlet": None, "published": "2025-07-13", "kind": "gdelt"},
    ]
    lines = source_lines(articles, ("2025-07-08", "2025-07-12"))
    assert lines == [
        "Sources: 3 articles: news.de (2), Example Gazette (1); 1 GDELT document",
        "Articles: newsde-1, gazette-1, wire-1, gdelt-99",
        "Published 2025-07-11 to 2025-07-14 · events dated 2025-07-08 to 2025-07-12",
    ]
    assert source_lines([]) == ["Sources: no supporting articles recorded for the facts shown"]


def test_article_ids_and_event_dates_come_from_enriched_elements():
    elements = [{"data": {"id": "e", "articles": ["b", "a"], "date": "2025-07"}},
                {"data": {"id": "f", "articles": ["a"], "date": "2025-06-30"}},
                {"data": {"id": "r", "source": "e", "target": "f", "articles": ["c"],
                          "date": "1999-01-01"}}]
    assert article_ids(elements) == ["a", "b", "c"]
    assert event_dates(elements) == ("2025-06-30", "2025-07")
