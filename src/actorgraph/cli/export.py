"""`actorgraph export`: a view, an ego network or a query result into images and data files."""

from __future__ import annotations

from pathlib import Path

import click

from actorgraph.errors import ExportFailed
from actorgraph.export.formats import BACKGROUNDS, FORMATS, LAYOUT_NAMES, VIEW_ALIASES


@click.command("export")
@click.option("--view", type=click.Choice(sorted(VIEW_ALIASES)), default=None,
              help="A named view, as the explorer first shows it (all = everything).")
@click.option("--center", metavar="ID", default=None,
              help="An ego network: this actor, event, place or asset and its neighbours.")
@click.option("--hops", type=click.IntRange(1, 4), default=1, show_default=True,
              help="Steps out from --center.")
@click.option("--query", "query_text", metavar="CYPHER", default=None,
              help="A read-only Cypher query (the console's checks apply); exports the nodes, "
                   "relationships and paths it returns.")
@click.option("--param", "param_pairs", multiple=True, metavar="NAME=VALUE",
              help="A $parameter of --query; the value as JSON or as text. Repeatable.")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default=None,
              help="Format of --out; by default its suffix says (.png .jpg .svg .graphml "
                   ".json .csv .zip).")
@click.option("--out", "outs", multiple=True, required=True, type=click.Path(path_type=Path),
              help="File to write. Repeatable: several files of one run share one browser and "
                   "one layout. CSV writes <stem>-nodes.csv and <stem>-relationships.csv "
                   "(a .zip holds both).")
@click.option("--scale", type=float, default=1.0, show_default=True,
              help="Image scale, 1 to 4; capped (with a note) where the image would exceed "
                   "the browser's canvas limit.")
@click.option("--layout", type=click.Choice(LAYOUT_NAMES), default="force", show_default=True,
              help="Layout for images (the explorer's layouts).")
@click.option("--background", type=click.Choice(list(BACKGROUNDS)), default="white",
              show_default=True, help="Behind the graph (JPG is always white).")
@click.option("--title", default=None, help="A title above the graph (a publication image).")
@click.option("--legend/--no-legend", default=False, show_default=True,
              help="The legend below the graph.")
@click.option("--sources/--no-sources", default=False, show_default=True,
              help="The articles, outlets and dates behind the facts shown, below the graph.")
def export(view: str | None, center: str | None, hops: int, query_text: str | None,
           param_pairs: tuple[str, ...], fmt: str | None, outs: tuple[Path, ...], scale: float,
           layout: str, background: str, title: str | None, legend: bool,
           sources: bool) -> None:
    """Export a subgraph as PNG, JPG, SVG, GraphML, Cytoscape.js JSON or neo4j-admin CSV.

    Give exactly one of --view, --center or --query. Images are drawn by headless Chromium
    with the app's stylesheet, so they look like the app's graph.
    """
    from actorgraph.export.run import ImageOptions, check_image_options, plan_outputs
    from actorgraph.graph.console.params import parse_param_pairs

    chosen = [flag for flag, value in (("--view", view), ("--center", center),
                                       ("--query", query_text)) if value]
    if len(chosen) != 1:
        raise ExportFailed("give exactly one of --view, --center or --query"
                           + (f" (found {' and '.join(chosen)})" if chosen else ""))
    if param_pairs and not query_text:
        raise ExportFailed("--param goes with --query")
    params = parse_param_pairs(param_pairs)
    outputs = plan_outputs(outs, fmt)
    options = ImageOptions(scale=scale, layout=layout, background=background, title=title,
                           legend=legend, sources=sources)
    check_image_options(options)

    from contextlib import ExitStack

    from actorgraph.export import subgraph as sg
    from actorgraph.export.image.images import ImageRenderer
    from actorgraph.export.run import run_export
    from actorgraph.graph.connection import connect

    with ExitStack() as stack:
        # Chromium starts first and loads its page while Neo4j is queried.
        renderer = stack.enter_context(ImageRenderer()) \
            if any(o.fmt.image for o in outputs) else None
        db = stack.enter_context(connect())
        if view:
            chosen_graph = sg.view_subgraph(db, view)
        elif center:
            chosen_graph = sg.ego_subgraph(db, center, hops)
        else:
            chosen_graph = sg.query_subgraph(db, query_text or "", params)
        for notice in chosen_graph.notices:
            click.echo(f"Note: {notice}", err=True)
        written = run_export(db, chosen_graph, outputs, options, renderer=renderer)
    for item in written:
        click.echo(f"Wrote {item.summary}")
        for notice in item.notices:
            click.echo(f"Note: {notice}", err=True)
