"""The layout rule: which layouts a graph of n nodes is offered, and what draws a requested one."""

from actorgraph.view.layout import (
    HIERARCHICAL_MAX_NODES,
    LAYOUTS,
    drawn_layout,
    is_offered,
    layout_notice,
    layout_options,
    offered_layouts,
    preset_layout,
)


def test_large_graphs_get_draft_force_and_no_dagre():
    assert layout_options("force", 600, 1)["quality"] == "draft"
    assert layout_options("force", 100, 1)["quality"] == "default"
    assert layout_options("hierarchical", 100, 1)["name"] == "dagre"
    assert layout_options("hierarchical", 400, 1)["name"] == "fcose"


def test_hierarchical_is_offered_up_to_its_limit_only():
    assert offered_layouts(HIERARCHICAL_MAX_NODES) == LAYOUTS
    assert "hierarchical" not in offered_layouts(HIERARCHICAL_MAX_NODES + 1)
    assert all(is_offered(name, 10_000) for name in LAYOUTS if name != "hierarchical")


def test_the_map_and_a_graph_too_large_are_drawn_with_force_and_say_so():
    assert drawn_layout("map", 10) == "force"
    assert drawn_layout("spiral", 10) == "force"
    assert drawn_layout("hierarchical", HIERARCHICAL_MAX_NODES) == "hierarchical"
    assert drawn_layout("hierarchical", HIERARCHICAL_MAX_NODES + 1) == "force"
    assert drawn_layout("grid", 10_000) == "grid"
    assert layout_notice("hierarchical", HIERARCHICAL_MAX_NODES) is None
    assert layout_notice("map", 10_000) is None
    assert layout_notice("hierarchical", 400) == (
        "Hierarchical layout is offered up to 250 nodes; this view has 400, so it is drawn "
        "with force.")


def test_layout_options_follow_the_drawn_layout():
    assert layout_options("map", 10, 3) == layout_options("force", 10, 3)
    assert layout_options("concentric", 10, 3)["name"] == "concentric"
    assert layout_options("grid", 10, 3)["run"] == 3
    assert preset_layout(4) == {"name": "preset", "fit": False, "animate": False, "run": 4}
