"""The explorer's view queries on a real Neo4j: which events a view starts from, and that
Neo4j finds them through the index instead of sorting every event."""

from __future__ import annotations

from actorgraph.graph import queries
from actorgraph.graph.queries import EVENTS_VIEW, FactFilters, view_fragment
from actorgraph.graph.schema import ensure_schema

# Supporting articles per event, as the writer stores them (`articles`, `evidence_count`).
SUPPORT = {"E1": 1, "E2": 5, "E3": 2, "E4": 7, "E5": 2, "E6": 1}


def _fill(db) -> None:
    ensure_schema(db)
    rows = [{"id": event_id, "articles": [f"art{i}" for i in range(n)]}
            for event_id, n in SUPPORT.items()]
    db.write("""
        UNWIND $rows AS r
        CREATE (e:Event {id: r.id, kind: 'meeting', title: 'Event ' + r.id, date: '2024-05-01',
                         modality: 'asserted', articles: r.articles,
                         evidence_count: size(r.articles)})
        MERGE (a:Actor {id: 'A', name: 'Actor A', kind: 'state', articles: ['art0']})
        CREATE (a)-[:PARTICIPATED_IN {articles: r.articles}]->(e)""", rows=rows)
    # E1 is the most connected event, but reported by one article only.
    db.write("""
        UNWIND range(1, 5) AS i
        MATCH (e:Event {id: 'E1'})
        CREATE (:Actor {id: 'B' + i, name: 'Actor B' + i, kind: 'state', articles: ['art0']})
               -[:PARTICIPATED_IN {articles: ['art0']}]->(e)""")


def test_the_events_view_starts_from_the_most_reported_events_and_says_so(db):
    _fill(db)
    fragment = view_fragment(db, "events", FactFilters(), seed_limit=3)
    events = sorted(n.id for n in fragment.nodes.values() if n.group == "event")
    assert events == ["E2", "E4", "E5"]  # 7, 5, 2 articles: of the two with 2, the larger id
    assert fragment.truncated
    assert fragment.notices == [
        "More than 3 events match: the view starts from the 3 most reported, those with the "
        "most supporting articles (ACTORGRAPH_INITIAL_NODE_LIMIT)."]


def test_filters_apply_before_the_limit(db):
    _fill(db)
    fragment = view_fragment(db, "events", FactFilters(min_support=2), seed_limit=4)
    events = sorted(n.id for n in fragment.nodes.values() if n.group == "event")
    assert events == ["E2", "E3", "E4", "E5"]  # every event with 2 or more articles
    assert not fragment.truncated
    assert fragment.notices == []


def test_the_events_view_reads_the_index_in_order_without_sorting(db):
    _fill(db)
    with db.driver.session(database=db.name) as session:
        plan = session.run("EXPLAIN " + EVENTS_VIEW,
                           **FactFilters().params(), seed_limit=300).consume().plan
    operators: list[tuple[str, str]] = []

    def walk(op: dict) -> None:
        operators.append((op["operatorType"].split("@")[0],
                          str(op.get("args", {}).get("Details", ""))))
        for child in op.get("children", []):
            walk(child)

    walk(plan)
    names = [name for name, _ in operators]
    assert not {"Sort", "Top", "PartialSort", "PartialTop"} & set(names), names
    scans = [details for name, details in operators if name == "NodeIndexScan"]
    assert scans and "e:Event(evidence_count, id)" in scans[0], operators
    assert queries.RELATION_PATTERN.startswith("ALLIED_WITH|")
