"""The explorer page's server callbacks: Neo4j's health, the filters' options, the one state
and its drawing, the details panel, search and the path line.

One store (`ex-state`) holds the shareable state (`view/explorer_state.py`); every control
writes into it (`update_state`, through `ExplorerState.apply`), one callback draws it
(`render`), and the URL follows it. The graph itself comes from `view/explorer.py` (queries,
expansions, caps) and `view/elements.py` (records -> view); the layouts from `view/layout.py`,
the looks from `view/style.py`. `pages/explorer.py` holds the page's layout.
"""

from __future__ import annotations

import dataclasses
import json
import logging

import plotly.graph_objects as go
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from actorgraph import config
from actorgraph.dashboard import state as app_state
from actorgraph.dashboard.components.details import edge_panel, node_panel
from actorgraph.dashboard.components.legend import legend
from actorgraph.dashboard.components.map import event_map, map_config
from actorgraph.errors import DatabaseUnavailable
from actorgraph.graph.connection import side_by_side
from actorgraph.graph.read import explorer as queries
from actorgraph.view import explorer as ev
from actorgraph.view.cytoscape import to_elements
from actorgraph.view.elements import visible_counts
from actorgraph.view.explorer_state import ExplorerState, to_query
from actorgraph.view.layout import (
    LAYOUT_LABELS,
    is_offered,
    layout_notice,
    layout_options,
    preset_layout,
)
from actorgraph.view.search import suggest
from actorgraph.view.style import stylesheet

log = logging.getLogger(__name__)

OUTAGE_ERRORS = (DatabaseUnavailable, OSError)
HEALTH_INTERVAL_MS = 4000


# -- health ----------------------------------------------------------------------------------

@callback(Output("ex-banner", "children"), Output("ex-db", "data"),
          Output("db-status", "children"),
          Input("ex-health", "n_intervals"), State("ex-db", "data"), prevent_initial_call=True)
def health(_n: int | None, previous: str | None):
    """Re-checks Neo4j; on a change of state shows or clears the banner (and so reloads). The
    page's layout made the first check (`first_page`)."""
    status = database_status()
    if status == previous:
        raise PreventUpdate
    return outage_banner() if status == "down" else None, status, status_line(status)


def database_status() -> str:
    """"up" when Neo4j answers a ping at once, else "down"."""
    try:
        queries.ping(app_state.database())
        return "up"
    except OUTAGE_ERRORS:
        return "down"


def status_line(status: str, counts: dict[str, int] | None = None) -> str:
    """The status line's text: the server, its version and what the database holds (`counts`,
    read now when not given)."""
    if status != "up":
        return ""
    db = app_state.database()
    try:
        counts = counts or db.counts()
        return (f"Neo4j {db.version()} at {db.conn.display_uri} — {counts['nodes']} nodes, "
                f"{counts['relationships']} relationships")
    except OUTAGE_ERRORS:
        return ""


def outage_banner() -> html.Div:
    return html.Div(
        [html.Strong("Neo4j is unreachable. "),
         f"The explorer cannot read the graph at {app_state.database().conn.display_uri}. It "
         f"checks again every {HEALTH_INTERVAL_MS // 1000} s and reloads by itself when Neo4j "
         "answers."],
        id="outage-banner", className="ag-banner ag-banner-error", role="alert")


FILTERS = (("ex-sources", "options"),
           ("ex-event-dates", "min"), ("ex-event-dates", "max"),
           ("ex-event-dates", "value"), ("ex-event-dates", "marks"),
           ("ex-pub-dates", "min"), ("ex-pub-dates", "max"),
           ("ex-pub-dates", "value"), ("ex-pub-dates", "marks"))
"""What `filter_options` sets, in the order of its outputs."""


@callback(*(Output(c, p) for c, p in FILTERS),
          Input("ex-db", "data"), State("ex-state", "data"), prevent_initial_call=True)
def filter_options(db_status: str, data: dict | None):
    """Options and ranges of the filters, read again whenever Neo4j comes back up (the page's
    layout carries the first ones). The article and outlet choices are searched as one types
    (`article_options`)."""
    if db_status != "up":
        raise PreventUpdate
    ev.CACHE.clear()
    return filter_values(ExplorerState.from_dict(data))


