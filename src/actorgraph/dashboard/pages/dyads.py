"""Dyads page: pick two actors, see their cooperation/conflict balance per month.

The figure is built by `dyad_figure` (a pure function, unit-tested); the callbacks only read
the database through `graph.dyads` and hand the rows over.
"""

from __future__ import annotations

import plotly.graph_objects as go
from dash import Input, Output, callback, dcc, html

from actorgraph.dashboard import state
from actorgraph.graph.read.dyads import DyadMonth, dyad_actors, dyad_months, top_dyads
from actorgraph.view import fonts

WEIGHTS = {"events": "Each event once", "sources": "Weighted by supporting articles"}
COOPERATION_COLOUR = "#2e7d32"
CONFLICT_COLOUR = "#c62828"
BALANCE_COLOUR = "#263238"


def layout(**_query: str) -> html.Div:
    return html.Div(className="ag-dyads", children=[
        html.H2("Dyads: cooperation and conflict over time"),
        html.P("Goldstein scores of the events two actors share, summed per month "
               "(cooperative > 0, hostile < 0). Each event counts once however many "
               "articles report it."),
        html.Div(className="ag-dyad-controls", children=[
            dcc.Dropdown(id="dyad-actor-a", placeholder="First actor", clearable=False),
            dcc.Dropdown(id="dyad-actor-b", placeholder="Second actor", clearable=False),
            dcc.RadioItems(id="dyad-weight", value="events",
                           options=[{"label": v, "value": k} for k, v in WEIGHTS.items()]),
            dcc.Checklist(id="dyad-hedged", value=[],
                          options=[{"label": "Include hedged events (suspected, feared, "
                                             "possible, denied)", "value": "hedged"}]),
        ]),
        html.Div(id="dyad-summary", className="ag-status"),
        dcc.Graph(id="dyad-figure", figure=dyad_figure([], "", "", "events")),
        html.H3("Most active dyads"),
        html.Div(id="dyad-top"),
    ])


def dyad_figure(months: list[DyadMonth], a_name: str, b_name: str, weight: str) -> go.Figure:
    """Bars for the cooperative and the hostile share of each month, a line for the balance."""
    x = [m.month for m in months]
    parts = [m.parts(weight) for m in months]
    figure = go.Figure()
    figure.add_bar(name="Cooperation", x=x, y=[p[0] for p in parts],
                   marker_color=COOPERATION_COLOUR)
    figure.add_bar(name="Conflict", x=x, y=[p[1] for p in parts], marker_color=CONFLICT_COLOUR)
    figure.add_scatter(name="Balance", x=x, y=[p[2] for p in parts], mode="lines+markers",
                       line_color=BALANCE_COLOUR,
                       customdata=[[m.events, m.contested] for m in months],
                       hovertemplate="%{x}: %{y:.1f} (%{customdata[0]} events, "
                                     "%{customdata[1]} contested)<extra></extra>")
    title = f"{a_name} – {b_name}" if a_name and b_name else "Pick two actors"
    figure.update_layout(
        title=title, barmode="relative", xaxis_title="Month", xaxis_type="category",
        yaxis_title="Goldstein sum" + (" × articles" if weight == "sources" else ""),
        legend_orientation="h", margin={"l": 60, "r": 20, "t": 60, "b": 60},
        font_family=fonts.SANS,
    )
    return figure


def summary_text(months: list[DyadMonth], a_name: str, b_name: str) -> str:
    if not months:
        return f"No dated, scored events shared by {a_name} and {b_name}."
    events = sum(m.events for m in months)
    balance = sum(m.balance for m in months)
    contested = sum(m.contested for m in months)
    return (f"{a_name} – {b_name}: {events} event{'s' if events != 1 else ''} in "
            f"{len(months)} month{'s' if len(months) != 1 else ''}, balance {balance:+.1f}"
            + (f", {contested} contested" if contested else ""))


@callback(Output("dyad-actor-a", "options"), Output("dyad-actor-b", "options"),
          Output("dyad-actor-a", "value"), Output("dyad-actor-b", "value"),
          Output("dyad-top", "children"),
          Input("dyad-hedged", "value"))
def load_actors(hedged: list[str]):
    db = state.database()
    actors = dyad_actors(db)
    options = [{"label": f"{a['name']} ({a['id']})", "value": a["id"]} for a in actors]
    top = top_dyads(db, include_hedged="hedged" in (hedged or []))
    first = (top[0]["a"], top[0]["b"]) if top else (None, None)
    rows = [html.Tr([html.Td(f"{d['a_name']} – {d['b_name']}"), html.Td(str(d["events"])),
                     html.Td(f"{d['balance']:+.1f}")]) for d in top]
    table = html.Table(id="dyad-top-table", children=[
        html.Thead(html.Tr([html.Th("Dyad"), html.Th("Events"), html.Th("Balance")])),
        html.Tbody(rows)]) if top else html.P("No scored events in the graph yet.")
    return options, options, first[0], first[1], table


@callback(Output("dyad-figure", "figure"), Output("dyad-summary", "children"),
          Input("dyad-actor-a", "value"), Input("dyad-actor-b", "value"),
          Input("dyad-weight", "value"), Input("dyad-hedged", "value"))
def show_dyad(a: str | None, b: str | None, weight: str, hedged: list[str]):
    if not a or not b:
        return dyad_figure([], "", "", weight), "Pick two actors."
    if a == b:
        return dyad_figure([], "", "", weight), "Pick two different actors."
    db = state.database()
    names = {row["id"]: row["name"] for row in dyad_actors(db)}
    a_name, b_name = names.get(a, a), names.get(b, b)
    months = dyad_months(db, a, b, include_hedged="hedged" in (hedged or []))
    return dyad_figure(months, a_name, b_name, weight), summary_text(months, a_name, b_name)
