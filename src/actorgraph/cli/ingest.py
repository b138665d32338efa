"""`actorgraph ingest PATH...`: annotated articles into Neo4j, or (--dry-run) just validated."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from actorgraph.ingest.annotation.folders import DATA_DIR_RULE, load_articles
from actorgraph.records import describe_counts


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder with actors.yaml, places.yaml, assets.yaml, sources.yaml and the "
                   f"CAMEO tables (default, as for `actorgraph extract`: {DATA_DIR_RULE}).")
@click.option("--dry-run", is_flag=True,
              help="Validate and build the records without connecting to Neo4j.")
@click.option("--json", "as_json", is_flag=True,
              help="Print JSON: the records with --dry-run (one object, or a list for several "
                   "articles), otherwise the reports.")
def ingest(paths: tuple[Path, ...], data_dir: Path | None, dry_run: bool, as_json: bool) -> None:
    """Ingest annotated articles: PATH is an article folder or a folder of article folders.

    Every article is validated before any is written; all are then written in one
    transaction. Re-ingesting an article replaces what it said before: facts it no longer
    states are retracted, facts other articles state stay.
    """
    bundles = load_articles(list(paths), data_dir)
    if dry_run:
        if as_json:
            records = [b.to_json_dict() for b in bundles]
            click.echo(json.dumps(records[0] if len(records) == 1 else records,
                                  ensure_ascii=False, indent=2))
            return
        for b in bundles:
            found = describe_counts({"events": len(b.events), "relations": len(b.relations),
                                     "actors": len(b.actors),
                                     "claims": len(b.events) + len(b.relations)})
            click.echo(f"{b.article.id}: valid: {found} (dry run: nothing written)")
        return
    from actorgraph.graph.connection import connect
    from actorgraph.graph.write.writer import write_batch

    with connect() as db:
        reports = write_batch(db, bundles)
    if as_json:
        click.echo(json.dumps([asdict(r) for r in reports], ensure_ascii=False, indent=2))
        return
    for report in reports:
        click.echo(report.describe())
