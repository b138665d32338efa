"""Cytoscape.js JSON: the elements as the app draws them, in the shape Cytoscape desktop's
"cyjs" import and `cytoscape({elements})` both read, and that reads back into the app's view.

    {"format_version": "1.0", "generated_by": "actorgraph-0.1.0",
     "target_cytoscapejs_version": "~3.28", "data": {"name": ..., "exported": ...},
     "elements": {"nodes": [{"data": {...}, "classes": "...", "position": {...}}],
                  "edges": [{"data": {"id", "source", "target", ...}, "classes": "..."}]}}

Data values stay as they are (lists stay lists: Cytoscape desktop makes list columns of them).
`load_elements` accepts this shape, a bare `{"nodes": [...], "edges": [...]}` object, or a flat
list of elements (what `dash_cytoscape.Cytoscape(elements=...)` takes), and returns the flat
list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from actorgraph import __version__
from actorgraph.errors import ExportFailed
from actorgraph.export.data.elements_io import Element, split

CYTOSCAPE_JS_VERSION = "~3.28"
"""dash-cytoscape 1.0.2 bundles cytoscape.js 3.28.1."""

_KEPT = ("data", "classes", "position")


def _clean(element: Mapping[str, Any]) -> Element:
    return {k: element[k] for k in _KEPT if k in element and element[k] not in (None, "")}


def to_cyjs(elements: Iterable[Mapping[str, Any]], *, name: str,
            exported: date | None = None) -> dict[str, Any]:
    nodes, edges = split(elements)
    return {
        "format_version": "1.0",
        "generated_by": f"actorgraph-{__version__}",
        "target_cytoscapejs_version": CYTOSCAPE_JS_VERSION,
        "data": {"name": name, "exported": (exported or date.today()).isoformat()},
        "elements": {"nodes": [_clean(n) for n in nodes], "edges": [_clean(e) for e in edges]},
    }


def dumps(elements: Iterable[Mapping[str, Any]], *, name: str,
          exported: date | None = None) -> str:
    return json.dumps(to_cyjs(elements, name=name, exported=exported), ensure_ascii=False,
                      indent=1) + "\n"


def load_elements(source: str | bytes | Mapping[str, Any] | list) -> list[Element]:
    """Elements from a Cytoscape.js JSON export (see the module docstring), nodes first.

    Raises `ExportFailed` naming the element that lacks an id or an edge end.
    """
    doc: Any = json.loads(source) if isinstance(source, str | bytes) else source
    if isinstance(doc, Mapping) and "elements" in doc:
        doc = doc["elements"]
    if isinstance(doc, Mapping):
        listed = [*(doc.get("nodes") or []), *(doc.get("edges") or [])]
    elif isinstance(doc, list):
        listed = doc
    else:
        raise ExportFailed("not Cytoscape.js JSON: expected an object with 'elements' or a "
                           f"list of elements; found {type(doc).__name__}")
    out: list[Element] = []
    for i, element in enumerate(listed):
        data = element.get("data") if isinstance(element, Mapping) else None
        if not isinstance(data, Mapping) or data.get("id") in (None, ""):
            raise ExportFailed(f"element {i}: expected a 'data' object with an 'id'; "
                               f"found {json.dumps(element)[:120]}")
        out.append(_clean(element))
    nodes, edges = split(out)
    ids = {n["data"]["id"] for n in nodes}
    for edge in edges:
        d = edge["data"]
        for end in ("source", "target"):
            if d[end] not in ids:
                raise ExportFailed(f"edge {d['id']!r}: its {end} {d[end]!r} is not a node of "
                                   "the file")
    return nodes + edges
