"""Storing `ArticleRecords` in Neo4j: one transaction per batch, all or nothing.

Identity and retraction (docs/graph-model.md, docs/ingest.md): every node is MERGEd on its
stable id, every relationship on its id or endpoints, and every fact carries `articles`, the
ids of the articles stating it. Re-ingesting an article takes its id out of everything it no
longer states (what is left with no article is removed) and keeps the position of its id in
lists it still appears in, so re-ingesting the same article changes nothing; facts that other
articles state survive. A fact's `modality` is the most certain modality of its claims and
`evidence_count` the number of its articles, recomputed for every fact the batch touches.

Writes are `UNWIND $rows AS row MERGE ...` statements in chunks of `chunk_size` rows, nodes
before relationships. Labels and relationship types cannot be parameters: each one is spelled
out in the statement text (a guarded SET per actor kind, a UNION ALL branch per relation type,
a statement per event label or link type), only from the allow-lists in records.py and
`plan.LINK_TYPES`.
Each statement returns, per article, how many elements it created, updated and removed, which
makes the report exact without reading anything back.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import neo4j
from neo4j.exceptions import IncompleteCommit

from actorgraph.errors import DatabaseUnavailable, WriteInterrupted
from actorgraph.graph.connection import CONNECTION_LOST, Database, driver_reason
from actorgraph.graph.schema import ensure_schema
from actorgraph.graph.write.facts import refresh_facts, write_gdelt_rows
from actorgraph.graph.write.plan import (
    ENTITY_KINDS,
    LINK_TYPES,
    REPORT_KINDS,
    BatchPlan,
    Row,
    check_bundles,
    plan_batch,
)
from actorgraph.records import (
    ACTOR_LABELS,
    EVENT_LABELS,
    RELATION_TYPES,
    ArticleRecords,
    IngestReport,
)

DEFAULT_CHUNK_SIZE = 5000
MODALITY_CERTAINTY: tuple[str, ...] = (
    "asserted", "reported", "habitual", "planned", "possible", "suspected", "feared", "denied",
)
"""Most certain first: a fact's modality is the first of these among its claims."""

BeforeCommit = Callable[[neo4j.ManagedTransaction], None]

_schema_ready: weakref.WeakSet[Database] = weakref.WeakSet()

# -- statement pieces ---------------------------------------------------------------------

_NEW_ARTICLES = (
    "[x IN old WHERE NOT x IN $reingested OR x IN row.again]"
    " + [x IN row.again WHERE NOT x IN old] + row.fresh"
)
"""The element's `articles` after this batch: re-ingested articles that no longer state it
leave, those that still do keep their place, new ones are appended. Needs `old` (the list
before) and `row`."""

_MERGED = (
    "WITH {var}, row, properties({var}) AS before "
    "WITH {var}, row, before, coalesce(before.articles, []) AS old "
    "WITH {var}, row, before, " + _NEW_ARTICLES + " AS articles "
)
"""After a MERGE of `var`: `before` (its properties) and `articles` (its new list). Everything
is computed before the one SET that follows, so the planner needs few Eager barriers."""

_REPORT = (
    "RETURN row.owner AS owner, count(CASE WHEN created THEN 1 END) AS created, "
    "count(CASE WHEN NOT created AND before <> after THEN 1 END) AS updated, 0 AS removed"
)

_CHANGED_KEYS = (
    "[k IN keys(row.props) WHERE NOT coalesce(before[k] = row.props[k], "
    "before[k] IS NULL AND row.props[k] IS NULL)] AS changed"
)
"""The keys of `row.props` whose value differs from `before` (null counts as a value)."""

_GUARDED_REPORT = (
    "RETURN row.owner AS owner, count(CASE WHEN created THEN 1 END) AS created, "
    "count(CASE WHEN NOT created AND (size(changed) > 0 OR articles <> old{more}) THEN 1 END) "
    "AS updated, 0 AS removed"
)
"""Updated: an element that existed and got a different value; nothing is re-read."""


