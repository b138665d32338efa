"""Serves the map's topojson files from ACTORGRAPH_BASEMAP_DIR, so plotly.js fetches them
from the dashboard itself (127.0.0.1) and never from its CDN."""

from __future__ import annotations

from flask import Flask, abort, send_from_directory

from actorgraph import basemap

ROUTE = "/_actorgraph/basemap/"


def register(server: Flask) -> None:
    """Adds `ROUTE<name>` for the installed files only (any other name is a 404)."""

    def topojson(name: str):
        if name not in basemap.FILES or not basemap.is_installed():
            abort(404)
        return send_from_directory(basemap.folder(), name, mimetype="application/json",
                                   max_age=86400)

    server.add_url_rule(ROUTE + "<name>", "actorgraph_basemap", topojson)
