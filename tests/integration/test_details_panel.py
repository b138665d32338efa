"""The details panel of a fact with many claims, built from a real Neo4j: it draws the first
claims by article date and says how many there are and how to narrow them."""

from __future__ import annotations

from actorgraph.dashboard.components.details import MAX_CLAIMS_SHOWN, node_panel
from actorgraph.graph.connection import Database
from actorgraph.graph.schema import ensure_schema


def _with_class(component: object, name: str) -> list:
    found = []

    def walk(c: object) -> None:
        if isinstance(c, (list, tuple)):
            for x in c:
                walk(x)
            return
        if hasattr(c, "to_plotly_json"):
            if name in (getattr(c, "className", None) or "").split():
                found.append(c)
            walk(getattr(c, "children", None))

    walk(component)
    return found


def _text(component: object) -> str:
    children = getattr(component, "children", component)
    if isinstance(children, (list, tuple)):
        return "".join(_text(c) for c in children)
    return str(children) if children is not None else ""


def _fill(db: Database, claims: int) -> None:
    ensure_schema(db)
    db.write("""
        CREATE (e:Event {id: 'E', kind: 'meeting', title: 'Summit', modality: 'asserted',
                         evidence_count: $n})
        WITH e
        UNWIND range(1, $n) AS i
        WITH e, i, toString(date('2025-01-01') + duration({days: $n - i})) AS day
        CREATE (a:Article {id: 'art-' + i, title: 'Report ' + i, outlet: 'Wire',
                           published: day, kind: 'article',
                           text: 'The leaders met in Seoul on that day.'})
        CREATE (a)-[:CLAIMS]->(:Claim {id: 'c' + i, fact_id: 'E', fact_type: 'event',
                                        article_id: a.id, published: day,
                                        modality: 'asserted', quotes: ['leaders met'],
                                        starts: [4], ends: [15]})-[:ABOUT]->(e)""", n=claims)


def test_a_fact_with_many_claims_shows_the_first_by_article_date_and_says_so(db: Database):
    _fill(db, MAX_CLAIMS_SHOWN + 5)
    panel = node_panel(db, "E", None)
    blocks = _with_class(panel, "ag-claim")
    assert len(blocks) == MAX_CLAIMS_SHOWN
    # art-45 is the oldest article (2025-01-01): the first claim drawn.
    assert "Report 45" in _text(blocks[0]) and "Report 6" in _text(blocks[-1])
    [more] = _with_class(panel, "ag-claims-more")
    assert _text(more) == (f"The first {MAX_CLAIMS_SHOWN} of {MAX_CLAIMS_SHOWN + 5} claims, by "
                           "article date. The Articles, Outlets and Published filters narrow "
                           "them.")


def test_a_fact_with_few_claims_shows_them_all(db: Database):
    _fill(db, 3)
    panel = node_panel(db, "E", None)
    assert len(_with_class(panel, "ag-claim")) == 3
    assert _with_class(panel, "ag-claims-more") == []
