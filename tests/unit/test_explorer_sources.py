"""Agreeing and conflicting sources, the contested filter and the looks of contested and
GDELT facts: the pure parts of issue 8."""

import random

from actorgraph.graph.read.explorer import FactFilters
from actorgraph.graph.read.fragment import Fragment, Link, Node
from actorgraph.view.agreement import disagreements, version_label, versions
from actorgraph.view.cytoscape import to_elements
from actorgraph.view.elements import build_view
from actorgraph.view.explorer_state import ExplorerState, from_query, to_query
from actorgraph.view.style import stylesheet

PYONGYANG = {"article_id": "wire", "date": "2025-07-12", "date_from": "2025-07-12",
             "date_to": "2025-07-12", "place": "pyongyang", "place_path": "PRK/pyongyang/",
             "modality": "asserted"}
MOSCOW = {"article_id": "gazette", "date": "2025-07-11", "date_from": "2025-07-11",
          "date_to": "2025-07-11", "place": "moscow", "place_path": "RUS/moscow/",
          "modality": "reported"}
JULY_IN_KOREA = {"article_id": "gdelt-1", "date": "2025-07", "date_from": "2025-07-01",
                 "date_to": "2025-07-31", "place": "gdelt-country-prk", "place_path": "PRK/",
                 "modality": "asserted"}


def test_two_cities_on_two_days_disagree_on_date_and_place():
    assert disagreements(PYONGYANG, MOSCOW) == ["date", "place"]


def test_a_month_and_a_country_agree_with_a_day_and_a_city_inside_them():
    assert disagreements(PYONGYANG, JULY_IN_KOREA) == []


def test_a_denial_conflicts_with_a_statement_and_missing_values_agree():
    assert disagreements({"modality": "denied"}, {"modality": "asserted"}) == ["modality"]
    assert disagreements({"modality": "reported"}, {"place": "seoul"}) == []


def test_claims_fall_into_versions_that_conflict():
    found = versions([PYONGYANG, MOSCOW, JULY_IN_KOREA])
    assert [v.articles for v in found] == [["wire", "gdelt-1"], ["gazette"]]
    assert [v.conflicts_on for v in found] == [("date", "place"), ("date", "place")]
    assert [version_label(i) for i in range(len(found))] == ["A", "B"]


def test_agreeing_sources_make_one_version():
    found = versions([PYONGYANG, JULY_IN_KOREA])
    assert len(found) == 1 and found[0].conflicts_on == ()
    assert versions([]) == []


def test_contested_only_round_trips_through_the_url_and_reaches_the_query():
    state = ExplorerState(view="events", contested=True)
    assert "contested=1" in to_query(state)
    assert from_query(to_query(state)) == state
    assert from_query("contested=0").contested is False
    assert from_query("contested=maybe").contested is False
    assert FactFilters(contested_only=True).params()["contested_only"] is True
    assert FactFilters().params()["contested_only"] is False


def test_contested_and_gdelt_events_get_their_own_classes_and_looks():
    fragment = Fragment()
    fragment.add_node(Node(id="PRK", group="actor", kind="state", label="North Korea"))
    fragment.add_node(Node(id="talks", group="event", kind="dialogue", label="Talks",
                           contested=True))
    fragment.add_node(Node(id="gdelt-visit", group="event", kind="visit", label="Visit",
                           gdelt=True))
    for e in ("talks", "gdelt-visit"):
        fragment.add_link(Link(id=f"PRK-{e}", source="PRK", target=e, type="PARTICIPATED_IN"))
    graph = build_view(fragment, "events", element_cap=100)
    classes = {el["data"]["id"]: el["classes"].split() for el in to_elements(graph)}
    assert "contested" in classes["talks"] and "gdelt" not in classes["talks"]
    assert "gdelt" in classes["gdelt-visit"] and "contested" not in classes["gdelt-visit"]
    selectors = {rule["selector"] for rule in stylesheet()}
    assert {".contested", "node.gdelt"} <= selectors


def _versions_by_every_pair(claims: list[dict]) -> list[tuple[list[int], tuple[str, ...]]]:
    """The grouping `versions` promises, spelled out pair by pair with `disagreements`."""
    groups: list[list[dict]] = []
    for claim in claims:
        for group in groups:
            if not any(disagreements(claim, other) for other in group):
                group.append(claim)
                break
        else:
            groups.append([claim])
    found = []
    for i, group in enumerate(groups):
        differ = {d for j, other in enumerate(groups) if j != i
                  for a in group for b in other for d in disagreements(a, b)}
        found.append(([id(c) for c in group],
                      tuple(d for d in ("date", "place", "modality") if d in differ)))
    return found


def test_versions_group_as_comparing_every_pair_of_claims_would():
    rng = random.Random(8)
    dates = [None, "2025", "2025-07", "2025-07-11", "2025-07-12", "2025-08-01", "2024"]
    places = [None, "PRK/", "PRK/pyongyang/", "PRK/pyongyang/sunan/", "RUS/",
              "RUS/moscow/", "KOR/seoul/"]
    modalities = [None, "asserted", "reported", "denied"]
    shapes = set()
    for _ in range(400):
        claims = [{"article_id": f"a{i}", "date": rng.choice(dates),
                   "place_path": rng.choice(places), "modality": rng.choice(modalities)}
                  for i in range(rng.randrange(1, 12))]
        expected = _versions_by_every_pair(claims)
        found = versions(claims)
        assert [([id(c) for c in v.claims], v.conflicts_on) for v in found] == expected
        shapes.add((len(found), found[0].conflicts_on))
    assert len(shapes) > 10  # one version, several, each kind of conflict: all were drawn


def test_two_hundred_agreeing_claims_make_one_version_and_a_dissent_a_second():
    claims = [{"article_id": f"gdelt-{i}", "date": "2025-07" if i % 3 else "2025-07-11",
               "place_path": "PRK/" if i % 2 else "PRK/pyongyang/", "modality": "asserted"}
              for i in range(200)]
    found = versions(claims)
    assert len(found) == 1 and len(found[0].claims) == 200 and found[0].conflicts_on == ()
    moscow = {"article_id": "gazette", "date": "2025-07-12", "place_path": "RUS/moscow/",
              "modality": "reported"}
    found = versions([*claims, moscow])
    assert [len(v.claims) for v in found] == [200, 1]
    assert [v.conflicts_on for v in found] == [("date", "place"), ("date", "place")]
