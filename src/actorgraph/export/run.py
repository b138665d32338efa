"""One export run: a subgraph into one or more files, every image from one browser and one
layout (so a run's PNG and SVG show the same drawing).

Data files hold the enriched elements (labels, supporting articles, evidence counts); when the
run also drew the graph, nodes carry the positions of that drawing, so JSON opened in
Cytoscape (or in the app with a preset layout) and GraphML opened in Gephi keep its layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actorgraph.errors import ExportFailed
from actorgraph.export.data import cyjson, graphml, neo4j_csv
from actorgraph.export.formats import LAYOUT_NAMES, Format, format_for
from actorgraph.export.image.images import ImageRenderer
from actorgraph.export.image.limits import MAX_SCALE, MIN_SCALE
from actorgraph.export.image.publication import make_publication
from actorgraph.export.subgraph import Subgraph, enrich
from actorgraph.graph.connection import Database
from actorgraph.view.layout import layout_options


@dataclass(frozen=True)
class OutputSpec:
    path: Path
    fmt: Format


@dataclass(frozen=True)
class ImageOptions:
    scale: float = 1.0
    layout: str = "force"
    background: str = "white"
    title: str | None = None
    legend: bool = False
    sources: bool = False

    @property
    def framed(self) -> bool:
        return bool(self.title or self.legend or self.sources)


@dataclass
class Written:
    paths: list[Path]
    fmt: str
    summary: str
    notices: list[str] = field(default_factory=list)


def plan_outputs(outs: Sequence[Path], fmt: str | None) -> list[OutputSpec]:
    """Check every --out before any query or browser: format, duplicates, folders."""
    if not outs:
        raise ExportFailed("give at least one --out FILE")
    if fmt is not None and len(outs) > 1:
        raise ExportFailed("--format names the format of a single --out; with several --out "
                           "each file's suffix names its format (.png, .svg, .graphml ...)")
    specs = [OutputSpec(Path(p), format_for(Path(p), fmt)) for p in outs]
    seen: set[Path] = set()
    for spec in specs:
        resolved = spec.path.resolve()
        if resolved in seen:
            raise ExportFailed(f"--out {spec.path} is given twice")
        seen.add(resolved)
        if not resolved.parent.is_dir():
            raise ExportFailed(f"--out {spec.path}: the folder {spec.path.parent} does not exist")
    return specs


def check_image_options(options: ImageOptions) -> None:
    if not MIN_SCALE <= options.scale <= MAX_SCALE:
        raise ExportFailed(f"--scale must be between {MIN_SCALE:g} and {MAX_SCALE:g}; "
                           f"found {options.scale:g}")
    if options.layout not in LAYOUT_NAMES:
        raise ExportFailed(f"--layout must be one of {', '.join(LAYOUT_NAMES)}; "
                           f"found {options.layout!r}")


def _with_positions(elements: list[dict[str, Any]],
                    positions: dict[str, dict[str, float]] | None) -> list[dict[str, Any]]:
    if not positions:
        return elements
    for element in elements:
        pos = positions.get(str(element["data"].get("id")))
        if pos is not None and "source" not in element["data"]:
            element["position"] = {"x": round(pos["x"], 1), "y": round(pos["y"], 1)}
    return elements


def run_export(db: Database | None, subgraph: Subgraph, outputs: Sequence[OutputSpec],
               options: ImageOptions = ImageOptions(),
               renderer: ImageRenderer | None = None) -> list[Written]:
    """Write every output; `renderer` (already entered) lets several runs share a browser."""
    check_image_options(options)
    if not subgraph.node_count:
        raise ExportFailed(f"nothing to export: the {subgraph.name} subgraph has no nodes")
    written: list[Written] = []
    images = [o for o in outputs if o.fmt.image]
    data = [o for o in outputs if not o.fmt.image]
    enriched: list[dict[str, Any]] | None = None
    if data or options.sources:
        if db is None and not subgraph.enriched:
            raise ExportFailed("data exports and source lines need the database")
        enriched = enrich(db, subgraph) if db is not None else list(subgraph.elements)
    positions = None
    if images:
        layout = layout_options(options.layout, subgraph.node_count, run=0)
        publication = None
        if options.framed:
            publication = make_publication(db, enriched or subgraph.elements,
                                           subgraph.stylesheet, title=options.title,
                                           legend=options.legend, sources=options.sources)
        context = nullcontext(renderer) if renderer is not None else ImageRenderer()
        with context as active:
            drawn = active.draw(subgraph.elements, subgraph.stylesheet, layout)
            for out in images:
                image = active.export(drawn, fmt=out.fmt.name, scale=options.scale,
                                      background=options.background, publication=publication)
                out.path.write_bytes(image.data)
                size = f"{image.width:,} x {image.height:,} px at {image.choice.scale:g}x"
                written.append(Written(
                    [out.path], out.fmt.name,
                    f"{out.path}: {out.fmt.name.upper()}, {size}, {image.nodes:,} nodes, "
                    f"{image.edges:,} edges", [image.notice] if image.notice else []))
            if data:
                positions = active.positions()
    if enriched is not None:
        _with_positions(enriched, positions)
    for out in data:
        written.append(_write_data(out, subgraph, enriched or []))
    return written


def _write_data(out: OutputSpec, subgraph: Subgraph, elements: list[dict[str, Any]]) -> Written:
    nodes = sum(1 for e in elements if "source" not in e["data"])
    edges = len(elements) - nodes
    counts = f"{nodes:,} nodes, {edges:,} edges"
    if out.fmt.name == "json":
        out.path.write_text(cyjson.dumps(elements, name=subgraph.name), encoding="utf-8")
        return Written([out.path], "json", f"{out.path}: Cytoscape.js JSON, {counts}")
    if out.fmt.name == "graphml":
        out.path.write_bytes(graphml.to_graphml(elements, name=subgraph.name))
        return Written([out.path], "graphml", f"{out.path}: GraphML, {counts}")
    pair = neo4j_csv.to_neo4j_csv(elements)
    paths = neo4j_csv.write(pair, out.path)
    names = neo4j_csv.pair_names(out.path.stem)
    how = (f"import with: neo4j-admin database import full --nodes={names[0]} "
           f"--relationships={names[1]} <database>")
    if out.path.suffix.lower() == ".zip":
        return Written(paths, "csv", f"{out.path}: zip of {names[0]} and {names[1]} "
                       f"({counts}); {how}")
    return Written(paths, "csv", f"{paths[0]} ({nodes:,} nodes) and {paths[1]} "
                   f"({edges:,} relationships); {how}")
