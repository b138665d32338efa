"""The explorer's state: through the URL, the page's store, and the changes controls make."""

import pytest

from actorgraph.graph.read.explorer import OWN_VOICE
from actorgraph.view.explorer_state import ExplorerState, from_params, from_query, to_query


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


def test_the_store_round_trips_the_state():
    state = ExplorerState(view="events", modalities=("asserted",), expand=("PRK", "lavrov"),
                          path=("USA", "RUS"), contested=True)
    data = state.to_dict()
    assert data["expand"] == ("PRK", "lavrov")
    as_json = {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}
    assert ExplorerState.from_dict(as_json) == state
    assert ExplorerState.from_dict(None) == ExplorerState()
    assert ExplorerState.from_dict({"view": "events"}) == ExplorerState(view="events")


def test_expanding_selects_the_node_and_twice_changes_nothing():
    state = ExplorerState().apply({"type": "expand", "node": "PRK"})
    assert state == ExplorerState(expand=("PRK",), selected="PRK")
    assert state.apply({"type": "expand", "node": "PRK"}) is None
    assert state.apply({"type": "expand", "node": None}) is None


def test_hiding_a_node_drops_its_expansion_and_the_selection():
    state = ExplorerState(expand=("PRK", "RUS"), selected="PRK")
    hidden = state.apply({"type": "hide", "node": "PRK"})
    assert hidden == ExplorerState(expand=("RUS",), drop=("PRK",))
    assert state.apply({"type": "hide"}) is None


def test_undo_takes_back_the_last_expansion_and_reset_the_exploration():
    state = ExplorerState(view="events", expand=("PRK", "RUS"), drop=("UKR",), selected="RUS",
                          path=("USA", "RUS"))
    assert state.apply({"type": "undo"}).expand == ("PRK",)
    assert ExplorerState().apply({"type": "undo"}) is None
    assert state.apply({"type": "reset"}) == ExplorerState(view="events")
    assert ExplorerState().apply({"type": "reset"}) == ExplorerState()


def test_a_legend_click_hides_a_kind_and_a_second_shows_it():
    hidden = ExplorerState(hide=("meeting",)).apply({"type": "legend", "kind": "state"})
    assert hidden.hide == ("meeting", "state")
    assert hidden.apply({"type": "legend", "kind": "meeting"}).hide == ("state",)


def test_a_picked_suggestion_is_selected_shown_and_expanded_when_not_drawn():
    state = ExplorerState(drop=("PRK",))
    picked = state.apply({"type": "pick", "node": "PRK", "shown": ["RUS"]})
    assert picked == ExplorerState(selected="PRK", expand=("PRK",))
    drawn = ExplorerState().apply({"type": "pick", "node": "RUS", "shown": ["RUS"]})
    assert drawn == ExplorerState(selected="RUS")


def test_selection_and_path():
    selected = ExplorerState().apply({"type": "select", "id": "RUS"})
    assert selected.selected == "RUS"
    assert selected.apply({"type": "select", "id": None}).selected is None
    assert selected.apply({"type": "path", "start": "USA"}).path == ("USA", "RUS")
    assert selected.apply({"type": "path", "start": "RUS"}) is None
    assert selected.apply({"type": "path", "start": None}) is None
    assert ExplorerState().apply({"type": "path", "start": "USA"}) is None
    assert ExplorerState(path=("USA", "RUS")).apply({"type": "clear-path"}).path == ()


FILTERS = {"type": "filters", "view": "alliances", "layout": "force",
           "modalities": ["asserted", "reported", "habitual", "planned", "possible",
                          "suspected", "feared", "denied"],
           "articles": [], "outlets": None, "sources": [], "event_from": None,
           "event_to": None, "pub_from": None, "pub_to": None, "min_support": 1,
           "contested": False}


def test_unchanged_filters_change_nothing():
    assert ExplorerState().apply(FILTERS) is None


def test_filters_become_the_state():
    state = ExplorerState(expand=("PRK",)).apply(
        FILTERS | {"view": "events", "layout": "grid", "modalities": ["reported", "asserted"],
                   "outlets": ["tass"], "sources": [OWN_VOICE], "event_from": "2025-07-01",
                   "min_support": "3", "contested": True})
    assert state == ExplorerState(view="events", layout="grid",
                                  modalities=("asserted", "reported"), outlets=("tass",),
                                  sources=(OWN_VOICE,), event_from="2025-07-01", min_support=3,
                                  contested=True, expand=("PRK",))


@pytest.mark.parametrize("changes", [{"view": "nonsense"}, {"layout": None},
                                     {"min_support": "lots"}, {"min_support": -4}])
def test_bad_filter_values_keep_the_state(changes):
    assert ExplorerState().apply(FILTERS | changes) is None


def test_an_unknown_action_changes_nothing():
    assert ExplorerState().apply({"type": "spin"}) is None
    assert ExplorerState().apply({}) is None


def test_the_source_type_is_in_the_url_and_set_by_the_filters():
    state = ExplorerState(source_kind="gdelt")
    assert to_query(state) == "stype=gdelt"
    assert from_query("stype=gdelt") == state
    assert from_query("stype=rumour") == ExplorerState()  # unknown: both
    picked = ExplorerState().apply({"type": "filters", "view": "alliances",
                                    "source_kind": "article"})
    assert picked is not None and picked.source_kind == "article"
    both = picked.apply({"type": "filters", "view": "alliances", "source_kind": "both"})
    assert both is not None and both.source_kind is None
