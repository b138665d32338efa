"""A publication image's parts for a subgraph: its title, its legend and its source line."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from actorgraph.export.image.frame import Publication
from actorgraph.export.image.legend import legend_entries
from actorgraph.export.image.sources import article_ids, event_dates, source_lines
from actorgraph.graph.connection import Database
from actorgraph.graph.read import provenance


def make_publication(db: Database | None, elements: Sequence[Mapping[str, Any]],
                     stylesheet: Sequence[Mapping[str, Any]], *, title: str | None = None,
                     legend: bool = False, sources: bool = False,
                     drawn: Sequence[Mapping[str, Any]] | None = None) -> Publication:
    """`elements` must be enriched (`subgraph.enrich`) for the source line: it reads their
    `articles` and `date` data, then the articles' outlets and dates from Neo4j. The legend
    describes `drawn` (what the image shows, with `stylesheet`), by default `elements`."""
    lines: tuple[str, ...] = ()
    if sources:
        ids = article_ids(elements)
        articles = provenance.article_info(db, ids) if ids and db is not None else []
        lines = tuple(source_lines(articles, event_dates(elements)))
    return Publication(
        title=(title or "").strip() or None,
        legend=tuple(legend_entries(drawn if drawn is not None else elements, stylesheet))
        if legend else (),
        source_lines=lines,
    )