def _set_if(condition: str, assignment: str) -> str:
    """An assignment made only when it changes something, so unchanged elements are not
    written at all."""
    return f"FOREACH (_ IN CASE WHEN {condition} THEN [1] ELSE [] END | SET {assignment}) "


_AFTER = (
    "WITH row, before, CASE WHEN before.{key} IS NULL THEN null ELSE properties({var}) END "
    "AS after, before.{key} IS NULL AS created "
)
"""The properties after the write, read only for elements that existed (new ones are
`created`: a MERGE that created it left only the key in `before`)."""

_RETRACT_REPORT = (
    "RETURN row.owner AS owner, 0 AS created, "
    "count(CASE WHEN size(kept) > 0 AND before <> after THEN 1 END) AS updated, "
    "count(CASE WHEN size(kept) = 0 THEN 1 END) AS removed"
)


def _claim_modalities(var: str, fact_type: str) -> str:
    return (f"COLLECT {{ MATCH (c:Claim {{fact_id: {var}.id}}) "
            f"WHERE c.fact_type = '{fact_type}' RETURN c.modality }}")


def _other_labels(labels: dict[str, str], label: str) -> str:
    others = [other for other in labels.values() if other != label]
    return f" REMOVE n:{':'.join(others)}" if others else ""


def article_upsert() -> str:
    return (
        "UNWIND $rows AS row "
        "MERGE (n:Article {id: row.id}) "
        "WITH n, row, properties(n) AS before "
        "SET n += row.props "
        "WITH row, before, properties(n) AS after, before.kind IS NULL AS created "
        + _REPORT
    )


def entity_upsert(label: str) -> str:
    """Entities by id. Actors get the label of their kind (and lose any other kind label) when
    new or when their kind changed: one guarded SET per kind, labels from ACTOR_LABELS, so one
    statement serves every kind."""
    relabel = ""
    if label == "Actor":
        relabel = "".join(
            _set_if(f"'kind' IN changed AND row.props.kind = '{kind}'",
                    f"n:{sub_label}{_other_labels(ACTOR_LABELS, sub_label)}")
            for kind, sub_label in ACTOR_LABELS.items())
    return (
        "UNWIND $rows AS row "
        f"MERGE (n:{label} {{id: row.id}}) "
        "WITH n, row, properties(n) AS before "
        "WITH n, row, before, coalesce(before.articles, []) AS old "
        f"WITH n, row, before, old, {_NEW_ARTICLES} AS articles, "
        f"before.articles IS NULL AS created, {_CHANGED_KEYS} "
        + _set_if("size(changed) > 0", "n += row.props")
        + _set_if("articles <> old", "n.articles = articles")
        + relabel
        + _GUARDED_REPORT.format(more="")
    )


_EVENT_FROM_CLAIM = (
    "{kind: p.kind, title: p.title, date: p.date, date_precision: p.date_precision, "
    "date_text: p.date_text, cameo: p.cameo, cameo_label: p.cameo_label, "
    "goldstein: p.goldstein, topics: p.topics}"
)
"""An event's descriptive properties: those of the claim of the first article stating it."""

_RELABEL = "collect(CASE WHEN {when} THEN [after.id, after.kind] END) AS relabel"


def event_upsert() -> str:
    return (
        "UNWIND $rows AS row "
        "MERGE (n:Event {id: row.id}) "
        + _MERGED.format(var="n")
        + "MATCH (p:Claim {id: articles[0] + '/event/' + row.id}) "
        f"WITH n, row, before, articles, p, {_claim_modalities('n', 'event')} AS modalities "
        f"SET n += {_EVENT_FROM_CLAIM}, n.kind = p.kind, n.articles = articles, "
        "n.evidence_count = size(articles), n.contested = coalesce(before.contested, false), "
        "n.modality = [m IN $certainty WHERE m IN modalities][0] "
        "WITH row, before, properties(n) AS after, before.articles IS NULL AS created "
        + _REPORT + ", "
        + _RELABEL.format(when="created OR before.kind <> after.kind")
    )


