"""The LOAD CSV baseline for `benchmarks/gdelt_import.py`: the same GDELT rows loaded by the
server alone, as fast as Neo4j can take them.

One Event per row (keyed by GlobalEventID), its two state actors by country code, the
reporting Article by URL and the ActionGeo place by FeatureID, with uniqueness constraints on
all four keys. No validation, no claims, no evidence lists, no merging of rows into
happenings: what actorgraph's importer adds on top of this is its price for those.
"""

from __future__ import annotations

from actorgraph.graph.connection import Database

BASELINE_CONSTRAINTS = (
    "CREATE CONSTRAINT baseline_event IF NOT EXISTS FOR (n:BaselineEvent) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT baseline_actor IF NOT EXISTS FOR (n:BaselineActor) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT baseline_article IF NOT EXISTS FOR (n:BaselineArticle) "
    "REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT baseline_place IF NOT EXISTS FOR (n:BaselinePlace) REQUIRE n.id IS UNIQUE",
)

LOAD_CSV_GDELT = """
LOAD CSV FROM $url AS row FIELDTERMINATOR '\\t'
CALL (row) {
  MERGE (e:BaselineEvent {id: row[0]})
  SET e.day = row[1], e.code = row[26], e.base_code = row[27], e.quad_class = toInteger(row[29]),
      e.goldstein = toFloat(row[30]), e.num_mentions = toInteger(row[31]),
      e.num_sources = toInteger(row[32]), e.num_articles = toInteger(row[33]),
      e.avg_tone = toFloat(row[34]), e.date_added = row[59]
  MERGE (doc:BaselineArticle {id: row[60]})
  MERGE (doc)-[:REPORTS]->(e)
  FOREACH (code IN CASE WHEN coalesce(row[7], '') <> '' THEN [row[7]] ELSE [] END |
    MERGE (a:BaselineActor {id: code})
    MERGE (a)-[p:PARTICIPATED_IN]->(e) SET p.role_code = row[12])
  FOREACH (code IN CASE WHEN coalesce(row[17], '') <> '' THEN [row[17]] ELSE [] END |
    MERGE (a:BaselineActor {id: code})
    MERGE (a)-[p:PARTICIPATED_IN]->(e) SET p.role_code = row[22])
  FOREACH (fid IN CASE WHEN coalesce(row[58], '') <> '' THEN [row[58]] ELSE [] END |
    MERGE (pl:BaselinePlace {id: fid})
    SET pl.name = row[52], pl.lat = toFloat(row[56]), pl.lon = toFloat(row[57])
    MERGE (e)-[:AT]->(pl))
} IN TRANSACTIONS OF $batch ROWS
"""


def load_csv_baseline(db: Database, file_name: str, batch: int = 5000) -> None:
    """Load `file_name` from the server's import folder with LOAD CSV."""
    for statement in BASELINE_CONSTRAINTS:
        db.write(statement)
    # CALL ... IN TRANSACTIONS needs an implicit (auto-commit) transaction: a session run.
    with db.driver.session(database=db.name) as session:
        session.run(LOAD_CSV_GDELT, url=f"file:///{file_name}", batch=batch).consume()


def clear_graph(db: Database) -> None:
    """Delete every node and relationship, in batches (constraints and indexes stay)."""
    with db.driver.session(database=db.name) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
                    ).consume()


def graph_counts(db: Database) -> dict[str, int]:
    """Nodes and relationships, for the benchmark's report."""
    return db.counts()
