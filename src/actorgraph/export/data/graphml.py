"""GraphML: nodes and edges with their attributes, for Gephi, yEd, networkx and igraph.

Every data field of the elements becomes a GraphML attribute (`<key>`), typed by its values:
`boolean`, `long`, `double` or `string`. Lists and objects (article ids, Neo4j labels) are
written as JSON text - GraphML has no list type, and JSON reads back unambiguously
(`json.loads(g.nodes["PRK"]["articles"])`). Node positions, when the elements have them, become
`x` and `y` (Gephi places nodes by them). Written with `xml.etree`: no extra dependency.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from typing import Any

from actorgraph.export.data.elements_io import as_text, column_kind, split

NS = "http://graphml.graphdrawing.org/xmlns"
SCHEMA = "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
GRAPHML_TYPE = {"bool": "boolean", "int": "long", "float": "double", "str": "string",
                "list[str]": "string", "list[int]": "string", "list[float]": "string",
                "json": "string"}
NODE_SKIP = frozenset({"id"})
EDGE_SKIP = frozenset({"id", "source", "target"})
_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def _rows(items: list[dict], skip: frozenset[str], with_position: bool) -> list[dict]:
    rows = []
    for item in items:
        row = {k: v for k, v in (item.get("data") or {}).items() if k not in skip}
        pos = item.get("position")
        if with_position and isinstance(pos, Mapping) and "x" in pos and "y" in pos:
            row.setdefault("x", float(pos["x"]))
            row.setdefault("y", float(pos["y"]))
        rows.append(row)
    return rows


def _keys(rows: list[dict]) -> dict[str, str]:
    """Attribute name -> GraphML type, in first-seen order; all-missing columns are dropped."""
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    keys = {}
    for name in names:
        kind = column_kind(row.get(name) for row in rows)
        if kind is not None:
            keys[name] = kind
    return keys


def _text(value: Any, kind: str) -> str:
    if kind == "bool":
        return "true" if value else "false"
    if kind == "float":
        return repr(float(value))
    return as_text(value)


def to_graphml(elements: Iterable[Mapping[str, Any]], *, name: str = "actorgraph") -> bytes:
    """The elements as a GraphML document (UTF-8 bytes, with an XML declaration)."""
    nodes, edges = split(elements)
    node_rows = _rows(nodes, NODE_SKIP, with_position=True)
    edge_rows = _rows(edges, EDGE_SKIP, with_position=False)
    node_keys, edge_keys = _keys(node_rows), _keys(edge_rows)
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}graphml", {
        "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation": f"{NS} {SCHEMA}"})
    key_ids: dict[tuple[str, str], str] = {}
    for domain, keys in (("node", node_keys), ("edge", edge_keys)):
        for attr, kind in keys.items():
            key_id = f"{domain[0]}_{_KEY_UNSAFE.sub('_', attr)}"
            key_ids[(domain, attr)] = key_id
            ET.SubElement(root, f"{{{NS}}}key", {
                "id": key_id, "for": domain, "attr.name": attr,
                "attr.type": GRAPHML_TYPE[kind]})
    graph = ET.SubElement(root, f"{{{NS}}}graph", {"id": name, "edgedefault": "directed"})
    for node, row in zip(nodes, node_rows, strict=True):
        el = ET.SubElement(graph, f"{{{NS}}}node", {"id": str(node["data"]["id"])})
        _data(el, row, node_keys, key_ids, "node")
    for edge, row in zip(edges, edge_rows, strict=True):
        d = edge["data"]
        el = ET.SubElement(graph, f"{{{NS}}}edge", {
            "id": str(d["id"]), "source": str(d["source"]), "target": str(d["target"])})
        _data(el, row, edge_keys, key_ids, "edge")
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _data(el: ET.Element, row: dict, keys: dict[str, str],
          key_ids: dict[tuple[str, str], str], domain: str) -> None:
    for attr, kind in keys.items():
        value = row.get(attr)
        if value is None:
            continue
        ET.SubElement(el, f"{{{NS}}}data", {"key": key_ids[(domain, attr)]}).text = \
            _text(value, kind)