def event_relabel(sub_label: str) -> str:
    """Give events the label of their kind (and no other kind label)."""
    return (
        "UNWIND $ids AS id MATCH (n:Event {id: id}) "
        f"SET n:{sub_label}{_other_labels(EVENT_LABELS, sub_label)}"
    )


_ROLE_FROM_CLAIM = (
    "WITH r, row, before, a, b "
    "MATCH (p:Claim {id: r.articles[0] + '/event/' + b.id}) "
    "SET r.role = [i IN range(0, size(p.participants) - 1) "
    "WHERE p.participants[i] = a.id | p.roles[i]][0] "
)
"""A participation's role: as the first article stating it tells it."""


_UNION_LISTS = "".join(
    f"FOREACH (x IN [v IN coalesce(row.{key}, []) WHERE NOT v IN coalesce(r.{key}, [])] | "
    f"SET r.{key} = coalesce(r.{key}, []) + x) "
    for key in ("role_codes", "names")
)
"""Role codes (GDELT's GOV, MIL ...) and names as sources give them: every source adds its
own, none replaces another's (docs/gdelt.md)."""


def link_upsert(link_type: str) -> str:
    start, end = LINK_TYPES[link_type]
    role = _ROLE_FROM_CLAIM if link_type == "PARTICIPATED_IN" else ""
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{start} {{id: row.start}}) MATCH (b:{end} {{id: row.end}}) "
        f"MERGE (a)-[r:{link_type}]->(b) "
        "WITH r, row, properties(r) AS before, a, b "
        "WITH r, row, before, a, b, coalesce(before.articles, []) AS old "
        f"SET r.articles = {_NEW_ARTICLES} "
        f"{_UNION_LISTS if link_type == 'PARTICIPATED_IN' else ''}"
        f"{role}"
        + _AFTER.format(key="articles", var="r")
        + _REPORT
    )


def relation_upsert() -> str:
    """Actor-actor relations of every type in one statement: a UNION ALL branch per type
    (types cannot be parameters; they come from RELATION_TYPES) MERGEs on the relation id.

    A new relation's modality is the most certain of this batch's claims (`row.best`); for
    one that existed, other articles' claims count too: the statement returns those
    (`existing`) for `relation_modality` to recompute, and reports only what it created."""
    merges = " UNION ALL ".join(
        f"WITH row, a, b WHERE row.type = '{rel_type}' "
        f"MERGE (a)-[r:{rel_type} {{id: row.id}}]->(b) RETURN r"
        for rel_type in RELATION_TYPES)
    return (
        "UNWIND $rows AS row "
        "MATCH (a:Actor {id: row.source}) MATCH (b:Actor {id: row.target}) "
        f"CALL (row, a, b) {{ {merges} }} "
        "WITH r, row, properties(r) AS before "
        "WITH r, row, before, coalesce(before.articles, []) AS old "
        f"WITH r, row, before, old, {_NEW_ARTICLES} AS articles, "
        f"before.articles IS NULL AS created, {_CHANGED_KEYS} "
        + _set_if("size(changed) > 0", "r += row.props")
        + _set_if("articles <> old",
                  "r.articles = articles, r.evidence_count = size(articles)")
        + _set_if("created", "r.modality = row.best, r.contested = false")
        + "RETURN row.owner AS owner, count(CASE WHEN created THEN 1 END) AS created, "
        "0 AS updated, 0 AS removed, collect(CASE WHEN NOT created THEN "
        "[row.owner, row.type, row.id, size(changed) > 0 OR articles <> old] END) AS existing"
    )