def filter_values(state: ExplorerState) -> tuple:
    """`filter_options`' outputs: the sources' choices and the two sliders' ranges."""
    db = app_state.database()
    source_options = [{"label": "(the article's own voice)", "value": queries.OWN_VOICE}] + [
        {"label": f"{s['name']} ({s['claims']})", "value": s["id"]}
        for s in ev.sources(db)]
    first, last = ev.event_date_range(db)
    ev_range = ev.slider_range(first, last, state.event_from, state.event_to)
    pub_first, pub_last = ev.published_span(db)
    pub_range = ev.slider_range(pub_first, pub_last, state.pub_from, state.pub_to)
    return (source_options, *ev_range, *pub_range)


def first_page(state: ExplorerState) -> dict[tuple[str, str], object]:
    """The first values of the page's properties, keyed by (component id, property), for the
    page's layout to carry. Without them the first view waited for a chain of round trips
    (Neo4j's health, then the filters' options, then the state, then the drawing); with them
    it is drawn from the page's own response. Properties left out keep the layout's default:
    all of them but Neo4j's state when it does not answer."""
    status = database_status()
    counts = None
    if status == "up":
        try:
            counts = app_state.database().counts()
        except OUTAGE_ERRORS:
            status = "down"
    values: dict[tuple[str, str], object] = {
        ("ex-db", "data"): status, ("db-status", "children"): status_line(status, counts),
        ("ex-banner", "children"): outage_banner() if status == "down" else None}
    if counts is None:
        drawing = draw(state, status, None, None)
    else:
        # A reload shows what was ingested since; the readers of an unchanged store share
        # the cached views (clearing on every page load made each of them a miss).
        ev.CACHE.clear_if_changed((counts["nodes"], counts["relationships"]))
        # The filters' reads run beside the drawing's: the page waits for the longer.
        drawing, filters = side_by_side(lambda: draw(state, status, None, None),
                                        lambda: first_filters(state), "explorer-filters")
        values.update(filters)
    values.update((prop, value) for prop, value in zip(DRAWING, drawing, strict=True)
                  if value is not no_update)
    return values


def first_filters(state: ExplorerState) -> dict[tuple[str, str], object]:
    """The filters' first options and ranges (none when Neo4j stops answering: the filters
    ask again when it is back)."""
    db = app_state.database()
    limit = config.get_int("ACTORGRAPH_FILTER_OPTIONS")
    try:
        values: dict[tuple[str, str], object] = dict(zip(FILTERS, filter_values(state),
                                                         strict=True))
        values[("ex-articles", "options")] = ev.article_choices(
            db, None, list(state.articles or []), limit)
        values[("ex-outlets", "options")] = ev.outlet_choices(
            db, None, list(state.outlets or []), limit)
        return values
    except OUTAGE_ERRORS as e:
        log.warning("explorer: %s", e)
        return {}


@callback(Output("ex-articles", "options"), Input("ex-articles", "search_value"),
          Input("ex-db", "data"), State("ex-articles", "value"), prevent_initial_call=True)
def article_options(text: str | None, db_status: str, chosen: list[str] | None):
    """The chosen articles and at most ACTORGRAPH_FILTER_OPTIONS others matching what is
    typed (the newest when nothing is): the list never grows with the number of articles."""
    if db_status != "up":
        raise PreventUpdate
    try:
        return ev.article_choices(app_state.database(), text, chosen,
                                  config.get_int("ACTORGRAPH_FILTER_OPTIONS"))
    except OUTAGE_ERRORS:
        raise PreventUpdate from None


@callback(Output("ex-outlets", "options"), Input("ex-outlets", "search_value"),
          Input("ex-db", "data"), State("ex-outlets", "value"), prevent_initial_call=True)
def outlet_options(text: str | None, db_status: str, chosen: list[str] | None):
    """The chosen outlets and at most ACTORGRAPH_FILTER_OPTIONS others matching what is
    typed."""
    if db_status != "up":
        raise PreventUpdate
    try:
        return ev.outlet_choices(app_state.database(), text, chosen,
                                 config.get_int("ACTORGRAPH_FILTER_OPTIONS"))
    except OUTAGE_ERRORS:
        raise PreventUpdate from None


