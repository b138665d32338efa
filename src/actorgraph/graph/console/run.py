"""The Cypher console: run one user query, read-only, bounded in time and in rows.

Why three layers, each enough on its own for the common cases:

1. Text (`text_guard.check_text`): a query too long or too deeply nested for Neo4j's parser
   is refused first (`check_size`). Then comments and string literals are lexed away
   (`lexer`), and the tokens are checked for more than one statement, administration and
   schema commands, `USE`, `CYPHER debug=...`, `LOAD CSV`, `CALL { ... } IN TRANSACTIONS` and
   procedure calls outside `ALLOWED_PROCEDURES`. Cheap, no round trip, and it can point at the
   line and column of the offending word. Parameters are checked for depth and size
   (`params.check_params`).
2. Plan (`plan_guard.explain` + `plan_guard.check_plan`): `EXPLAIN` plans the query without
   running it. Only a plan whose `query_type` is ``"r"`` passes, and whatever the type, the
   plan's operators are checked again (`LoadCSV`, `ProcedureCall` with its resolved procedure
   name, `AdministrationCommand`, `Show*`, `Terminate*`, `TransactionApply`/
   `TransactionForeach`). Operators cannot be fooled by odd spelling, whitespace, backticks or
   comments.
3. Execution: the EXPLAIN and the query run in one READ-mode explicit transaction that is never
   committed (it is rolled back after the rows are read), with a server-side timeout covering
   both. A watchdog thread also terminates the transaction when the timeout passes, because the
   server only checks its timeouts every `db.transaction.monitor.check.interval` (2 s by
   default), and cuts the query's connection `ABANDON_GRACE` later if it still runs (Neo4j does
   not interrupt a single long expression, nor a parser that never answers): `run_query`
   returns by its timeout whatever the server does. At most `limit + 1` rows and `max_bytes`
   bytes are read; the extra row only sets `truncated`.

The local Neo4j adds its own limits (see `actorgraph.localdb.launcher.render_neo4j_conf`): file
URLs only inside the import folder, no unrestricted procedures, a server transaction timeout.

Allowed procedures (`text_guard.ALLOWED_PROCEDURES`) are read-only introspection and
full-text search. `dbms.components` is not among them: it is a DBMS-mode procedure, its plan
type is ``"s"``, and the console accepts ``"r"`` only. Every `dbms.*` procedure is refused for
the same reason.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import uuid
import weakref
from collections.abc import Mapping
from typing import Any

import neo4j
import neo4j.exceptions

from actorgraph.errors import QueryFailed, QueryRefused, QueryTimedOut
from actorgraph.graph.connection import Abort, Database, is_connection_lost, unavailable
from actorgraph.graph.console.lexer import Position, with_position
from actorgraph.graph.console.limits import resolve_limits, resolve_max_bytes
from actorgraph.graph.console.params import check_params
from actorgraph.graph.console.plan_guard import EXPLAIN_PREFIX, check_plan, plan_notifications
from actorgraph.graph.console.result import ConsoleResult
from actorgraph.graph.console.text_guard import check_text
from actorgraph.graph.console.values import GraphCollector, JSONValue, json_size, to_json_value

# The driver logs every server notification to "neo4j.notifications"; with no logging set up,
# Python's last-resort handler would print them on stderr in the middle of CLI output. The
# console returns them in `ConsoleResult.notifications` instead; an application that configures
# logging still receives the records.
logging.getLogger("neo4j.notifications").addHandler(logging.NullHandler())
# The same for the driver's connection log: when the watchdog cuts a connection, the driver
# logs the failed read as an error; the console reports the timeout instead.
logging.getLogger("neo4j.io").addHandler(logging.NullHandler())
_log = logging.getLogger(__name__)

WATCHDOG_METADATA_KEY = "actorgraph_console"

_SERVER_POSITION = re.compile(r"\s*\(line (\d+), column (\d+) \(offset: (\d+)\)\)")


def _server_message(error: neo4j.exceptions.Neo4jError, text: str,
                    shift: int) -> tuple[str, Position | None]:
    """The first line of the server's message and its position mapped onto the user's text.

    `shift` is the number of lines prepended to the user's text (1 for EXPLAIN_PREFIX).
    """
    raw = (error.message or str(error)).strip()
    first = raw.split("\n", 1)[0]
    match = _SERVER_POSITION.search(first)
    pos = None
    if match:
        first = (first[:match.start()] + first[match.end():]).strip()
        line, column, offset = (int(g) for g in match.groups())
        line -= shift
        offset -= len(EXPLAIN_PREFIX) if shift else 0
        if line >= 1 and offset >= 0:
            pos = Position(line=line, column=column, offset=offset)
    return first.rstrip("."), pos


def _seconds(value: float) -> str:
    return f"{value:g}"


def _timed_out(timeout: float, abandoned: bool = False) -> QueryTimedOut:
    if abandoned:
        return QueryTimedOut(
            f"Timed out: the console stopped waiting after {_seconds(timeout)} s, its limit "
            "(ACTORGRAPH_QUERY_TIMEOUT or --timeout), and dropped the connection. The server "
            "was told to stop the query, but it cannot interrupt a single long expression "
            "(such as reduce over a huge range) and may finish it in the background. "
            "Make the expression smaller.")
    return QueryTimedOut(
        f"Timed out: the query was stopped after {_seconds(timeout)} s, the console's "
        "limit (ACTORGRAPH_QUERY_TIMEOUT or --timeout). Narrow the MATCH or add a LIMIT.")


def _translate(error: neo4j.exceptions.Neo4jError, text: str, shift: int, timeout: float,
               watchdog_fired: bool, abandoned: bool = False) -> Exception:
    code = error.code or ""
    message, pos = _server_message(error, text, shift)
    if watchdog_fired or code.endswith("TransactionTimedOutClientConfiguration"):
        return _timed_out(timeout, abandoned)
    if code.endswith(".Transaction.TransactionTimedOut"):
        return QueryTimedOut(
            "Timed out: the server stopped the query at its own transaction time limit "
            "(db.transaction.timeout). Narrow the MATCH or add a LIMIT.")
    if code.endswith(".Transaction.Terminated"):
        return QueryFailed("The query was terminated on the server by another session.")
    if code == "Neo.ClientError.Statement.AccessMode":
        return QueryRefused(with_position(
            f"Refused by the server: {message} (the console only reads)", text, pos))
    if code.startswith("Neo.ClientError.Security."):
        return QueryRefused(with_position(f"Refused by the server: {message}", text, pos))
    if code == "Neo.ClientError.Statement.SyntaxError":
        return QueryFailed(with_position(f"Syntax error: {message}", text, pos))
    if code == "Neo.ClientError.Statement.ParameterMissing":
        names = message.split(":", 1)[-1].split(",")
        shown = ", ".join(f"${n.strip()}" for n in names if n.strip())
        return QueryFailed(f"Missing parameter value: {shown}. Give every $name a value.")
    return QueryFailed(with_position(f"Query failed ({code}): {message}", text, pos))


_WARMED_DRIVERS: weakref.WeakSet[neo4j.Driver] = weakref.WeakSet()

_TERMINATE_QUERY = (
    "SHOW TRANSACTIONS YIELD transactionId AS txId, metaData "
    f"WHERE metaData.{WATCHDOG_METADATA_KEY} = $token "
    "TERMINATE TRANSACTIONS txId YIELD transactionId, message RETURN transactionId, message")

TERMINATE_TIMEOUT = 10.0
"""Seconds the watchdog's own terminate query may take (server-side limit)."""