def relation_modality(rel_type: str) -> str:
    """The modality of relations that existed: the most certain of all their claims."""
    return (
        "UNWIND $rows AS row "
        f"MATCH ()-[r:{rel_type} {{id: row.id}}]->() "
        f"WITH r, row, [m IN $certainty WHERE m IN {_claim_modalities('r', 'relation')}][0] "
        "AS modality "
        "WITH r, row, modality, NOT coalesce(r.modality = modality, false) AS changed "
        + _set_if("changed", "r.modality = modality")
        + "RETURN row.id AS id, changed"
    )


CLAIMS_OF_ARTICLES = (
    "UNWIND $ids AS aid "
    "MATCH (c:Claim {article_id: aid}) "
    "RETURN aid, c.fact_type AS fact_type, c.fact_id AS fact_id"
)
LINKS_OF_EVENTS = (
    "UNWIND $rows AS row "
    "MATCH (e:Event {id: row.event})-[r:" + "|".join(LINK_TYPES) + "]-() "
    "WHERE row.article IN r.articles "
    "RETURN row.article AS aid, type(r) AS type, startNode(r).id AS start, "
    "endNode(r).id AS end"
)
ATTRIBUTIONS_OF_ARTICLES = (
    "UNWIND $ids AS aid "
    "MATCH (c:Claim {article_id: aid})-[:ATTRIBUTED_TO]->(x) "
    "RETURN aid, x.id AS id, x:Actor AS is_actor"
)
EXISTING_ARTICLES = "UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id"


def relations_by_id(rel_type: str) -> str:
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:Actor)-[r:{rel_type} {{id: row.id}}]->(b:Actor) "
        "RETURN row.article AS aid, r.id AS id, a.id AS source, b.id AS target"
    )


CLAIM_DELETE_STALE = (
    "UNWIND $rows AS row "
    "MATCH (c:Claim {article_id: row.id}) WHERE NOT c.id IN row.keep "
    "DETACH DELETE c "
    "RETURN row.owner AS owner, 0 AS created, 0 AS updated, count(*) AS removed"
)
CLAIM_UPSERT = (
    "UNWIND $rows AS row "
    "MATCH (a:Article {id: row.props.article_id}) "
    "MERGE (n:Claim {id: row.id}) "
    "WITH a, n, row, properties(n) AS before "
    "SET n += row.props "
    "MERGE (a)-[:CLAIMS]->(n) "
    + _AFTER.format(key="article_id", var="n")
    + _REPORT
)
CLAIM_CREATE = (
    "UNWIND $rows AS row "
    "MATCH (a:Article {id: row.props.article_id}) "
    "CREATE (a)-[:CLAIMS]->(n:Claim) SET n = row.props "
    "RETURN row.owner AS owner, count(*) AS created, 0 AS updated, 0 AS removed"
)
"""Claims of an article new to the graph cannot exist yet (their ids start with its id)."""
CLAIM_ABOUT = (
    "UNWIND $rows AS row "
    "MATCH (c:Claim {id: row.id}) MATCH (e:Event {id: row.fact_id}) "
    "MERGE (c)-[:ABOUT]->(e)"
)
CLAIM_ATTRIBUTIONS = (
    "UNWIND $rows AS row "
    "MATCH (c:Claim {id: row.id}) "
    "CALL (c, row) { "
    "  MATCH (c)-[old:ATTRIBUTED_TO]->(x) "
    "  WHERE NOT [x.id, old.position] IN row.actor_links + row.source_links "
    "  DELETE old } "
    "CALL (c, row) { "
    "  UNWIND row.actor_links AS link MATCH (x:Actor {id: link[0]}) "
    "  MERGE (c)-[:ATTRIBUTED_TO {position: link[1]}]->(x) } "
    "CALL (c, row) { "
    "  UNWIND row.source_links AS link MATCH (x:Source {id: link[0]}) "
    "  MERGE (c)-[:ATTRIBUTED_TO {position: link[1]}]->(x) }"
)


