"""Connecting to Neo4j: the configured server, or the local one (started when needed)."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase, RoutingControl

from actorgraph import config
from actorgraph.config import Neo4jConnection
from actorgraph.errors import DatabaseUnavailable
from actorgraph.localdb import LocalNeo4j

CONNECTION_LOST: tuple[type[BaseException], ...] = (
    neo4j.exceptions.ServiceUnavailable,  # no server, or the connection broke
    neo4j.exceptions.SessionExpired,  # the server went away under a session
    neo4j.exceptions.DatabaseUnavailable,  # the server answers but its database is stopping
    OSError,  # a socket error the driver did not wrap
)
"""The driver's ways of saying that Neo4j stopped answering (not that a query is wrong)."""


def is_connection_lost(error: BaseException) -> bool:
    return isinstance(error, CONNECTION_LOST)


def driver_reason(error: BaseException) -> str:
    """The driver's words on one line."""
    return " ".join(str(error).split())


def unavailable(conn: Neo4jConnection, error: BaseException) -> DatabaseUnavailable:
    """The one translation of a lost connection (reads, writes, the console) into the error
    the CLI and the dashboard show."""
    return DatabaseUnavailable(f"Neo4j at {conn.display_uri} does not answer: {error}")


@contextmanager
def translated_driver_errors(conn: Neo4jConnection) -> Iterator[None]:
    """Run a read or write: any driver failure that is not the query's own fault (a lost
    connection, or another DriverError) becomes DatabaseUnavailable; Neo4jError (the
    server's answer to a query) passes through."""
    try:
        yield
    except (neo4j.exceptions.DriverError, *CONNECTION_LOST) as e:
        raise unavailable(conn, e) from e


def open_driver(conn: Neo4jConnection, connect_timeout: float = 10.0,
                **options: Any) -> neo4j.Driver:
    """A driver for `conn`; `options` are passed on (e.g. max_connection_pool_size)."""
    auth = (conn.username, conn.password) if conn.password is not None else None
    return GraphDatabase.driver(conn.uri, auth=auth, connection_timeout=connect_timeout,
                                max_transaction_retry_time=5.0, **options)


def resolve_connection(start_local: bool = True) -> Neo4jConnection:
    """NEO4J_URI when set; otherwise the local Neo4j, started if needed (the zero-config path)."""
    configured = config.configured_connection()
    if configured is not None:
        return configured
    local = LocalNeo4j()
    if start_local:
        local.start()
    return local.connection()


_log = logging.getLogger(__name__)

BACKGROUND_JOIN_TIMEOUT = 30.0
"""Seconds `Database.close` waits for a cancelled background job; each job's own network
waits are bounded (connection timeout, server answer to a cut connection), so this is a
backstop that is not reached in practice."""


def _transaction_socket(tx: neo4j.Transaction) -> socket.socket | None:
    """The OS socket under an open explicit transaction, or None when it cannot be found.

    The driver has no public way to interrupt a blocking read from another thread; shutting
    the socket down is what does it (the read returns end-of-file, the driver marks the
    connection defunct and the pool discards it).
    """
    connection = getattr(tx, "_connection", None)
    bolt_socket = getattr(connection, "socket", None)
    raw = getattr(bolt_socket, "_socket", None)
    return raw if isinstance(raw, socket.socket) else None


