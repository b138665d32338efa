"""The `actorgraph` command. Thin: each command gathers its arguments, calls the library,
and `ActorgraphCLI.invoke` turns the library's errors into a message and an exit code.

Each command group lives in its own module here and is registered below.
"""

from __future__ import annotations

import sys

import click

from actorgraph import __version__, config
from actorgraph.errors import ActorgraphError


class ActorgraphCLI(click.Group):
    """Maps every ActorgraphError to its message on stderr and its exit code, in one place."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ActorgraphError as e:
            click.echo(f"Error: {e}", err=True)
            sys.exit(e.exit_code)


@click.group(cls=ActorgraphCLI, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="actorgraph")
def main() -> None:
    """actorgraph: who stands with whom, who met whom, who exercised against whom.

    Without NEO4J_URI, commands use (and start) a local Neo4j under .actorgraph/neo4j.
    """
    config.load_dotenv_file()


@main.command("settings")
def settings_command() -> None:
    """List every setting with its current value (passwords hidden)."""
    for name, default, help_text in config.settings_table():
        setting = config._BY_NAME[name]
        value = config.get(name)
        shown = "***" if (setting.secret and value) else (value if value is not None else "")
        if name == "NEO4J_URI" and value:
            shown = config.redact_uri(value)
        click.echo(f"{name}={shown}")
        click.echo(f"    {help_text} (default: {default or 'unset'})")


def _register() -> None:
    from actorgraph.cli import db, query, serve

    main.add_command(db.db)
    main.add_command(serve.serve)
    from actorgraph.cli.extract import extract
    main.add_command(extract)
    main.add_command(query.query)
    from actorgraph.cli.ingest import ingest
    main.add_command(ingest)
    from actorgraph.cli.export import export
    main.add_command(export)
    from actorgraph.cli.gdelt import import_gdelt_command
    main.add_command(import_gdelt_command)
    from actorgraph.cli.basemap import basemap
    main.add_command(basemap)


_register()
