"""Constraints and indexes: created before the first write, each `IF NOT EXISTS`.

Every node label has a uniqueness constraint on `id` (MERGE looks nodes up through it), every
actor-actor relationship type one on `id` (relation claims find their relationship by it).
Claims are found by the fact they support and by their article; events by date, and in the
order of their supporting articles (`event_evidence`, which the explorer's events views read
most reported first), actors likewise (`actor_evidence`, the Alliances view's start); actors
and places by name through a full-text index over their names and aliases (`name_search`, the
explorer's search box; accents, case and ß folded like `view/search.fold`). It replaced the
actors-only `actor_names`, which `ensure_schema` drops.

The store records the graph model it was written with in one `:GraphModel {id: 'actorgraph'}`
node (docs/graph-model.md). `check_model` runs before the first write (after `ensure_schema`,
whose labels it reads) and refuses a store of another model, naming the command that upgrades
it; every write transaction stamps the store (STAMP_MODEL).
"""

from __future__ import annotations

from actorgraph.errors import StoreModelMismatch
from actorgraph.graph.connection import Database
from actorgraph.records import RELATION_TYPES

NODE_LABELS: tuple[str, ...] = ("Actor", "Event", "Place", "Asset", "Source", "Article", "Claim",
                                "GraphModel")
MODEL_VERSION = 2
"""1: support as `articles` lists on every element (releases up to December 2026);
2: support as claims and `MENTIONS`, `evidence_count` everywhere."""
MODEL_NODE_ID = "actorgraph"
NAME_SEARCH_INDEX = "name_search"
FORMER_NAME_INDEXES = ("actor_names",)
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
        # ... and the Alliances view its actors, most mentioned first.
        "CREATE INDEX actor_evidence IF NOT EXISTS FOR (a:Actor) ON (a.evidence_count, a.id)",
        "CREATE INDEX article_published IF NOT EXISTS FOR (a:Article) ON (a.published)",
        "CREATE INDEX article_outlet IF NOT EXISTS FOR (a:Article) ON (a.outlet)",
        f"CREATE FULLTEXT INDEX {NAME_SEARCH_INDEX} IF NOT EXISTS "
        "FOR (n:Actor|Place) ON EACH [n.name, n.name_de, n.search_text] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}",
    ]
    statements += [f"DROP INDEX {name} IF EXISTS" for name in FORMER_NAME_INDEXES]
    return statements


def ensure_schema(db: Database) -> None:
    """Create what is missing and wait (bounded) until every index is online."""
    for statement in schema_statements():
        db.write(statement)
    db.write(f"CALL db.awaitIndexes({SCHEMA_WAIT_SECONDS})")


MODEL_OF_STORE = """
OPTIONAL MATCH (m:GraphModel {id: $id})
RETURN properties(m) AS model, EXISTS { MATCH (a:Article) } AS has_articles
"""


def store_model(db: Database) -> int | None:
    """The store's graph model: its `:GraphModel` version, 1 for a store with articles and no
    such node (written before versions were recorded), None for an empty store."""
    [row] = db.read(MODEL_OF_STORE, id=MODEL_NODE_ID)
    # properties(m), not m.version: naming a key an empty store never had makes Neo4j warn
    if row["model"] and row["model"].get("version") is not None:
        return int(row["model"]["version"])
    return 1 if row["has_articles"] else None


STAMP_MODEL = "MERGE (m:GraphModel {id: $id}) ON CREATE SET m.version = $version"
"""Run in every write transaction: a store written by this release always says so, also
after everything in it was deleted."""


def stamp_model(db: Database, version: int = MODEL_VERSION) -> None:
    db.write("MERGE (m:GraphModel {id: $id}) SET m.version = $version",
             id=MODEL_NODE_ID, version=version)


def check_model(db: Database) -> None:
    """Refuse a store of another graph model than this release's (an empty one is fine)."""
    found = store_model(db)
    if found is None or found == MODEL_VERSION:
        return
    where = f"the database at {db.conn.display_uri}"
    if found < MODEL_VERSION:
        raise StoreModelMismatch(
            f"{where} holds graph model {found} (an earlier actorgraph wrote it); this release "
            f"writes model {MODEL_VERSION}. No data was written. Run `actorgraph db migrate` "
            "to upgrade it (docs/graph-model.md), then try again.")
    raise StoreModelMismatch(
        f"{where} holds graph model {found}, newer than this release's {MODEL_VERSION}: a "
        "later actorgraph wrote it. No data was written; use that release.")
