"""URL state, search and filters of the explorer (pure)."""

from actorgraph.graph.read.explorer import OWN_VOICE, FactFilters
from actorgraph.view.explorer import article_filter, layout_options
from actorgraph.view.explorer_state import ExplorerState, from_params, from_query, to_query
from actorgraph.view.search import entries_from_rows, fold, suggest


def test_default_state_is_an_empty_query():
    assert to_query(ExplorerState()) == ""
    assert from_query("") == ExplorerState()


def test_state_round_trips_through_the_url():
    state = ExplorerState(view="events", layout="grid", modalities=("asserted", "reported"),
                          hide=("meeting",), articles=("newsde-putin-im-visier",),
                          sources=(OWN_VOICE, "tass"), event_from="2025-07-01",
                          event_to="2025-07-31", min_support=2,
                          selected="PRK-SUPPORTS-RUS+munitions+troops",
                          expand=("lavrov", "PRK"), drop=("UKR",), path=("USA", "RUS"))
    query = to_query(state)
    assert "exp=lavrov&exp=PRK" in query
    assert from_query("?" + query) == state


def test_no_modality_checked_is_kept_apart_from_all():
    state = ExplorerState(modalities=())
    assert from_query(to_query(state)).modalities == ()


def test_bad_values_fall_back_to_defaults():
    state = from_params({"view": "nonsense", "layout": "spiral", "min": "lots",
                         "from": "yesterday", "mod": ["asserted", "invented"], "path": "USA"})
    assert state.view == "alliances" and state.layout == "force"
    assert state.min_support == 1 and state.event_from is None
    assert state.modalities == ("asserted",)
    assert state.path == ()


ROWS = [
    {"id": "lavrov", "group": "actor", "kind": "person", "name": "Sergey Lavrov",
     "name_de": "Sergej Lawrow", "aliases": ["Lawrow", "Lavrov"], "degree": 9},
    {"id": "PRK", "group": "actor", "kind": "state", "name": "North Korea",
     "name_de": "Nordkorea", "aliases": ["Pjöngjang", "DPRK"], "degree": 20},
    {"id": "KOR", "group": "actor", "kind": "state", "name": "South Korea",
     "name_de": "Südkorea", "aliases": [], "degree": 18},
]


def test_search_finds_german_names_and_aliases():
    entries = entries_from_rows(ROWS)
    found = suggest(entries, "Lawrow")
    assert [s.id for s in found] == ["lavrov"]
    assert found[0].text == "Sergey Lavrov (Lawrow)"  # the exact alias wins
    assert [s.id for s in suggest(entries, "nordkorea")] == ["PRK"]
    assert [s.id for s in suggest(entries, "pjongjang")] == ["PRK"]
    assert [s.id for s in suggest(entries, "korea")] == ["PRK", "KOR"]  # most connected first
    assert suggest(entries, "x") == []


def test_fold_ignores_case_accents_and_sharp_s():
    assert fold("Südkorea") == "sudkorea"
    assert fold("Außenministerin") == "aussenministerin"


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


def test_large_graphs_get_draft_force_and_no_dagre():
    assert layout_options("force", 600, 1)["quality"] == "draft"
    assert layout_options("force", 100, 1)["quality"] == "default"
    assert layout_options("hierarchical", 100, 1)["name"] == "dagre"
    assert layout_options("hierarchical", 400, 1)["name"] == "fcose"
