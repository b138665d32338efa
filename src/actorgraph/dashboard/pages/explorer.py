"""Explorer page: the alliance and event network, its legend, filters, search and details.

One store (`ex-state`) holds the shareable state (`dashboard/url_state.py`); every control
writes into it (`update_state`), one callback draws it (`render`), and the URL follows it.
The graph itself comes from `dashboard/explorer_view.py` (queries, expansions, caps) and
`graph/elements.py` (records -> elements); the looks from `dashboard/style.py`.
"""

from __future__ import annotations

import dataclasses
import json
import logging

import dash_cytoscape as cyto
from dash import (
    ALL,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    ctx,
    dcc,
    html,
    no_update,
)
from dash.exceptions import PreventUpdate

from actorgraph.dashboard import state as app_state
from actorgraph.dashboard.components.details import edge_panel, node_panel
from actorgraph.dashboard.components.export_panel import EXPLORER_EXPORT
from actorgraph.dashboard.components.map import event_map, map_config
from actorgraph.errors import DatabaseUnavailable
from actorgraph.graph.read import explorer as queries
from actorgraph.records import HEDGED_MODALITIES, MODALITIES
from actorgraph.view import explorer as ev
from actorgraph.view.cytoscape import to_elements
from actorgraph.view.elements import VIEW_LABELS, VIEWS, kind_counts, visible_counts
from actorgraph.view.explorer_state import ExplorerState, from_params, to_query
from actorgraph.view.search import suggest
from actorgraph.view.style import (
    BLOC_COLORS,
    EDGE_LOOKS,
    LEGEND_NODE_KINDS,
    UNALIGNED_COLOR,
    stylesheet,
)

log = logging.getLogger(__name__)

OUTAGE_ERRORS = (DatabaseUnavailable, OSError)
HEALTH_INTERVAL_MS = 4000
LAYOUT_LABELS = {"force": "Force", "hierarchical": "Hierarchical", "concentric": "Concentric",
                 "grid": "Grid", "map": "Map"}


def _state(data: dict | None) -> ExplorerState:
    if not data:
        return ExplorerState()
    values = {}
    for f in dataclasses.fields(ExplorerState):
        if f.name in data:
            value = data[f.name]
            values[f.name] = tuple(value) if isinstance(value, list) else value
    return ExplorerState(**values)


def _data(state: ExplorerState) -> dict:
    return dataclasses.asdict(state)


# -- layout ---------------------------------------------------------------------------------

