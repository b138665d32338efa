"""Explorer page: the alliance and event network, its legend, filters, search and details.

This module is the page's layout and the callbacks that run in the browser; the server's
callbacks are in `pages/explorer_callbacks.py` (importing this module registers them).
One store (`ex-state`) holds the shareable state (`view/explorer_state.py`); every control
writes into it (`update_state`), one callback draws it (`render`), and the URL follows it.
The graph itself comes from `view/explorer.py` (queries, expansions, caps) and
`view/elements.py` (records -> view); the looks from `view/style.py`.
"""

from __future__ import annotations

import dash_cytoscape as cyto
from dash import Input, Output, State, clientside_callback, dcc, html

from actorgraph.dashboard.components.export_panel import EXPLORER_EXPORT
from actorgraph.dashboard.pages.explorer_callbacks import HEALTH_INTERVAL_MS, first_page
from actorgraph.records import HEDGED_MODALITIES, MODALITIES
from actorgraph.view.elements import VIEW_LABELS, VIEWS
from actorgraph.view.explorer_state import from_params
from actorgraph.view.layout import LAYOUT_LABELS
from actorgraph.view.style import stylesheet

# -- layout ---------------------------------------------------------------------------------

DROPDOWN_LABELS = {"select_all": "Select All", "deselect_all": "Deselect All",
                   "selected_count": "{num_selected} selected", "search": "Search",
                   "clear_search": "Clear search", "clear_selection": "Clear selection",
                   "no_options_found": "No options found"}
"""dcc.Dropdown's own texts (Dash 4), given whole: `labels` replaces them as one."""


def search_labels(search: str) -> dict[str, str]:
    """The dropdown's texts with `search` as the search box's placeholder."""
    return DROPDOWN_LABELS | {"search": search}


