"""The map of events and places: a plotly `scattergeo` that needs no network.

plotly.js fetches its coastlines and borders (topojson) from its CDN as soon as a geo subplot
shows any base layer, and no CDN is reachable offline or in CI. So every base layer is off:
the map is places at their true latitude and longitude on a graticule, labelled, sized by how
many events took place there, with the events listed on hover.
"""

from __future__ import annotations

from collections import defaultdict

import plotly.graph_objects as go

from actorgraph.graph.elements import Fragment

NO_BASE_LAYERS = {f"show{layer}": False for layer in (
    "coastlines", "land", "ocean", "lakes", "rivers", "countries", "subunits", "frame")}


def event_map(fragment: Fragment, visible_events: set[str] | None = None) -> go.Figure:
    """Places of the fragment's events (only `visible_events` when given)."""
    events_at: dict[str, list[str]] = defaultdict(list)
    for link in fragment.links.values():
        if link.type != "AT":
            continue
        if visible_events is not None and link.source not in visible_events:
            continue
        event = fragment.nodes.get(link.source)
        if event is not None:
            events_at[link.target].append(
                f"{event.date or 'undated'} · {event.label}")
    places = [fragment.nodes[p] for p in sorted(events_at) if p in fragment.nodes
              and fragment.nodes[p].lat is not None and fragment.nodes[p].lon is not None]
    fig = go.Figure()
    if places:
        fig.add_trace(go.Scattergeo(
            lat=[p.lat for p in places], lon=[p.lon for p in places],
            text=[p.label for p in places], mode="markers+text",
            # Alternate labels above and below, north to south, so neighbours do not overlap.
            textposition=[("top center", "bottom center")[rank % 2] for rank in _lat_ranks(places)],
            marker={"size": [10 + 4 * min(len(events_at[p.id]), 8) for p in places],
                    "color": "#d1495b", "line": {"width": 1, "color": "#ffffff"}},
            hovertext=["<br>".join([f"<b>{p.label}</b>", *sorted(events_at[p.id])])
                       for p in places],
            hoverinfo="text", textfont={"size": 13, "color": "#1b1f24"}, name="places",
        ))
        lats = [p.lat for p in places]
        lons = [p.lon for p in places]
        pad = 4.0
        lat_range = [max(-89.0, min(lats) - pad), min(89.0, max(lats) + pad)]
        lon_range = [max(-180.0, min(lons) - pad * 3), min(180.0, max(lons) + pad * 3)]
    else:
        lat_range, lon_range = [-60.0, 80.0], [-180.0, 180.0]
    fig.update_geos(
        projection_type="equirectangular", bgcolor="#f4f6f8", **NO_BASE_LAYERS,
        lataxis={"range": lat_range, "showgrid": True, "gridcolor": "#d0d7de", "dtick": 5},
        lonaxis={"range": lon_range, "showgrid": True, "gridcolor": "#d0d7de", "dtick": 5},
    )
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": 40, "b": 10}, showlegend=False,
        title={"text": f"Places of {sum(len(v) for v in events_at.values())} events "
                       f"(no base map offline: latitude/longitude grid, 5° steps)",
               "font": {"size": 13}},
        paper_bgcolor="#ffffff",
    )
    return fig


def _lat_ranks(places: list) -> list[int]:
    order = sorted(range(len(places)), key=lambda i: -places[i].lat)
    ranks = [0] * len(places)
    for rank, i in enumerate(order):
        ranks[i] = rank
    return ranks
