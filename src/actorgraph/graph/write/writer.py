"""Storing `ArticleRecords` in Neo4j: one transaction per batch, all or nothing.

Identity and retraction (docs/graph-model.md, docs/ingest.md): every node is MERGEd on its
stable id, every relationship on its id or endpoints. What supports a fact is its claims, what
supports an entity the articles' `MENTIONS` of it; nothing carries a list of its articles, so
the cost of a batch does not grow with the graph. Re-ingesting an article deletes the claims
and mentions it no longer states and recomputes what they supported (what is left with no
support is removed), so re-ingesting the same article changes nothing; facts that other
articles state survive. A fact's `modality` is the most certain modality of its claims and
`evidence_count` the number of its claims, an entity's the number of articles that mention it,
recomputed for what the batch touches only. The writer refuses a store of another graph model
(`schema.check_model`).

The statements are in statements.py, the steps of one transaction in transaction.py.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import neo4j
from neo4j.exceptions import IncompleteCommit

from actorgraph.errors import TransactionUnanswered, WriteInterrupted
from actorgraph.graph.connection import CONNECTION_LOST, Database, driver_reason
from actorgraph.graph.schema import check_model, ensure_schema
from actorgraph.graph.write.plan import BatchPlan, check_bundles, plan_batch
from actorgraph.graph.write.transaction import BatchRun
from actorgraph.records import ArticleRecords, IngestReport

DEFAULT_CHUNK_SIZE = 5000

BeforeCommit = Callable[[neo4j.ManagedTransaction], None]

_schema_ready: weakref.WeakSet[Database] = weakref.WeakSet()


def write_article(db: Database, bundle: ArticleRecords,
                  before_commit: BeforeCommit | None = None) -> IngestReport:
    """Store one article: a batch of one."""
    return write_batch(db, [bundle], before_commit=before_commit)[0]


def write_batch(db: Database, bundles: Sequence[ArticleRecords], *,
                chunk_size: int = DEFAULT_CHUNK_SIZE,
                before_commit: BeforeCommit | None = None) -> list[IngestReport]:
    """Store the bundles in ONE transaction and report, per article, what changed.

    `before_commit` runs inside the transaction after every statement, just before the
    commit; an exception there rolls everything back (tests use it to fail late).
    """
    bundles = list(bundles)
    if not bundles:
        return []
    check_bundles(bundles)
    return _write_plan(db, plan_batch(bundles), chunk_size, before_commit)


def _write_plan(db: Database, plan: BatchPlan, chunk_size: int,
                before_commit: BeforeCommit | None = None) -> list[IngestReport]:
    # Once an attempt has handed its work back, the driver sends the commit. If the
    # connection is lost after that, in this attempt or while execute_write retries, the
    # server may have stored the batch: the outcome is unknown, not "not committed".
    commit_sent = False

    def work(tx: neo4j.ManagedTransaction) -> list[IngestReport]:
        nonlocal commit_sent
        run = BatchRun(tx, plan, chunk_size)
        run.write()
        if before_commit is not None:
            before_commit(tx)
        commit_sent = True
        return run.reports

    try:
        if db not in _schema_ready:
            ensure_schema(db)
            check_model(db)
            _schema_ready.add(db)
        with db.driver.session(database=db.name) as session:
            return session.execute_write(work)
    except CONNECTION_LOST as e:
        unknown = commit_sent or isinstance(e, IncompleteCommit)
        outcome = ("the commit was sent but never confirmed, so it may or may not have been "
                   "stored; running the same command again is safe" if unknown else
                   "the transaction was not committed; nothing of it was written")
        reason = driver_reason(e)
        raise TransactionUnanswered(f"Neo4j at {db.conn.display_uri} stopped answering during the "
                          f"write; {outcome}: {reason}", reason, unknown) from e


class PipelinedWriter:
    """`write_batch` for a stream of batches, one batch behind the caller.

    Calling it checks and plans the batch in the caller's thread, waits until the previous
    batch is committed, and hands the new one to a writer thread. So while Neo4j stores
    batch N, the caller reads, converts and plans batch N+1 (in `benchmarks/ingest.py` about
    40% of a batch's time was Python on the client side, the rest waiting for the server).
    Each batch is still its own transaction, all or nothing; at most one is in flight.

    A call returns the reports of the batch that was committed while it waited (empty for
    the first); `finish()` waits for the last one and returns its reports. A failed batch
    raises its error from the next call or from `finish()`, and nothing after it is written.
    When Neo4j stopped answering, that error is a WriteInterrupted that says how many batches
    were committed before (they stay) and what became of the one being written.
    Use as a context manager, or call `finish()`.
    """

    def __init__(self, db: Database, chunk_size: int = DEFAULT_CHUNK_SIZE) -> None:
        self._db = db
        self._chunk_size = chunk_size
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="actorgraph-writer")
        self._pending: Future[list[IngestReport]] | None = None
        self.committed = 0
        """Batches committed so far."""

    def __call__(self, bundles: Sequence[ArticleRecords]) -> list[IngestReport]:
        bundles = list(bundles)
        if not bundles:
            return []
        check_bundles(bundles)
        plan = plan_batch(bundles)
        done = self._wait()
        self._pending = self._pool.submit(_write_plan, self._db, plan, self._chunk_size)
        return done

    def _wait(self) -> list[IngestReport]:
        pending, self._pending = self._pending, None
        if pending is None:
            return []
        try:
            reports = pending.result()
        except TransactionUnanswered as e:
            batches = f"{self.committed} batch{'es' if self.committed != 1 else ''}"
            outcome = ("was sent for commit but never confirmed (it may or may not be stored)"
                       if e.outcome_unknown else "was not committed")
            raise WriteInterrupted(
                f"Neo4j at {self._db.conn.display_uri} stopped answering during the write: "
                f"{batches} committed before stay stored; the batch being written {outcome}; "
                f"nothing after it was written: {e.reason}", self.committed,
                e.outcome_unknown, self._db.conn.display_uri, e.reason) from e
        self.committed += 1
        return reports

    def finish(self) -> list[IngestReport]:
        """Wait for the batch in flight; its reports. The writer thread ends."""
        try:
            return self._wait()
        finally:
            self._pool.shutdown(wait=True)

    def __enter__(self) -> PipelinedWriter:
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        if exc is None:
            self.finish()
            return
        try:  # the batch in flight commits or fails on its own; the first error wins
            self.finish()
        except Exception as late:
            exc.add_note(f"The batch being written when this happened failed too: {late}")