def layout(**query: str) -> html.Div:
    """The page for a URL: its query string restores the view (see view/explorer_state.py).
    It carries the first drawing and the filters' options (`first_page`), so that the first
    view needs no round trip of its own."""
    state = from_params(query)
    first = first_page(state)

    def initial(component_id: str, prop: str, default: object = None) -> object:
        return first.get((component_id, prop), default)

    modal_value = list(state.modalities) if state.modalities is not None else list(MODALITIES)
    return html.Div(className="ag-explorer", children=[
        dcc.Store(id="ex-state", data=state.to_dict()),
        dcc.Store(id="ex-action"), dcc.Store(id="ex-positions"),
        dcc.Store(id="ex-shown", data=initial("ex-shown", "data")),
        dcc.Store(id="ex-focus", data=initial("ex-focus", "data")),
        dcc.Store(id="ex-url", data=initial("ex-url", "data")),
        dcc.Store(id="ex-render-key", data=initial("ex-render-key", "data")),
        dcc.Store(id="ex-path-start"), dcc.Store(id="ex-db", data=initial("ex-db", "data")),
        dcc.Store(id="ex-url-done"), dcc.Store(id="ex-focus-done"),
        dcc.Interval(id="ex-health", interval=HEALTH_INTERVAL_MS),
        html.Div(id="ex-banner", children=initial("ex-banner", "children")),
        html.Div(className="ag-toolbar", children=[
            dcc.RadioItems(id="ex-view", value=state.view, inline=True, className="ag-views",
                           options=[{"label": VIEW_LABELS[v], "value": v} for v in VIEWS]),
            dcc.RadioItems(id="ex-layout", value=state.layout, inline=True,
                           className="ag-layouts",
                           options=initial("ex-layout", "options", [
                               {"label": v, "value": k} for k, v in LAYOUT_LABELS.items()])),
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
            html.Span(id="ex-counter", className="ag-counter",
                      children=initial("ex-counter", "children")),
            html.Span(id="ex-path-info", className="ag-path-info"),
            html.Span(id="db-status", className="ag-db-status",
                      children=initial("db-status", "children")),
        ]),
        html.Div(id="ex-notice", className="ag-notices", children=initial("ex-notice", "children")),
        html.Div(className="ag-main", children=[
            html.Aside(className="ag-filters", children=[
                html.H4("Modality"),
                dcc.Checklist(id="ex-modalities", value=modal_value, className="ag-checklist",
                              options=[{"label": m + (" (hedged)" if m in HEDGED_MODALITIES
                                                      else ""), "value": m}
                                       for m in MODALITIES]),
                html.H4("Event date"),
                dcc.RangeSlider(id="ex-event-dates", min=initial("ex-event-dates", "min", 0),
                                max=initial("ex-event-dates", "max", 1), step=1,
                                value=initial("ex-event-dates", "value"), allowCross=False,
                                marks=initial("ex-event-dates", "marks"),
                                tooltip={"placement": "bottom"}),
                html.Div(id="ex-event-dates-text", className="ag-range-text"),
                html.H4("Published"),
                dcc.RangeSlider(id="ex-pub-dates", min=initial("ex-pub-dates", "min", 0),
                                max=initial("ex-pub-dates", "max", 1), step=1,
                                value=initial("ex-pub-dates", "value"), allowCross=False,
                                marks=initial("ex-pub-dates", "marks")),
                html.Div(id="ex-pub-dates-text", className="ag-range-text"),
                html.H4("Source type"),
                dcc.RadioItems(id="ex-source-kind", className="ag-checklist ag-one-column",
                               value=state.source_kind or "both",
                               options=[{"label": "both", "value": "both"},
                                        {"label": "annotated articles", "value": "article"},
                                        {"label": "GDELT documents", "value": "gdelt"}]),
                html.H4("Articles"),
                # Type-to-search: the server sends the newest or the matching choices, at
                # most ACTORGRAPH_FILTER_OPTIONS of them (explorer_callbacks.article_options).
                dcc.Dropdown(id="ex-articles", multi=True, value=list(state.articles or []),
                             options=initial("ex-articles", "options", []),
                             placeholder="All articles",
                             labels=search_labels("Type a title, outlet or id")),
                html.H4("Outlets"),
                dcc.Dropdown(id="ex-outlets", multi=True, value=list(state.outlets or []),
                             options=initial("ex-outlets", "options", []),
                             placeholder="All outlets", labels=search_labels("Type an outlet")),
                html.H4("Attributed to"),
                dcc.Dropdown(id="ex-sources", multi=True, value=list(state.sources or []),
                             options=initial("ex-sources", "options", []),
                             placeholder="Any source"),
                html.H4("Supporting articles at least"),
                dcc.Input(id="ex-min-support", type="number", min=1, step=1,
                          value=state.min_support, debounce=True),
                dcc.Checklist(id="ex-contested", className="ag-checklist",
                              value=["contested"] if state.contested else [],
                              options=[{"label": "contested only (sources disagree)",
                                        "value": "contested"}]),
                html.H4("Legend"),
                html.Div(id="ex-legend", className="ag-legend",
                         children=initial("ex-legend", "children")),
            ]),
            html.Div(className="ag-canvas", children=[
                html.Div(id="ex-canvas-message", className="ag-canvas-message",
                         children=initial("ex-canvas-message", "children")),
                cyto.Cytoscape(id="ex-graph", elements=initial("ex-graph", "elements", []),
                               layout=initial("ex-graph", "layout", {"name": "preset"}),
                               stylesheet=stylesheet(state.hide), autoRefreshLayout=False,
                               responsive=True,
                               minZoom=0.05, maxZoom=4, wheelSensitivity=0.3,
                               className="ag-cytoscape",
                               style=initial("ex-graph", "style",
                                             {"width": "100%", "height": "100%"})),
                # The map's plotly figure goes in here only when the map layout is chosen.
                html.Div(id="ex-map-box", children=initial("ex-map-box", "children", []),
                         style=initial("ex-map-box", "style", {"display": "none"})),
            ]),
            html.Aside(id="ex-details", className="ag-details",
                       children=[html.P("Click a node or an edge to see its evidence.",
                                        className="ag-muted")]),
        ]),
    ])


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
