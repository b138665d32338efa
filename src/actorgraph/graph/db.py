"""Connecting to Neo4j: the configured server, or the local one (started when needed)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import neo4j
from neo4j import GraphDatabase, RoutingControl

from actorgraph import config
from actorgraph.config import Neo4jConnection
from actorgraph.errors import DatabaseUnavailable


def open_driver(conn: Neo4jConnection, connect_timeout: float = 10.0) -> neo4j.Driver:
    auth = (conn.username, conn.password) if conn.password is not None else None
    return GraphDatabase.driver(conn.uri, auth=auth, connection_timeout=connect_timeout,
                                max_transaction_retry_time=5.0)


def server_version(conn: Neo4jConnection, connect_timeout: float = 5.0) -> str:
    """The server's version string (e.g. '5.26.30'), as the server reports it."""
    with open_driver(conn, connect_timeout) as driver, driver.session(
        database="system", default_access_mode=neo4j.READ_ACCESS
    ) as session:
        # session.run, not execute_query: a status probe must fail fast, not retry.
        record = session.run(
            "CALL dbms.components() YIELD versions RETURN versions[0] AS version").single()
        return str(record["version"])


def resolve_connection(start_local: bool = True) -> Neo4jConnection:
    """NEO4J_URI when set; otherwise the local Neo4j, started if needed (the zero-config path)."""
    configured = config.configured_connection()
    if configured is not None:
        return configured
    from actorgraph.localdb import LocalNeo4j

    local = LocalNeo4j()
    if start_local:
        local.start()
    return local.connection()


class Database:
    """A driver plus the database name: what every reader and writer gets handed."""

    def __init__(self, conn: Neo4jConnection, connect_timeout: float = 10.0) -> None:
        self.conn = conn
        self.name = conn.database
        self.driver = open_driver(conn, connect_timeout)

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(self, query: str, **params: object) -> list[dict]:
        """Run a read query (routed to a reader) and return its rows as dicts."""
        return self._execute(query, params, RoutingControl.READ)

    def write(self, query: str, **params: object) -> list[dict]:
        """Run a write query in its own transaction and return its rows as dicts."""
        return self._execute(query, params, RoutingControl.WRITE)

    def _execute(self, query: str, params: dict, routing: RoutingControl) -> list[dict]:
        try:
            records, _, _ = self.driver.execute_query(
                query, params, routing_=routing, database_=self.name)
        except neo4j.exceptions.ServiceUnavailable as e:
            raise DatabaseUnavailable(
                f"Neo4j at {self.conn.display_uri} does not answer: {e}") from e
        return [r.data() for r in records]

    def counts(self) -> dict[str, int]:
        """Node and relationship counts of the whole database."""
        rows = self.read(
            "CALL () { MATCH (n) RETURN count(n) AS nodes } "
            "CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } "
            "RETURN nodes, relationships")
        return {"nodes": rows[0]["nodes"], "relationships": rows[0]["relationships"]}

    def version(self) -> str:
        return server_version(self.conn)


@contextmanager
def connect(start_local: bool = True) -> Iterator[Database]:
    db = Database(resolve_connection(start_local=start_local))
    try:
        yield db
    finally:
        db.close()
