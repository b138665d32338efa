"""Export controls for a page's graph: images (PNG, JPG, SVG) and data (GraphML, JSON, CSV).

A page includes `EXPLORER_EXPORT.layout()` or `CONSOLE_EXPORT.layout()`; the callbacks are
registered here, once. One export is three steps:

1. in the browser, the graph is measured (the whole graph's bounding box, or the visible
   part's size) - only the browser knows it;
2. on the server, the scale is capped to the canvas limit (`export/limits.py`, the same code
   as the CLI), the file is named after the view and the date, and either
   - a plain image goes to dash-cytoscape's `generateImage` (download action), or
   - a publication image (title, legend, sources) becomes a job for `assets/export.js`, which
     frames it exactly like the CLI's headless page does, or
   - a data file is built from the view's facts and sent through `dcc.Download`;
3. in the browser, a publication image is drawn and downloaded.

A capped export says so next to the button and offers JPG. While the explorer shows its Map
layout, an image export is the map: plotly draws it again (base layers included) and the
browser downloads it in step 1; data exports are the view's facts as always.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from dash import Input, Output, State, callback, clientside_callback, dcc, html, no_update

from actorgraph.dashboard import state as app_state
from actorgraph.errors import ActorgraphError
from actorgraph.export.data import cyjson, graphml, neo4j_csv
from actorgraph.export.data.elements_io import is_edge
from actorgraph.export.formats import FORMATS, IMAGE_FORMATS, export_filename, export_stem
from actorgraph.export.image.images import plan_image
from actorgraph.export.image.limits import CanvasLimit
from actorgraph.export.image.publication import make_publication
from actorgraph.export.subgraph import (
    Subgraph,
    enrich,
    from_view_graph,
    query_subgraph,
    without_hidden,
)
from actorgraph.graph.console.result import ConsoleResult
from actorgraph.view import explorer as ev
from actorgraph.view.explorer_state import ExplorerState

FORMAT_LABELS = {"png": "PNG", "jpg": "JPG", "svg": "SVG", "graphml": "GraphML",
                 "json": "JSON (Cytoscape)", "csv": "CSV (neo4j-admin)"}
SCALES = (1, 2, 3, 4)


def explorer_subgraph(state_data: Mapping[str, Any] | None) -> Subgraph:
    """The explorer's current view (filters, expansions, path), as its callbacks load it."""
    state = ExplorerState.from_dict(state_data)
    loaded = ev.load_view(app_state.database(), state, ev.Limits.from_settings())
    sub = from_view_graph(state.view, loaded.graph)
    sub.elements = without_hidden(sub.elements, state.hide)
    return sub


def console_subgraph(result_data: Mapping[str, Any] | None) -> Subgraph:
    """The graph of the console's last result."""
    if not result_data:
        raise ActorgraphError("Run a query first: there is no result to export.")
    return query_subgraph(app_state.database(), "", result=ConsoleResult.from_dict(result_data))


