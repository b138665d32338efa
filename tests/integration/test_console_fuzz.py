"""Property-based fuzz of the whole console against a real Neo4j holding the seed graph:
whatever the query and parameters, the database is unchanged afterwards (never a write), and
each run answers rows or one of the console's own errors with a documented exit code (never
another exception: no traceback in the CLI, no HTTP 500 in the app). Bounded: a fixed number
of examples, each with a 2 s timeout."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actorgraph.config import Neo4jConnection
from actorgraph.errors import ActorgraphError
from actorgraph.graph.connection import Database
from actorgraph.graph.console.run import run_query
from tests.conftest import clear_database
from tests.console_fuzz import param_values, queries
from tests.integration.test_console import seed, snapshot, wipe

EXIT_CODES = {1, 3, 4}  # failed, refused, timed out
EXAMPLES = 200


@pytest.fixture(scope="module")
def seeded_db(neo4j_connection: Neo4jConnection) -> Iterator[tuple[Database, dict]]:
    database = Database(neo4j_connection)
    clear_database(database)
    seed(database, schema=True)
    try:
        yield database, snapshot(database)
    finally:
        wipe(database)
        database.close()


def test_fuzzed_queries_never_write_and_never_crash(seeded_db: tuple[Database, dict]) -> None:
    db, before = seeded_db
    outcomes: dict[str, int] = {}

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(queries, st.dictionaries(st.sampled_from(["p", "ids", "x"]), param_values,
                                    max_size=2))
    def one(text: str, params: dict) -> None:
        try:
            run_query(db, text, params, timeout=2, limit=50)
            kind = "rows"
        except ActorgraphError as e:
            assert e.exit_code in EXIT_CODES, (type(e).__name__, str(e))
            kind = f"exit {e.exit_code}"
        outcomes[kind] = outcomes.get(kind, 0) + 1

    one()
    print(f"\nconsole fuzz against Neo4j: {sum(outcomes.values())} cases, {outcomes}")
    assert sum(outcomes.values()) >= EXAMPLES * 0.8
    assert snapshot(db) == before
    assert db.read("MATCH (n:Evil) RETURN count(n) AS n") == [{"n": 0}]