def layout(**query: str) -> html.Div:
    """The page for a URL: its query string restores the view (see url_state.py)."""
    state = from_params(query)
    modal_value = list(state.modalities) if state.modalities is not None else list(MODALITIES)
    return html.Div(className="ag-explorer", children=[
        dcc.Store(id="ex-state", data=_data(state)),
        dcc.Store(id="ex-action"), dcc.Store(id="ex-positions"), dcc.Store(id="ex-shown"),
        dcc.Store(id="ex-focus"), dcc.Store(id="ex-url"), dcc.Store(id="ex-render-key"),
        dcc.Store(id="ex-path-start"), dcc.Store(id="ex-db", data="unknown"),
        dcc.Store(id="ex-url-done"), dcc.Store(id="ex-focus-done"),
        dcc.Interval(id="ex-health", interval=HEALTH_INTERVAL_MS),
        html.Div(id="ex-banner"),
        html.Div(className="ag-toolbar", children=[
            dcc.RadioItems(id="ex-view", value=state.view, inline=True, className="ag-views",
                           options=[{"label": VIEW_LABELS[v], "value": v} for v in VIEWS]),
            dcc.RadioItems(id="ex-layout", value=state.layout, inline=True,
                           className="ag-layouts",
                           options=[{"label": v, "value": k} for k, v in LAYOUT_LABELS.items()]),
            html.Div(className="ag-search", children=[
                dcc.Input(id="ex-search", type="search", placeholder="Search names (de/en)…",
                          debounce=False, autoComplete="off"),
                html.Div(id="ex-suggestions", className="ag-suggestions"),
            ]),
            html.Div(className="ag-actions", children=[
                html.Button("Expand", id="ex-expand", title="Add the selected node's neighbours "
                            "(or double-click a node)"),
                html.Button("Hide", id="ex-hide-node", title="Hide the selected node"),
                html.Button("Undo expansion", id="ex-undo"),
                html.Button("Reset", id="ex-reset"),
                html.Button("Path from", id="ex-path-from",
                            title="Remember the selected actor as the start of a path"),
                html.Button("Path to", id="ex-path-to",
                            title="Shortest paths from the remembered actor to the selected one"),
                html.Button("Clear path", id="ex-path-clear"),
            ]),
            EXPLORER_EXPORT.layout(),
        ]),
        html.Div(className="ag-status-line", children=[
            html.Span(id="ex-counter", className="ag-counter"),
            html.Span(id="ex-path-info", className="ag-path-info"),
            html.Span(id="db-status", className="ag-db-status"),
        ]),
        html.Div(id="ex-notice", className="ag-notices"),
        html.Div(className="ag-main", children=[
            html.Aside(className="ag-filters", children=[
                html.H4("Modality"),
                dcc.Checklist(id="ex-modalities", value=modal_value, className="ag-checklist",
                              options=[{"label": m + (" (hedged)" if m in HEDGED_MODALITIES
                                                      else ""), "value": m}
                                       for m in MODALITIES]),
                html.H4("Event date"),
                dcc.RangeSlider(id="ex-event-dates", min=0, max=1, step=1, value=None,
                                allowCross=False, marks=None,
                                tooltip={"placement": "bottom"}),
                html.Div(id="ex-event-dates-text", className="ag-range-text"),
                html.H4("Published"),
                dcc.RangeSlider(id="ex-pub-dates", min=0, max=1, step=1, value=None,
                                allowCross=False, marks=None),
                html.Div(id="ex-pub-dates-text", className="ag-range-text"),
                html.H4("Articles"),
                dcc.Dropdown(id="ex-articles", multi=True, value=list(state.articles or []),
                             placeholder="All articles"),
                html.H4("Outlets"),
                dcc.Dropdown(id="ex-outlets", multi=True, value=list(state.outlets or []),
                             placeholder="All outlets"),
                html.H4("Attributed to"),
                dcc.Dropdown(id="ex-sources", multi=True, value=list(state.sources or []),
                             placeholder="Any source"),
                html.H4("Supporting articles at least"),
                dcc.Input(id="ex-min-support", type="number", min=1, step=1,
                          value=state.min_support, debounce=True),
                dcc.Checklist(id="ex-contested", className="ag-checklist",
                              value=["contested"] if state.contested else [],
                              options=[{"label": "contested only (sources disagree)",
                                        "value": "contested"}]),
                html.H4("Legend"),
                html.Div(id="ex-legend", className="ag-legend"),
            ]),
            html.Div(className="ag-canvas", children=[
                html.Div(id="ex-canvas-message", className="ag-canvas-message"),
                cyto.Cytoscape(id="ex-graph", elements=[], layout={"name": "preset"},
                               stylesheet=stylesheet(state.hide), autoRefreshLayout=False,
                               responsive=True,
                               minZoom=0.05, maxZoom=4, wheelSensitivity=0.3,
                               className="ag-cytoscape",
                               style={"width": "100%", "height": "100%"}),
                dcc.Graph(id="ex-map", className="ag-map", style={"display": "none"},
                          config=map_config()),
            ]),
            html.Aside(id="ex-details", className="ag-details",
                       children=[html.P("Click a node or an edge to see its evidence.",
                                        className="ag-muted")]),
        ]),
    ])


# -- health ----------------------------------------------------------------------------------

@callback(Output("ex-banner", "children"), Output("ex-db", "data"),
          Output("db-status", "children"),
          Input("ex-health", "n_intervals"), State("ex-db", "data"))