ABANDON_GRACE = 1.0
"""Seconds after the timeout the watchdog waits for a terminated query to end before it cuts
the query's connection: a single long expression (`reduce` over a huge range) is not
interrupted by termination on Neo4j 5.26, nor is a parser that never answers."""

WARM_UP_AFTER = 0.5
"""Seconds a query runs before the watchdog has the server compile its terminate query (when
that was not done for the driver yet): quick queries, most of them, cost no extra connection."""

FETCH_SIZE = 50
"""Rows the server sends per request. Rows beyond the byte cap that are already on their way
must still be read and dropped, so this bounds the waste (and the server's output buffers)
when rows are large."""


def _terminate_matching(driver: neo4j.Driver, database: str | None, token: str,
                        abort: Abort | None = None) -> None:
    """Terminate the transactions whose metadata carries `token` (none, for a fresh token).

    Runs in an explicit transaction so that `abort` can cut its connection when it hangs.
    """
    try:
        with driver.session(database=database) as session:
            tx = session.begin_transaction(timeout=TERMINATE_TIMEOUT)
            try:
                if abort is not None:
                    abort.attach(tx)
                tx.run(_TERMINATE_QUERY, token=token).consume()
            finally:
                if abort is not None:
                    abort.detach()
                tx.close()
    except Exception as e:  # the server's own timeout remains the backstop
        _log.debug("console watchdog could not terminate its transaction: %s", e)


