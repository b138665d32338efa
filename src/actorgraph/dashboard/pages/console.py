"""Console page: write a read-only Cypher query, run it, read the rows, see the graph.

The query runs through `actorgraph.graph.console.run.run_query` (the same guard as the CLI).
Editor: a plain `dcc.Textarea` in a monospace font. No maintained Dash component gives Cypher
highlighting (dash-ace and dash-editor-components were last released in 2019-2020,
dash-monaco-editor once in 2024 and Monaco has no Cypher grammar).
Ctrl+Enter (Cmd+Enter) runs the query: `assets/console.js`. The rows are shown as
`view/console_table.py` makes them, the graph as `view/console_graph.py` builds it, in the app's
stylesheet (`view/style.py`): the same elements the console's exports draw.

The URL carries the query (`?q=...&p=<JSON object of parameters>`) and a page opened from such
a link typed, bookmarked or followed inside the app runs it at once: every query passes the same
read-only checks, timeout and row cap, so a link can do no more than pressing Run, and a link
that shows its result is the point of sharing it (datasette does the same with `?sql=`). A page
another site opened (`web_guard.arrival`) only shows the query and waits for Run, so that no
site can make a visitor's browser run queries: the gate is `LINK_GATE` below.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import dash_cytoscape as cyto
from dash import (
    ALL,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    ctx,
    dash_table,
    dcc,
    html,
    no_update,
)

from actorgraph.dashboard import failures, state
from actorgraph.dashboard.components.export_panel import CONSOLE_EXPORT
from actorgraph.errors import ActorgraphError
from actorgraph.graph.console.lexer import parameter_names
from actorgraph.graph.console.limits import text_limits
from actorgraph.graph.console.params import json_text_depth, param_input_text, parse_param_value
from actorgraph.graph.console.result import ConsoleResult
from actorgraph.graph.console.run import run_query, warm_up
from actorgraph.graph.console.values import JSONValue
from actorgraph.view import fonts
from actorgraph.view.console_examples import EXAMPLES
from actorgraph.view.console_graph import elements_from_result
from actorgraph.view.console_table import table_data
from actorgraph.view.style import stylesheet

HISTORY_SIZE = 50
PARAM_TYPE = "console-param"

FOREIGN_LINK_NOTICE = "This link came from another site: read the query, then press Run."
MONOSPACE = fonts.MONO


# ---------------------------------------------------------------------------------------------
# Pure helpers (no Dash state): what the callbacks show
# ---------------------------------------------------------------------------------------------

def parse_url_params(raw: str | None) -> tuple[dict[str, JSONValue], str | None]:
    """The `p` query-string value as parameters, or an error message."""
    if not raw:
        return {}, None
    _, max_depth = text_limits()
    if json_text_depth(raw) > max_depth:
        return {}, (f"The link's p= value is nested more than {max_depth} levels deep "
                    "(ACTORGRAPH_QUERY_MAX_DEPTH); the parameters were left empty.")
    try:
        value = json.loads(raw)
    except RecursionError:
        return {}, ("The link's p= value is nested too deeply to read; the parameters were "
                    "left empty.")
    except ValueError:
        return {}, "The link's p= value is not valid JSON; the parameters were left empty."
    if not isinstance(value, dict):
        return {}, "The link's p= value must be a JSON object of parameters."
    return value, None


def collect_params(ids: list[dict[str, str]], values: list[str | None]) -> dict[str, JSONValue]:
    """Parameter inputs as values: JSON when the text parses, else the text; empty = unset."""
    params: dict[str, JSONValue] = {}
    for pid, raw in zip(ids, values, strict=True):
        if raw is None or raw.strip() == "":
            continue
        params[pid["name"]] = parse_param_value(raw.strip(), pid["name"])
    return params


def run_params(text: str, ids: list[dict[str, str]], values: list[str | None],
               defaults: dict[str, JSONValue] | None) -> dict[str, JSONValue]:
    """The parameters a run sends: the drawn inputs' values (`collect_params`), and for a
    `$name` of the query that has no input yet, the value the picked example, history entry
    or link gave it. The inputs are drawn by a round trip after the query is filled in; a Run
    clicked before they arrive must not run the example without its parameters."""
    params = collect_params(ids, values)
    drawn = {pid["name"] for pid in ids}
    picked = defaults or {}
    for name in parameter_names(text):
        if name not in drawn and name in picked:
            params[name] = picked[name]
    return params


def remember(history: list[dict[str, Any]] | None, text: str,
             params: dict[str, JSONValue]) -> list[dict[str, Any]]:
    """History with this query first; the same query and parameters appear once; 50 at most."""
    entry = {"q": text, "p": params, "at": datetime.now(UTC).isoformat(timespec="seconds")}
    kept = [h for h in (history or []) if (h.get("q"), h.get("p")) != (text, params)]
    return [entry, *kept][:HISTORY_SIZE]


def param_fields(names: list[str], values: dict[str, str]) -> list[html.Label]:
    """One labelled input per `$name` (the label wraps its input, so it names it)."""
    return [
        html.Label(className="ag-console-param", children=[
            html.Span(f"${name}", style={"fontFamily": MONOSPACE, "marginRight": "0.4em"}),
            dcc.Input(id={"type": PARAM_TYPE, "name": name}, value=values.get(name, ""),
                      type="text", debounce=False, placeholder="JSON or text",
                      style={"fontFamily": MONOSPACE, "width": "18em"}),
        ], style={"display": "inline-block", "marginRight": "1.2em"})
        for name in names
    ]


def error_banner(message: str) -> html.Div:
    """The page's one error shape."""
    return html.Div(message, id="console-error", role="alert",
                    className="ag-banner ag-banner-error",
                    style={"whiteSpace": "pre-wrap", "fontFamily": MONOSPACE,
                           "background": "#fde8e8", "border": "1px solid #d33",
                           "color": "#7a1212", "padding": "0.6em", "margin": "0.5em 0"})


