"""The bounded reads behind the explorer's article and outlet filters, on a real Neo4j with
the real schema: what they find, their limit, and that the search and the date span are
answered from the `article_published` index."""

from __future__ import annotations

from actorgraph.graph.connection import Database
from actorgraph.graph.read import filter_options as reads
from actorgraph.graph.schema import ensure_schema
from actorgraph.view import explorer as ev
from actorgraph.view.explorer_state import ExplorerState
from tests.query_plans import plan_operators


def fill(db: Database, n: int = 60) -> None:
    ensure_schema(db)
    db.write("""
        UNWIND range(0, $n - 1) AS i
        CREATE (:Article {id: 'art-' + i, title: CASE WHEN i % 10 = 3 THEN 'Seoul summit '
                                                      ELSE 'Report ' END + i,
                          outlet: 'Outlet ' + (i % 7),
                          published: toString(date('2025-01-01') + duration({days: i}))})
        """, n=n)
    db.write("CREATE (:Article {id: 'undated', title: 'Seoul without a date', outlet: 'X'})")


def test_matching_articles_are_the_newest_matches_up_to_the_limit(db: Database):
    fill(db)
    assert [a["id"] for a in reads.matching_articles(db, "", 3)] == ["art-59", "art-58",
                                                                     "art-57"]
    seoul = reads.matching_articles(db, "SEOUL summit", 4)
    assert [a["id"] for a in seoul] == ["art-53", "art-43", "art-33", "art-23"]
    # Every word somewhere in title, id or outlet: "6" is in art-56's id, in art-55's outlet.
    assert [a["id"] for a in reads.matching_articles(db, "outlet 6 report", 2)] == [
        "art-56", "art-55"]
    assert reads.matching_articles(db, "nothing like this", 10) == []


def test_outlets_span_and_chosen_articles(db: Database):
    fill(db)
    assert reads.matching_outlets(db, "", 3) == ["Outlet 0", "Outlet 1", "Outlet 2"]
    assert reads.matching_outlets(db, "OUTLET 5", 10) == ["Outlet 5"]
    # The outlet of an undated article is offered too: the outlet filter keeps its articles.
    assert reads.matching_outlets(db, "", 10) == [f"Outlet {i}" for i in range(7)] + ["X"]
    assert reads.matching_outlets(db, "nothing like this", 10) == []
    assert reads.published_span(db) == ("2025-01-01", "2025-03-01")
    assert {a["id"] for a in reads.articles_by_id(db, ["art-1", "undated", "gone"])} == {
        "art-1", "undated"}


def test_the_choices_put_the_chosen_first_and_stay_bounded(db: Database):
    fill(db)
    ev.CACHE.clear()
    options = ev.article_choices(db, "seoul", ["undated", "gone", "art-53"], 2)
    assert options == [
        {"label": "Seoul without a date (X)", "value": "undated"},
        {"label": "gone", "value": "gone"},
        {"label": "Seoul summit 53 (Outlet 4)", "value": "art-53"},
        {"label": "Seoul summit 43 (Outlet 1)", "value": "art-43"},
    ]
    assert ev.outlet_choices(db, "outlet", ["Outlet 5"], 2) == [
        {"label": "Outlet 5", "value": "Outlet 5"},
        {"label": "Outlet 0", "value": "Outlet 0"},
        {"label": "Outlet 1", "value": "Outlet 1"},
    ]


def test_the_searches_and_the_span_read_an_index_in_order(db: Database):
    fill(db)
    for query, params, index in (
            (reads.MATCHING_ARTICLES, {"words": ["x"], "limit": 5}, "Article(published)"),
            (reads.MATCHING_OUTLETS, {"text": "x", "limit": 5}, "Article(outlet)"),
            (reads.PUBLISHED_SPAN, {}, "Article(published)")):
        operators = plan_operators(db, query, **params)
        names = {name for name, _ in operators}
        assert not names & {"Sort", "PartialSort", "Top", "EagerAggregation",
                            "NodeByLabelScan"}, operators
        scans = [details for name, details in operators if name == "NodeIndexScan"]
        assert scans and all(index in scan for scan in scans), operators


def test_the_article_filters_read_only_the_candidates_an_index_gives(db: Database):
    fill(db)
    db.write("CREATE (:Article {id: 'year-only', outlet: 'Y', published: '2025'}), "
             "(:Article {id: 'next-year', outlet: 'Y', published: '2026'}), "
             "(:Article {id: 'month-only', outlet: 'Y', published: '2025-02'})")

    def allowed(**filters: object) -> set[str]:
        ev.CACHE.clear()
        state = ExplorerState(**filters)
        return set(ev.article_filter(state, ev.articles(db, state)) or ())

    assert allowed(articles=("art-1", "gone")) == {"art-1"}
    assert allowed(outlets=("Outlet 6",)) == {f"art-{i}" for i in range(6, 60, 7)}
    # 2025-02-27 .. 2025-03-01 are art-57..59; a bare year or month overlaps the range too.
    assert allowed(pub_from="2025-02-27") == {"art-57", "art-58", "art-59", "year-only",
                                              "month-only", "next-year"}
    assert allowed(pub_from="2025-02-27", pub_to="2025-02-28") == {
        "art-57", "art-58", "year-only", "month-only"}
    assert allowed(pub_to="2025-01-02") == {"art-0", "art-1", "year-only"}
    assert allowed(source_kind="gdelt") == set()
    assert len(allowed(source_kind="article")) == 60 + 1 + 3


def test_the_outlet_and_date_candidates_are_index_seeks(db: Database):
    fill(db)
    for query, params in ((reads.CANDIDATES_BY_OUTLET, {"outlets": ["Outlet 1"]}),
                          (reads.CANDIDATES_PUBLISHED, {"low": "2025", "high": "2026"}),
                          (reads.CANDIDATES_BY_ID, {"ids": ["art-1"]})):
        operators = plan_operators(db, query, **params)
        names = {name for name, _ in operators}
        assert names & {"NodeIndexSeek", "NodeUniqueIndexSeek", "NodeIndexSeekByRange"}, names
        assert "NodeByLabelScan" not in names, names