def relation_retract(rel_type: str) -> str:
    return (
        "UNWIND $rows AS row "
        f"MATCH ()-[r:{rel_type} {{id: row.id}}]->() "
        "WITH r, row, properties(r) AS before, "
        "[x IN r.articles WHERE NOT x IN $reingested] AS kept, "
        f"{_claim_modalities('r', 'relation')} AS modalities "
        "SET r.articles = kept, r.evidence_count = size(kept), "
        "r.modality = [m IN $certainty WHERE m IN modalities][0] "
        "WITH r, row, before, kept, properties(r) AS after "
        "FOREACH (_ IN CASE WHEN size(kept) = 0 THEN [1] ELSE [] END | DELETE r) "
        + _RETRACT_REPORT
    )


def link_retract(link_type: str) -> str:
    start, end = LINK_TYPES[link_type]
    role = ""
    if link_type == "PARTICIPATED_IN":
        role = ("WITH r, row, before, kept, a, b "
                "OPTIONAL MATCH (p:Claim {id: kept[0] + '/event/' + b.id}) "
                "SET r.role = CASE WHEN p IS NULL THEN r.role ELSE "
                "[i IN range(0, size(p.participants) - 1) "
                "WHERE p.participants[i] = a.id | p.roles[i]][0] END ")
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{start} {{id: row.start}})-[r:{link_type}]->(b:{end} {{id: row.end}}) "
        "WITH r, row, properties(r) AS before, a, b, "
        "[x IN r.articles WHERE NOT x IN $reingested] AS kept "
        "SET r.articles = kept "
        f"{role}"
        "WITH r, row, before, kept, properties(r) AS after "
        "FOREACH (_ IN CASE WHEN size(kept) = 0 THEN [1] ELSE [] END | DELETE r) "
        + _RETRACT_REPORT
    )


def event_retract() -> str:
    return (
        "UNWIND $rows AS row "
        "MATCH (n:Event {id: row.id}) "
        "WITH n, row, properties(n) AS before, "
        "[x IN n.articles WHERE NOT x IN $reingested] AS kept "
        "OPTIONAL MATCH (p:Claim {id: kept[0] + '/event/' + n.id}) "
        f"WITH n, row, before, kept, p, {_claim_modalities('n', 'event')} AS modalities "
        f"SET n += CASE WHEN p IS NULL THEN {{}} ELSE {_EVENT_FROM_CLAIM} END, "
        "n.kind = coalesce(p.kind, n.kind), "
        "n.articles = kept, n.evidence_count = size(kept), "
        "n.modality = [m IN $certainty WHERE m IN modalities][0] "
        "WITH n, row, before, kept, properties(n) AS after "
        "FOREACH (_ IN CASE WHEN size(kept) = 0 THEN [1] ELSE [] END | DETACH DELETE n) "
        + _RETRACT_REPORT + ", "
        + _RELABEL.format(when="size(kept) > 0 AND before.kind <> after.kind")
    )


def entity_retract(label: str) -> str:
    return (
        "UNWIND $rows AS row "
        f"MATCH (n:{label} {{id: row.id}}) "
        "WITH n, row, properties(n) AS before, "
        "[x IN n.articles WHERE NOT x IN $reingested] AS kept "
        "SET n.articles = kept "
        "WITH n, row, before, kept, properties(n) AS after "
        "FOREACH (_ IN CASE WHEN size(kept) = 0 THEN [1] ELSE [] END | DETACH DELETE n) "
        + _RETRACT_REPORT
    )


# -- the transaction ----------------------------------------------------------------------


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


class _Unanswered(DatabaseUnavailable):
    """The connection was lost during one transaction; `outcome_unknown` when it was lost
    after the commit was sent (the driver's IncompleteCommit)."""

    def __init__(self, message: str, reason: str, outcome_unknown: bool) -> None:
        self.reason, self.outcome_unknown = reason, outcome_unknown
        super().__init__(message)