def health(_n: int | None, previous: str | None):
    """Re-checks Neo4j; on a change of state shows or clears the banner (and so reloads)."""
    db = app_state.database()
    try:
        queries.ping(db)
        status = "up"
    except OUTAGE_ERRORS:
        status = "down"
    if status == previous:
        raise PreventUpdate
    if status == "up":
        try:
            counts = db.counts()
            line = (f"Neo4j {db.version()} at {db.conn.display_uri} — {counts['nodes']} nodes, "
                    f"{counts['relationships']} relationships")
        except OUTAGE_ERRORS:
            line = ""
        return None, status, line
    if status == "down":
        banner = html.Div(
            [html.Strong("Neo4j is unreachable. "),
             f"The explorer cannot read the graph at {db.conn.display_uri}. It checks again "
             f"every {HEALTH_INTERVAL_MS // 1000} s and reloads by itself when Neo4j answers."],
            id="outage-banner", className="ag-banner ag-banner-error", role="alert")
        return banner, status, ""
    raise PreventUpdate


@callback(Output("ex-articles", "options"), Output("ex-outlets", "options"),
          Output("ex-sources", "options"),
          Output("ex-event-dates", "min"), Output("ex-event-dates", "max"),
          Output("ex-event-dates", "value"), Output("ex-event-dates", "marks"),
          Output("ex-pub-dates", "min"), Output("ex-pub-dates", "max"),
          Output("ex-pub-dates", "value"), Output("ex-pub-dates", "marks"),
          Input("ex-db", "data"), State("ex-state", "data"))
def filter_options(db_status: str, data: dict | None):
    """Options and ranges of the filters, read again whenever Neo4j comes (back) up."""
    if db_status != "up":
        raise PreventUpdate
    state = _state(data)
    db = app_state.database()
    ev.CACHE.clear()
    arts = ev.articles(db)
    article_options = [{"label": f"{a.get('title') or a['id']} ({a.get('outlet') or '?'})",
                        "value": a["id"]} for a in arts]
    outlets = sorted({a["outlet"] for a in arts if a.get("outlet")})
    source_options = [{"label": "(the article's own voice)", "value": queries.OWN_VOICE}] + [
        {"label": f"{s['name']} ({s['claims']})", "value": s["id"]}
        for s in queries.sources(db)]
    first, last = queries.event_date_range(db)
    ev_range = _slider(first, last, state.event_from, state.event_to)
    published = sorted(a["published"] for a in arts if a.get("published"))
    pub_range = _slider(published[0] if published else None,
                        published[-1] if published else None, state.pub_from, state.pub_to)
    return (article_options, [{"label": o, "value": o} for o in outlets], source_options,
            *ev_range, *pub_range)


def _slider(first: str | None, last: str | None, lo: str | None, hi: str | None) -> tuple:
    if not first or not last:
        return 0, 1, [0, 1], {}
    start, end = ev.day_number(first), ev.day_number(ev._span_end(last))
    if end <= start:
        end = start + 1
    value = [ev.day_number(lo) if lo else start, ev.day_number(hi) if hi else end]
    value = [max(start, min(end, v)) for v in value]
    steps = 4
    marks = {start + (end - start) * i // steps: ev.day_iso(start + (end - start) * i // steps)[:7]
             for i in range(steps + 1)}
    return start, end, value, marks


@callback(Output("ex-event-dates-text", "children"), Input("ex-event-dates", "value"),
          State("ex-event-dates", "min"), State("ex-event-dates", "max"))
def event_dates_text(value, lo, hi):
    return _range_text(value, lo, hi, "undated events are left out")


@callback(Output("ex-pub-dates-text", "children"), Input("ex-pub-dates", "value"),
          State("ex-pub-dates", "min"), State("ex-pub-dates", "max"))
def pub_dates_text(value, lo, hi):
    return _range_text(value, lo, hi, "undated articles are left out")


def _range_text(value, lo, hi, narrowed_note: str) -> str:
    if not value or lo is None or hi is None or hi <= 1:
        return "no dates yet"
    text = f"{ev.day_iso(value[0])} – {ev.day_iso(value[1])}"
    if value[0] > lo or value[1] < hi:
        text += f" ({narrowed_note})"
    return text


# -- state -----------------------------------------------------------------------------------

