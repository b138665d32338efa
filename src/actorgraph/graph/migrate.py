"""`actorgraph db migrate`: upgrade a store to this release's graph model (schema.MODEL_VERSION).

Model 1 (releases up to December 2026) kept the support of every element as an `articles`
list on it; model 2 keeps it as claims and `MENTIONS` (docs/graph-model.md). The upgrade, in
this order, every step in transactions of bounded size so a store of millions of elements
never needs one huge transaction:

1. claims get their article's `published`; event claims the `targets`, `assets` and `follows`
   their article stated, read from the links' `articles` lists;
2. every article named in an entity's `articles` gets a `MENTIONS` of it, and the entity its
   `evidence_count`; the lists go, from entities, events, links and relations;
3. every event and relation is recomputed from its claims as the writer does after a batch
   (facts.REFRESH_EVENTS, facts.refresh_relations), page by page in id order: description from
   the lead claim, `evidence_count`, `modality`, `contested`, the links' support;
4. the schema (the new `actor_evidence` index) and the `:GraphModel` node, written last.

Each step only does what is still to do, so an upgrade that was interrupted (Neo4j stopped,
Ctrl-C) is finished by running it again; until the last step the store reads as model 1 and
the writer refuses it. The result is the graph the current writer builds from the same
articles (tests/integration/test_migrate.py builds a store with the last model-1 release and
compares).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from actorgraph.errors import StoreModelMismatch
from actorgraph.graph.connection import Database, translated_driver_errors
from actorgraph.graph.schema import MODEL_VERSION, ensure_schema, stamp_model, store_model
from actorgraph.graph.write.facts import REFRESH_EVENTS, refresh_relations
from actorgraph.graph.write.statements import event_relabel
from actorgraph.graph.write.transaction import MODALITY_CERTAINTY
from actorgraph.records import EVENT_LABELS, RELATION_TYPES

ENTITY_LABELS: tuple[str, ...] = ("Actor", "Place", "Asset", "Source")
LINK_PATTERN = "PARTICIPATED_IN|DIRECTED_AT|AT|USED|FOLLOWS"
PAGE = 5000

CLAIM_PUBLISHED = """
MATCH (c:Claim) WHERE c.published IS NULL
CALL (c) {
  MATCH (a:Article {id: c.article_id}) WHERE a.published IS NOT NULL
  SET c.published = a.published
} IN TRANSACTIONS OF 10000 ROWS
"""

CLAIM_EVENT_LINKS = """
MATCH (c:Claim) WHERE c.fact_type = 'event' AND c.targets IS NULL
CALL (c) {
  MATCH (e:Event {id: c.fact_id})
  SET c.targets = COLLECT { MATCH (e)-[r:DIRECTED_AT]->(x:Actor)
                            WHERE c.article_id IN r.articles RETURN x.id ORDER BY x.id },
      c.assets = COLLECT { MATCH (e)-[r:USED]->(x:Asset)
                           WHERE c.article_id IN r.articles RETURN x.id ORDER BY x.id },
      c.follows = COLLECT { MATCH (e)-[r:FOLLOWS]->(x:Event)
                            WHERE c.article_id IN r.articles RETURN x.id }[0]
} IN TRANSACTIONS OF 5000 ROWS
"""
"""What else each event claim stated (model 1 kept it only in the links' lists). A claim whose
event is gone gets nothing: the refresh below removes nothing for it."""

ENTITY_MENTIONS = """
MATCH (n:{label}) WHERE n.articles IS NOT NULL
CALL (n) {{
  CALL (n) {{
    UNWIND n.articles AS aid
    MATCH (a:Article {{id: aid}})
    MERGE (a)-[:MENTIONS]->(n)
  }}
  SET n.evidence_count = COUNT {{ (n)<-[:MENTIONS]-() }}
  REMOVE n.articles
}} IN TRANSACTIONS OF 1000 ROWS
"""

DROP_LISTS = (
    "MATCH (e:Event) WHERE e.articles IS NOT NULL "
    "CALL (e) { REMOVE e.articles } IN TRANSACTIONS OF 10000 ROWS",
    f"MATCH ()-[r:{LINK_PATTERN}]->() WHERE r.articles IS NOT NULL "
    "CALL (r) { REMOVE r.articles } IN TRANSACTIONS OF 10000 ROWS",
    f"MATCH ()-[r:{'|'.join(RELATION_TYPES)}]->() WHERE r.articles IS NOT NULL "
    "CALL (r) { REMOVE r.articles } IN TRANSACTIONS OF 10000 ROWS",
)

EVENT_PAGE = "MATCH (e:Event) WHERE e.id > $after RETURN e.id AS id ORDER BY e.id LIMIT $page"


def relation_page(rel_type: str) -> str:
    return (f"MATCH ()-[r:{rel_type}]->() WHERE r.id > $after "
            "RETURN r.id AS id ORDER BY r.id LIMIT $page")


@dataclass
class MigrationReport:
    """What the upgrade did."""

    from_version: int | None
    to_version: int = MODEL_VERSION
    steps: list[str] = field(default_factory=list)
    events: int = 0
    relations: int = 0
    removed: int = 0  # facts no claim supports (only in a store that was inconsistent)

    def lines(self) -> list[str]:
        if self.from_version == self.to_version:
            return [f"The store already holds graph model {self.to_version}; nothing to do."]
        if self.from_version is None:
            return [f"The store is empty; it will be written as graph model {self.to_version}."]
        return [f"Upgraded the store from graph model {self.from_version} to "
                f"{self.to_version}:", *(f"  {step}" for step in self.steps),
                f"  {self.events:,} events and {self.relations:,} relations recomputed from "
                f"their claims" + (f"; {self.removed:,} without any claim removed"
                                   if self.removed else "")]


Progress = Callable[[str], object]


def migrate(db: Database, progress: Progress | None = None) -> MigrationReport:
    """Upgrade the store to MODEL_VERSION (see the module docstring); idempotent."""
    found = store_model(db)
    report = MigrationReport(found)
    if found is None or found == MODEL_VERSION:
        return report
    if found > MODEL_VERSION:
        raise StoreModelMismatch(
            f"the database at {db.conn.display_uri} holds graph model {found}, newer than this "
            f"release's {MODEL_VERSION}; it cannot be migrated back.")
    say = progress or (lambda _message: None)

    def step(name: str, *statements: str) -> None:
        say(name)
        with translated_driver_errors(db.conn), db.driver.session(database=db.name) as session:
            for statement in statements:  # IN TRANSACTIONS needs an auto-commit transaction
                session.run(statement).consume()
        report.steps.append(name)

    ensure_schema(db)  # the indexes the steps below look claims and articles up by
    step("claims: their article's publication date", CLAIM_PUBLISHED)
    step("event claims: the targets, assets and predecessor they state", CLAIM_EVENT_LINKS)
    step("entities: one MENTIONS per article naming them, and their evidence_count",
         *(ENTITY_MENTIONS.format(label=label) for label in ENTITY_LABELS))
    step("articles lists removed from events, links and relations", *DROP_LISTS)
    say("events and relations: recomputed from their claims")
    _refresh_all(db, report)
    ensure_schema(db)
    stamp_model(db)
    return report


def _refresh_all(db: Database, report: MigrationReport) -> None:
    certainty = list(MODALITY_CERTAINTY)
    for ids in _pages(db, EVENT_PAGE):
        def refresh_events(tx, ids=ids):
            records = tx.run(REFRESH_EVENTS, ids=ids, certainty=certainty).data()
            relabel: dict[str, list[str]] = {}
            for record in records:
                if record["relabel"] is not None:
                    relabel.setdefault(record["relabel"], []).append(record["key"])
            for kind, event_ids in relabel.items():
                tx.run(event_relabel(EVENT_LABELS[kind]), ids=event_ids).consume()
            return records
        records = _write(db, refresh_events)
        report.events += len(records)
        report.removed += sum(1 for r in records if r["removed"])
    for rel_type in RELATION_TYPES:
        for ids in _pages(db, relation_page(rel_type)):
            records = _write(db, lambda tx, ids=ids, rel_type=rel_type: tx.run(
                refresh_relations(rel_type), ids=ids, certainty=certainty).data())
            report.relations += len(records)
            report.removed += sum(1 for r in records if r["removed"])


def _pages(db: Database, query: str):
    """Ids in order, PAGE at a time (read before each page is refreshed: a refresh may
    remove an element, never add one)."""
    after = ""
    while True:
        ids = [r["id"] for r in db.read(query, after=after, page=PAGE)]
        if not ids:
            return
        yield ids
        after = ids[-1]


def _write(db: Database, work):
    with translated_driver_errors(db.conn), db.driver.session(database=db.name) as session:
        return session.execute_write(work)