def _write_plan(db: Database, plan: BatchPlan, chunk_size: int,
                before_commit: BeforeCommit | None = None) -> list[IngestReport]:
    # Once an attempt has handed its work back, the driver sends the commit. If the
    # connection is lost after that, in this attempt or while execute_write retries, the
    # server may have stored the batch: the outcome is unknown, not "not committed".
    commit_sent = False

    def work(tx: neo4j.ManagedTransaction) -> list[IngestReport]:
        nonlocal commit_sent
        run = _Run(tx, plan, chunk_size)
        run.write()
        if before_commit is not None:
            before_commit(tx)
        commit_sent = True
        return run.reports

    try:
        if db not in _schema_ready:
            ensure_schema(db)
            _schema_ready.add(db)
        with db.driver.session(database=db.name) as session:
            return session.execute_write(work)
    except CONNECTION_LOST as e:
        unknown = commit_sent or isinstance(e, IncompleteCommit)
        outcome = ("the commit was sent but never confirmed, so it may or may not have been "
                   "stored; running the same command again is safe" if unknown else
                   "the transaction was not committed; nothing of it was written")
        reason = driver_reason(e)
        raise _Unanswered(f"Neo4j at {db.conn.display_uri} stopped answering during the "
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
        except _Unanswered as e:
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


class _Run:
    """One attempt at the transaction (execute_write may retry it from scratch)."""

    def __init__(self, tx: neo4j.ManagedTransaction, plan: BatchPlan, chunk_size: int) -> None:
        self.tx = tx
        self.plan = plan
        self.chunk_size = max(1, chunk_size)
        self.reports = [IngestReport(aid, dict.fromkeys(REPORT_KINDS, 0),
                                     dict.fromkeys(REPORT_KINDS, 0),
                                     dict.fromkeys(REPORT_KINDS, 0))
                        for aid in plan.article_ids]
        self.existing: set[str] = set()
        self.reingested: list[str] = []
        self.index = {aid: i for i, aid in enumerate(plan.article_ids)}

    # -- helpers --
    def _rows(self, query: str, rows: list[dict], **params: object) -> list[dict]:
        result: list[dict] = []
        for i in range(0, len(rows), self.chunk_size):
            chunk = rows[i:i + self.chunk_size]
            result.extend(self.tx.run(query, {"rows": chunk, **params}).data())
        return result

    def _counted(self, kind: str, query: str, rows: list[dict]) -> list[dict]:
        if not rows:
            return []
        records = self._rows(query, rows, reingested=self.reingested,
                             certainty=list(MODALITY_CERTAINTY))
        for record in records:
            report = self.reports[record["owner"]]
            report.created[kind] += record["created"]
            report.updated[kind] += record["updated"]
            report.removed[kind] += record["removed"]
        return records

    def _relabel_events(self, records: list[dict]) -> None:
        by_kind: dict[str, list[str]] = {}
        for record in records:
            for event_id, kind in record["relabel"]:
                by_kind.setdefault(kind, []).append(event_id)
        for kind, ids in by_kind.items():
            for i in range(0, len(ids), self.chunk_size):
                self.tx.run(event_relabel(EVENT_LABELS[kind]),
                            ids=ids[i:i + self.chunk_size]).consume()

    def _upsert_row(self, row: Row, **extra: object) -> dict:
        """The row with the batch's articles split into re-ingested and new ones. A change
        is reported with the first new article stating the element (it is what changed it),
        or else with the first article stating it."""
        again = [a for a in row.articles if a in self.existing]
        fresh = [a for a in row.articles if a not in self.existing]
        owner = self.index[fresh[0]] if fresh else row.owner
        return {"owner": owner, "props": row.props, "again": again, "fresh": fresh, **extra}

    # -- the steps, in order --
    def write(self) -> None:
        ids = self.plan.article_ids
        self.existing = {r["id"] for r in self.tx.run(EXISTING_ARTICLES, ids=ids).data()}
        # GDELT documents only ever add rows (docs/gdelt.md): a later file or batch naming
        # the same URL must not retract what earlier ones stored.
        additive = {row.key[0] for row in self.plan.articles if row.props["kind"] == "gdelt"}
        self.reingested = [aid for aid in ids if aid in self.existing and aid not in additive]
        old = self._old_state() if self.reingested else _OldState()
        self._articles()
        self._claims()
        for kind, label in ENTITY_KINDS.items():
            self._entities(kind, label)
        self._events()
        self._links()
        self._relations()
        self._claim_edges()
        if self.reingested:
            self._retract(old)
        self._refresh_facts(old)

    def _refresh_facts(self, old: _OldState) -> None:
        """Contested flags and GDELT figures of every fact the batch touched (facts.py)."""
        events = list(dict.fromkeys([*self.plan.events, *old.nodes["events"]]))
        relations = {t: list(dict.fromkeys([*self.plan.relations[t], *old.relations.get(t, {})]))
                     for t in RELATION_TYPES}
        refresh_facts(self.tx, events, {t: ids for t, ids in relations.items() if ids},
                      self.chunk_size)

    def _articles(self) -> None:
        rows = [{"id": row.key[0], "owner": row.owner, "props": row.props}
                for row in self.plan.articles]
        self._counted("articles", article_upsert(), rows)

    def _claims(self) -> None:
        if self.reingested:
            keep: dict[str, list[str]] = {aid: [] for aid in self.reingested}
            for claim in self.plan.claims.values():
                if claim.props["article_id"] in keep:
                    keep[claim.props["article_id"]].append(claim.key[0])
            self._counted("claims", CLAIM_DELETE_STALE,
                          [{"id": aid, "owner": self.index[aid], "keep": kept}
                           for aid, kept in keep.items()])
        rows = [{"id": row.key[0], "owner": row.owner, "props": row.props}
                for row in self.plan.claims.values()]
        self._counted("claims", CLAIM_UPSERT,
                      [r for r in rows if r["props"]["article_id"] in self.existing])
        self._counted("claims", CLAIM_CREATE,
                      [r for r in rows if r["props"]["article_id"] not in self.existing])
        write_gdelt_rows(self.tx, [(row.key[0], row.extra["gdelt_rows"],
                                    row.props["article_id"] in self.existing)
                                   for row in self.plan.claims.values()
                                   if "gdelt_rows" in row.extra], self.chunk_size)

    def _entities(self, kind: str, label: str) -> None:
        rows = self.plan.entities(kind)
        self._counted(kind, entity_upsert(label),
                      [self._upsert_row(row, id=key) for key, row in rows.items()])

    def _events(self) -> None:
        records = self._counted("events", event_upsert(),
                                [self._upsert_row(row, id=key)
                                 for key, row in self.plan.events.items()])
        self._relabel_events(records)

    def _links(self) -> None:
        for link_type, rows in self.plan.links.items():
            self._counted("event_links", link_upsert(link_type),
                          [self._upsert_row(row, start=key[0], end=key[1], **row.extra)
                           for key, row in rows.items()])

    def _relations(self) -> None:
        records = self._counted("relations", relation_upsert(), [
            self._upsert_row(row, id=key, type=rel_type, source=row.extra["source"],
                             target=row.extra["target"],
                             best=_most_certain(row.extra["modalities"]))
            for rel_type, rows in self.plan.relations.items() for key, row in rows.items()])
        existing = [entry for record in records for entry in record["existing"]]
        changed = {(rel_type, rid) for _, rel_type, rid, was_changed in existing if was_changed}
        by_type: dict[str, list[dict]] = {}
        for _, rel_type, rid, _ in existing:
            by_type.setdefault(rel_type, []).append({"id": rid})
        for rel_type, rows in by_type.items():
            for record in self._rows(relation_modality(rel_type), rows,
                                     certainty=list(MODALITY_CERTAINTY)):
                if record["changed"]:
                    changed.add((rel_type, record["id"]))
        for owner, rel_type, rid, _ in existing:
            if (rel_type, rid) in changed:
                self.reports[owner].updated["relations"] += 1

    def _claim_edges(self) -> None:
        claims = self.plan.claims.values()
        about = [{"id": c.key[0], "fact_id": c.props["fact_id"]} for c in claims
                 if c.props["fact_type"] == "event"]
        if about:
            self._rows(CLAIM_ABOUT, about)
        # a new claim without a citation chain has no ATTRIBUTED_TO to add or remove
        attributions = [{"id": c.key[0], **c.extra} for c in claims
                        if c.extra["actor_links"] or c.extra["source_links"]
                        or c.props["article_id"] in self.existing]
        if attributions:
            self._rows(CLAIM_ATTRIBUTIONS, attributions)

    def _old_state(self) -> _OldState:
        """What the re-ingested articles stated before this batch, found from their claims."""
        old = _OldState()
        claims = self.tx.run(CLAIMS_OF_ARTICLES, ids=self.reingested).data()
        owner = self.index
        event_rows, relation_rows = [], []
        for c in claims:
            if c["fact_type"] == "event":
                old.add("events", c["fact_id"], owner[c["aid"]])
                event_rows.append({"event": c["fact_id"], "article": c["aid"]})
            else:
                relation_rows.append({"id": c["fact_id"], "article": c["aid"]})
        for link in self._rows(LINKS_OF_EVENTS, event_rows):
            who = owner[link["aid"]]
            key = (link["start"], link["end"])
            old.links.setdefault(link["type"], {}).setdefault(key, who)
            start_label, end_label = LINK_TYPES[link["type"]]
            for label, node_id in ((start_label, key[0]), (end_label, key[1])):
                if label != "Event":
                    old.add(_kind_of(label), node_id, who)
        for rel_type in RELATION_TYPES:
            if not relation_rows:
                break
            for rel in self._rows(relations_by_id(rel_type), relation_rows):
                who = owner[rel["aid"]]
                old.relations.setdefault(rel_type, {}).setdefault(rel["id"], who)
                old.add("actors", rel["source"], who)
                old.add("actors", rel["target"], who)
        for a in self.tx.run(ATTRIBUTIONS_OF_ARTICLES, ids=self.reingested).data():
            old.add("actors" if a["is_actor"] else "sources", a["id"], owner[a["aid"]])
        return old

    def _retract(self, old: _OldState) -> None:
        """Everything the re-ingested articles stated before and no longer state."""
        for rel_type in RELATION_TYPES:
            gone = [{"id": rid, "owner": who}
                    for rid, who in old.relations.get(rel_type, {}).items()
                    if rid not in self.plan.relations[rel_type]]
            self._counted("relations", relation_retract(rel_type), gone)
        for link_type in LINK_TYPES:
            gone = [{"start": key[0], "end": key[1], "owner": who}
                    for key, who in old.links.get(link_type, {}).items()
                    if key not in self.plan.links[link_type]]
            self._counted("event_links", link_retract(link_type), gone)
        gone = [{"id": eid, "owner": who} for eid, who in old.nodes["events"].items()
                if eid not in self.plan.events]
        self._relabel_events(self._counted("events", event_retract(), gone))
        for kind, label in ENTITY_KINDS.items():
            gone = [{"id": nid, "owner": who} for nid, who in old.nodes[kind].items()
                    if nid not in self.plan.entities(kind)]
            self._counted(kind, entity_retract(label), gone)


def _most_certain(modalities: list[str]) -> str:
    return min(modalities, key=MODALITY_CERTAINTY.index)


class _OldState:
    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, int]] = {kind: {} for kind in (*ENTITY_KINDS, "events")}
        self.links: dict[str, dict[tuple[str, str], int]] = {}
        self.relations: dict[str, dict[str, int]] = {}

    def add(self, kind: str, node_id: str, owner: int) -> None:
        self.nodes[kind].setdefault(node_id, owner)


def _kind_of(label: str) -> str:
    return next(kind for kind, known in ENTITY_KINDS.items() if known == label)

