"""What an export shows: a named view, an ego network, or a console query, as the elements
and stylesheet the app would draw - plus, for data files and source lines, where each fact
comes from.

Views go through the explorer's own path (`view/explorer.load_view` with default filters,
`view/elements.to_elements`, `view/style.stylesheet`), so an export of a view is the graph the
explorer shows for it. Ego networks repeat the explorer's expansion hop by hop. Queries run
through the console's guard (`graph/console/run.run_query`): read-only, timed, capped.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from actorgraph.errors import ExportFailed
from actorgraph.export.data.elements_io import is_edge, split
from actorgraph.export.formats import VIEW_ALIASES
from actorgraph.graph.connection import Database
from actorgraph.graph.console.result import ConsoleResult
from actorgraph.graph.console.run import run_query
from actorgraph.graph.read import explorer as queries
from actorgraph.graph.read import provenance
from actorgraph.graph.read.fragment import TIE, Fragment
from actorgraph.records import RELATION_TYPES
from actorgraph.view import explorer as ev
from actorgraph.view.console_graph import elements_from_result
from actorgraph.view.cytoscape import to_elements
from actorgraph.view.elements import ViewGraph, build_view
from actorgraph.view.explorer_state import ExplorerState
from actorgraph.view.style import stylesheet as app_stylesheet


@dataclass
class Subgraph:
    name: str  # for file names: alliances, everything, ego-PRK, query
    elements: list[dict[str, Any]]
    stylesheet: list[dict[str, Any]]
    notices: list[str] = field(default_factory=list)
    tie_events: dict[str, tuple[str, ...]] = field(default_factory=dict)
    enriched: bool = False  # elements already carry labels, articles and evidence counts

    @property
    def node_count(self) -> int:
        return sum(1 for e in self.elements if not is_edge(e))

    @property
    def edge_count(self) -> int:
        return sum(1 for e in self.elements if is_edge(e))


def from_view_graph(name: str, graph: ViewGraph) -> Subgraph:
    """A view as the explorer draws it: its elements, THE stylesheet, ties' events."""
    return Subgraph(name=name, elements=to_elements(graph), stylesheet=app_stylesheet(),
                    notices=list(graph.notices),
                    tie_events={e.id: e.events for e in graph.edges if e.type == TIE})


def view_subgraph(db: Database, view: str, limits: ev.Limits | None = None) -> Subgraph:
    """A named view as the explorer first shows it (default filters, nothing hidden)."""
    name = VIEW_ALIASES.get(view)
    if name is None:
        raise ExportFailed(f"--view must be one of {', '.join(VIEW_ALIASES)}; found {view!r}")
    loaded = ev.load_view(db, ExplorerState(view=name), limits or ev.Limits.from_settings())
    return from_view_graph(name, loaded.graph)


def ego_subgraph(db: Database, center: str, hops: int = 1,
                 limits: ev.Limits | None = None) -> Subgraph:
    """`center` and everything within `hops` steps, each step one explorer expansion of every
    node the previous step reached (at most ACTORGRAPH_EXPAND_LIMIT neighbours each)."""
    if hops < 1:
        raise ExportFailed(f"--hops must be 1 or more; found {hops}")
    limits = limits or ev.Limits.from_settings()
    filters = queries.FactFilters()
    fragment = Fragment()
    frontier, expanded = [center], set()
    for _hop in range(hops):
        reached: list[str] = []
        for node_id in frontier:
            if node_id in expanded:
                continue
            expanded.add(node_id)
            known = sorted(n.id for n in fragment.nodes.values() if n.group == "actor")
            part = queries.expansion(db, node_id, filters, limits.expand, known,
                                     scan_limit=limits.expand_scan)
            reached += [i for i in part.nodes if i not in fragment.nodes]
            fragment.merge(part)
        if center not in fragment.nodes:
            raise ExportFailed(f"--center {center!r}: no actor, event, place or asset has "
                               "this id")
        frontier = reached
    graph = build_view(fragment, "everything", element_cap=limits.element_cap, keep={center},
                       expanded=[center])
    return from_view_graph(f"ego-{center}" + (f"-{hops}hops" if hops > 1 else ""), graph)