@callback(Output("ex-event-dates-text", "children"), Input("ex-event-dates", "value"),
          State("ex-event-dates", "min"), State("ex-event-dates", "max"))
def event_dates_text(value, lo, hi):
    return ev.range_text(value, lo, hi, "undated events are left out")


@callback(Output("ex-pub-dates-text", "children"), Input("ex-pub-dates", "value"),
          State("ex-pub-dates", "min"), State("ex-pub-dates", "max"))
def pub_dates_text(value, lo, hi):
    return ev.range_text(value, lo, hi, "undated articles are left out")


# -- state -----------------------------------------------------------------------------------

@callback(Output("ex-state", "data"), Output("ex-path-start", "data"),
          Input("ex-view", "value"), Input("ex-layout", "value"),
          Input("ex-modalities", "value"), Input("ex-articles", "value"),
          Input("ex-outlets", "value"), Input("ex-sources", "value"),
          Input("ex-event-dates", "value"), Input("ex-pub-dates", "value"),
          Input("ex-min-support", "value"), Input("ex-contested", "value"),
          Input("ex-source-kind", "value"),
          Input({"type": "ex-legend", "kind": ALL}, "n_clicks"),
          Input("ex-action", "data"), Input("ex-graph", "tapNodeData"),
          Input("ex-graph", "tapEdgeData"),
          Input({"type": "ex-suggestion", "id": ALL}, "n_clicks"),
          Input("ex-path-from", "n_clicks"), Input("ex-path-to", "n_clicks"),
          Input("ex-path-clear", "n_clicks"),
          State("ex-state", "data"), State("ex-shown", "data"), State("ex-path-start", "data"),
          State("ex-event-dates", "min"), State("ex-event-dates", "max"),
          State("ex-pub-dates", "min"), State("ex-pub-dates", "max"),
          prevent_initial_call=True)
def update_state(view, layout_name, modalities, art, outlets, sources, ev_dates, pub_dates,
                 min_support, contested, source_kind, _legend, action, tap_node, tap_edge,
                 _suggestions, _from, _to, _clear, data, shown, path_start, ev_lo, ev_hi,
                 pub_lo, pub_hi):
    """Every control writes into the one state; what triggered decides what changes."""
    state = ExplorerState.from_dict(data)
    trigger = ctx.triggered_id
    value = ctx.triggered[0]["value"] if ctx.triggered else None
    path_out = no_update
    if isinstance(trigger, dict) and trigger.get("type") == "ex-legend":
        if not value:
            raise PreventUpdate
        change = {"type": "legend", "kind": trigger["kind"]}
    elif isinstance(trigger, dict) and trigger.get("type") == "ex-suggestion":
        if not value:
            raise PreventUpdate
        change = {"type": "pick", "node": trigger["id"], "shown": shown or []}
    elif trigger == "ex-action":
        change = action or {}
    elif trigger == "ex-graph" and "tapNodeData" in ctx.triggered[0]["prop_id"]:
        change = {"type": "select", "id": (tap_node or {}).get("id")}
    elif trigger == "ex-graph":
        change = {"type": "select", "id": (tap_edge or {}).get("id")}
    elif trigger == "ex-path-from":
        if not state.selected or state.selected not in set(shown or []):
            raise PreventUpdate
        return no_update, state.selected
    elif trigger in ("ex-path-to", "ex-path-clear"):
        change = {"type": "path", "start": path_start} if trigger == "ex-path-to" \
            else {"type": "clear-path"}
        path_out = None
    else:
        event_from, event_to = ev.range_state(ev_dates, ev_lo, ev_hi)
        pub_from, pub_to = ev.range_state(pub_dates, pub_lo, pub_hi)
        change = {"type": "filters", "view": view, "layout": layout_name,
                  "modalities": modalities, "articles": art, "outlets": outlets,
                  "sources": sources, "event_from": event_from, "event_to": event_to,
                  "pub_from": pub_from, "pub_to": pub_to, "min_support": min_support,
                  "contested": "contested" in (contested or []),
                  "source_kind": source_kind}
    new = state.apply(change)
    if new is None:
        raise PreventUpdate
    return new.to_dict(), path_out


