"""localdb/probe.py without a server: ports on 127.0.0.1, and a probe where nothing listens."""

import socket
import time

import neo4j
import pytest

from actorgraph.config import Neo4jConnection
from actorgraph.localdb.probe import free_port, port_is_free, server_version


def test_port_is_free_sees_a_listening_socket():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        assert port_is_free(s.getsockname()[1]) is False


def test_free_port_is_free():
    assert port_is_free(free_port()) is True


def test_server_version_fails_fast_where_nothing_listens():
    conn = Neo4jConnection(uri=f"bolt://127.0.0.1:{free_port()}", username="neo4j",
                           password="unused", database=None)
    started = time.monotonic()
    with pytest.raises(neo4j.exceptions.ServiceUnavailable):
        server_version(conn, connect_timeout=2.0)
    assert time.monotonic() - started < 10