def _range_state(value, lo, hi) -> tuple[str | None, str | None]:
    if not value or lo is None or hi is None or hi <= 1:
        return None, None
    start = ev.day_iso(value[0]) if value[0] > lo else None
    end = ev.day_iso(value[1]) if value[1] < hi else None
    return start, end


@callback(Output("ex-state", "data"), Output("ex-path-start", "data"),
          Input("ex-view", "value"), Input("ex-layout", "value"),
          Input("ex-modalities", "value"), Input("ex-articles", "value"),
          Input("ex-outlets", "value"), Input("ex-sources", "value"),
          Input("ex-event-dates", "value"), Input("ex-pub-dates", "value"),
          Input("ex-min-support", "value"), Input("ex-contested", "value"),
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
                 min_support, contested, _legend, action, tap_node, tap_edge, _suggestions,
                 _from, _to, _clear, data, shown, path_start, ev_lo, ev_hi, pub_lo, pub_hi):
    """Every control writes into the one state; what triggered decides what changes."""
    state = _state(data)
    trigger = ctx.triggered_id
    value = ctx.triggered[0]["value"] if ctx.triggered else None
    shown = set(shown or [])
    if isinstance(trigger, dict) and trigger.get("type") == "ex-legend":
        if not value:
            raise PreventUpdate
        kind = trigger["kind"]
        hide = tuple(k for k in state.hide if k != kind) if kind in state.hide \
            else (*state.hide, kind)
        return _data(state.with_(hide=hide)), no_update
    if isinstance(trigger, dict) and trigger.get("type") == "ex-suggestion":
        if not value:
            raise PreventUpdate
        node_id = trigger["id"]
        expand = state.expand if node_id in shown or node_id in state.expand \
            else (*state.expand, node_id)
        drop = tuple(d for d in state.drop if d != node_id)
        return _data(state.with_(selected=node_id, expand=expand, drop=drop)), no_update
    if trigger == "ex-action":
        return _apply_action(state, action or {}), no_update
    if trigger == "ex-graph" and "tapNodeData" in ctx.triggered[0]["prop_id"]:
        return _data(state.with_(selected=(tap_node or {}).get("id"))), no_update
    if trigger == "ex-graph":
        return _data(state.with_(selected=(tap_edge or {}).get("id"))), no_update
    if trigger == "ex-path-from":
        if not state.selected or state.selected not in shown:
            raise PreventUpdate
        return no_update, state.selected
    if trigger == "ex-path-to":
        if not path_start or not state.selected or state.selected == path_start:
            raise PreventUpdate
        return _data(state.with_(path=(path_start, state.selected))), None
    if trigger == "ex-path-clear":
        return _data(state.with_(path=())), None
    event_from, event_to = _range_state(ev_dates, ev_lo, ev_hi)
    pub_from, pub_to = _range_state(pub_dates, pub_lo, pub_hi)
    modal = tuple(m for m in MODALITIES if m in (modalities or []))
    try:
        support = max(1, int(min_support or 1))
    except (TypeError, ValueError):
        support = 1
    new = state.with_(
        view=view if view in VIEWS else state.view, layout=layout_name or state.layout,
        modalities=None if len(modal) == len(MODALITIES) else modal,
        articles=tuple(art) if art else None, outlets=tuple(outlets) if outlets else None,
        sources=tuple(sources) if sources else None, event_from=event_from,
        event_to=event_to, pub_from=pub_from, pub_to=pub_to, min_support=support,
        contested="contested" in (contested or []),
    )
    if new == state:
        raise PreventUpdate
    return _data(new), no_update


def _apply_action(state: ExplorerState, action: dict) -> dict:
    kind, node = action.get("type"), action.get("node")
    if kind == "expand" and node:
        if node in state.expand:
            raise PreventUpdate
        return _data(state.with_(expand=(*state.expand, node), selected=node))
    if kind == "hide" and node:
        return _data(state.with_(drop=(*state.drop, node), selected=None,
                                 expand=tuple(e for e in state.expand if e != node)))
    if kind == "undo":
        if not state.expand:
            raise PreventUpdate
        return _data(state.with_(expand=state.expand[:-1]))
    if kind == "reset":
        return _data(state.with_(expand=(), drop=(), selected=None, path=()))
    raise PreventUpdate


