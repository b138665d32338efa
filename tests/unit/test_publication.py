"""The source line of a publication image: outlets, articles and dates from enriched
elements."""

from __future__ import annotations

from actorgraph.export.image.publication import article_ids, event_dates, source_lines


def test_source_lines_name_outlets_articles_and_dates():
    articles = [
        {"id": "newsde-1", "outlet": "news.de", "published": "2025-07-11", "kind": "article"},
        {"id": "gazette-1", "outlet": "Example Gazette", "published": "2025-07-14"},
        {"id": "wire-1", "outlet": "news.de", "published": "2025-07-12T08:00:00"},
        {"id": "gdelt-99", "outlet": None, "published": "2025-07-13", "kind": "gdelt"},
    ]
    lines = source_lines(articles, ("2025-07-08", "2025-07-12"))
    assert lines == [
        "Sources: 3 articles: news.de (2), Example Gazette (1); 1 GDELT document",
        "Articles: newsde-1, gazette-1, wire-1, gdelt-99",
        "Published 2025-07-11 to 2025-07-14 · events dated 2025-07-08 to 2025-07-12",
    ]
    assert source_lines([]) == ["Sources: no supporting articles recorded for the facts shown"]


def test_article_ids_and_event_dates_come_from_enriched_elements():
    elements = [{"data": {"id": "e", "articles": ["b", "a"], "date": "2025-07"}},
                {"data": {"id": "f", "articles": ["a"], "date": "2025-06-30"}},
                {"data": {"id": "r", "source": "e", "target": "f", "articles": ["c"],
                          "date": "1999-01-01"}}]
    assert article_ids(elements) == ["a", "b", "c"]
    assert event_dates(elements) == ("2025-06-30", "2025-07")
