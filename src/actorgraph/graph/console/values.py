"""Values: what the driver returns (nodes, relationships, paths, temporals, points, bytes) as
JSON-safe values, their size as JSON, and their text in one table or CSV cell."""

from __future__ import annotations

import base64
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import neo4j.graph
import neo4j.spatial
import neo4j.time

JSONValue = None | bool | int | float | str | list[Any] | dict[str, Any]


@dataclass
class GraphCollector:
    """Nodes and relationships met while converting values, by element id (for drawing)."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    relationships: dict[str, dict[str, Any]] = field(default_factory=dict)


_ZERO_FRACTION = re.compile(r"(\d{2}:\d{2}:\d{2})\.0+(?!\d)")


def _iso(value: Any) -> str:
    text = _ZERO_FRACTION.sub(r"\1", value.iso_format())
    tz = getattr(value, "tzinfo", None)
    zone = getattr(tz, "zone", None) or getattr(tz, "key", None)
    if zone and "/" in str(zone):
        text += f"[{zone}]"
    return text


def _point(value: neo4j.spatial.Point) -> dict[str, Any]:
    coords = list(value)
    if isinstance(value, neo4j.spatial.WGS84Point):
        keys = ["longitude", "latitude", "height"]
    elif isinstance(value, neo4j.spatial.CartesianPoint):
        keys = ["x", "y", "z"]
    else:
        return {"srid": value.srid, "coordinates": coords}
    out: dict[str, Any] = {"srid": value.srid}
    out.update(zip(keys, coords, strict=False))
    return out


def to_json_value(value: Any, graph: GraphCollector | None = None) -> JSONValue:
    """A driver value as plain JSON: nodes, relationships and paths as dicts, temporals as
    ISO-8601 strings (a named zone in brackets), points as dicts, bytes as base64.

    Nodes and relationships met on the way are collected in `graph` (for drawing).
    """
    if value is None or isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return value
    if isinstance(value, neo4j.graph.Node):
        node = {"id": value.element_id, "labels": sorted(value.labels),
                "properties": _properties(value, graph)}
        if graph is not None:
            graph.nodes.setdefault(value.element_id, node)
        return node
    if isinstance(value, neo4j.graph.Relationship):
        rel = {"id": value.element_id, "type": value.type,
               "start": value.start_node.element_id if value.start_node is not None else None,
               "end": value.end_node.element_id if value.end_node is not None else None,
               "properties": _properties(value, graph)}
        if graph is not None:
            graph.relationships.setdefault(value.element_id, rel)
        return rel
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [to_json_value(n, graph) for n in value.nodes],
                "relationships": [to_json_value(r, graph) for r in value.relationships]}
    if isinstance(value, neo4j.time.Date | neo4j.time.Time | neo4j.time.DateTime
                  | neo4j.time.Duration):
        return _iso(value)
    if isinstance(value, neo4j.spatial.Point):
        return _point(value)
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Mapping):
        return {str(k): to_json_value(v, graph) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json_value(v, graph) for v in value]
    if hasattr(value, "isoformat"):  # datetime from a custom hydration hook
        return value.isoformat()
    return str(value)


def _properties(entity: neo4j.graph.Entity, graph: GraphCollector | None) -> dict[str, Any]:
    return {k: to_json_value(entity[k], graph) for k in sorted(entity.keys())}


def cell_text(value: JSONValue) -> str:
    """A value as one CSV or table cell: strings as they are, None empty, the rest as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def json_size(value: JSONValue) -> int:
    """About the bytes `value` takes as JSON (UTF-8): exact for ASCII strings without
    escapes, a close estimate otherwise. Iterative, for values of any depth."""
    size = 0
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if item is None or item is True:
            size += 4
        elif item is False:
            size += 5
        elif isinstance(item, str):
            size += len(item.encode("utf-8", "replace")) + 2
        elif isinstance(item, int | float):
            size += len(repr(item))
        elif isinstance(item, Mapping):
            size += 2 + max(len(item) - 1, 0)
            for key, v in item.items():
                size += len(str(key).encode("utf-8", "replace")) + 3
                stack.append(v)
        elif isinstance(item, list | tuple):
            size += 2 + max(len(item) - 1, 0)
            stack.extend(item)
        else:
            size += len(str(item))
    return size
