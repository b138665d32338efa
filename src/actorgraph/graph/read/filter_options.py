"""Bounded reads behind the explorer's type-to-search filters: the articles and outlets that
match a typed text (articles newest first, outlets in alphabetical order, at most `limit`),
the labels of the articles already chosen, and the span of publication dates.

What each costs (the `article_published` and `article_outlet` range indexes, `schema.py`):

- `PUBLISHED_SPAN`: two index seeks, one from each end of the index (ORDER BY ... LIMIT 1 is
  answered by the index's order); constant, whatever the number of articles.
- `MATCHING_ARTICLES`: walks the index from the newest article and stops at the `limit`-th
  match, reading title, id and outlet of each article it passes. Empty text: `limit` index
  entries. A rare text walks further; one that matches nothing walks the whole index (one
  entry and three properties per dated article, no sort, no collect). Undated articles are
  not offered (they are still found by id once chosen).
- `MATCHING_OUTLETS`: walks the `article_outlet` index in its (alphabetical) order, which
  gives each outlet from the index itself, distinct as they come, and stops at the `limit`-th
  outlet containing the text. A store with fewer outlets than `limit` is walked to its end,
  one index entry per article and no property read: on the benchmark's 100,000 articles of
  40 outlets 30-40 ms, against 145-155 ms for the walk of the newest articles that read each
  one's outlet (the page load waited for it).
- `ARTICLES_BY_ID`: one seek per id in the `article_id` uniqueness constraint.
"""

from __future__ import annotations

from actorgraph.graph.connection import Database

_WORDS_MATCH = """all(w IN $words WHERE toLower(coalesce(a.title, '')) CONTAINS w
                OR toLower(a.id) CONTAINS w OR toLower(coalesce(a.outlet, '')) CONTAINS w)"""

MATCHING_ARTICLES = f"""
MATCH (a:Article) WHERE a.published IS NOT NULL AND {_WORDS_MATCH}
RETURN a.id AS id, a.title AS title, a.outlet AS outlet, a.published AS published
ORDER BY a.published DESC
LIMIT $limit
"""

MATCHING_OUTLETS = """
MATCH (a:Article) WHERE a.outlet IS NOT NULL
WITH DISTINCT a.outlet AS outlet
WHERE toLower(outlet) CONTAINS $text
RETURN outlet ORDER BY outlet
LIMIT $limit
"""

ARTICLES_BY_ID = """
MATCH (a:Article) WHERE a.id IN $ids
RETURN a.id AS id, a.title AS title, a.outlet AS outlet, a.published AS published
"""

PUBLISHED_SPAN = """
OPTIONAL CALL () {
  MATCH (a:Article) WHERE a.published IS NOT NULL
  RETURN a.published AS first ORDER BY a.published LIMIT 1
}
OPTIONAL CALL () {
  MATCH (a:Article) WHERE a.published IS NOT NULL
  RETURN a.published AS last ORDER BY a.published DESC LIMIT 1
}
RETURN first, last
"""


def search_words(text: str | None) -> list[str]:
    """The typed text as lower-case words, each of which a match must contain."""
    return (text or "").lower().split()


def matching_articles(db: Database, text: str | None, limit: int) -> list[dict]:
    """At most `limit` dated articles whose title, id or outlet contain every typed word,
    newest first."""
    return db.read(MATCHING_ARTICLES, words=search_words(text), limit=limit)


def matching_outlets(db: Database, text: str | None, limit: int) -> list[str]:
    """At most `limit` outlets containing the typed text (any case), in alphabetical order."""
    rows = db.read(MATCHING_OUTLETS, text=(text or "").strip().lower(), limit=limit)
    return [row["outlet"] for row in rows]


def articles_by_id(db: Database, ids: list[str]) -> list[dict]:
    """The chosen articles (those that exist), for their labels."""
    if not ids:
        return []
    return db.read(ARTICLES_BY_ID, ids=ids)


def published_span(db: Database) -> tuple[str | None, str | None]:
    """The first and last publication date of any article."""
    rows = db.read(PUBLISHED_SPAN)
    if not rows:
        return None, None
    return rows[0]["first"], rows[0]["last"]


# -- the articles an article, outlet, publication-date or source-type filter allows ---------

CANDIDATE_FIELDS = ("id", "outlet", "published", "kind")
_CANDIDATE_FIELDS = "RETURN collect([a.id, a.outlet, a.published, a.kind]) AS articles"
"""One record holding every candidate as a list: an outlet's 25,000 articles as separate
records took the driver about 100 ms to decode, as one list a fraction of that."""
CANDIDATES_BY_ID = f"UNWIND $ids AS id MATCH (a:Article {{id: id}}) {_CANDIDATE_FIELDS}"
"""The chosen articles: one seek each on the article id constraint."""
CANDIDATES_BY_OUTLET = f"MATCH (a:Article) WHERE a.outlet IN $outlets {_CANDIDATE_FIELDS}"
"""The articles of the chosen outlets: seeks on the `article_outlet` index."""
CANDIDATES_PUBLISHED = (f"MATCH (a:Article) WHERE a.published >= $low AND a.published <= $high "
                        f"{_CANDIDATE_FIELDS}")
"""Articles published in a superset of the date range (a bare year such as '2025' sorts
before '2025-06-15' but may overlap it, so the low end is the year): a range seek on the
`article_published` index; the caller keeps those that overlap the range exactly."""
CANDIDATES_ALL = f"MATCH (a:Article) {_CANDIDATE_FIELDS}"
"""Every article: only a source-type filter alone needs it."""


def candidate_articles(db: Database, ids: tuple[str, ...] | None,
                       outlets: tuple[str, ...] | None, pub_from: str | None,
                       pub_to: str | None) -> list[dict]:
    """The articles (id, outlet, published, kind) that may pass the article filters, read
    through the narrowest index the set filters allow, never every article unless only the
    source type is filtered. A superset: the caller applies the filters exactly."""
    if ids is not None:
        rows = db.read_maps(CANDIDATES_BY_ID, ids=list(ids))
    elif outlets is not None:
        rows = db.read_maps(CANDIDATES_BY_OUTLET, outlets=list(outlets))
    elif pub_from is not None or pub_to is not None:
        rows = db.read_maps(CANDIDATES_PUBLISHED, low=(pub_from or "")[:4],
                            high=(pub_to or "9999") + "\uffff")
    else:
        rows = db.read_maps(CANDIDATES_ALL)
    return [dict(zip(CANDIDATE_FIELDS, article, strict=True)) for article in rows[0]["articles"]]