def warm_up(db: Database, wait: float = 0.0) -> threading.Thread | None:
    """Have the server compile the watchdog's query now, in the background.

    A first compilation takes a second or more on a busy server; done ahead, the first
    timeout is as prompt as the later ones. Once per driver. Returns at once, or after at
    most `wait` seconds when the warm-up should be finished first. The work belongs to `db`:
    `db.close()` cancels it and waits for it before the driver closes.
    """
    if db.driver in _WARMED_DRIVERS:
        return None
    _WARMED_DRIVERS.add(db.driver)
    token = uuid.uuid4().hex
    job = db.in_background("console-watchdog-warm-up",
                           lambda abort: _terminate_matching(db.driver, db.name, token, abort))
    if wait > 0:
        job.thread.join(timeout=wait)
    return job.thread


class _Watchdog:
    """Stops the console's transaction (the EXPLAIN and the run) when the timeout passes.

    At the timeout it terminates the transaction on the server (found by a random token in
    its metadata, so nothing else is touched): the server enforces the transaction timeout
    too, but only every `db.transaction.monitor.check.interval`. When the query still has not
    ended `ABANDON_GRACE` seconds later, it cuts the query's connection (`attach`): the
    waiting caller gets its answer at once and the connection is discarded, whatever the
    server is still doing. Leaving the `with` block waits for the watchdog's own work, so
    nothing runs on the driver after the block.
    """

    def __init__(self, driver: neo4j.Driver, database: str | None, timeout: float) -> None:
        self.token = uuid.uuid4().hex
        self.fired = threading.Event()
        self.abandoned = threading.Event()
        self._done = threading.Event()
        self._driver = driver
        self._database = database
        self._timeout = timeout
        self._deadline = 0.0
        self._query_abort = Abort()
        self._thread = threading.Thread(target=self._watch, name="console-watchdog",
                                        daemon=True)

    def __enter__(self) -> _Watchdog:
        self._deadline = time.monotonic() + self._timeout
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._query_abort.detach()
        self._done.set()
        self._thread.join(3 * TERMINATE_TIMEOUT + ABANDON_GRACE + 5.0)

    @property
    def metadata(self) -> dict[str, str]:
        """Transaction metadata that lets the watchdog find the console's transactions."""
        return {WATCHDOG_METADATA_KEY: self.token, "app": "actorgraph console"}

    def attach(self, tx: neo4j.Transaction) -> None:
        """The query's transaction: its connection is cut if it outlives the grace period."""
        self._query_abort.attach(tx)

    def _watch(self) -> None:
        warm = None
        if self._driver not in _WARMED_DRIVERS and not self._done.wait(
                min(WARM_UP_AFTER, self._timeout / 2)):
            warm = _Warming(self._driver, self._database)
        try:
            if not self._done.wait(max(0.0, self._deadline - time.monotonic())):
                self._stop_query()
        finally:
            if warm is not None:
                warm.finish(wait=0.0 if not self.fired.is_set() else TERMINATE_TIMEOUT)

    def _stop_query(self) -> None:
        self.fired.set()
        terminate_abort = Abort()
        terminator = threading.Thread(
            target=_terminate_matching,
            args=(self._driver, self._database, self.token, terminate_abort),
            name="console-watchdog-terminate", daemon=True)
        terminator.start()
        if not self._done.wait(ABANDON_GRACE):
            self.abandoned.set()
            self._query_abort.fire()
        terminator.join(TERMINATE_TIMEOUT)
        if terminator.is_alive():
            terminate_abort.fire()
            terminator.join(5.0)


class _Warming:
    """The watchdog's terminate query compiling on the server, in a thread of its own."""

    def __init__(self, driver: neo4j.Driver, database: str | None) -> None:
        self._driver = driver
        self.abort = Abort()
        self.thread = threading.Thread(
            target=self._run, args=(database, uuid.uuid4().hex),
            name="console-watchdog-warm-up", daemon=True)
        self.thread.start()

    def _run(self, database: str | None, token: str) -> None:
        _terminate_matching(self._driver, database, token, self.abort)
        if not self.abort.fired.is_set():
            _WARMED_DRIVERS.add(self._driver)

    def finish(self, wait: float) -> None:
        """Let it end within `wait` seconds, else cut its connection; then join it."""
        self.thread.join(wait)
        if self.thread.is_alive():
            self.abort.fire()
            self.thread.join(TERMINATE_TIMEOUT)