# -- drawing ---------------------------------------------------------------------------------

def _graph_key(state: ExplorerState) -> str:
    relevant = dataclasses.replace(state, selected=None, hide=(), layout="")
    return json.dumps(_data(relevant), sort_keys=True)



def _explore_key(state: ExplorerState) -> str:
    return json.dumps([state.expand, state.drop, state.path])


@callback(Output("ex-graph", "elements"), Output("ex-graph", "layout"),
          Output("ex-graph", "stylesheet"), Output("ex-legend", "children"),
          Output("ex-counter", "children"), Output("ex-notice", "children"),
          Output("ex-map", "figure"), Output("ex-map", "style"), Output("ex-graph", "style"),
          Output("ex-layout", "options"), Output("ex-shown", "data"),
          Output("ex-focus", "data"), Output("ex-url", "data"), Output("ex-render-key", "data"),
          Output("ex-canvas-message", "children"),
          Input("ex-state", "data"), Input("ex-db", "data"),
          State("ex-positions", "data"), State("ex-render-key", "data"))
def render(data: dict | None, db_status: str, positions: dict | None, previous: dict | None):
    """Draws the state: elements only when the graph changed, preset positions after an
    expansion, hiding by stylesheet, the legend, the counter, notices, the map and the URL."""
    if db_status != "up":
        message = ("Waiting for Neo4j…" if db_status == "unknown" else
                   "The graph will load when Neo4j answers again.")
        return (*([no_update] * 14), html.P(message, className="ag-muted"))
    state = _state(data)
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
    if layout_name == "hierarchical" and node_count > ev.HIERARCHICAL_MAX_NODES:
        notices.append(f"Hierarchical layout is offered up to {ev.HIERARCHICAL_MAX_NODES} "
                       f"nodes; this view has {node_count}, so it is drawn with force.")
    if base != previous.get("base") or layout_name != previous.get("layout"):
        elements = to_elements(graph)
        cy_layout = ev.layout_options("force" if layout_name == "map" else layout_name,
                                      node_count, run)
    elif explore != previous.get("explore"):
        if positions:  # an expansion, hide or undo: everything stays where it was
            elements = to_elements(graph, positions=positions)
            cy_layout = ev.preset_layout(run)
        else:
            elements = to_elements(graph)
            cy_layout = ev.layout_options("force" if layout_name == "map" else layout_name,
                                          node_count, run)
    else:  # selection or hidden kinds only: the stylesheet and the focus do it
        elements, cy_layout = no_update, no_update
        run = int(previous.get("run", 0))
    key = {"base": base, "explore": explore, "layout": layout_name, "run": run}
    counts = visible_counts(graph, state.hide)
    counter = (f"{counts['actor']} actors · {counts['event']} events · {counts['place']} "
               f"places · {counts['asset']} assets · {counts['edges']} edges shown")
    is_map = layout_name == "map"
    visible_events = {n.id for n in graph.nodes if n.group == "event"} \
        if state.view != "alliances" else None
    figure = event_map(loaded.fragment, visible_events) if is_map else no_update
    layout_opts = [{"label": label, "value": k,
                    "disabled": k == "hierarchical" and node_count > ev.HIERARCHICAL_MAX_NODES}
                   for k, label in LAYOUT_LABELS.items()]
    shown = [n.id for n in graph.nodes]
    focus = {"id": state.selected, "run": run} if state.selected else None
    return (elements, cy_layout, stylesheet(state.hide), _legend(graph, state),
            html.Span(counter, id="ex-counter-text"),
            [html.Div(n, className="ag-notice") for n in notices],
            figure, {"display": "block" if is_map else "none", "height": "100%"},
            {"width": "100%", "height": "100%", "display": "none" if is_map else "block"},
            layout_opts, shown, focus, to_query(state), key, None)


