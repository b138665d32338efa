"""The explorer's legend: blocs, then a button per node and edge kind the view holds (a click
hides or shows the kind), then notes on the looks of hedged, contested and GDELT facts."""

from __future__ import annotations

from collections.abc import Iterable

from dash import html

from actorgraph.graph.read.fragment import TIE
from actorgraph.view.elements import ViewGraph, kind_counts
from actorgraph.view.style import BLOC_COLORS, EDGE_LOOKS, LEGEND_NODE_KINDS, UNALIGNED_COLOR


def _tie_sources(graph: ViewGraph) -> list:
    """How many GDELT events and documents stand behind the ties drawn (each tie's label says
    it for that tie): GDELT codes many more events than anyone annotates."""
    ties = [e for e in graph.edges if e.type == TIE]
    if not ties:
        return []
    events = sum(len(t.events) for t in ties)
    gdelt = sum(t.gdelt_events for t in ties)
    documents = sum(t.gdelt_documents for t in ties)
    text = (f"Behind the {len(ties)} tie{'s' if len(ties) != 1 else ''}: {events} shared "
            f"event{'s' if events != 1 else ''} (counted per tie), {gdelt} coded by GDELT in "
            f"{documents} GDELT document{'s' if documents != 1 else ''}, {events - gdelt} from "
            "annotated articles. Each tie's label: shared events (GDELT events, documents).")
    return [html.Div(text, className="ag-legend-note ag-legend-ties")]


def legend(graph: ViewGraph, hide: Iterable[str]) -> list:
    hidden = set(hide)
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
        items.extend(_tie_sources(graph))
    node_entries = [look for look in LEGEND_NODE_KINDS if counts.get(look.key)]
    edge_entries = [look for look in EDGE_LOOKS if counts.get(look.key)]
    for look in node_entries:
        swatch = html.Span(className=f"ag-swatch ag-shape-{look.shape}",
                           style={"background": look.color})
        items.append(_toggle(look.key, look.label, swatch, counts[look.key], hidden))
    for look in edge_entries:
        swatch = html.Span(className=f"ag-line ag-line-{look.line}",
                           style={"borderColor": look.color})
        items.append(_toggle(look.key, look.label, swatch, counts[look.key], hidden))
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


def _toggle(key: str, label: str, swatch: html.Span, count: int,
            hidden: set[str]) -> html.Button:
    """A legend entry: its swatch, label and count; a click hides or shows that kind."""
    return html.Button([swatch, html.Span(label, className="ag-legend-label"),
                        html.Span(str(count), className="ag-legend-count")],
                       id={"type": "ex-legend", "kind": key},
                       className="ag-legend-item" + (" ag-off" if key in hidden else ""),
                       title="Click to hide or show")
