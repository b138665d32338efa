"""`actorgraph db start|stop|status`: the local Neo4j; `actorgraph db migrate`: upgrade a store."""

from __future__ import annotations

import sys

import click

from actorgraph.localdb import LocalNeo4j


def _local(port: int | None, home: str | None) -> LocalNeo4j:
    return LocalNeo4j(home=home, port=port)


_port_option = click.option("--port", type=int, default=None,
                            help="Bolt port (default: ACTORGRAPH_NEO4J_PORT, 7687).")
_home_option = click.option("--home", type=click.Path(file_okay=False), default=None,
                            help="Folder of the local Neo4j (default: ACTORGRAPH_NEO4J_HOME).")


@click.group()
def db() -> None:
    """Run the local Neo4j (used whenever NEO4J_URI is not set); upgrade a store."""


@db.command()
@_port_option
@_home_option
def start(port: int | None, home: str | None) -> None:
    """Start the local Neo4j and wait until Bolt answers. Running twice starts one server."""
    status = _local(port, home).start()
    click.echo(f"Neo4j {status.version} {status.message} at {status.uri}")


@db.command()
@_port_option
@_home_option
def stop(port: int | None, home: str | None) -> None:
    """Stop the local Neo4j. Safe to repeat."""
    was_running = _local(port, home).stop()
    click.echo("Neo4j stopped" if was_running else "Neo4j was not running")


@db.command()
@_port_option
@_home_option
def status(port: int | None, home: str | None) -> None:
    """Print the URI and server version; exit 0 only when Bolt answers."""
    st = _local(port, home).status()
    if st.running:
        click.echo(f"running: {st.uri} Neo4j {st.version} (pid {st.pid})")
        return
    click.echo(f"not running: {st.uri} ({st.message})")
    sys.exit(1)


@db.command()
def migrate() -> None:
    """Upgrade the database (NEO4J_URI, or the local Neo4j) to this release's graph model.

    A store written by an earlier release (graph model 1: supporting articles as lists) gets
    claims and mentions instead (docs/graph-model.md). Safe to repeat; an interrupted upgrade
    is finished by running it again.
    """
    from actorgraph.graph.connection import connect
    from actorgraph.graph.migrate import migrate as migrate_store

    with connect() as database:
        report = migrate_store(database, progress=lambda step: click.echo(f"... {step}",
                                                                         err=True))
    for line in report.lines():
        click.echo(line)
