"""A publication image's parts for a subgraph: its title, its legend and its source line.

The source line says which articles and outlets the facts shown rest on, and over which dates;
the article rows come from `graph/read/provenance.py`. Where the parts go is `frame.py`'s job.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from actorgraph.export.data.elements_io import is_edge
from actorgraph.export.image.frame import Publication
from actorgraph.export.image.legend import legend_entries
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


def article_ids(elements: Iterable[Mapping[str, Any]]) -> list[str]:
    """Every article id in the elements' `articles` data, sorted, once each."""
    found: set[str] = set()
    for element in elements:
        articles = (element.get("data") or {}).get("articles")
        if isinstance(articles, list | tuple):
            found.update(str(a) for a in articles)
    return sorted(found)


def event_dates(elements: Iterable[Mapping[str, Any]]) -> tuple[str, str] | None:
    dates = sorted(str(d) for e in elements if not is_edge(e)
                   if (d := (e.get("data") or {}).get("date")))
    return (dates[0], dates[-1]) if dates else None


def _span(first: str, last: str) -> str:
    return first if first == last else f"{first} to {last}"


def source_lines(articles: list[Mapping[str, Any]],
                 dates: tuple[str, str] | None = None) -> list[str]:
    """Up to three lines: outlets with article counts, the article ids, the date ranges."""
    if not articles:
        return ["Sources: no supporting articles recorded for the facts shown"]
    news = [a for a in articles if (a.get("kind") or "article") != "gdelt"]
    gdelt = [a for a in articles if (a.get("kind") or "article") == "gdelt"]
    parts = []
    if news:
        outlets = Counter(str(a.get("outlet") or "unknown outlet") for a in news)
        listed = ", ".join(f"{name} ({count})" for name, count in
                           sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0])))
        parts.append(f"{len(news)} article{'s' if len(news) != 1 else ''}: {listed}")
    if gdelt:
        parts.append(f"{len(gdelt)} GDELT document{'s' if len(gdelt) != 1 else ''}")
    lines = ["Sources: " + "; ".join(parts)]
    lines.append("Articles: " + ", ".join(str(a["id"]) for a in articles))
    published = sorted(str(a["published"])[:10] for a in articles if a.get("published"))
    when = []
    if published:
        when.append(f"published {_span(published[0], published[-1])}")
    if dates:
        when.append(f"events dated {_span(*dates)}")
    if when:
        text = " · ".join(when)
        lines.append(text[:1].upper() + text[1:])
    return lines
