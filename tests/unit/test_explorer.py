"""The explorer's filters: article, outlet and date filters, and the query's parameters."""

from actorgraph.graph.read.explorer import OWN_VOICE, FactFilters
from actorgraph.view.explorer import article_filter, day_number, slider_marks, slider_range
from actorgraph.view.explorer_state import ExplorerState

ARTICLES = [
    {"id": "a1", "outlet": "news.de", "published": "2025-07-11"},
    {"id": "a2", "outlet": "tass", "published": "2025-06"},
    {"id": "a3", "outlet": "news.de", "published": None},
]


def test_article_filters_become_article_ids():
    assert article_filter(ExplorerState(), ARTICLES) is None
    assert article_filter(ExplorerState(outlets=("news.de",)), ARTICLES) == ("a1", "a3")
    assert article_filter(ExplorerState(pub_from="2025-06-15"), ARTICLES) == ("a1", "a2")
    assert article_filter(ExplorerState(pub_to="2025-06-30"), ARTICLES) == ("a2",)


def test_fact_filter_parameters():
    params = FactFilters(sources=(OWN_VOICE, "tass"), min_support=0).params()
    assert params["sources"] == ["tass"] and params["own_voice"] is True
    assert params["min_support"] == 1 and params["modalities"] is None


def test_a_slider_is_labelled_at_its_ends_and_middle_each_label_inside_the_slider() -> None:
    start, end, value, marks = slider_range("2024-11-01", "2025-07-11", None, None)
    assert value == [start, end]
    assert [(point - start, mark["label"], mark["style"]["transform"])
            for point, mark in sorted(marks.items())] == [
        (0, "2024-11", "translateX(0)"),
        ((end - start) // 2, "2025-03", "translateX(-50%)"),
        (end - start, "2025-07", "translateX(-100%)"),
    ]


def test_a_month_is_labelled_once() -> None:
    start, end = day_number("2025-07-11"), day_number("2025-07-12")
    assert slider_marks(start, end) == {
        start: {"label": "2025-07", "style": {"transform": "translateX(0)"}}}

def test_the_source_type_filter_keeps_annotated_articles_or_gdelt_documents():
    articles = [{"id": "ann", "kind": "article", "outlet": "tass"},
                {"id": "gdelt-1", "kind": "gdelt", "outlet": "tass"},
                {"id": "old", "outlet": "news.de"}]  # stored before `kind`: an article
    assert article_filter(ExplorerState(source_kind="gdelt"), articles) == ("gdelt-1",)
    assert article_filter(ExplorerState(source_kind="article"), articles) == ("ann", "old")
    assert article_filter(ExplorerState(source_kind="gdelt", outlets=("news.de",)),
                          articles) == ()
