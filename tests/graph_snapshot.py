"""The whole graph as counts and a checksum over every label, type and property.

Two snapshots are equal exactly when the graphs hold the same nodes (by labels and
properties) and the same relationships (by type, endpoint ids and properties).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from actorgraph.graph.connection import Database
from actorgraph.graph.read import provenance


@dataclass(frozen=True)
class Snapshot:
    nodes: int
    relationships: int
    checksum: str


def _lines(db: Database) -> tuple[list[str], list[str]]:
    nodes = db.read("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    rels = db.read("MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS start, b.id AS end, "
                   "properties(r) AS props")
    node_lines = sorted(json.dumps({**row, "labels": sorted(row.get("labels", []))},
                                   sort_keys=True, default=str, ensure_ascii=False)
                        for row in nodes)
    rel_lines = sorted(json.dumps(row, sort_keys=True, default=str, ensure_ascii=False)
                       for row in rels)
    return node_lines, rel_lines


def snapshot_lines(db: Database) -> list[str]:
    """Every node (labels sorted, all properties), then every relationship (type, endpoint
    ids, all properties), one JSON line each, each part sorted: equal lists, equal graphs,
    and a failing comparison shows what differs. Values keep their types (1 and 1.0 differ)."""
    node_lines, rel_lines = _lines(db)
    return node_lines + rel_lines


def snapshot(db: Database) -> Snapshot:
    node_lines, rel_lines = _lines(db)
    digest = hashlib.sha256("\n".join(node_lines + rel_lines).encode("utf-8")).hexdigest()
    return Snapshot(len(node_lines), len(rel_lines), digest)


def supporting_articles(db: Database, fact_id: str,
                        edge: tuple[str, str, str | None] | None = None) -> list[str]:
    """The articles supporting a node (an event's claims, an entity's mentions), a relation
    (`edge` = (source, type, target), `fact_id` its id) or an event link (`edge` = (actor or
    event, type, other end or None for the event `fact_id`)), earliest published first, as
    the export's provenance reads them."""
    if edge is None:
        found = provenance.node_provenance(db, [fact_id])
        return list(found[fact_id].articles) if fact_id in found else []
    source, link_type, target = edge
    if link_type in provenance.LINK_ENDS:
        target = target or fact_id
        links = provenance.link_provenance(db, [("key", source, link_type, target)])
        return list(links["key"].articles) if "key" in links else []
    relations = provenance.relation_provenance(db, [(fact_id, source, target or "")])
    return list(relations[fact_id].articles) if fact_id in relations else []
