"""A BulkGraph into the local Neo4j's empty store: CSV files, neo4j-admin, then the schema.

`bulk_load` writes the CSV files while the server still runs, stops it, runs
`neo4j-admin database import full --overwrite-destination` (localdb/admin_import.py) and starts
the server again, also when the import failed. Then, over Bolt: the constraints and indexes
(schema.ensure_schema, which waits until they are online), the values the files cannot carry
(csv_files: empty lists and `['']`, set per shape: on nodes found by a marker label, on
relationships by their ends' ids) and the graph model stamp the writer
puts in every transaction (schema.STAMP_MODEL).

`--overwrite-destination` replaces whatever the store holds, so `bulk_load` checks that it
holds no node (`refuse_unless_empty`) just before it stops the server; the CLI checks once
more before it reads the files, to refuse at once. Nothing may write to the database between
that check and the stop.
"""

from __future__ import annotations

import resource
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from actorgraph.errors import BulkImportRefused, LocalNeo4jError, ValidationFailed
from actorgraph.graph.bulk.csv_files import (
    ARRAY_DELIMITER_OPTION,
    EMPTY_LIST,
    ONE_EMPTY_STRING,
    BulkValueError,
    FixUp,
    write_csv_files,
)
from actorgraph.graph.bulk.model import BulkCounts, BulkGraph
from actorgraph.graph.connection import Database
from actorgraph.graph.schema import MODEL_NODE_ID, MODEL_VERSION, STAMP_MODEL, ensure_schema
from actorgraph.localdb.admin_import import AdminImportRun, run_admin_import
from actorgraph.localdb.launcher import LocalNeo4j

NODE_COUNT_BOUND = 1_000_000
"""The refusal counts a non-empty store's nodes up to this many."""
FIXUP_CHUNK = 10_000


@dataclass(frozen=True)
class BulkResult:
    counts: BulkCounts
    files: int
    fixed: int
    """Elements whose empty lists (or `['']`) were set in Cypher after the import."""
    seconds: dict[str, float]
    """By step: csv, stop, neo4j-admin, start, schema, fix-ups, total."""
    admin: AdminImportRun
    csv_bytes: int
    peak_rss_mb: float
    """Of this process once the CSV files were written (the graph is in memory then)."""


def stored_nodes(db: Database, bound: int = NODE_COUNT_BOUND) -> int:
    """How many nodes the database holds, counted up to `bound` (0: it is empty)."""
    if not db.read("MATCH (n) RETURN n LIMIT 1"):
        return 0
    return db.read("MATCH (n) WITH n LIMIT $bound RETURN count(n) AS n", bound=bound)[0]["n"]


def refuse_unless_empty(db: Database) -> None:
    """BulkImportRefused when the database holds any node."""
    found = stored_nodes(db)
    if not found:
        return
    many = (f"more than {NODE_COUNT_BOUND - 1:,} nodes" if found >= NODE_COUNT_BOUND
            else f"{found:,} node{'s' if found != 1 else ''}")
    raise BulkImportRefused(
        f"--bulk imports into an empty database only, and the local Neo4j at "
        f"{db.conn.display_uri} holds {many}; nothing was written. Import these files online "
        "(the same command without --bulk), or start from an empty store.")


def _assignments(fix: FixUp, var: str) -> str:
    values = {EMPTY_LIST: "[]", ONE_EMPTY_STRING: "['']"}
    return ", ".join(f"{var}.`{key}` = {values[value]}" for key, value in fix.assignments)


def fixup_statement(fix: FixUp) -> str:
    """The statement that sets one shape's missing values: on nodes, on at most $chunk of
    those that still carry its marker label (and removes it; it returns how many); on
    relationships, for `$keys` of that shape."""
    if fix.kind == "nodes":
        return (f"MATCH (n:`{fix.marker}`) WITH n LIMIT $chunk "
                f"SET {_assignments(fix, 'n')} REMOVE n:`{fix.marker}` RETURN count(n) AS n")
    return (f"UNWIND $keys AS key MATCH (a:`{fix.label}` {{id: key[0]}})"
            f"-[r:`{fix.rel_type}`]->(b:`{fix.end_label}` {{id: key[1]}}) "
            f"SET {_assignments(fix, 'r')}")