def status_line(result: ConsoleResult) -> html.Div:
    count = result.row_count
    rows = f"{count} row{'' if count == 1 else 's'}"
    parts = [html.Span(rows, id="console-rowcount")]
    if result.truncated_by == "bytes":
        parts.append(html.Span(
            f" — truncated: the next row would pass the limit of {result.max_bytes:,} bytes "
            "(ACTORGRAPH_QUERY_MAX_BYTES)", id="console-truncated"))
    elif result.truncated:
        parts.append(html.Span(
            f" — truncated: the query returned more than the limit of {result.limit} rows",
            id="console-truncated"))
    if result.has_graph:
        parts.append(html.Span(
            f" · graph: {len(result.nodes)} nodes, {len(result.relationships)} relationships",
            id="console-graph-count"))
    parts.append(html.Span(f" · {result.elapsed_ms:.0f} ms"))
    if result.notifications:
        parts.append(html.Ul([html.Li(note) for note in result.notifications],
                             id="console-notes", style={"color": "#8a5a00", "margin": "0.3em 0"}))
    return html.Div(parts, id="console-status", className="ag-status")


# ---------------------------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------------------------

def layout(q: str | None = None, p: str | None = None, **_other: str) -> html.Div:
    """The page; `q` and `p` come from the URL (?q=...&p=...) and run at once when present,
    unless another site opened the page (`LINK_GATE`)."""
    text = q or ""
    url_params, url_problem = parse_url_params(p)
    names = parameter_names(text)
    initial_values = {name: param_input_text(url_params[name]) for name in names
                      if name in url_params}
    autorun = bool(text.strip()) and url_problem is None
    warm_up(state.database())  # so that the first timeout stops promptly (once per driver)
    return html.Div(className="ag-console", style={"padding": "0.5em 1em"}, children=[
        dcc.Store(id="console-history", storage_type="local"),
        dcc.Store(id="console-result"),
        dcc.Store(id="console-param-defaults", data=url_params),
        dcc.Store(id="console-link", data={"run": autorun}),
        dcc.Store(id="console-autorun"),
        dcc.Store(id="console-last-run"),
        dcc.Store(id="console-url-sync"),
        dcc.Download(id="console-download"),
        html.Div(style={"display": "flex", "gap": "1em", "marginBottom": "0.5em"}, children=[
            dcc.Dropdown(id="console-examples", placeholder="Example queries…",
                         options=[{"label": ex["label"], "value": str(i)}
                                  for i, ex in enumerate(EXAMPLES)],
                         clearable=True, searchable=False, style={"width": "26em"}),
            dcc.Dropdown(id="console-history-picker", placeholder="History (last 50)…",
                         options=[], clearable=True, searchable=True,
                         style={"width": "34em"}),
        ]),
        html.Div(id="console-editor-area", children=[
            dcc.Textarea(id="console-query", value=text, spellCheck=False, rows=9,
                         placeholder="MATCH (a:Actor)-[r]-(b:Actor) RETURN a, r, b LIMIT 25",
                         style={"width": "100%", "fontFamily": MONOSPACE, "fontSize": "14px",
                                "tabSize": 2}),
            html.Div(id="console-params", children=param_fields(names, initial_values),
                     style={"margin": "0.4em 0"}),
        ]),
        html.Div(style={"display": "flex", "gap": "0.6em", "alignItems": "center"}, children=[
            html.Button("Run", id="console-run", n_clicks=0, title="Run (Ctrl+Enter)"),
            html.Span("Ctrl+Enter runs the query · read-only", style={"color": "#666"}),
            html.Button("Download CSV", id="console-csv", n_clicks=0),
            html.Button("Download JSON", id="console-json", n_clicks=0),
        ]),
        html.Div(FOREIGN_LINK_NOTICE, id="console-link-notice", role="status", hidden=True,
                 className="ag-banner",
                 style={"background": "#fff6db", "border": "1px solid #d9a400",
                        "color": "#5c4300", "padding": "0.6em", "margin": "0.5em 0"}),
        html.Div(id="console-message",
                 children=error_banner(url_problem) if url_problem else None),
        dash_table.DataTable(id="console-table", columns=[], data=[], sort_action="native",
                             page_size=50, style_table={"overflowX": "auto"},
                             style_cell={"fontFamily": MONOSPACE, "fontSize": "13px",
                                         "textAlign": "left", "maxWidth": "40em",
                                         "whiteSpace": "normal"}),
        html.Div(id="console-graph-box", style={"display": "none"}, children=[
            CONSOLE_EXPORT.layout(),
            cyto.Cytoscape(id="console-graph", elements=[], layout={"name": "cose"}, maxZoom=1.5,
                           stylesheet=stylesheet(), className="ag-cytoscape",
                           style={"width": "100%", "height": "60vh",
                                  "border": "1px solid #ddd"}),
        ]),
    ])


