"""`actorgraph serve`: the dashboard, on the waitress WSGI server.

waitress (pure Python) answers with a pool of worker threads (`ACTORGRAPH_THREADS`); the
connections it holds open and how long an idle one stays are settings too. Flask's
development server, with Dash's dev tools and reloader, runs only behind `--debug`. Either
way the web guard (`dashboard/web_guard.py`) is part of the Flask app, so it checks every
request. SIGTERM stops waitress as Ctrl-C does: the listening socket is closed and the
command exits 0. Beside waitress, `dashboard/upkeep.py` drops expired query results and gives
their memory back when the readers are gone.
"""

from __future__ import annotations

import signal
from types import FrameType

import click

from actorgraph import config
from actorgraph.errors import ConfigError


def _positive(name: str, value: int | None) -> int:
    number = config.get_int(name) if value is None else value
    if number < 1:
        raise ConfigError(f"{name} must be at least 1; found {number}")
    return number


def _stop(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@click.command()
@click.option("--host", default=None, help="Address to bind (default: ACTORGRAPH_HOST, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default: ACTORGRAPH_PORT, 8050).")
@click.option("--threads", type=int, default=None,
              help="Worker threads of the web server (default: ACTORGRAPH_THREADS, 8).")
@click.option("--debug", is_flag=True,
              help="Flask's development server with Dash debug mode (reloader and dev tools) "
                   "instead of waitress; for development only.")
@click.option("--review", is_flag=True,
              help="Turn on the Review page, which writes articles and actors into the data "
                   "folder and ingests them (default: ACTORGRAPH_REVIEW, off).")
def serve(host: str | None, port: int | None, threads: int | None, debug: bool,
          review: bool) -> None:
    """Serve the dashboard (starting the local Neo4j when NEO4J_URI is unset)."""
    from actorgraph.dashboard.app import create_app
    from actorgraph.dashboard.web_guard import allowed_hosts
    from actorgraph.graph.connection import resolve_connection

    host = host or config.get("ACTORGRAPH_HOST")
    port = port or config.get_int("ACTORGRAPH_PORT")
    hosts = allowed_hosts(host)  # a bad ACTORGRAPH_ALLOWED_HOSTS stops here, before Neo4j
    threads = _positive("ACTORGRAPH_THREADS", threads)
    connection_limit = _positive("ACTORGRAPH_CONNECTION_LIMIT", None)
    channel_timeout = _positive("ACTORGRAPH_CHANNEL_TIMEOUT", None)
    review_on = review or config.get("ACTORGRAPH_REVIEW") == "1"
    app = create_app(resolve_connection(), hosts, review_on=review_on)
    guard = (f"answers to the hosts {', '.join(sorted(hosts))}; review "
             f"{'on' if review_on else 'off'}")
    if debug:
        click.echo(f"actorgraph dashboard on http://{host}:{port}/ — Flask development server, "
                   f"debug mode ({guard})", err=True)
        app.run(host=host, port=port, debug=True)
        return

    from waitress import create_server

    from actorgraph.dashboard.upkeep import Upkeep
    from actorgraph.view.explorer import CACHE

    server = create_server(app.server, host=host, port=port, threads=threads,
                           connection_limit=connection_limit, channel_timeout=channel_timeout,
                           asyncore_use_poll=True, ident="actorgraph")
    click.echo(f"actorgraph dashboard on http://{host}:{port}/ — waitress, {threads} threads, "
               f"at most {connection_limit} connections ({guard})", err=True)
    signal.signal(signal.SIGTERM, _stop)
    upkeep = Upkeep(CACHE).start()  # expired results out, memory back, while idle
    try:
        server.run()  # returns on Ctrl-C or SIGTERM, its worker threads stopped
    finally:
        upkeep.stop()
        server.close()
    click.echo("actorgraph dashboard stopped", err=True)
