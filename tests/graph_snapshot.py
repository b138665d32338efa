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


def snapshot(db: Database) -> Snapshot:
    nodes = db.read("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    rels = db.read("MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS start, b.id AS end, "
                   "properties(r) AS props")
    lines = sorted(json.dumps({**row, "labels": sorted(row.get("labels", []))}, sort_keys=True,
                              default=str, ensure_ascii=False) for row in nodes)
    lines += sorted(json.dumps(row, sort_keys=True, default=str, ensure_ascii=False)
                    for row in rels)
    digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    return Snapshot(len(nodes), len(rels), digest)
