"""From explorer state to the graph a view draws: filters, queries, expansions, caps.

No Dash here: the page's callbacks, the benchmark and the tests call these functions. Query
results are kept for a few seconds (`ResultCache`), so that a legend click or a selection does
not run the view query again, while new ingests still show up promptly.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from actorgraph import config
from actorgraph.dashboard.search import SearchEntry, entries_from_rows
from actorgraph.dashboard.url_state import ExplorerState
from actorgraph.graph import queries
from actorgraph.graph.db import Database
from actorgraph.graph.elements import Fragment, ViewGraph, build_view
from actorgraph.graph.queries import FactFilters

CACHE_SECONDS = 10.0
CACHE_ENTRIES = 64
HIERARCHICAL_MAX_NODES = 250
"""dagre is superlinear (about 6 s at 500 nodes): offered only below this size."""
DRAFT_QUALITY_ABOVE = 500
"""fcose switches to `quality: "draft"` above this many nodes."""


@dataclass(frozen=True)
class Limits:
    expand: int
    initial_nodes: int
    element_cap: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(expand=config.get_int("ACTORGRAPH_EXPAND_LIMIT"),
                   initial_nodes=config.get_int("ACTORGRAPH_INITIAL_NODE_LIMIT"),
                   element_cap=config.get_int("ACTORGRAPH_ELEMENT_CAP"))


class ResultCache:
    """A small time-limited LRU cache for query results, safe across Flask threads."""

    def __init__(self, seconds: float = CACHE_SECONDS, entries: int = CACHE_ENTRIES) -> None:
        self.seconds = seconds
        self.entries = entries
        self._data: OrderedDict[object, tuple[float, object]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: object, compute: Callable[[], object]) -> object:
        now = time.monotonic()
        with self._lock:
            hit = self._data.get(key)
            if hit is not None and now - hit[0] < self.seconds:
                self._data.move_to_end(key)
                return hit[1]
        value = compute()
        with self._lock:
            self._data[key] = (now, value)
            self._data.move_to_end(key)
            while len(self._data) > self.entries:
                self._data.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


CACHE = ResultCache()


def articles(db: Database) -> list[dict]:
    return CACHE.get(("articles",), lambda: queries.articles(db))  # type: ignore[return-value]


def article_filter(state: ExplorerState, all_articles: list[dict]) -> tuple[str, ...] | None:
    """Article ids allowed by the article, outlet and publication-date filters (None: all)."""
    if (state.articles is None and state.outlets is None and state.pub_from is None
            and state.pub_to is None):
        return None
    allowed = []
    for art in all_articles:
        if state.articles is not None and art["id"] not in state.articles:
            continue
        if state.outlets is not None and art.get("outlet") not in state.outlets:
            continue
        published = art.get("published") or ""
        if state.pub_from and (not published or _span_end(published) < state.pub_from):
            continue
        if state.pub_to and (not published or _span_start(published) > state.pub_to):
            continue
        allowed.append(art["id"])
    return tuple(allowed)


def _span_start(value: str) -> str:
    return {4: value + "-01-01", 7: value + "-01"}.get(len(value), value[:10])


def _span_end(value: str) -> str:
    return {4: value + "-12-31", 7: value + "-31"}.get(len(value), value[:10])


def fact_filters(state: ExplorerState, all_articles: list[dict]) -> FactFilters:
    return FactFilters(
        modalities=state.modalities, article_ids=article_filter(state, all_articles),
        sources=state.sources, date_from=state.event_from, date_to=state.event_to,
        min_support=state.min_support,
    )


@dataclass
class LoadedView:
    graph: ViewGraph
    fragment: Fragment
    filters: FactFilters


def load_view(db: Database, state: ExplorerState, limits: Limits,
              cache: ResultCache = CACHE) -> LoadedView:
    """The view, its expansions and path for `state`, capped at `limits.element_cap`."""
    filters = fact_filters(state, articles(db))
    base = cache.get(("view", state.view, filters, limits.initial_nodes),
                     lambda: queries.view_fragment(db, state.view, filters,
                                                   limits.initial_nodes))
    fragment = Fragment().merge(base)  # type: ignore[arg-type]
    for node_id in state.expand:
        known = sorted(n.id for n in fragment.nodes.values() if n.group == "actor")
        part = cache.get(("expand", node_id, filters, limits.expand, tuple(known)),
                         lambda node_id=node_id, known=known: queries.expansion(
                             db, node_id, filters, limits.expand, known))
        fragment.merge(part)  # type: ignore[arg-type]
    paths: list[list[str]] = []
    if len(state.path) == 2:
        paths = cache.get(("path", state.path),  # type: ignore[assignment]
                          lambda: queries.shortest_paths(db, state.path[0], state.path[1]))
        path_ids = tuple(sorted({n for path in paths for n in path}))
        if path_ids:
            part = cache.get(("nodes", path_ids),
                             lambda: queries.nodes_with_context(db, list(path_ids)))
            fragment.merge(part)  # type: ignore[arg-type]
        if not paths:
            fragment.notices.append(
                f"No connection between {state.path[0]} and {state.path[1]} within 6 steps.")
    keep = set(state.expand) | ({state.selected} if state.selected else set())
    graph = build_view(fragment, state.view, element_cap=limits.element_cap, keep=keep,
                       hidden_nodes=state.drop, expanded=state.expand, paths=paths)
    return LoadedView(graph=graph, fragment=fragment, filters=filters)


def search_entries(db: Database) -> list[SearchEntry]:
    return CACHE.get(("search",),  # type: ignore[return-value]
                     lambda: entries_from_rows(queries.search_entries(db)))


def layout_options(name: str, node_count: int, run: int) -> dict:
    """The Cytoscape layout for a layout name; `run` makes each render a new layout."""
    if name == "hierarchical" and node_count <= HIERARCHICAL_MAX_NODES:
        return {"name": "dagre", "rankDir": "LR", "nodeSep": 25, "rankSep": 90,
                "animate": False, "fit": True, "padding": 30, "run": run}
    if name == "concentric":
        return {"name": "concentric", "minNodeSpacing": 30, "animate": False, "fit": True,
                "padding": 30, "run": run}
    if name == "grid":
        return {"name": "grid", "avoidOverlap": True, "animate": False, "fit": True,
                "padding": 30, "run": run}
    draft = node_count > DRAFT_QUALITY_ABOVE
    return {"name": "fcose", "quality": "draft" if draft else "default",
            "randomize": True, "animate": False, "fit": True, "padding": 30,
            "nodeRepulsion": 9000, "idealEdgeLength": 110, "nodeSeparation": 90,
            "numIter": 1500 if draft else 2500, "run": run}


def preset_layout(run: int) -> dict:
    return {"name": "preset", "fit": False, "animate": False, "run": run}


def day_number(iso: str) -> int:
    return date.fromisoformat(_span_start(iso)[:10]).toordinal()


def day_iso(number: int) -> str:
    return date.fromordinal(int(number)).isoformat()
