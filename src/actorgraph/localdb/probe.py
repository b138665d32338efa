"""Looking at 127.0.0.1 from outside the server: is a port free, and does Neo4j answer on Bolt
(with which version).

The answer comes through the driver, not from a bare Bolt handshake: a handshake would say
only that something speaks Bolt on the port, while `actorgraph db start` and `db status`
report the server's version and count a server as running only when its password works.
"""

from __future__ import annotations

import socket

from actorgraph.config import Neo4jConnection


def server_version(conn: Neo4jConnection, connect_timeout: float = 5.0) -> str:
    """The server's version string (e.g. '5.26.30'), as the server reports it."""
    # Imported here: the driver takes about half a second to import, and `actorgraph db stop`
    # and the port helpers do not need it.
    import neo4j

    auth = (conn.username, conn.password) if conn.password is not None else None
    with neo4j.GraphDatabase.driver(conn.uri, auth=auth, connection_timeout=connect_timeout,
                                    max_transaction_retry_time=5.0) as driver, driver.session(
        database="system", default_access_mode=neo4j.READ_ACCESS
    ) as session:
        # session.run, not execute_query: a status probe must fail fast, not retry.
        record = session.run(
            "CALL dbms.components() YIELD versions RETURN versions[0] AS version").single()
        return str(record["version"])


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
