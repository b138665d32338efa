"""The plan Neo4j makes for a query, as (operator, details) pairs: what the tests that check a
read's plan shape (an index in order, no sort, no scan) look at."""

from __future__ import annotations

from actorgraph.graph.connection import Database


def plan_operators(db: Database, query: str, **params: object) -> list[tuple[str, str]]:
    """Every operator of `query`'s plan (EXPLAIN: nothing runs), top down: its type without
    the runtime suffix (`NodeIndexScan`) and its details (index, predicate, order)."""
    with db.driver.session(database=db.name) as session:
        plan = session.run("EXPLAIN " + query, **params).consume().plan
    operators: list[tuple[str, str]] = []

    def walk(op: dict) -> None:
        operators.append((op["operatorType"].split("@")[0],
                          str(op.get("args", {}).get("Details", ""))))
        for child in op.get("children", []):
            walk(child)

    walk(plan)
    return operators
