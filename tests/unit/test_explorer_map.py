"""The explorer's map figure and which places get labels (no browser, no Neo4j)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from actorgraph.dashboard.components.map import event_map
from actorgraph.graph.read.fragment import Fragment, Link, Node
from actorgraph.view.map_labels import (
    POSITIONS,
    Frame,
    Place,
    fit_ranges,
    label_box,
    mercator,
    place_labels,
)

KOREA = Frame(640, 460, (118.0, 138.0), (30.0, 44.0))


def boxes(places: list[Place], frame: Frame, positions: list[str | None]) -> list[tuple]:
    out = []
    for p, pos in zip(places, positions, strict=True):
        if pos:
            x, y = frame.project(p.lon, p.lat)
            out.append(label_box(x, y, p.size / 2, p.text, pos, 13))
    return out


def overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_a_dense_cluster_labels_the_largest_places_and_leaves_the_rest_to_hover():
    # 40 places within half a degree of Seoul, the first with the most events.
    places = [Place(f"Place {i}", 127.0 + (i % 8) * 0.06, 37.5 + (i // 8) * 0.06, 14, 40 - i)
              for i in range(40)]
    positions = place_labels(places, KOREA)
    labelled = [p.text for p, pos in zip(places, positions, strict=True) if pos]
    assert 1 <= len(labelled) <= 6
    assert labelled[0] == "Place 0"  # the most events is labelled first
    assert positions[0] == "bottom center"  # it is the cluster's south-west corner
    drawn = boxes(places, KOREA, positions)
    assert not any(overlap(a, b) for a, b in itertools.combinations(drawn, 2))


def test_places_far_apart_are_all_labelled_above_their_markers():
    places = [Place("Seoul", 126.98, 37.57, 26, 4), Place("Busan", 129.08, 35.18, 14, 1),
              Place("Wonsan", 127.44, 39.15, 14, 1)]
    assert place_labels(places, KOREA) == ["top center"] * 3


def test_a_label_that_would_leave_the_map_goes_to_the_other_side():
    east_edge = [Place("Dokdo islets", 137.8, 37.24, 14, 1)]
    assert place_labels(east_edge, KOREA) == ["middle left"]
    nowhere = [Place("x" * 200, 127.0, 37.0, 14, 1)]  # wider than the map
    assert place_labels(nowhere, KOREA) == [None]


places_strategy = st.lists(
    st.builds(Place, text=st.text(min_size=1, max_size=30),
              lon=st.floats(119.0, 137.0), lat=st.floats(31.0, 43.0),
              size=st.sampled_from([14.0, 18.0, 26.0, 42.0]), weight=st.integers(1, 50)),
    max_size=60)


@settings(max_examples=150, deadline=None)
@given(places_strategy)
def test_chosen_labels_never_overlap_and_stay_inside_the_map(places):
    positions = place_labels(places, KOREA)
    assert all(pos is None or pos in POSITIONS for pos in positions)
    drawn = boxes(places, KOREA, positions)
    assert not any(overlap(a, b) for a, b in itertools.combinations(drawn, 2))
    right, top = KOREA.project(KOREA.lon_range[1], KOREA.lat_range[1])
    assert all(b[0] >= 0 and b[2] <= right and b[1] >= top and b[3] <= 0 for b in drawn)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.floats(-170, 170), st.floats(-70, 70)), min_size=1, max_size=20),
       st.floats(0.5, 3.0))
def test_fitted_ranges_hold_every_place_and_have_the_plot_areas_aspect(points, aspect):
    (lon0, lon1), (lat0, lat1) = fit_ranges([p[0] for p in points], [p[1] for p in points],
                                            aspect)
    assert all(lon0 <= lon <= lon1 and lat0 <= lat <= lat1 for lon, lat in points)
    x0, y0 = mercator(lon0, lat0)
    x1, y1 = mercator(lon1, lat1)
    whole_world = lon1 - lon0 >= 359.99 or lat1 - lat0 >= 169.99  # nothing left to widen
    if not whole_world:
        assert abs((x1 - x0) / (y1 - y0) - aspect) < 0.01


def fragment(place_label: str, event_label: str, count: int = 1) -> Fragment:
    frag = Fragment()
    frag.nodes["p"] = Node(id="p", group="place", kind="city", label=place_label,
                           lat=37.57, lon=126.98)
    for i in range(count):
        frag.nodes[f"e{i}"] = Node(id=f"e{i}", group="event", kind="meeting",
                                   label=event_label, date="2025-07-10")
        frag.links[f"l{i}"] = Link(id=f"l{i}", source=f"e{i}", target="p", type="AT")
    return frag


def test_html_in_place_names_and_event_labels_is_shown_as_text():
    fig = event_map(fragment('<b>Bold</b> <a href="https://evil.example">x</a>',
                             "Talks <i>&</i> <br>dinner"), base_layers=True)
    trace = fig.data[0]
    assert trace.text == ('&lt;b&gt;Bold&lt;/b&gt; &lt;a href="https://evil.example"&gt;x'
                          '&lt;/a&gt;',)
    assert trace.hovertext == (
        '<b>&lt;b&gt;Bold&lt;/b&gt; &lt;a href="https://evil.example"&gt;x&lt;/a&gt;</b>'
        "<br>2025-07-10 · Talks &lt;i&gt;&amp;&lt;/i&gt; &lt;br&gt;dinner",)


def test_the_map_draws_land_coastlines_and_borders_at_1_50m_when_installed():
    fig = event_map(fragment("Seoul", "Talks", count=3), base_layers=True)
    geo = fig.layout.geo
    assert (geo.showland, geo.showcoastlines, geo.showcountries, geo.showocean) == (
        True, True, True, True)
    assert geo.resolution == 50 and geo.scope in (None, "world")
    assert geo.lataxis.showgrid is False
    assert fig.layout.title.text == "Places of 3 events"
    assert fig.data[0].marker.size == (22,)


def test_without_the_base_map_the_map_is_a_grid_and_says_how_to_install_it():
    fig = event_map(fragment("Seoul", "Talks"), base_layers=False)
    geo = fig.layout.geo
    assert (geo.showland, geo.showcoastlines, geo.showcountries) == (False, False, False)
    assert geo.lataxis.showgrid is True
    assert fig.layout.title.text == (
        "Places of 1 events (no base map installed (`actorgraph basemap install`): "
        "latitude/longitude grid, 5° steps)")
