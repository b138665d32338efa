"""A view (`view/elements.py`'s `ViewGraph`) as Cytoscape elements: nodes and edges with their
data (label, kind, weight) and the classes the stylesheet (`view/style.py`) knows. Pure.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping

from actorgraph.graph.read.fragment import TIE, Link, Node
from actorgraph.records import HEDGED_MODALITIES, RELATION_TYPES
from actorgraph.view.elements import RELATION_WORDS, ViewGraph, edge_kind


def edge_label(edge: Link) -> str:
    if edge.type == TIE:
        count = len(edge.events)
        text = f"{count} shared event{'s' if count != 1 else ''}"
        if edge.gdelt_events:
            docs = edge.gdelt_documents
            text += (f" ({edge.gdelt_events} GDELT, {docs} document{'s' if docs != 1 else ''})")
        return text
    words = RELATION_WORDS.get(edge.type, edge.type.lower())
    if edge.type in RELATION_TYPES and edge.evidence_count > 1:
        words += f" ({edge.evidence_count})"
    return words


def edge_weight(edge: Link) -> float:
    """Width driver: supporting articles for relations, shared events for ties, |Goldstein| /2
    for links of an event (so hostile and cooperative events stand out alike)."""
    if edge.type in RELATION_TYPES or edge.type == TIE:
        return float(max(1, edge.evidence_count))
    if edge.goldstein is not None:
        return max(1.0, abs(edge.goldstein) / 2)
    return 1.0


def node_classes(node: Node, graph: ViewGraph) -> str:
    classes = [node.group, f"k-{node.kind}"]
    if node.modality in HEDGED_MODALITIES:
        classes.append("hedged")
    if node.contested:
        classes.append("contested")
    if node.gdelt:
        classes.append("gdelt")
    if graph.blocs is not None and node.group == "actor":
        bloc = graph.blocs.assignment.get(node.id)
        classes.append("bloc-none" if bloc is None else f"bloc-{bloc}")
    if node.id in graph.path_nodes:
        classes.append("path")
    if node.id in graph.expanded:
        classes.append("expanded")
    return " ".join(classes)


def edge_classes(edge: Link, graph: ViewGraph) -> str:
    classes = ["relation" if edge.type in RELATION_TYPES else "link", f"e-{edge_kind(edge)}"]
    if edge.hedged:
        classes.append("hedged")
    if edge.contested:
        classes.append("contested")
    if edge.id in graph.path_edges:
        classes.append("path")
    return " ".join(classes)


def to_elements(graph: ViewGraph,
                positions: Mapping[str, Mapping[str, float]] | None = None) -> list[dict]:
    """Cytoscape elements; with `positions`, every node gets one (new nodes placed nearby)."""
    deg = graph.degree()
    elements: list[dict] = []
    for node in graph.nodes:
        data = {"id": node.id, "label": node.label, "kind": node.kind, "group": node.group,
                "degree": deg.get(node.id, 0)}
        if node.modality:
            data["modality"] = node.modality
        elements.append({"data": data, "classes": node_classes(node, graph)})
    for edge in graph.edges:
        data = {"id": edge.id, "source": edge.source, "target": edge.target,
                "type": edge.type, "edge_kind": edge_kind(edge), "label": edge_label(edge),
                "weight": edge_weight(edge)}
        if edge.modality:
            data["modality"] = edge.modality
        elements.append({"data": data, "classes": edge_classes(edge, graph)})
    if positions is not None:
        place_nodes(elements, positions)
    return elements


def place_nodes(elements: list[dict], positions: Mapping[str, Mapping[str, float]],
                spacing: float = 90.0) -> None:
    """Give known nodes their positions and new ones a ring around a placed neighbour."""
    neighbours: dict[str, list[str]] = defaultdict(list)
    for el in elements:
        d = el["data"]
        if "source" in d:
            neighbours[d["source"]].append(d["target"])
            neighbours[d["target"]].append(d["source"])
    placed = {k: (float(v["x"]), float(v["y"])) for k, v in positions.items()
              if isinstance(v, Mapping) and "x" in v and "y" in v}
    if placed:
        cx = sum(p[0] for p in placed.values()) / len(placed)
        cy = sum(p[1] for p in placed.values()) / len(placed)
    else:
        cx = cy = 0.0
    rings: dict[str, int] = defaultdict(int)
    for el in elements:
        d = el["data"]
        if "source" in d:
            continue
        if d["id"] in placed:
            x, y = placed[d["id"]]
        else:
            anchor = next((n for n in neighbours[d["id"]] if n in placed), None)
            ax, ay = placed[anchor] if anchor else (cx, cy)
            key = anchor or ""
            i = rings[key]
            rings[key] += 1
            radius = spacing * (1 + i // 12)
            angle = (i % 12) * math.tau / 12 + (i // 12) * 0.26
            x, y = ax + radius * math.cos(angle), ay + radius * math.sin(angle)
            placed[d["id"]] = (x, y)
        el["position"] = {"x": round(x, 1), "y": round(y, 1)}