class ExportControls:
    """The controls and callbacks for one page's graph (ids start with `prefix`)."""

    def __init__(self, prefix: str, graph_id: str, source: State,
                 subgraph: Callable[[Any], Subgraph], map_id: str = "") -> None:
        self.prefix = prefix
        self.graph_id = graph_id
        self.map_id = map_id  # a plotly map that, while shown, is what an image exports
        self.source = source
        self.subgraph = subgraph
        self._register()

    def id(self, name: str) -> str:
        return f"{self.prefix}-{name}"

    def layout(self) -> html.Details:
        i = self.id
        return html.Details(id=i("panel"), className="ag-export", children=[
            html.Summary("Export", className="ag-export-summary"),
            html.Div(className="ag-export-body", children=[
                html.Label("Format", htmlFor=i("format")),
                dcc.RadioItems(id=i("format"), value="png", inline=True,
                               options=[{"label": FORMAT_LABELS[f], "value": f}
                                        for f in FORMATS]),
                html.Label("Area", htmlFor=i("area")),
                dcc.RadioItems(id=i("area"), value="full", inline=True,
                               options=[{"label": "Whole graph", "value": "full"},
                                        {"label": "Visible part", "value": "visible"}]),
                html.Label("Scale", htmlFor=i("scale")),
                dcc.RadioItems(id=i("scale"), value=1, inline=True,
                               options=[{"label": f"{s}x", "value": s} for s in SCALES]),
                html.Label("Background", htmlFor=i("background")),
                dcc.RadioItems(id=i("background"), value="white", inline=True,
                               options=[{"label": "White", "value": "white"},
                                        {"label": "Transparent", "value": "transparent"}]),
                html.Label("Title", htmlFor=i("title")),
                dcc.Input(id=i("title"), type="text", value="", debounce=False,
                          placeholder="Optional: a title above the graph"),
                dcc.Checklist(id=i("extras"), value=[], inline=True, className="ag-export-wide",
                              options=[
                    {"label": "Legend", "value": "legend"},
                    {"label": "Sources (articles, outlets, dates)", "value": "sources"}]),
                html.Div(className="ag-export-actions", children=[
                    html.Button("Export", id=i("go"), n_clicks=0),
                    html.Button("Export as JPG", id=i("as-jpg"), n_clicks=0,
                                style={"display": "none"}),
                ]),
                html.Div(id=i("notice"), className="ag-export-notice", role="status"),
                dcc.Download(id=i("download")),
                dcc.Store(id=i("request")), dcc.Store(id=i("job")), dcc.Store(id=i("done")),
            ]),
        ])

    # -- callbacks ------------------------------------------------------------------------

    def _register(self) -> None:
        i = self.id
        graph = self.graph_id
        clientside_callback(
            MEASURE_JS.replace("__GRAPH__", graph).replace("__ASJPG__", i("as-jpg"))
            .replace("__MAP__", self.map_id),
            Output(i("request"), "data"), Output(i("format"), "value"),
            Input(i("go"), "n_clicks"), Input(i("as-jpg"), "n_clicks"),
            State(i("format"), "value"), State(i("area"), "value"), State(i("scale"), "value"),
            State(i("background"), "value"), State(i("title"), "value"),
            State(i("extras"), "value"), prevent_initial_call=True,
        )
        callback(
            Output(graph, "generateImage"), Output(i("job"), "data"),
            Output(i("download"), "data"), Output(i("notice"), "children"),
            Output(i("as-jpg"), "style"),
            Input(i("request"), "data"), self.source, State(graph, "stylesheet"),
            prevent_initial_call=True,
        )(self.prepare)
        clientside_callback(
            COMPOSE_JS.replace("__GRAPH__", graph),
            Output(i("done"), "data"), Input(i("job"), "data"), prevent_initial_call=True,
        )

    def prepare(self, request: dict | None, source: Any, stylesheet: list | None):
        """Step 2 (see the module docstring); every failure becomes the notice."""
        hidden = {"display": "none"}
        if not request:
            return no_update, no_update, no_update, no_update, hidden
        if request.get("error"):
            return no_update, no_update, no_update, _notice(request["error"], True), hidden
        if request.get("map"):  # the browser saved the map itself (plotly's image)
            return no_update, no_update, no_update, _notice(_map_notice(request), False), hidden
        fmt = str(request.get("format"))
        try:
            sub = self.subgraph(source)
            if fmt in IMAGE_FORMATS:
                return self._image(request, fmt, sub, stylesheet or [])
            return (no_update, no_update, *self._data(request, fmt, sub), hidden)
        except ActorgraphError as e:
            return no_update, no_update, no_update, _notice(str(e), True), hidden

    def _image(self, request: dict, fmt: str, sub: Subgraph, stylesheet: list):
        area = "visible" if request.get("area") == "visible" else "full"
        scale = float(request.get("scale") or 1)
        background = "transparent" if request.get("background") == "transparent" else "white"
        # What is drawn, with its classes, as the browser has it (dash-cytoscape's `elements`
        # prop comes back without classes once the graph has been laid out).
        shown = request.get("drawn") or []
        publication = None
        if request.get("title") or request.get("legend") or request.get("sources"):
            db = app_state.database()
            facts = enrich(db, sub) if request.get("sources") else []
            if area == "visible" and request.get("visible") is not None:
                keep = set(request["visible"])
                facts = [e for e in facts if e["data"]["id"] in keep]
            publication = make_publication(db, facts, stylesheet, title=request.get("title"),
                                           legend=bool(request.get("legend")),
                                           sources=bool(request.get("sources")), drawn=shown)
        job, choice = plan_image(fmt, (int(request["w"]), int(request["h"])), scale,
                                 background, publication, CanvasLimit.from_settings(), area)
        stem = export_stem(sub.name)
        filename = stem + FORMATS[fmt].suffix
        lines = [f"{filename}: {choice.width:,} x {choice.height:,} px at {choice.scale:g}x"]
        if fmt == "jpg" and background == "transparent":
            lines.append("JPG has no transparency: the background is white.")
        if choice.notice:
            lines.append(choice.notice)
        show_jpg = {"display": "inline-block"} if choice.capped and fmt == "png" \
            else {"display": "none"}
        notice = _notice(" ".join(lines), choice.capped)
        if job["frame"] is not None:
            job |= {"filename": filename, "mime": FORMATS[fmt].mime}
            return no_update, job, no_update, notice, show_jpg
        options: dict[str, Any] = {"full": area == "full", "scale": choice.scale,
                                   "maxWidth": job["graphPx"][0], "maxHeight": job["graphPx"][1]}
        if job["bg"]:
            options["bg"] = job["bg"]
        if fmt == "jpg":
            options["quality"] = job["quality"]
        generate = {"type": fmt, "action": "download", "filename": stem, "options": options}
        return generate, no_update, no_update, notice, show_jpg

    def _data(self, request: dict, fmt: str, sub: Subgraph) -> tuple[Any, Any]:
        elements = enrich(app_state.database(), sub)
        positions = request.get("positions") or {}
        for element in elements:
            pos = positions.get(str(element["data"].get("id")))
            if pos and not is_edge(element):
                element["position"] = {"x": round(float(pos["x"]), 1),
                                       "y": round(float(pos["y"]), 1)}
        nodes = sum(1 for e in elements if not is_edge(e))
        counts = f"{nodes:,} nodes, {len(elements) - nodes:,} edges"
        stem = export_stem(sub.name, date.today())
        if fmt == "json":
            name = export_filename(sub.name, ".json")
            return (dcc.send_string(cyjson.dumps(elements, name=sub.name), name,
                                    type="application/json"),
                    _notice(f"{name}: Cytoscape.js JSON, {counts}", False))
        if fmt == "graphml":
            name = export_filename(sub.name, ".graphml")
            return (dcc.send_bytes(graphml.to_graphml(elements, name=sub.name), name,
                                   type="application/graphml+xml"),
                    _notice(f"{name}: GraphML, {counts}", False))
        pair = neo4j_csv.to_neo4j_csv(elements)
        name = stem + ".zip"
        nodes_name, rels_name = neo4j_csv.pair_names(stem)
        return (dcc.send_bytes(neo4j_csv.to_zip(pair, stem), name, type="application/zip"),
                _notice(f"{name}: {nodes_name} and {rels_name} for neo4j-admin database "
                        f"import ({counts})", False))


