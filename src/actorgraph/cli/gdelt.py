"""`actorgraph import-gdelt FILE...`: GDELT 2.0 events exports into the graph."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from actorgraph.errors import RowsRejected
from actorgraph.ingest.gdelt.export_file import Rejection, SourceFile
from actorgraph.ingest.gdelt.importer import DEFAULT_BATCH_SIZE, check_files, import_gdelt


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
def import_gdelt_command(files: tuple[Path, ...], batch_size: int, dry_run: bool,
                         no_progress: bool) -> None:
    """Import GDELT 2.0 events exports (YYYYMMDDHHMMSS.export.CSV, or .CSV.zip).

    Rows about the same happening (actors, CAMEO base code, day) become one event supported
    by every article that reports it; re-importing a file changes nothing. Lines that cannot
    be loaded are listed on stderr with file, line and reason; the summary accounts for every
    line. Exit status 2 when any line was rejected or a file was refused.
    """
    if batch_size < 1:
        raise click.BadParameter(f"must be at least 1; found {batch_size}",
                                 param_hint="--batch-size")
    check_files(list(files))  # refuse GDELT 1.0 and other files before touching Neo4j
    progress = None if no_progress else _progress_bar
    if dry_run:
        summary = import_gdelt(list(files), None, batch_size=batch_size, on_reject=_report,
                               progress=progress)
    else:
        from actorgraph.graph.connection import connect
        from actorgraph.graph.write.writer import PipelinedWriter

        with connect() as db, PipelinedWriter(db) as write:
            summary = import_gdelt(list(files), write, batch_size=batch_size,
                                   on_reject=_report, progress=progress, finish=write.finish)
    for line in summary.lines():
        click.echo(line)
    if summary.rejected:
        raise RowsRejected(f"{summary.rejected} of {summary.read} rows were rejected (listed "
                           f"above); the other {summary.loaded} were "
                           f"{'checked' if dry_run else 'loaded'}.")