# ---------------------------------------------------------------------------------------------
# Callbacks
# ---------------------------------------------------------------------------------------------

@callback(Output("console-query", "value"), Output("console-param-defaults", "data"),
          Input("console-examples", "value"), Input("console-history-picker", "value"),
          State("console-history", "data"), prevent_initial_call=True)
def load_query(example: str | None, picked: str | None, history: list[dict] | None):
    """An example or a history entry fills the editor and its parameters."""
    if ctx.triggered_id == "console-examples" and example is not None:
        chosen = EXAMPLES[int(example)]
        return chosen["query"], dict(chosen["params"])
    if ctx.triggered_id == "console-history-picker" and picked is not None and history:
        index = int(picked)
        if 0 <= index < len(history):
            return history[index]["q"], dict(history[index].get("p") or {})
    return no_update, no_update


@callback(Output("console-params", "children"),
          Input("console-query", "value"), Input("console-param-defaults", "data"),
          State({"type": PARAM_TYPE, "name": ALL}, "value"),
          State({"type": PARAM_TYPE, "name": ALL}, "id"), prevent_initial_call=True)
def update_params(text: str | None, defaults: dict | None, values: list, ids: list):
    """One input per `$name` in the query; typed values survive edits of the query."""
    names = parameter_names(text or "")
    current = {pid["name"]: value for pid, value in zip(ids, values, strict=True)}
    prefer_defaults = "console-param-defaults.data" in ctx.triggered_prop_ids
    if not prefer_defaults and names == list(current):
        return no_update
    defaults = defaults or {}
    filled: dict[str, str] = {}
    for name in names:
        if name in defaults and (prefer_defaults or name not in current):
            filled[name] = param_input_text(defaults[name])
        elif name in current:
            filled[name] = current[name] or ""
    return param_fields(names, filled)


@callback(Output("console-message", "children"),
          Output("console-table", "columns"), Output("console-table", "data"),
          Output("console-graph", "elements"), Output("console-graph-box", "style"),
          Output("console-result", "data"), Output("console-history", "data"),
          Output("console-last-run", "data"),
          Input("console-run", "n_clicks"), Input("console-autorun", "data"),
          State("console-query", "value"),
          State({"type": PARAM_TYPE, "name": ALL}, "value"),
          State({"type": PARAM_TYPE, "name": ALL}, "id"),
          State("console-history", "data"), State("console-param-defaults", "data"))