def apply_fixups(db: Database, fixups: list[FixUp], chunk: int = FIXUP_CHUNK) -> int:
    """Set what the CSV files could not carry; the number of elements set."""
    done = 0
    for fix in fixups:
        statement = fixup_statement(fix)
        if fix.kind == "nodes":
            fixed = 0
            for _ in range(fix.count // chunk + 2):  # bounded: the last round sets none
                found = db.write(statement, chunk=chunk)[0]["n"]
                fixed += found
                if not found:
                    break
            if fixed != fix.count:
                raise LocalNeo4jError(
                    f"The bulk import wrote {fix.count:,} {fix.label} nodes with the label "
                    f"{fix.marker}, but {fixed:,} carried it afterwards: their empty lists "
                    "may be missing. Import the files online (without --bulk).")
            done += fixed
            continue
        keys = [list(k) for k in fix.keys]
        for i in range(0, len(keys), chunk):
            db.write(statement, keys=keys[i:i + chunk])
        done += len(keys)
    return done


def bulk_load(server: LocalNeo4j, graph: BulkGraph, folder: Path | None = None,
              say: Callable[[str], object] = lambda _: None) -> BulkResult:
    """Load `graph` into `server`'s empty store (refused when it is not) and start it again."""
    seconds: dict[str, float] = {}
    t_start = time.perf_counter()
    folder = folder or server.home / "bulk-import"
    shutil.rmtree(folder, ignore_errors=True)
    say(f"bulk: writing neo4j-admin CSV files to {folder}")
    counts: list[BulkCounts] = []
    t0 = time.perf_counter()
    nodes, relationships = graph.elements(counts)
    try:
        files, fixups = write_csv_files(folder, nodes, relationships)
    except BulkValueError as e:
        shutil.rmtree(folder, ignore_errors=True)
        raise ValidationFailed([str(e)]) from e
    seconds["csv"] = time.perf_counter() - t0
    with Database(server.connection()) as db:  # again: reading the files took a while
        try:
            refuse_unless_empty(db)
        except BulkImportRefused:
            shutil.rmtree(folder, ignore_errors=True)
            raise
    csv_bytes = sum(f.path.stat().st_size for f in files)
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    say(f"bulk: {len(files)} CSV files, {csv_bytes / 2**20:.1f} MiB, written in "
        f"{seconds['csv']:.1f} s; peak RSS of this process so far {peak_rss_mb:.0f} MB")
    say("bulk: stopping the local Neo4j")
    t0 = time.perf_counter()
    server.stop()
    seconds["stop"] = time.perf_counter() - t0
    say(f"bulk: neo4j-admin database import full ({counts[0].nodes:,} nodes, "
        f"{counts[0].relationships:,} relationships)")
    t0 = time.perf_counter()
    failure: LocalNeo4jError | None = None
    admin: AdminImportRun | None = None
    try:
        admin = run_admin_import(
            server, [f.path for f in files if f.kind == "nodes"],
            [f.path for f in files if f.kind == "relationships"],
            [f.path for f in files if f.multiline], ARRAY_DELIMITER_OPTION)
    except LocalNeo4jError as e:
        failure = e
    except BaseException:  # interrupted (Ctrl-C reaches neo4j-admin too): the server comes back
        server.start()
        raise
    seconds["neo4j-admin"] = time.perf_counter() - t0
    say("bulk: starting the local Neo4j again")
    t0 = time.perf_counter()
    try:
        server.start()
    except LocalNeo4jError as e:
        if failure is not None:
            raise LocalNeo4jError(f"{failure}\nStarting the local Neo4j again failed too: "
                                  f"{e}") from e
        raise LocalNeo4jError(f"The bulk import finished, but the local Neo4j did not start "
                              f"again: {e}") from e
    seconds["start"] = time.perf_counter() - t0
    if failure is not None or admin is None:
        with Database(server.connection()) as db:
            held = stored_nodes(db)
        raise LocalNeo4jError(
            f"{failure}\nThe local Neo4j was started again; its database holds {held:,} "
            f"nodes. The CSV files are kept in {folder}.")
    with Database(server.connection()) as db:
        say("bulk: creating constraints and indexes")
        t0 = time.perf_counter()
        ensure_schema(db)
        seconds["schema"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        fixed = apply_fixups(db, fixups)
        db.write(STAMP_MODEL, id=MODEL_NODE_ID, version=MODEL_VERSION)
        seconds["fix-ups"] = time.perf_counter() - t0
    shutil.rmtree(folder, ignore_errors=True)
    seconds["total"] = time.perf_counter() - t_start
    return BulkResult(counts[0], len(files), fixed, seconds, admin, csv_bytes, peak_rss_mb)
