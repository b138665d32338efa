"""`actorgraph extract`: a draft annotation of a new article, from rules and gazetteers."""

from __future__ import annotations

from pathlib import Path

import click

from actorgraph.ingest.annotation.folders import DATA_DIR_RULE, data_dir_for

LANGUAGES = ("de", "en")


@click.command()
@click.argument("article", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="Language of the article (default: told from its stop words).")
@click.option("--published", default=None, metavar="DATE",
              help="Publication date (2025-07-11, 2025-07 or 2025); relative dates "
                   "(\"am Freitag\", \"last week\") are resolved against it.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="A folder that gets <article-id>/article.txt and annotation.yaml "
                   "(data/articles for the project); <folder>/annotation.yaml (article.txt "
                   "goes beside it, the article id is made from the folder's name, so "
                   "`actorgraph ingest <folder>` takes it); or another .yaml file (the "
                   "annotation alone). Default: print the YAML.")
@click.option("--explain", is_flag=True,
              help="Write which rule produced each fact as YAML comments.")
@click.option("--outlet", default=None,
              help="The outlet (default: the domain the page footer names, else 'unknown').")
@click.option("--data-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder with actors.yaml, places.yaml, assets.yaml, sources.yaml, the CAMEO "
                   f"table and extract/ rules (default, as for `actorgraph ingest`: "
                   f"{DATA_DIR_RULE}; here the article's own folder stands for the article "
                   "folder).")
@click.option("--force", is_flag=True, help="Overwrite an existing annotation.yaml.")
def extract(article: Path, lang: str | None, published: str | None, out: Path | None,
            explain: bool, outlet: str | None, data_dir: Path | None, force: bool) -> None:
    """Draft an annotation of ARTICLE (a UTF-8 .txt file) for review, offline.

    Actors, events, dates, modality and attribution come from the rule files in
    data/extract/; names the registries do not know are listed under `candidates`.
    """
    from actorgraph.ingest.extract.draft_yaml import output_article_id, render, write_draft
    from actorgraph.ingest.extract.pipeline import extract_article, load_context, parse_published

    parse_published(published)  # a bad --published is refused before any file is read
    data = data_dir if data_dir is not None else data_dir_for(article.parent)
    draft = extract_article(article, load_context(data), lang, published, outlet,
                            output_article_id(out))
    if out is None:
        click.echo(render(draft, explain), nl=False)
        return
    written = write_draft(draft, out, explain, force)
    click.echo(f"{draft.article_id}: {len(draft.events)} events, {len(draft.relations)} "
               f"relations, {len(draft.candidates)} candidates -> "
               f"{', '.join(str(p) for p in written)}", err=True)