class Abort:
    """Lets one thread cut the connection another thread's transaction is blocked on.

    The worker `attach`es its explicit transaction once it is open and `detach`es it before
    closing it, so a connection that went back to the pool is never touched. `fire` shuts the
    attached socket down; firing before `attach` makes `attach` shut it at once.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._socket: socket.socket | None = None
        self.fired = threading.Event()

    def attach(self, tx: neo4j.Transaction) -> None:
        sock = _transaction_socket(tx)
        with self._lock:
            self._socket = sock
            if self.fired.is_set():
                _shutdown(sock)

    def detach(self) -> None:
        with self._lock:
            self._socket = None

    def fire(self) -> None:
        with self._lock:
            self.fired.set()
            _shutdown(self._socket)


def _shutdown(sock: socket.socket | None) -> None:
    if sock is None:
        return
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


class BackgroundJob:
    """A daemon thread doing driver work for a `Database`, with the `Abort` that stops it."""

    def __init__(self, name: str, work: Callable[[Abort], Any]) -> None:
        self.abort = Abort()
        self.thread = threading.Thread(target=self._run, args=(work,), name=name, daemon=True)

    def _run(self, work: Callable[[Abort], Any]) -> None:
        if self.abort.fired.is_set():
            return
        try:
            work(self.abort)
        except Exception as e:  # background work is best effort
            _log.debug("background job %s failed: %s", self.thread.name, e)

    def cancel_and_join(self, timeout: float = BACKGROUND_JOIN_TIMEOUT) -> bool:
        """Cut its connection, wait for the thread; True when it has ended."""
        self.abort.fire()
        self.thread.join(timeout)
        return not self.thread.is_alive()


_Here = TypeVar("_Here")
_Beside = TypeVar("_Beside")


def side_by_side(here: Callable[[], _Here], beside: Callable[[], _Beside],
                 name: str) -> tuple[_Here, _Beside]:
    """Both results, `beside` run in a second thread (named `name`) while `here` runs in this
    one: two reads that need nothing of each other then use both cores (Neo4j runs each
    query on one). An error of either is raised here, once both have ended."""
    with ThreadPoolExecutor(1, thread_name_prefix=name) as pool:
        other = pool.submit(beside)
        first = here()
        return first, other.result()


class Database:
    """A driver plus the database name: what every reader and writer gets handed."""

    def __init__(self, conn: Neo4jConnection, connect_timeout: float = 10.0,
                 **driver_options: Any) -> None:
        self.conn = conn
        self.name = conn.database
        self.driver = open_driver(conn, connect_timeout, **driver_options)
        self._jobs: list[BackgroundJob] = []
        self._jobs_lock = threading.Lock()

    def in_background(self, name: str, work: Callable[[Abort], Any]) -> BackgroundJob:
        """Run `work(abort)` in a daemon thread that `close` cancels and joins before the
        driver closes (closing a driver under a running thread corrupts its connection)."""
        job = BackgroundJob(name, work)
        with self._jobs_lock:
            self._jobs = [j for j in self._jobs if j.thread.is_alive()]
            self._jobs.append(job)
        job.thread.start()
        return job

    def close(self) -> None:
        with self._jobs_lock:
            jobs, self._jobs = self._jobs, []
        for job in jobs:
            if not job.cancel_and_join():
                _log.warning("background job %s did not stop; closing the driver anyway",
                             job.thread.name)
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

    def read_maps(self, query: str, **params: object) -> list[dict]:
        """`read` for a query whose values are maps, lists and scalars only (projections such
        as `n {.id, .name}`, never a node, relationship or path): the rows as Bolt decoded
        them, without the driver's conversion of every nested value, which took a third of
        the explorer's time on a large view."""
        return self._execute(query, params, RoutingControl.READ, plain=True)

    def _execute(self, query: str, params: dict, routing: RoutingControl,
                 plain: bool = False) -> list[dict]:
        with translated_driver_errors(self.conn):
            records, _, keys = self.driver.execute_query(
                query, params, routing_=routing, database_=self.name)
        if plain:
            return [dict(zip(keys, r, strict=True)) for r in records]
        return [r.data() for r in records]

    def counts(self) -> dict[str, int]:
        """Node and relationship counts of the whole database."""
        rows = self.read(
            "CALL () { MATCH (n) RETURN count(n) AS nodes } "
            "CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } "
            "RETURN nodes, relationships")
        return {"nodes": rows[0]["nodes"], "relationships": rows[0]["relationships"]}

    def version(self) -> str:
        """The server's version (e.g. '5.26.30'), as it announced itself to a connection of
        this driver's pool. The explorer's status line shows it on every page load and health
        check: a new driver for each (`probe.server_version`, for commands that have no
        Database) cost a Bolt handshake and login, about 27 ms of a cached page's 60."""
        with translated_driver_errors(self.conn):
            agent = self.driver.get_server_info().agent  # "Neo4j/5.26.30"
        return agent.partition("/")[2] or agent


@contextmanager
def connect(start_local: bool = True) -> Iterator[Database]:
    db = Database(resolve_connection(start_local=start_local))
    try:
        yield db
    finally:
        db.close()