def _map_notice(request: dict) -> str:
    shown = request["map"]
    text = (f"{shown['filename']}: the map as shown, {int(shown['w']):,} x {int(shown['h']):,} "
            f"px at {float(request.get('scale') or 1):g}x")
    if request.get("title") or request.get("legend") or request.get("sources"):
        text += " (title, legend and sources are drawn on graph images only)"
    return text + "."


def _notice(text: str, warn: bool) -> html.Div:
    return html.Div(text, className="ag-export-message" + (" ag-export-warn" if warn else ""))


# Step 1: measure in the browser. The "Export as JPG" button re-runs the export as JPG.
MEASURE_JS = """
function (go, asJpg, fmt, area, scale, background, title, extras) {
    const C = window.dash_clientside;
    const trig = (C.callback_context.triggered[0] || {}).prop_id || "";
    const switched = trig.indexOf("__ASJPG__") === 0;
    if (switched) { fmt = "jpg"; }
    extras = extras || [];
    const req = {format: fmt, area: area, scale: Number(scale || 1), background: background,
                 title: title || "", legend: extras.indexOf("legend") >= 0,
                 sources: extras.indexOf("sources") >= 0, ts: Date.now()};
    const shownMap = "__MAP__" && document.getElementById("__MAP__");
    if (shownMap && shownMap.style.display !== "none"
            && ["png", "jpg", "svg"].indexOf(fmt) >= 0) {
        // The map layout: plotly draws the figure again, base layers included (the topojson
        // is loaded already), and downloads it.
        const gd = shownMap.querySelector(".js-plotly-plot");
        if (!gd || !gd._fullLayout || !(gd.data || []).length) {
            req.error = "The map is empty: there is nothing to export yet.";
            return [req, switched ? fmt : C.no_update];
        }
        const w = gd._fullLayout.width, h = gd._fullLayout.height;
        const opts = {format: fmt === "jpg" ? "jpeg" : fmt, width: w, height: h,
                      scale: req.scale, filename: "actorgraph-map"};
        if (background === "transparent" && fmt !== "jpg") { opts.setBackground = "transparent"; }
        window.Plotly.downloadImage(gd, opts);
        req.map = {filename: "actorgraph-map." + opts.format, w: Math.round(w * req.scale),
                   h: Math.round(h * req.scale)};
        return [req, switched ? fmt : C.no_update];
    }
    const ex = window.actorgraphExport;
    const cy = ex.findCy("__GRAPH__");
    if (!cy || cy.nodes().length === 0) {
        req.error = "The graph is empty: there is nothing to export yet.";
        return [req, switched ? fmt : C.no_update];
    }
    if (["png", "jpg", "svg"].indexOf(fmt) >= 0) {
        const size = ex.measure(cy, area);
        req.w = size.w; req.h = size.h;
        if (area === "visible") { req.visible = ex.visibleIds(cy); }
        if (req.legend) { req.drawn = ex.drawnClasses(cy, req.visible); }
    } else {
        const positions = {};
        cy.nodes().forEach(function (n) { positions[n.id()] = n.position(); });
        req.positions = positions;
    }
    return [req, switched ? fmt : C.no_update];
}
"""

# Step 3: a publication image, framed and downloaded in the browser.
COMPOSE_JS = """
function (job) {
    const C = window.dash_clientside;
    if (!job) { throw C.PreventUpdate; }
    const ex = window.actorgraphExport;
    const cy = ex.findCy("__GRAPH__");
    if (!cy) { throw C.PreventUpdate; }
    return ex.render(cy, job).then(function (data) {
        const size = ex.download(job.filename, data, job.mime);
        return {filename: job.filename, bytes: size, ts: Date.now()};
    });
}
"""

EXPLORER_EXPORT = ExportControls("ex-export", "ex-graph", State("ex-state", "data"),
                                 explorer_subgraph, map_id="ex-map-box")
CONSOLE_EXPORT = ExportControls("console-export", "console-graph",
                                State("console-result", "data"), console_subgraph)
