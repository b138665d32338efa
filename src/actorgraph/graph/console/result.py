"""The result of one console query: its rows as JSON-safe values, the graph elements found in
them, and the notices of what was left out; as CSV, JSON or a dict for the dashboard's store."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from actorgraph.graph.console.values import JSONValue, cell_text


@dataclass(frozen=True)
class ConsoleResult:
    """Rows of one console query, JSON-safe, plus the graph elements found in them."""

    columns: list[str]
    rows: list[list[JSONValue]]
    truncated: bool
    limit: int
    elapsed_ms: float
    nodes: list[dict[str, Any]] = field(default_factory=list)
    relationships: list[dict[str, Any]] = field(default_factory=list)
    notifications: list[str] = field(default_factory=list)
    max_bytes: int = 0
    truncated_by: str | None = None
    """Why the rows stop early: "rows" (the row limit) or "bytes" (the byte cap), or None."""

    @property
    def truncation_notice(self) -> str | None:
        """What was left out and which limit did it, for the CLI and the dashboard."""
        if not self.truncated:
            return None
        if self.truncated_by == "bytes":
            return (f"only the first {self.row_count} rows are shown: the next row would pass "
                    f"the limit of {self.max_bytes:,} bytes (ACTORGRAPH_QUERY_MAX_BYTES)")
        return (f"only the first {self.limit} rows are shown; the query returned more "
                "(raise --limit)")

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def has_graph(self) -> bool:
        """True when the rows hold nodes, relationships or paths worth drawing."""
        return bool(self.nodes or self.relationships)

    def records(self) -> list[dict[str, JSONValue]]:
        """Rows as {column: value} dicts."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def missing_endpoint_ids(self) -> list[str]:
        """Ids of relationship ends that are not among the nodes (e.g. `RETURN r` alone)."""
        known = {n["id"] for n in self.nodes}
        missing: dict[str, None] = {}
        for rel in self.relationships:
            for end in (rel["start"], rel["end"]):
                if end is not None and end not in known:
                    missing.setdefault(end, None)
        return list(missing)

    def to_dict(self) -> dict[str, Any]:
        return {"columns": self.columns, "rows": self.rows, "truncated": self.truncated,
                "limit": self.limit, "elapsed_ms": self.elapsed_ms, "nodes": self.nodes,
                "relationships": self.relationships, "notifications": self.notifications,
                "max_bytes": self.max_bytes, "truncated_by": self.truncated_by}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ConsoleResult:
        return cls(columns=list(data["columns"]), rows=[list(r) for r in data["rows"]],
                   truncated=bool(data["truncated"]), limit=int(data["limit"]),
                   elapsed_ms=float(data["elapsed_ms"]), nodes=list(data.get("nodes", [])),
                   relationships=list(data.get("relationships", [])),
                   notifications=list(data.get("notifications", [])),
                   max_bytes=int(data.get("max_bytes", 0)),
                   truncated_by=data.get("truncated_by"))

    def to_csv(self) -> str:
        """A header line, then one line per row (nested values as JSON)."""
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow([cell_text(v) for v in row])
        return buf.getvalue()

    def to_json(self) -> str:
        """{"columns", "rows" (one object per row), "truncated"}: stable, no timings."""
        return json.dumps({"columns": self.columns, "rows": self.records(),
                           "truncated": self.truncated}, ensure_ascii=False, indent=2) + "\n"
