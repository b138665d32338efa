"""The whole graph as counts and a checksum over every label, type and property.

Two snapshots are equal exactly when the graphs hold the same nodes (by labels and
properties) and the same relationships (by type, endpoint ids and properties).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from actorgraph.graph.connection import Database


@dataclass(frozen=True)
class Snapshot:
    nodes: int
    relationships: int
    checksum: str


def snapshot_lines(db: Database) -> list[str]:
    """Every node (labels sorted, all properties), then every relationship (type, endpoint
    ids, all properties), one JSON line each, each part sorted: equal lists, equal graphs.
    Values keep their types (1 and 1.0 differ)."""
    nodes = db.read("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    rels = db.read("MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS start, b.id AS end, "
                   "properties(r) AS props")
    node_lines = sorted(json.dumps({**row, "labels": sorted(row.get("labels", []))},
                                   sort_keys=True, default=str, ensure_ascii=False)
                        for row in nodes)
    rel_lines = sorted(json.dumps(row, sort_keys=True, default=str, ensure_ascii=False)
                       for row in rels)
    return node_lines + rel_lines


def snapshot(db: Database) -> Snapshot:
    lines = snapshot_lines(db)
    relationships = db.counts()["relationships"]
    digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    return Snapshot(len(lines) - relationships, relationships, digest)
