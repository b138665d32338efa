"""`actorgraph serve`: the dashboard."""

from __future__ import annotations

import click

from actorgraph import config


@click.command()
@click.option("--host", default=None, help="Address to bind (default: ACTORGRAPH_HOST, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default: ACTORGRAPH_PORT, 8050).")
@click.option("--debug", is_flag=True, help="Dash debug mode (reloader and dev tools).")
@click.option("--review", is_flag=True,
              help="Turn on the Review page, which writes articles and actors into the data "
                   "folder and ingests them (default: ACTORGRAPH_REVIEW, off).")
def serve(host: str | None, port: int | None, debug: bool, review: bool) -> None:
    """Serve the dashboard (starting the local Neo4j when NEO4J_URI is unset)."""
    from actorgraph.dashboard.app import create_app
    from actorgraph.dashboard.web_guard import allowed_hosts
    from actorgraph.graph.connection import resolve_connection

    host = host or config.get("ACTORGRAPH_HOST")
    port = port or config.get_int("ACTORGRAPH_PORT")
    hosts = allowed_hosts(host)  # a bad ACTORGRAPH_ALLOWED_HOSTS stops here, before Neo4j
    review_on = review or config.get("ACTORGRAPH_REVIEW") == "1"
    app = create_app(resolve_connection(), hosts, review_on=review_on)
    click.echo(f"actorgraph dashboard on http://{host}:{port}/ "
               f"(answers to the hosts {', '.join(sorted(hosts))}; review "
               f"{'on' if review_on else 'off'})", err=True)
    app.run(host=host, port=port, debug=debug)