# -- drawing ---------------------------------------------------------------------------------

def _graph_key(state: ExplorerState) -> str:
    relevant = dataclasses.replace(state, selected=None, hide=(), layout="")
    return json.dumps(relevant.to_dict(), sort_keys=True)


def _explore_key(state: ExplorerState) -> str:
    return json.dumps([state.expand, state.drop, state.path])


DRAWING = (("ex-graph", "elements"), ("ex-graph", "layout"), ("ex-graph", "stylesheet"),
           ("ex-legend", "children"), ("ex-counter", "children"), ("ex-notice", "children"),
           ("ex-map-box", "children"), ("ex-map-box", "style"), ("ex-graph", "style"),
           ("ex-layout", "options"), ("ex-shown", "data"), ("ex-focus", "data"),
           ("ex-url", "data"), ("ex-render-key", "data"), ("ex-canvas-message", "children"))
"""What `render` draws, in the order of its outputs; the page's layout carries the first
drawing in these properties (`first_page`)."""


@callback(*(Output(c, p) for c, p in DRAWING),
          Input("ex-state", "data"), Input("ex-db", "data"),
          State("ex-positions", "data"), State("ex-render-key", "data"),
          prevent_initial_call=True)
def render(data: dict | None, db_status: str, positions: dict | None, previous: dict | None):
    """Draws the state again whenever it changes or Neo4j comes back (`draw`)."""
    return draw(ExplorerState.from_dict(data), db_status, positions, previous)


def draw(state: ExplorerState, db_status: str, positions: dict | None,
         previous: dict | None) -> tuple:
    """The drawing of a state (the values of DRAWING): elements only when the graph changed,
    preset positions after an expansion, hiding by stylesheet, the legend, the counter,
    notices, the map and the URL. `previous` is the last drawing's key (None: the first)."""
    if db_status != "up":  # first_page and health only know "up" and "down"
        return (*([no_update] * 14),
                html.P("The graph will load when Neo4j answers again.", className="ag-muted"))
    db = app_state.database()
    limits = ev.Limits.from_settings()
    try:
        loaded = ev.load_view(db, state, limits)
    except OUTAGE_ERRORS as e:
        log.warning("explorer: %s", e)
        return (*([no_update] * 14),
                html.P("Neo4j stopped answering; the graph reloads when it is back.",
                       className="ag-muted"))
    graph = loaded.graph
    previous = previous or {}
    run = int(previous.get("run", 0)) + 1
    base = _graph_key(dataclasses.replace(state, expand=(), drop=(), path=()))
    explore = _explore_key(state)
    node_count = len(graph.nodes)
    layout_name = state.layout
    notices = list(graph.notices)
    notice = layout_notice(layout_name, node_count)
    if notice:
        notices.append(notice)
    if base != previous.get("base") or layout_name != previous.get("layout"):
        elements = loaded.elements
        cy_layout = layout_options(layout_name, node_count, run)
    elif explore != previous.get("explore"):
        if positions:  # an expansion, hide or undo: everything stays where it was
            elements = to_elements(graph, positions=positions)
            cy_layout = preset_layout(run)
        else:
            elements = loaded.elements
            cy_layout = layout_options(layout_name, node_count, run)
    else:  # selection or hidden kinds only: the stylesheet and the focus do it
        elements, cy_layout = no_update, no_update
        run = int(previous.get("run", 0))
    hide = list(state.hide)
    # The stylesheet goes out only when the hidden kinds changed: Cytoscape styles every
    # element again for a new one, even an equal one (a click at 2,000 elements redrew about
    # 0.4 s later for it).
    styles = stylesheet(state.hide) if hide != previous.get("hide") else no_update
    key = {"base": base, "explore": explore, "layout": layout_name, "run": run, "hide": hide}
    counts = visible_counts(graph, state.hide)
    counter = (f"{counts['actor']} actors · {counts['event']} events · {counts['place']} "
               f"places · {counts['asset']} assets · {counts['edges']} edges shown")
    is_map = layout_name == "map"
    visible_events = {n.id for n in graph.nodes if n.group == "event"} \
        if state.view != "alliances" else None
    # The map (and plotly's 4.8 MB script) is only put on the page when it is asked for.
    map_box = map_graph(event_map(loaded.fragment, visible_events)) if is_map else no_update
    layout_opts = [{"label": label, "value": k,
                    "disabled": not is_offered(k, node_count)}
                   for k, label in LAYOUT_LABELS.items()]
    shown = [n.id for n in graph.nodes]
    focus = {"id": state.selected, "run": run} if state.selected else None
    return (elements, cy_layout, styles, legend(graph, state.hide),
            html.Span(counter, id="ex-counter-text"),
            [html.Div(n, className="ag-notice") for n in notices],
            map_box, {"display": "block" if is_map else "none", "height": "100%"},
            {"width": "100%", "height": "100%", "display": "none" if is_map else "block"},
            layout_opts, shown, focus, to_query(state), key, None)


