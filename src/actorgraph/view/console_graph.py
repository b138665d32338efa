"""A console result (nodes, relationships, paths) as elements in THE stylesheet's vocabulary.

`graph/console/run.py` returns nodes and relationships with their labels and properties; the
console page and its exports (the panel's and the CLI's `--query`) draw them with
`view/style.py` like the explorer does, so nodes carry `<group> k-<kind>` classes and edges
`relation|link e-<edge kind>`, and hedged or contested facts are marked. Ids are the domain ids
(`Actor.id`, `r.id`) where they are unique, otherwise Neo4j element ids; data keeps every
property except article texts.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from actorgraph.graph.console.result import ConsoleResult
from actorgraph.records import HEDGED_MODALITIES, RELATION_TYPES
from actorgraph.view.elements import RELATION_WORDS
from actorgraph.view.style import RELATION_EDGE_KIND

GROUPS: dict[str, str] = {"Actor": "actor", "Event": "event", "Place": "place",
                          "Asset": "asset", "Article": "article", "Claim": "claim",
                          "Source": "source"}
DROPPED_PROPERTIES = frozenset({"text", "search_text"})
"""An article's full text does not belong in a graph file (and can be megabytes)."""
RESERVED = frozenset({"id", "source", "target", "label", "group", "labels"})


def display_name(node: dict[str, Any]) -> str:
    """A node's caption: its name, title or id, else its first label."""
    props = node.get("properties") or {}
    for key in ("name", "title", "id"):
        if props.get(key) not in (None, ""):
            return str(props[key])
    labels = node.get("labels") or []
    return labels[0] if labels else node["id"]


def _pick_ids(items: list[dict[str, Any]], taken: set[str]) -> dict[str, str]:
    """element id -> export id: the `id` property when unique (and not taken), else the
    element id."""
    wanted = Counter(str(i["properties"]["id"]) for i in items
                     if (i.get("properties") or {}).get("id") not in (None, ""))
    chosen = {}
    for item in items:
        own = (item.get("properties") or {}).get("id")
        if own not in (None, "") and wanted[str(own)] == 1 and str(own) not in taken:
            chosen[item["id"]] = str(own)
        else:
            chosen[item["id"]] = item["id"]
        taken.add(chosen[item["id"]])
    return chosen


def _classes(group: str, kind: str, props: dict[str, Any]) -> list[str]:
    classes = [group, f"k-{kind}"] if group != "edge" else []
    if props.get("modality") in HEDGED_MODALITIES:
        classes.append("hedged")
    if props.get("contested"):
        classes.append("contested")
    return classes


def _weight(value: Any) -> float:
    return float(max(1, value)) if isinstance(value, int | float) and value else 1.0


def elements_from_result(result: ConsoleResult) -> list[dict[str, Any]]:
    """Nodes (and grey stubs for relationship ends the rows do not hold), then edges."""
    taken: set[str] = set()
    node_ids = _pick_ids(result.nodes, taken)
    for stub in result.missing_endpoint_ids():
        node_ids[stub] = stub
        taken.add(stub)
    rel_ids = _pick_ids(result.relationships, taken)
    degree: Counter[str] = Counter()
    for rel in result.relationships:
        degree[rel["start"]] += 1
        degree[rel["end"]] += 1
    elements: list[dict[str, Any]] = []
    for node in result.nodes:
        labels = list(node.get("labels") or [])
        props = {k: v for k, v in (node.get("properties") or {}).items()
                 if k not in DROPPED_PROPERTIES}
        group = next((GROUPS[x] for x in labels if x in GROUPS),
                     labels[0].lower() if labels else "node")
        kind = str(props.get("kind") or group)
        data = {k: v for k, v in props.items() if k not in RESERVED}
        data.update({"id": node_ids[node["id"]], "label": display_name(node),
                     "group": group, "kind": kind, "labels": labels,
                     "element_id": node["id"], "degree": degree[node["id"]]})
        elements.append({"data": data, "classes": " ".join(_classes(group, kind, props))})
    for stub in result.missing_endpoint_ids():
        elements.append({"data": {"id": stub, "label": "", "group": "stub", "kind": "stub",
                                  "degree": degree[stub]}, "classes": "stub"})
    for rel in result.relationships:
        props = dict(rel.get("properties") or {})
        rel_type = str(rel["type"])
        edge_kind = RELATION_EDGE_KIND.get(rel_type, "participation")
        data = {k: v for k, v in props.items() if k not in RESERVED}
        data.update({"id": rel_ids[rel["id"]], "source": node_ids[rel["start"]],
                     "target": node_ids[rel["end"]], "type": rel_type, "edge_kind": edge_kind,
                     "label": RELATION_WORDS.get(rel_type, rel_type.lower().replace("_", " ")),
                     "element_id": rel["id"],
                     "weight": _weight(props.get("evidence_count"))})
        classes = ["relation" if rel_type in RELATION_TYPES else "link", f"e-{edge_kind}",
                   *_classes("edge", edge_kind, props)]
        elements.append({"data": data, "classes": " ".join(classes)})
    return elements
