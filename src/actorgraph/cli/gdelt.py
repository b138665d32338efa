"""`actorgraph import-gdelt FILE...`: GDELT 2.0 events exports into the graph."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from actorgraph.errors import BulkImportRefused, RowsRejected
from actorgraph.ingest.gdelt.export_file import Rejection, SourceFile
from actorgraph.ingest.gdelt.importer import (
    DEFAULT_BATCH_SIZE,
    ImportSummary,
    check_files,
    import_gdelt,
)


def _progress_bar(source: SourceFile):
    from tqdm import tqdm

    # disable=None: a bar on a terminal, nothing when stderr is a file or a pipe.
    return tqdm(total=source.size, unit="B", unit_scale=True, unit_divisor=1024,
                desc=source.path.name, file=sys.stderr, disable=None, leave=True)


def _report(rejection: Rejection) -> None:
    from tqdm import tqdm

    tqdm.write(f"rejected: {rejection}", file=sys.stderr)


@click.command("import-gdelt")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, show_default=True,
              help="Rows per write transaction.")
@click.option("--dry-run", is_flag=True, help="Check and count every row; write nothing.")
@click.option("--no-progress", is_flag=True, help="No progress bar on stderr.")
@click.option("--bulk", is_flag=True,
              help="Backfill into an EMPTY local database with neo4j-admin import: stops the "
                   "local Neo4j, imports, starts it again (docs/gdelt.md).")
def import_gdelt_command(files: tuple[Path, ...], batch_size: int, dry_run: bool,
                         no_progress: bool, bulk: bool) -> None:
    """Import GDELT 2.0 events exports (YYYYMMDDHHMMSS.export.CSV, or .CSV.zip).

    Rows about the same happening (actors, CAMEO base code, day) become one event supported
    by every article that reports it; re-importing a file changes nothing. Lines that cannot
    be loaded are listed on stderr with file, line and reason; the summary accounts for every
    line. Exit status 2 when any line was rejected or a file was refused.

    With --bulk, the files go into the local Neo4j's empty database through neo4j-admin
    (much faster for a backfill; the server is stopped meanwhile); later files import online.
    """
    if batch_size < 1:
        raise click.BadParameter(f"must be at least 1; found {batch_size}",
                                 param_hint="--batch-size")
    if bulk and dry_run:
        raise click.UsageError("--bulk writes and --dry-run writes nothing: give one of them")
    if bulk:
        _refuse_remote()
    check_files(list(files))  # refuse GDELT 1.0 and other files before touching Neo4j
    progress = None if no_progress else _progress_bar
    bulk_lines: list[str] = []
    if bulk:
        summary = _bulk_import(list(files), batch_size, progress, bulk_lines)
    elif dry_run:
        summary = import_gdelt(list(files), None, batch_size=batch_size, on_reject=_report,
                               progress=progress)
    else:
        from actorgraph.graph.connection import connect
        from actorgraph.graph.write.writer import PipelinedWriter

        with connect() as db, PipelinedWriter(db) as write:
            summary = import_gdelt(list(files), write, batch_size=batch_size,
                                   on_reject=_report, progress=progress, finish=write.finish)
    for line in [*summary.lines(), *bulk_lines]:
        click.echo(line)
    if summary.rejected:
        raise RowsRejected(f"{summary.rejected} of {summary.read} rows were rejected (listed "
                           f"above); the other {summary.loaded} were "
                           f"{'checked' if dry_run else 'loaded'}.")


def _refuse_remote() -> None:
    from actorgraph import config

    remote = config.configured_connection()
    if remote is not None:
        raise BulkImportRefused(
            f"--bulk runs neo4j-admin on this machine's local Neo4j only, and NEO4J_URI is set "
            f"({remote.display_uri}); nothing was written. Unset NEO4J_URI to bulk-import into "
            "the local Neo4j, or import online (the same command without --bulk).")


def _bulk_import(files: list[Path], batch_size: int, progress,
                 out: list[str]) -> ImportSummary:
    """Check the local database is empty, read every file into the bulk graph in the online
    importer's batches, then load it with neo4j-admin (graph/bulk/load.py)."""
    from actorgraph.graph.bulk.load import bulk_load, refuse_unless_empty
    from actorgraph.graph.bulk.model import BulkGraph
    from actorgraph.graph.connection import Database
    from actorgraph.localdb import LocalNeo4j

    server = LocalNeo4j()
    server.start()
    with Database(server.connection()) as db:
        refuse_unless_empty(db)
    graph = BulkGraph()
    summary = import_gdelt(files, graph, batch_size=batch_size, on_reject=_report,
                           progress=progress)
    if not summary.loaded:
        out.append("Bulk import: no row to load; nothing was written")
        return summary

    def say(message: str) -> None:
        click.echo(message, err=True)

    result = bulk_load(server, graph, say=say)
    summary.created.update(result.counts.created())
    s = result.seconds
    out.append(
        f"Bulk import (neo4j-admin database import full): {result.counts.nodes:,} nodes, "
        f"{result.counts.relationships:,} relationships from {result.files} CSV files in "
        f"{s['total']:.1f} s (CSV files {s['csv']:.1f} s, server stop {s['stop']:.1f} s, "
        f"neo4j-admin {s['neo4j-admin']:.1f} s, start {s['start']:.1f} s, schema "
        f"{s['schema']:.1f} s, empty lists set for {result.fixed:,} elements in "
        f"{s['fix-ups']:.1f} s); the local Neo4j runs again at {server.uri}")
    return summary
