"""Constraints and indexes: created before the first write, each `IF NOT EXISTS`.

Every node label has a uniqueness constraint on `id` (MERGE looks nodes up through it), every
actor-actor relationship type one on `id` (relation claims find their relationship by it).
Claims are found by the fact they support and by their article; events by date, and in the
order of their supporting articles (`event_evidence`, which the explorer's events views read
most reported first); actors by
name through a full-text index over their names and aliases (`search_text`).
"""

from __future__ import annotations

from actorgraph.graph.connection import Database
from actorgraph.records import RELATION_TYPES

NODE_LABELS: tuple[str, ...] = ("Actor", "Event", "Place", "Asset", "Source", "Article", "Claim")
ACTOR_FULLTEXT_INDEX = "actor_names"
SCHEMA_WAIT_SECONDS = 120


def schema_statements() -> list[str]:
    """The statements, labels and types only from the allow-lists above and in records.py."""
    statements = [
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in NODE_LABELS
    ]
    statements += [
        f"CREATE CONSTRAINT rel_{rel_type.lower()}_id IF NOT EXISTS "
        f"FOR ()-[r:{rel_type}]-() REQUIRE r.id IS UNIQUE"
        for rel_type in RELATION_TYPES
    ]
    statements += [
        "CREATE INDEX claim_fact_id IF NOT EXISTS FOR (c:Claim) ON (c.fact_id)",
        "CREATE INDEX claim_article_id IF NOT EXISTS FOR (c:Claim) ON (c.article_id)",
        "CREATE INDEX event_date IF NOT EXISTS FOR (e:Event) ON (e.date)",
        "CREATE INDEX event_kind IF NOT EXISTS FOR (e:Event) ON (e.kind)",
        # The events views read events in this order (most reported first) and stop early.
        "CREATE INDEX event_evidence IF NOT EXISTS FOR (e:Event) ON (e.evidence_count, e.id)",
        "CREATE INDEX article_published IF NOT EXISTS FOR (a:Article) ON (a.published)",
        f"CREATE FULLTEXT INDEX {ACTOR_FULLTEXT_INDEX} IF NOT EXISTS "
        "FOR (n:Actor) ON EACH [n.name, n.name_de, n.search_text]",
    ]
    return statements


def ensure_schema(db: Database) -> None:
    """Create what is missing and wait (bounded) until every index is online."""
    for statement in schema_statements():
        db.write(statement)
    db.write(f"CALL db.awaitIndexes({SCHEMA_WAIT_SECONDS})")
