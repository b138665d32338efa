"""Small helpers every data format shares: telling nodes from edges, and property types."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

Element = dict[str, Any]


def is_edge(element: Mapping[str, Any]) -> bool:
    data = element.get("data") or {}
    return element.get("group") == "edges" or ("source" in data and "target" in data)


def split(elements: Iterable[Mapping[str, Any]]) -> tuple[list[Element], list[Element]]:
    """(nodes, edges), each in the given order."""
    nodes: list[Element] = []
    edges: list[Element] = []
    for element in elements:
        (edges if is_edge(element) else nodes).append(dict(element))
    return nodes, edges


def classes_of(element: Mapping[str, Any]) -> list[str]:
    raw = element.get("classes") or ""
    return raw.split() if isinstance(raw, str) else [str(c) for c in raw]


def value_kind(value: Any) -> str | None:
    """'bool', 'int', 'float', 'str', 'list[str]', 'list[int]', 'list[float]', 'json'; None
    for a missing value."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list | tuple):
        kinds = {value_kind(v) for v in value} - {None}
        if not kinds or kinds == {"str"}:
            return "list[str]"
        if kinds == {"int"}:
            return "list[int]"
        if kinds <= {"int", "float"}:
            return "list[float]"
    return "json"


def column_kind(values: Iterable[Any]) -> str | None:
    """One kind for a whole column: ints and floats make float, anything else mixed makes
    'json' for lists and dicts and 'str' for scalars; None when every value is missing."""
    kinds = {value_kind(v) for v in values} - {None}
    if not kinds:
        return None
    if len(kinds) == 1:
        return kinds.pop()
    if kinds <= {"int", "float"}:
        return "float"
    if kinds <= {"list[str]", "list[int]", "list[float]"}:
        return "list[float]" if kinds <= {"list[int]", "list[float]"} else "json"
    if any(k.startswith("list") or k == "json" for k in kinds):
        return "json"
    return "str"


def as_text(value: Any) -> str:
    """A value as text: lists and objects as JSON, booleans as true/false."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
