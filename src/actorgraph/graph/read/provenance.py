"""Where the facts of an exported subgraph come from: labels, supporting articles, evidence
counts, event dates, and the articles themselves (outlet, publication date).

The explorer's elements carry what the drawing needs (id, label, kind, modality); an export
adds what a reader of the file needs. Read-only, parameterised; relationship types are only
ever taken from `LINK_ENDS` (a fixed allow-list), never from input.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from actorgraph.graph.connection import Database
from actorgraph.records import RELATION_TYPES

NODE_FACTS = """
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Actor {id: id}) RETURN n
  UNION MATCH (n:Event {id: id}) RETURN n
  UNION MATCH (n:Place {id: id}) RETURN n
  UNION MATCH (n:Asset {id: id}) RETURN n
}
RETURN n.id AS id, labels(n) AS labels,
       CASE WHEN n:Event
         THEN COLLECT { MATCH (c:Claim {fact_id: n.id}) WHERE c.fact_type = 'event'
                        RETURN c.article_id ORDER BY c.published, c.id }
         ELSE COLLECT { MATCH (a:Article)-[:MENTIONS]->(n)
                        RETURN a.id ORDER BY a.published, a.id } END AS articles,
       n.evidence_count AS evidence_count, n.date AS date
"""
"""Labels, supporting articles (an event's claims, an entity's mentions; earliest published
first), evidence count and date (events) of nodes by id."""

RELATION_FACTS = """
UNWIND $relations AS rel
MATCH (:Actor {id: rel.source})-[r]->(:Actor {id: rel.target})
WHERE type(r) IN $relation_types AND r.id = rel.id
RETURN r.id AS id,
       COLLECT { MATCH (c:Claim {fact_id: r.id}) WHERE c.fact_type = 'relation'
                 RETURN c.article_id ORDER BY c.published, c.id } AS articles,
       r.evidence_count AS evidence_count
"""
"""Actor-actor relations by their ends and `id` property (the ends make it an index lookup)."""

LINK_ENDS: dict[str, tuple[str, str]] = {
    "PARTICIPATED_IN": ("Actor", "Event"), "DIRECTED_AT": ("Event", "Actor"),
    "AT": ("Event", "Place"), "USED": ("Event", "Asset"), "FOLLOWS": ("Event", "Event"),
}

LINK_STATED_BY: dict[str, str] = {
    "PARTICIPATED_IN": "a.id IN c.participants", "DIRECTED_AT": "b.id IN c.targets",
    "AT": "c.place = b.id", "USED": "b.id IN c.assets", "FOLLOWS": "c.follows = b.id",
}
"""When a claim `c` of the event states the link from `a` to `b` (docs/graph-model.md)."""

LINK_FACTS = """
UNWIND $pairs AS pair
MATCH (a:{start} {{id: pair.source}})-[r:{type}]->(b:{end} {{id: pair.target}})
WITH pair, a, b, CASE WHEN a:Event THEN a ELSE b END AS e
RETURN pair.key AS key,
       COLLECT {{ MATCH (c:Claim {{fact_id: e.id}}) WHERE c.fact_type = 'event' AND {stated}
                  RETURN c.article_id ORDER BY c.published, c.id }} AS articles
"""
"""Event links (participation, target, place, asset, sequence) by their two ends; a FOLLOWS
link is stated by the claims of the event that follows (its start)."""

ARTICLE_INFO = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.title AS title, a.outlet AS outlet, a.published AS published,
       a.kind AS kind
ORDER BY a.published, a.id
"""


@dataclass(frozen=True)
class Provenance:
    articles: tuple[str, ...]
    evidence_count: int | None = None
    labels: tuple[str, ...] = ()
    date: str | None = None


def node_provenance(db: Database, ids: Iterable[str]) -> dict[str, Provenance]:
    rows = db.read(NODE_FACTS, ids=sorted(set(ids)))
    return {r["id"]: Provenance(tuple(r["articles"]), r["evidence_count"], tuple(r["labels"]),
                                None if r["date"] is None else str(r["date"]))
            for r in rows}


def relation_provenance(db: Database,
                        relations: Iterable[tuple[str, str, str]]) -> dict[str, Provenance]:
    """`relations`: (relation id, source actor id, target actor id)."""
    rows = db.read(RELATION_FACTS, relation_types=list(RELATION_TYPES), relations=[
        {"id": i, "source": s, "target": t} for i, s, t in sorted(set(relations))])
    return {r["id"]: Provenance(tuple(r["articles"]), r["evidence_count"]) for r in rows}


def link_provenance(db: Database,
                    links: Iterable[tuple[str, str, str, str]]) -> dict[str, Provenance]:
    """`links`: (key, source id, type, target id); types outside `LINK_ENDS` are skipped."""
    by_type: dict[str, list[dict]] = {}
    for key, source, link_type, target in links:
        if link_type in LINK_ENDS:
            by_type.setdefault(link_type, []).append(
                {"key": key, "source": source, "target": target})
    found: dict[str, Provenance] = {}
    for link_type, pairs in by_type.items():
        start, end = LINK_ENDS[link_type]
        query = LINK_FACTS.format(start=start, type=link_type, end=end,
                                  stated=LINK_STATED_BY[link_type])
        for r in db.read(query, pairs=pairs):
            found[r["key"]] = Provenance(tuple(r["articles"]), len(r["articles"]))
    return found


def article_info(db: Database, ids: Iterable[str]) -> list[dict]:
    """id, title, outlet, published, kind of the given articles, oldest first."""
    return db.read(ARTICLE_INFO, ids=sorted(set(ids)))
