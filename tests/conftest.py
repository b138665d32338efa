"""Shared fixtures: a real Neo4j for integration tests, the real app and Chromium for browser tests.

Layers are selected with markers (`-m unit`, `-m integration`, `-m browser`); each test gets the
marker of the folder it lives in. Nothing here skips: if Neo4j or Chromium cannot start, the
tests that need them fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from actorgraph import config
from actorgraph.config import Neo4jConnection
from actorgraph.graph.connection import Database

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("unit", "integration", "browser")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = Path(str(item.fspath)).relative_to(ROOT / "tests").parts
        if parts and parts[0] in LAYERS:
            item.add_marker(getattr(pytest.mark, parts[0]))


@pytest.fixture(scope="session")
def neo4j_connection(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jConnection]:
    """NEO4J_URI when set; otherwise a fresh local Neo4j on a free port, stopped at the end."""
    configured = config.configured_connection()
    if configured is not None:
        yield configured
        return
    from actorgraph.localdb import LocalNeo4j
    from actorgraph.localdb.probe import free_port

    server = LocalNeo4j(home=tmp_path_factory.mktemp("neo4j"), port=free_port(),
                        heap="1g", pagecache="256m")
    server.start()
    try:
        yield server.connection()
    finally:
        server.stop()


def clear_database(db: Database) -> None:
    """Remove every node, relationship, constraint and index the tests may have made."""
    with db.driver.session(database=db.name) as session:  # IN TRANSACTIONS needs auto-commit
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } "
                    "IN TRANSACTIONS OF 10000 ROWS").consume()
    for row in db.read("SHOW CONSTRAINTS YIELD name RETURN name"):
        db.write(f"DROP CONSTRAINT `{row['name']}` IF EXISTS")
    for row in db.read("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name"):
        db.write(f"DROP INDEX `{row['name']}` IF EXISTS")


@pytest.fixture
def db(neo4j_connection: Neo4jConnection) -> Iterator[Database]:
    """A Database on a clean Neo4j: empty, no constraints, no indexes."""
    database = Database(neo4j_connection)
    clear_database(database)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture(scope="session")
def neo4j_env(neo4j_connection: Neo4jConnection) -> dict[str, str]:
    """Environment for a subprocess (CLI, app) that must use the test Neo4j."""
    env = dict(os.environ)
    env["NEO4J_URI"] = neo4j_connection.uri
    env["NEO4J_USERNAME"] = neo4j_connection.username
    env["NEO4J_PASSWORD"] = neo4j_connection.password or ""
    if neo4j_connection.database:
        env["NEO4J_DATABASE"] = neo4j_connection.database
    return env
