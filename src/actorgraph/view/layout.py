"""The explorer's layouts: which a graph of n nodes is offered, which one draws a requested one,
and its Cytoscape options. Pure: the explorer page, the export panel, the CLI's image export and
the benchmarks all ask here, so that the size rule is written once.

`map` is a layout of the page (a plotly map of the events instead of the graph); the graph
behind it is laid out with force, so that switching back shows it at once.
"""

from __future__ import annotations

LAYOUTS: tuple[str, ...] = ("force", "hierarchical", "concentric", "grid", "map")
LAYOUT_LABELS: dict[str, str] = {"force": "Force", "hierarchical": "Hierarchical",
                                 "concentric": "Concentric", "grid": "Grid", "map": "Map"}
HIERARCHICAL_MAX_NODES = 250
"""dagre is superlinear (about 6 s at 500 nodes): offered only below this size."""
DRAFT_QUALITY_ABOVE = 500
"""fcose switches to `quality: "draft"` above this many nodes."""


def is_offered(name: str, node_count: int) -> bool:
    """Whether a graph of `node_count` nodes may be drawn with layout `name`."""
    return name != "hierarchical" or node_count <= HIERARCHICAL_MAX_NODES


def offered_layouts(node_count: int) -> tuple[str, ...]:
    """The layouts a graph of `node_count` nodes is offered, in the toolbar's order."""
    return tuple(name for name in LAYOUTS if is_offered(name, node_count))


def drawn_layout(requested: str, node_count: int) -> str:
    """The graph layout that draws a requested one: force for the map, and for any layout
    the graph is too large for (or that is unknown)."""
    if requested in LAYOUTS and requested != "map" and is_offered(requested, node_count):
        return requested
    return "force"


def layout_notice(requested: str, node_count: int) -> str | None:
    """What the page says when the requested layout is not the one drawn (None: nothing)."""
    if requested == "hierarchical" and not is_offered(requested, node_count):
        return (f"Hierarchical layout is offered up to {HIERARCHICAL_MAX_NODES} nodes; this "
                f"view has {node_count}, so it is drawn with force.")
    return None


def layout_options(name: str, node_count: int, run: int) -> dict:
    """The Cytoscape layout for a layout name; `run` makes each render a new layout."""
    drawn = drawn_layout(name, node_count)
    if drawn == "hierarchical":
        return {"name": "dagre", "rankDir": "LR", "nodeSep": 25, "rankSep": 90,
                "animate": False, "fit": True, "padding": 30, "run": run}
    if drawn == "concentric":
        return {"name": "concentric", "minNodeSpacing": 30, "animate": False, "fit": True,
                "padding": 30, "run": run}
    if drawn == "grid":
        return {"name": "grid", "avoidOverlap": True, "animate": False, "fit": True,
                "padding": 30, "run": run}
    draft = node_count > DRAFT_QUALITY_ABOVE
    return {"name": "fcose", "quality": "draft" if draft else "default",
            "randomize": True, "animate": False, "fit": True, "padding": 30,
            "nodeRepulsion": 9000, "idealEdgeLength": 110, "nodeSeparation": 90,
            "numIter": 1500 if draft else 2500, "run": run}


def preset_layout(run: int) -> dict:
    """Every node stays at the position it was given (after an expansion, hide or undo)."""
    return {"name": "preset", "fit": False, "animate": False, "run": run}
