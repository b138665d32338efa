"""Build the Dash app. Pages register their layout and callbacks; this module wires them up."""

from __future__ import annotations

import dash
import dash_cytoscape as cyto
from dash import Dash, dcc, html

from actorgraph.config import Neo4jConnection
from actorgraph.dashboard import failures, state, web_guard
from actorgraph.graph.connection import Database

cyto.load_extra_layouts()


class ActorgraphDash(Dash):
    """Dash whose page tells its scripts how the browser arrived (`web_guard.arrival`)."""

    def interpolate_index(self, **kwargs: str) -> str:
        kwargs["metas"] = web_guard.arrival_meta() + "\n      " + kwargs.get("metas", "")
        return super().interpolate_index(**kwargs)


def create_app(conn: Neo4jConnection, allowed_hosts: frozenset[str] | None = None,
               review_on: bool = False) -> Dash:
    """The dashboard for the Neo4j at `conn`, answering to `allowed_hosts` (default:
    `web_guard.allowed_hosts()`). The driver reconnects by itself after an outage. The Review
    page writes into the data folder only with `review_on` (`serve --review`,
    ACTORGRAPH_REVIEW=1)."""
    allowed = web_guard.allowed_hosts() if allowed_hosts is None else allowed_hosts
    state.set_database(Database(conn))
    app = ActorgraphDash(
        __name__,
        use_pages=True,
        pages_folder="",
        title="actorgraph",
        suppress_callback_exceptions=True,
        update_title=None,
        on_error=failures.report,
    )
    web_guard.install(app.server, allowed)
    from actorgraph.dashboard import basemap_route
    basemap_route.register(app.server)  # the map's topojson, from 127.0.0.1
    from actorgraph.dashboard.pages import (
        console,
        dyads,
        explorer,
        review,
        review_callbacks,  # noqa: F401 (registers them)
    )
    from actorgraph.view import explorer as explorer_view

    explorer_view.warm_up(state.database())  # the first view drawn from compiled plans

    dash.register_page("explorer", path="/", name="Explorer", layout=explorer.layout)
    dash.register_page("console", path="/console", name="Console", layout=console.layout)
    dash.register_page("dyads", path="/dyads", name="Dyads", layout=dyads.layout)
    review.configure(review_on)
    dash.register_page("review", path="/review", name="Review", layout=review.layout)
    app.layout = html.Div(
        className="ag-shell",
        children=[
            html.Header(
                className="ag-header",
                children=[
                    html.Span("actorgraph", className="ag-brand"),
                    html.Nav([
                        dcc.Link(page["name"], href=page["relative_path"], className="ag-nav")
                        for page in dash.page_registry.values()
                    ]),
                ],
            ),
            failures.banner(),
            dash.page_container,
        ],
    )
    return app