def _legend(graph, state: ExplorerState) -> list:
    counts = kind_counts(graph)
    items: list = []
    if graph.blocs is not None:
        degree = graph.degree()
        bloc_items = []
        for bloc in (0, 1):
            members = graph.blocs.members(bloc)
            if not members:
                continue
            names = {n.id: n.label for n in graph.nodes}
            ranked = sorted(members, key=lambda m: (-degree.get(m, 0), m))
            shown_names = ", ".join(names.get(m, m) for m in ranked[:3])
            more = f" +{len(members) - 3}" if len(members) > 3 else ""
            bloc_items.append(html.Div([
                html.Span(className="ag-swatch",
                          style={"background": BLOC_COLORS[bloc]}),
                html.Span(f"Bloc {'AB'[bloc]}: {shown_names}{more} ({len(members)})"),
            ], className="ag-legend-bloc"))
        unaligned = [a for a, b in graph.blocs.assignment.items() if b is None]
        if unaligned:
            bloc_items.append(html.Div([
                html.Span(className="ag-swatch", style={"background": UNALIGNED_COLOR}),
                html.Span(f"No signed tie ({len(unaligned)})")], className="ag-legend-bloc"))
        items.append(html.Div(bloc_items, className="ag-legend-group"))
    node_entries = [look for look in LEGEND_NODE_KINDS if counts.get(look.key)]
    edge_entries = [look for look in EDGE_LOOKS if counts.get(look.key)]
    for look in node_entries:
        items.append(html.Button([
            html.Span(className=f"ag-swatch ag-shape-{look.shape}",
                      style={"background": look.color}),
            html.Span(look.label, className="ag-legend-label"),
            html.Span(str(counts[look.key]), className="ag-legend-count"),
        ], id={"type": "ex-legend", "kind": look.key},
            className="ag-legend-item" + (" ag-off" if look.key in state.hide else ""),
            title="Click to hide or show"))
    for look in edge_entries:
        items.append(html.Button([
            html.Span(className=f"ag-line ag-line-{look.line}",
                      style={"borderColor": look.color}),
            html.Span(look.label, className="ag-legend-label"),
            html.Span(str(counts[look.key]), className="ag-legend-count"),
        ], id={"type": "ex-legend", "kind": look.key},
            className="ag-legend-item" + (" ag-off" if look.key in state.hide else ""),
            title="Click to hide or show"))
    items.append(html.Div([html.Span(className="ag-line ag-line-dashed"),
                           html.Span("dashed, faded: hedged (suspected, feared, possible, "
                                     "denied)")], className="ag-legend-note"))
    items.append(html.Div([html.Span(className="ag-swatch ag-swatch-halo"),
                           html.Span("yellow halo: contested (sources disagree)")],
                          className="ag-legend-note"))
    if any(n.gdelt for n in graph.nodes):
        items.append(html.Div([html.Span(className="ag-swatch ag-swatch-double"),
                               html.Span("double border: coded by GDELT (no quotes)")],
                              className="ag-legend-note"))
    return items


@callback(Output("ex-details", "children"), Input("ex-state", "data"),
          Input("ex-db", "data"))
def details(data: dict | None, db_status: str):
    state = _state(data)
    if db_status != "up" or not state.selected:
        return html.P("Click a node or an edge to see its evidence.", className="ag-muted")
    db = app_state.database()
    try:
        loaded = ev.load_view(db, state, ev.Limits.from_settings())
        article_ids = list(loaded.filters.article_ids) \
            if loaded.filters.article_ids is not None else None
        edge = next((e for e in loaded.graph.edges if e.id == state.selected), None)
        if edge is not None:
            return edge_panel(db, edge, loaded.graph, article_ids)
        return node_panel(db, state.selected, article_ids)
    except OUTAGE_ERRORS:
        return html.P("Neo4j is unreachable.", className="ag-muted")


@callback(Output("ex-suggestions", "children"), Input("ex-search", "value"),
          prevent_initial_call=True)
def suggestions(text: str | None):
    if not text or len(text.strip()) < 2:
        return []
    try:
        entries = ev.search_entries(app_state.database())
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
    state = _state(data)
    if len(state.path) == 2:
        return f"Shortest paths: {state.path[0]} → {state.path[1]} (purple)"
    if start:
        return f"Path from {start}: select another actor and press “Path to”."
    return ""


