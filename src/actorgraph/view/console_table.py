"""A console result as the page's table shows it: columns, and rows of sortable cells. Pure."""

from __future__ import annotations

import json
from typing import Any

from actorgraph.graph.console.result import ConsoleResult
from actorgraph.graph.console.values import JSONValue
from actorgraph.view.console_graph import display_name


def table_cell(value: JSONValue, result: ConsoleResult) -> str | int | float | None:
    """A value as the table shows it: numbers stay numbers (so they sort), nodes and
    relationships as short Cypher-like text, everything else as text or JSON."""
    node_ids = {n["id"] for n in result.nodes}
    rel_ids = {r["id"] for r in result.relationships}
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    if isinstance(value, dict):
        if value.get("id") in node_ids and set(value) == {"id", "labels", "properties"}:
            labels = "".join(f":{lab}" for lab in value["labels"])
            return f"({labels} {display_name(value)})"
        if value.get("id") in rel_ids and set(value) == {"id", "type", "start", "end",
                                                         "properties"}:
            return f"[:{value['type']}]"
        if set(value) == {"nodes", "relationships"} and isinstance(value["nodes"], list):
            names = [display_name(n) for n in value["nodes"] if isinstance(n, dict)]
            return "path: " + " - ".join(names)
    return json.dumps(value, ensure_ascii=False)


def table_data(result: ConsoleResult) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    """(DataTable columns, DataTable rows)."""
    ids = [f"c{i}" for i in range(len(result.columns))]
    columns = [{"name": name, "id": cid} for name, cid in zip(result.columns, ids, strict=True)]
    rows = [{cid: table_cell(v, result) for cid, v in zip(ids, row, strict=True)}
            for row in result.rows]
    return columns, rows