def run(_clicks: int, autorun: dict | None, text: str | None, values: list, ids: list,
        history: list[dict] | None, defaults: dict | None):
    """Run the query; show the rows, the graph, or the one error banner (whatever fails)."""
    if ctx.triggered_id != "console-run" and not (autorun or {}).get("run"):
        return (no_update,) * 8
    text = text or ""
    hidden = {"display": "none"}
    new_history = no_update
    try:
        params = run_params(text, ids, values, defaults)
        if text.strip():
            new_history = remember(history, text, params)
        result = run_query(state.database(), text, params)
    except ActorgraphError as e:
        return error_banner(str(e)), [], [], [], hidden, None, new_history, no_update
    except Exception as e:  # the page shows every failure in the same banner
        failures.log.error("a console query failed", exc_info=e)
        return (error_banner(failures.message(e)), [], [], [], hidden, None, new_history,
                no_update)
    columns, rows = table_data(result)
    graph_style = {"display": "block"} if result.has_graph else hidden
    return (status_line(result), columns, rows, elements_from_result(result), graph_style,
            result.to_dict(), new_history, {"q": text, "p": params})


@callback(Output("console-history-picker", "options"),
          Input("console-history", "modified_timestamp"), State("console-history", "data"))
def history_options(_ts: int | None, history: list[dict] | None):
    options = []
    for i, entry in enumerate(history or []):
        one_line = " ".join(str(entry.get("q", "")).split())
        label = one_line if len(one_line) <= 90 else one_line[:89] + "…"
        options.append({"label": label, "value": str(i)})
    return options


@callback(Output("console-download", "data"),
          Input("console-csv", "n_clicks"), Input("console-json", "n_clicks"),
          State("console-result", "data"), prevent_initial_call=True)
def download(_csv: int, _json: int, data: dict | None):
    """The rows of the last successful run, as CSV or JSON."""
    if not data:
        return no_update
    result = ConsoleResult.from_dict(data)
    if ctx.triggered_id == "console-json":
        return dcc.send_string(result.to_json(), "actorgraph-query.json", type="application/json")
    return dcc.send_string(result.to_csv(), "actorgraph-query.csv", type="text/csv")


# The URL follows the last run (?q=...&p=...) without reloading the page: replaceState does not
# notify Dash's router, so the page keeps its state and the link reproduces the result.
clientside_callback(
    """
    function (lastRun) {
        if (!lastRun || !lastRun.q) { return window.dash_clientside.no_update; }
        var search = new URLSearchParams();
        search.set("q", lastRun.q);
        if (lastRun.p && Object.keys(lastRun.p).length > 0) {
            search.set("p", JSON.stringify(lastRun.p));
        }
        window.history.replaceState(window.history.state, "",
                                    window.location.pathname + "?" + search.toString());
        return search.toString();
    }
    """,
    Output("console-url-sync", "data"),
    Input("console-last-run", "data"),
    prevent_initial_call=True,
)


# The gate between a link's query and running it. The server tells the page how the browser
# arrived (`<meta name="actorgraph-arrival">`, from Sec-Fetch-Site/Referer of the page request):
# a page typed, bookmarked or opened from this dashboard runs the link's query at once; a page
# another site opened fills the editor, shows the notice and waits for Run. Once Run was pressed
# in this page, later links inside the app (back, forward) run again.
LINK_GATE = """
function (link) {
    var noUpdate = window.dash_clientside.no_update;
    if (!link || !link.run) { return [noUpdate, noUpdate]; }
    var meta = document.querySelector('meta[name="actorgraph-arrival"]');
    var trusted = (meta && meta.content === "trusted") || window.actorgraphRunPressed === true;
    if (!trusted) { return [{"run": false}, false]; }
    return [{"run": true}, true];
}
"""
clientside_callback(
    LINK_GATE,
    Output("console-autorun", "data"),
    Output("console-link-notice", "hidden"),
    Input("console-link", "data"),
)

clientside_callback(
    """
    function (clicks) {
        if (clicks > 0) { window.actorgraphRunPressed = true; return true; }
        return window.dash_clientside.no_update;
    }
    """,
    Output("console-link-notice", "hidden", allow_duplicate=True),
    Input("console-run", "n_clicks"),
    prevent_initial_call=True,
)