# -- in the browser --------------------------------------------------------------------------

# Expand / hide / undo / reset and double-click: read the node positions first, so that
# the server can keep every node where it is and place only the new ones.
clientside_callback(
    """
    function(nExpand, nHide, nUndo, nReset, tapNode, state) {
        const C = window.dash_clientside;
        const trig = C.callback_context.triggered.map(t => t.prop_id)[0] || "";
        const cy = window.cy;
        const positions = {};
        if (cy) { cy.nodes().forEach(n => { const p = n.position();
            positions[n.id()] = {x: p.x, y: p.y}; }); }
        // The node Cytoscape shows selected: the server's copy of the selection may still be
        // on its way when Expand follows a click quickly.
        const picked = cy ? cy.nodes(":selected") : null;
        const selected = picked && picked.length === 1 ? picked[0].id()
            : (state && state.selected);
        let action = null;
        if (trig.startsWith("ex-expand")) { action = {type: "expand", node: selected}; }
        else if (trig.startsWith("ex-hide-node")) { action = {type: "hide", node: selected}; }
        else if (trig.startsWith("ex-undo")) { action = {type: "undo"}; }
        else if (trig.startsWith("ex-reset")) { action = {type: "reset"}; }
        else if (trig.startsWith("ex-graph") && tapNode) {
            const last = window._agLastTap || {};
            const now = tapNode.timeStamp;
            window._agLastTap = {id: tapNode.data.id, t: now};
            if (last.id === tapNode.data.id && now - last.t < 450) {
                action = {type: "expand", node: tapNode.data.id};
            }
        }
        if (!action || (action.type === "expand" || action.type === "hide") && !action.node) {
            throw C.PreventUpdate;
        }
        action.ts = Date.now();
        return [action, action.type === "reset" ? null : positions];
    }
    """,
    Output("ex-action", "data"), Output("ex-positions", "data"),
    Input("ex-expand", "n_clicks"), Input("ex-hide-node", "n_clicks"),
    Input("ex-undo", "n_clicks"), Input("ex-reset", "n_clicks"),
    Input("ex-graph", "tapNode"), State("ex-state", "data"),
    prevent_initial_call=True,
)

# The URL follows the state without reloading the page (replaceState: no new history entry
# per click, and Dash's page router does not see it).
clientside_callback(
    """
    function(query) {
        if (query === undefined || query === null) { throw window.dash_clientside.PreventUpdate; }
        const url = window.location.pathname + (query ? "?" + query : "");
        if (url !== window.location.pathname + window.location.search) {
            window.history.replaceState(window.history.state, "", url);
        }
        return window.dash_clientside.no_update;
    }
    """,
    Output("ex-url-done", "data"), Input("ex-url", "data"),
)

# Select the selected element; centre it when it is outside the viewport. Bounded retries:
# the element may arrive with the same response that set the focus. New elements replace
# the drawn ones (and their selection), so the selection is applied again after each update.
clientside_callback(
    """
    function(focus, _elements) {
        if (!focus || !focus.id) { throw window.dash_clientside.PreventUpdate; }
        let tries = 0;
        const apply = () => {
            const cy = window.cy;
            const ele = cy ? cy.getElementById(focus.id) : null;
            if (!ele || ele.length === 0) {
                if (++tries < 50) { setTimeout(apply, 100); }
                return;
            }
            cy.elements(":selected").unselect();
            cy.elements(".focus").removeClass("focus");
            ele.addClass("focus");
            ele.select();
            const ext = cy.extent();
            const bb = ele.boundingBox();
            const inside = bb.x1 >= ext.x1 && bb.x2 <= ext.x2 && bb.y1 >= ext.y1 && bb.y2 <= ext.y2;
            if (!inside && ele.isNode()) {
                cy.animate({center: {eles: ele}, zoom: Math.max(cy.zoom(), 0.8)},
                           {duration: 250});
            }
        };
        setTimeout(apply, 50);
        return window.dash_clientside.no_update;
    }
    """,
    Output("ex-focus-done", "data"), Input("ex-focus", "data"), Input("ex-graph", "elements"),
)