def query_subgraph(db: Database, text: str, params: Mapping[str, Any] | None = None,
                   result: ConsoleResult | None = None) -> Subgraph:
    """The nodes, relationships and paths a console query returns."""
    result = result if result is not None else run_query(db, text, params)
    if not result.has_graph:
        raise ExportFailed("the query returned no nodes, relationships or paths to export; "
                           "return them (e.g. RETURN a, r, b) rather than their properties")
    notices = []
    if result.truncated:
        notices.append(f"The query returned more than {result.limit:,} rows; the export "
                       "holds the graph of the first ones (ACTORGRAPH_QUERY_ROW_LIMIT).")
    return Subgraph(name="query", elements=elements_from_result(result),
                    stylesheet=app_stylesheet(), notices=notices, enriched=True)


def enrich(db: Database, subgraph: Subgraph,
           elements: Iterable[Mapping[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Copies of the elements whose data also holds `labels` (Neo4j's), `articles` (the
    supporting article ids), `evidence_count` and, for events, `date` - what a data file or a
    source line needs and the drawing does not. Ties (shared events) get the articles of
    their events and the number of events as evidence count."""
    items = [copy.deepcopy(dict(e)) for e in (elements if elements is not None
                                               else subgraph.elements)]
    if subgraph.enriched:
        return items
    nodes, edges = split(items)
    found = provenance.node_provenance(db, [n["data"]["id"] for n in nodes])
    relations = [(e["data"]["id"], e["data"]["source"], e["data"]["target"]) for e in edges
                 if e["data"].get("type") in RELATION_TYPES]
    rel_found = provenance.relation_provenance(db, relations)
    links = [(e["data"]["id"], e["data"]["source"], e["data"]["type"], e["data"]["target"])
             for e in edges if e["data"].get("type") not in (*RELATION_TYPES, TIE)]
    link_found = provenance.link_provenance(db, links)
    tie_events = {ev_id for e in edges for ev_id in subgraph.tie_events.get(e["data"]["id"], ())}
    event_found = provenance.node_provenance(db, tie_events) if tie_events else {}
    for node in nodes:
        p = found.get(node["data"]["id"])
        if p is not None:
            data = node["data"]
            data["labels"] = list(p.labels)
            data["articles"] = list(p.articles)
            data["evidence_count"] = (p.evidence_count if p.evidence_count is not None
                                      else len(p.articles))
            if p.date:
                data["date"] = p.date
    for edge in edges:
        data = edge["data"]
        if data.get("type") == TIE:
            events = subgraph.tie_events.get(data["id"], ())
            articles = sorted({a for ev_id in events
                               for a in (event_found.get(ev_id).articles
                                         if ev_id in event_found else ())})
            data.update({"events": list(events), "articles": articles,
                         "evidence_count": len(events)})
            continue
        p = rel_found.get(data["id"]) or link_found.get(data["id"])
        if p is not None:
            data["articles"] = list(p.articles)
            data["evidence_count"] = (p.evidence_count if p.evidence_count is not None
                                      else len(p.articles))
    return nodes + edges


def without_hidden(elements: Iterable[Mapping[str, Any]],
                   hidden_kinds: Iterable[str]) -> list[dict[str, Any]]:
    """What the explorer shows when kinds are hidden in its legend: no node of a hidden kind,
    no edge of a hidden edge kind, no edge to a hidden node."""
    hidden = set(hidden_kinds)
    nodes, edges = split(elements)
    kept = [n for n in nodes if n["data"].get("kind") not in hidden]
    ids = {n["data"]["id"] for n in kept}
    return kept + [e for e in edges if e["data"].get("edge_kind") not in hidden
                   and e["data"]["source"] in ids and e["data"]["target"] in ids]
