"""Explorer page: a status line (server version, counts) and the graph the database holds."""

from __future__ import annotations

import dash_cytoscape as cyto
from dash import Input, Output, callback, dcc, html

from actorgraph.dashboard import state
from actorgraph.errors import DatabaseUnavailable

PREVIEW_LIMIT = 300

PREVIEW_QUERY = """
MATCH (n) WITH n LIMIT $limit
WITH collect(n) AS nodes
UNWIND nodes AS a
OPTIONAL MATCH (a)-[r]->(b) WHERE b IN nodes
RETURN elementId(a) AS id, labels(a) AS labels, coalesce(a.name, a.title, a.id) AS name,
       collect(CASE WHEN r IS NULL THEN NULL
               ELSE {id: elementId(r), type: type(r), target: elementId(b)} END) AS rels
"""


def layout(**_query: str) -> html.Div:
    return html.Div([
        dcc.Interval(id="status-poll", interval=5000),
        html.Div(id="db-status", className="ag-status"),
        cyto.Cytoscape(id="graph", elements=[], layout={"name": "cose"},
                       style={"width": "100%", "height": "80vh"}),
    ])


@callback(Output("db-status", "children"), Output("graph", "elements"),
          Input("status-poll", "n_intervals"))
def refresh(_n: int | None):
    db = state.database()
    try:
        version = db.version()
        counts = db.counts()
        rows = db.read(PREVIEW_QUERY, limit=PREVIEW_LIMIT)
    except (DatabaseUnavailable, Exception) as e:  # shown as a banner
        return html.Div(f"Neo4j is unreachable at {db.conn.display_uri}: {type(e).__name__}",
                        className="ag-banner ag-banner-error", id="outage-banner"), []
    elements = []
    for row in rows:
        elements.append({"data": {"id": row["id"], "label": str(row["name"])}})
        for rel in row["rels"]:
            if rel:
                elements.append({"data": {"id": rel["id"], "source": row["id"],
                                          "target": rel["target"], "label": rel["type"]}})
    text = (f"Neo4j {version} at {db.conn.display_uri} — {counts['nodes']} nodes, "
            f"{counts['relationships']} relationships")
    return html.Span(text, id="status-text"), elements
