"""The legend of a publication image: what the image shows, in the explorer's words."""

from __future__ import annotations

from actorgraph.export.image.legend import HEDGED_NOTE, legend_entries
from actorgraph.view.style import stylesheet

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