def map_graph(figure: go.Figure) -> dcc.Graph:
    """The event map, drawn by plotly."""
    return dcc.Graph(id="ex-map", className="ag-map", figure=figure, config=map_config(),
                     style={"height": "100%"})


@callback(Output("ex-details", "children"), Input("ex-state", "data"),
          Input("ex-db", "data"))
def details(data: dict | None, db_status: str):
    state = ExplorerState.from_dict(data)
    if db_status != "up" or not state.selected:
        return html.P("Click a node or an edge to see its evidence.", className="ag-muted")
    try:
        # The same state shows the same panel: readers of one selection share one reading.
        return ev.CACHE.get(("details", state), lambda: details_panel(state))
    except OUTAGE_ERRORS:
        return html.P("Neo4j is unreachable.", className="ag-muted")


def details_panel(state: ExplorerState) -> list:
    """The evidence of the selected node or edge. A node is looked up by its id; only an edge
    (a relation, a link or a tie the view drew) needs the view itself, which a hub's view makes
    the slow part."""
    db = app_state.database()
    found = queries.node_details(db, state.selected)
    if found is not None:
        filters = ev.fact_filters(
            state, ev.articles(db, state) if ev.filters_need_articles(state) else [])
        return node_panel(db, state.selected, _listed(filters.article_ids), found)
    loaded = ev.load_view(db, state, ev.Limits.from_settings())
    edge = next((e for e in loaded.graph.edges if e.id == state.selected), None)
    if edge is not None:
        return edge_panel(db, edge, loaded.graph, _listed(loaded.filters.article_ids))
    return node_panel(db, state.selected, _listed(loaded.filters.article_ids))


def _listed(article_ids: tuple[str, ...] | None) -> list[str] | None:
    return list(article_ids) if article_ids is not None else None


@callback(Output("ex-suggestions", "children"), Input("ex-search", "value"),
          prevent_initial_call=True)
def suggestions(text: str | None):
    if not text or len(text.strip()) < 2:
        return []
    try:
        entries = ev.search_entries(app_state.database(), text)
    except OUTAGE_ERRORS:
        return [html.Div("Search needs Neo4j.", className="ag-muted")]
    found = suggest(entries, text)
    if not found:
        return [html.Div("No match.", className="ag-muted")]
    return [html.Button([html.Span(s.text), html.Span(s.kind.replace("_", " "),
                                                      className="ag-suggestion-kind")],
                        id={"type": "ex-suggestion", "id": s.id}, className="ag-suggestion")
            for s in found]


@callback(Output("ex-search", "value"),
          Input({"type": "ex-suggestion", "id": ALL}, "n_clicks"), prevent_initial_call=True)
def close_suggestions(clicks: list[int | None]):
    """A picked suggestion empties the search box, which closes the list."""
    if not any(clicks or []):
        raise PreventUpdate
    return ""


@callback(Output("ex-path-info", "children"), Input("ex-path-start", "data"),
          Input("ex-state", "data"))
def path_info(start: str | None, data: dict | None):
    state = ExplorerState.from_dict(data)
    if len(state.path) == 2:
        return f"Shortest paths: {state.path[0]} → {state.path[1]} (purple)"
    if start:
        return f"Path from {start}: select another actor and press “Path to”."
    return ""