def run_query(db: Database, text: str, params: Mapping[str, Any] | None = None, *,
              limit: int | None = None, timeout: float | None = None,
              max_bytes: int | None = None) -> ConsoleResult:
    """Run one user query safely and return its rows (see the module docstring for how).

    `limit`, `timeout` and `max_bytes` default to ACTORGRAPH_QUERY_ROW_LIMIT,
    ACTORGRAPH_QUERY_TIMEOUT and ACTORGRAPH_QUERY_MAX_BYTES. Returns by the timeout (plus
    `ABANDON_GRACE`) whatever the server does. Raises `QueryRefused`, `QueryTimedOut`,
    `QueryFailed`, `DatabaseUnavailable` or `ConfigError`; never returns failure as data.
    """
    limit, timeout = resolve_limits(limit, timeout)
    max_bytes = resolve_max_bytes(max_bytes)
    checked = check_params(params)
    check_text(text)
    started = time.monotonic()
    shift = 1
    watchdog = _Watchdog(db.driver, db.name, timeout)
    try:
        with watchdog, db.driver.session(database=db.name, fetch_size=FETCH_SIZE,
                                         default_access_mode=neo4j.READ_ACCESS) as session:
            # One READ transaction, never committed, for the plan and the run: its server
            # timeout covers both, and the watchdog can cut its one connection.
            tx = session.begin_transaction(timeout=timeout, metadata=watchdog.metadata)
            try:
                watchdog.attach(tx)
                summary = tx.run(EXPLAIN_PREFIX + text, dict(checked)).consume()
                check_plan(summary.query_type, summary.plan, text)
                notifications = plan_notifications(summary, text)
                shift = 0
                fetched = _fetch(tx, text, checked, limit, max_bytes)
            finally:
                watchdog._query_abort.detach()
                _close_quietly(tx, watchdog)
    except neo4j.exceptions.Neo4jError as e:
        raise _translate(e, text, shift, timeout, watchdog.fired.is_set(),
                         watchdog.abandoned.is_set()) from e
    except (neo4j.exceptions.DriverError, OSError) as e:
        if watchdog.fired.is_set():
            raise _timed_out(timeout, watchdog.abandoned.is_set()) from e
        if is_connection_lost(e):
            raise unavailable(db.conn, e) from e
        raise QueryFailed(f"Query failed: {type(e).__name__}: {e}") from e
    if watchdog.fired.is_set():  # rows that came after the timeout are not shown
        raise _timed_out(timeout, watchdog.abandoned.is_set())
    columns, rows, truncated_by, graph = fetched
    elapsed_ms = round((time.monotonic() - started) * 1000, 1)
    return ConsoleResult(columns=columns, rows=rows, truncated=truncated_by is not None,
                         limit=limit, elapsed_ms=elapsed_ms, nodes=list(graph.nodes.values()),
                         relationships=list(graph.relationships.values()),
                         notifications=notifications, max_bytes=max_bytes,
                         truncated_by=truncated_by)


def _close_quietly(tx: neo4j.Transaction, watchdog: _Watchdog) -> None:
    """Roll back (a console query never commits); on a cut connection there is nothing to
    roll back, and the caller reports the timeout rather than this."""
    try:
        tx.close()
    except (neo4j.exceptions.DriverError, OSError):
        if not watchdog.fired.is_set():
            raise


def _fetch(tx: neo4j.Transaction, text: str, params: Mapping[str, Any], limit: int,
           max_bytes: int
           ) -> tuple[list[str], list[list[JSONValue]], str | None, GraphCollector]:
    """Read at most `limit` rows and `max_bytes` bytes (as JSON) of them.

    Rows are converted while the transaction is open: a relationship's end nodes are only
    resolvable then. One more row only tells that there were more ("rows"); a row that would
    pass the byte cap is dropped and stops the reading ("bytes").
    """
    rows: list[list[JSONValue]] = []
    graph = GraphCollector()
    truncated_by: str | None = None
    size = 0
    result = tx.run(text, dict(params))
    columns = list(result.keys())
    for record in result:
        if len(rows) == limit:
            truncated_by = "rows"
            break
        row_graph = GraphCollector()
        row = [to_json_value(v, row_graph) for v in record.values()]
        size += json_size(row)
        if size > max_bytes:
            truncated_by = "bytes"
            break
        rows.append(row)
        graph.nodes.update({k: v for k, v in row_graph.nodes.items() if k not in graph.nodes})
        graph.relationships.update({k: v for k, v in row_graph.relationships.items()
                                    if k not in graph.relationships})
    return columns, rows, truncated_by, graph
