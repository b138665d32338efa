"""From explorer state to the graph a view draws: filters, queries, expansions, caps.

No Dash here: the page's callbacks, the benchmark and the tests call these functions. Query
results are kept for a few seconds (`ResultCache`), so that a legend click or a selection does
not run the view query again, while new ingests still show up promptly; identical requests
at the same moment share one query (`view/result_cache.py`). The date filters'
sliders count days (`day_number`, `slider_range`, `range_state`).
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import threading
from dataclasses import dataclass
from datetime import date

from actorgraph import config
from actorgraph.graph.connection import Database, side_by_side
from actorgraph.graph.read import details_cypher, explorer_cypher
from actorgraph.graph.read import explorer as queries
from actorgraph.graph.read import filter_options as filter_reads
from actorgraph.graph.read.explorer import FactFilters
from actorgraph.graph.read.fragment import Fragment
from actorgraph.graph.schema import NAME_SEARCH_INDEX
from actorgraph.view.cytoscape import to_elements
from actorgraph.view.elements import ViewGraph, build_view
from actorgraph.view.explorer_state import ExplorerState
from actorgraph.view.result_cache import ResultCache
from actorgraph.view.search import SearchEntry, candidate_query, entries_from_rows

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    expand: int
    initial_nodes: int
    element_cap: int
    expand_scan: int = queries.EXPAND_SCAN_DEFAULT

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(expand=config.get_int("ACTORGRAPH_EXPAND_LIMIT"),
                   initial_nodes=config.get_int("ACTORGRAPH_INITIAL_NODE_LIMIT"),
                   element_cap=config.get_int("ACTORGRAPH_ELEMENT_CAP"),
                   expand_scan=config.get_int("ACTORGRAPH_EXPAND_SCAN"))


CACHE = ResultCache()


def articles(db: Database, state: ExplorerState) -> list[dict]:
    """The articles (id, outlet, published, kind) that may pass the state's article, outlet,
    source-type and publication-date filters, for `article_filter` to turn into article ids:
    read through an index, not every article (`filter_options.candidate_articles`)."""
    key = ("articles", state.articles, state.outlets, state.pub_from, state.pub_to)
    return CACHE.get(key, lambda: filter_reads.candidate_articles(  # type: ignore[return-value]
        db, state.articles, state.outlets, state.pub_from, state.pub_to))


def filters_need_articles(state: ExplorerState) -> bool:
    return not (state.articles is None and state.outlets is None and state.pub_from is None
                and state.pub_to is None and state.source_kind is None)


# -- the article and outlet filters' choices: bounded, found by what is typed ----------------

def article_label(article: dict) -> str:
    return f"{article.get('title') or article['id']} ({article.get('outlet') or '?'})"


def article_choices(db: Database, text: str | None, chosen: list[str] | None,
                    limit: int) -> list[dict]:
    """The articles filter's options: the chosen articles, then at most `limit` others whose
    title, id or outlet contain every typed word (newest first). Never more than
    `limit + len(chosen)`, whatever the number of articles."""
    chosen = list(chosen or [])
    words = tuple(filter_reads.search_words(text))
    found = CACHE.get(("article-choices", words, limit),
                      lambda: filter_reads.matching_articles(db, " ".join(words), limit))
    known = {a["id"]: a for a in filter_reads.articles_by_id(db, chosen)}
    options = [{"label": article_label(known[i]) if i in known else i, "value": i}
               for i in chosen]
    taken = set(chosen)
    options += [{"label": article_label(a), "value": a["id"]}
                for a in found if a["id"] not in taken]  # type: ignore[attr-defined]
    return options


def outlet_choices(db: Database, text: str | None, chosen: list[str] | None,
                   limit: int) -> list[dict]:
    """The outlets filter's options: the chosen outlets, then at most `limit` others that
    contain the typed text, in alphabetical order."""
    chosen = list(chosen or [])
    needle = (text or "").strip().lower()
    found = CACHE.get(("outlet-choices", needle, limit),
                      lambda: filter_reads.matching_outlets(db, needle, limit))
    taken = set(chosen)
    others = sorted(o for o in found if o not in taken)  # type: ignore[attr-defined]
    return [{"label": o, "value": o} for o in [*chosen, *others]]


def published_span(db: Database) -> tuple[str | None, str | None]:
    return CACHE.get(("published-span",),  # type: ignore[return-value]
                     lambda: filter_reads.published_span(db))


def event_date_range(db: Database) -> tuple[str | None, str | None]:
    """The first and last event dates (the event-date slider's ends), kept like the views."""
    return CACHE.get(("event-date-range",),  # type: ignore[return-value]
                     lambda: queries.event_date_range(db))


def sources(db: Database) -> list[dict]:
    """The sources' choices (the most cited first), kept like the views."""
    return CACHE.get(("sources",), lambda: queries.sources(db))  # type: ignore[return-value]


def article_filter(state: ExplorerState, all_articles: list[dict]) -> tuple[str, ...] | None:
    """Article ids allowed by the article, outlet, source-type and publication-date filters
    (None: all)."""
    if not filters_need_articles(state):
        return None
    allowed = []
    for art in all_articles:
        if state.articles is not None and art["id"] not in state.articles:
            continue
        if state.source_kind is not None and (art.get("kind") or "article") != state.source_kind:
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
        min_support=state.min_support, contested_only=state.contested,
    )


@dataclass
class LoadedView:
    graph: ViewGraph
    fragment: Fragment
    filters: FactFilters

    @functools.cached_property
    def drawn(self) -> frozenset[str]:
        """The ids of the nodes and edges the graph draws."""
        return frozenset([*(n.id for n in self.graph.nodes), *(e.id for e in self.graph.edges)])

    @functools.cached_property
    def elements(self) -> list[dict]:
        """The graph's Cytoscape elements, made once for every reader of this view (they
        only read them: an expansion's preset positions go into a new list)."""
        return to_elements(self.graph)


def load_view(db: Database, state: ExplorerState, limits: Limits,
              cache: ResultCache = CACHE) -> LoadedView:
    """The view, its expansions and path for `state`, capped at `limits.element_cap`. The
    graph built is kept like the query results it comes from: readers of one state (fifty
    people opening one link, a page reloaded) share one projection, bloc computation and cap,
    not only the reads. Hidden kinds and the layout change no graph (the stylesheet and the
    browser do them), so the states that differ in them share it too."""
    if state.selected is not None:
        # A click selects what is drawn: the graph without the selection is the same graph
        # then, and is shared. Only a node of the view's facts that the cap left out (found
        # by the search, say) is pinned against the cap, which gives another graph.
        unselected = load_view(db, dataclasses.replace(state, selected=None), limits, cache)
        if state.selected in unselected.drawn or state.selected not in unselected.fragment.nodes:
            return unselected
    key = ("loaded", dataclasses.replace(state, hide=(), layout=""), limits)
    return cache.get(key, lambda: _load_view(db, state, limits, cache))  # type: ignore[return-value]


def _load_view(db: Database, state: ExplorerState, limits: Limits,
               cache: ResultCache) -> LoadedView:
    filters = fact_filters(state,
                           articles(db, state) if filters_need_articles(state) else [])
    paths: list[list[str]] = []
    if len(state.path) == 2:  # a path does not depend on the view: found beside its reads
        fragment, (paths, path_part) = side_by_side(
            lambda: _view_with_expansions(db, state, filters, limits, cache),
            lambda: _paths(db, state.path, cache), "explorer-paths")
        if path_part is not None:
            fragment.merge(path_part)
    else:
        fragment = _view_with_expansions(db, state, filters, limits, cache)
    if len(state.path) == 2 and not paths:
        fragment.notices.append(
            f"No connection between {state.path[0]} and {state.path[1]} within 6 steps.")
    keep = set(state.expand) | ({state.selected} if state.selected else set())
    graph = build_view(fragment, state.view, element_cap=limits.element_cap, keep=keep,
                       hidden_nodes=state.drop, expanded=state.expand, paths=paths)
    return LoadedView(graph=graph, fragment=fragment, filters=filters)


def _paths(db: Database, path: tuple[str, ...],
           cache: ResultCache) -> tuple[list[list[str]], Fragment | None]:
    """The shortest paths between the two actors of `path`, and their nodes with context."""
    paths: list[list[str]] = cache.get(  # type: ignore[assignment]
        ("path", path), lambda: queries.shortest_paths(db, path[0], path[1]))
    path_ids = tuple(sorted({n for found in paths for n in found}))
    if not path_ids:
        return paths, None
    part = cache.get(("nodes", path_ids),
                     lambda: queries.nodes_with_context(db, list(path_ids)))
    return paths, part  # type: ignore[return-value]


def _view_with_expansions(db: Database, state: ExplorerState, filters: FactFilters,
                          limits: Limits, cache: ResultCache) -> Fragment:
    """The view's facts and those its expansions added, in the order they were asked for."""
    base = cache.get(("view", state.view, filters, limits.initial_nodes, limits.element_cap),
                     lambda: queries.view_fragment(db, state.view, filters,
                                                   limits.initial_nodes,
                                                   relation_limit=limits.element_cap))
    fragment = Fragment().merge(base)  # type: ignore[arg-type]
    for node_id in state.expand:
        # Everything already drawn is left out, so that the expand limit goes to new nodes.
        shown = tuple(sorted(fragment.nodes))
        known = sorted(n.id for n in fragment.nodes.values() if n.group == "actor")
        part = cache.get(("expand", state.view, node_id, filters, limits.expand,
                          limits.expand_scan, shown),
                         lambda node_id=node_id, known=known, shown=shown: queries.expansion(
                             db, node_id, filters, limits.expand, known, exclude=shown,
                             view=state.view, scan_limit=limits.expand_scan))
        fragment.merge(part)  # type: ignore[arg-type]
    return fragment


_warm_lock = threading.Lock()
_warmed: set[int] = set()


def warm_up(db: Database, limits: Limits | None = None) -> threading.Thread | None:
    """Run the explorer's queries once, in the background, when the app starts.

    A fresh Neo4j compiles a query the first time it sees its text, and a cold JVM makes that
    slow: the alliance view's first load took 5-6 s on a loaded 2-core machine, 0.1 s after.
    Done ahead, the first page a person opens is drawn from compiled plans. The default views
    run for real (their results are bounded by the seed limit); the queries behind expansions
    and the details panel are only compiled (EXPLAIN). Nothing goes into `CACHE`: the database
    may change before anyone looks. Once per driver; failures are ignored (the page reports an
    unreachable Neo4j itself).
    """
    with _warm_lock:
        if id(db.driver) in _warmed:
            return None
        _warmed.add(id(db.driver))
    thread = threading.Thread(target=_warm, args=(db, limits), name="explorer-warm-up",
                              daemon=True)
    thread.start()
    return thread


def _warm(db: Database, limits: Limits | None) -> None:
    try:
        limits = limits or Limits.from_settings()
        filters = FactFilters()
        params = filters.params()
        for view in ("alliances", "events"):
            queries.view_fragment(db, view, filters, limits.initial_nodes,
                                  relation_limit=limits.element_cap)
        queries.sources(db)
        filter_reads.published_span(db)
        filter_reads.matching_articles(db, "", 1)
        filter_reads.matching_outlets(db, "", 1)
        queries.event_date_range(db)
        compiled = [
            *[(text, params | {"id": "", "limit": limits.expand, "exclude": [],
                               "scan_limit": limits.expand_scan})
              for text in explorer_cypher.EXPANSION_QUERIES.values()],
            (explorer_cypher.EXPANSION_RELATIONS, params | {"id": "", "ids": []}),
            (explorer_cypher.RELATIONS_AMONG, params | {"ids": [], "relation_limit": 1}),
            (filter_reads.CANDIDATES_BY_OUTLET, {"outlets": []}),
            (details_cypher.NODE_DETAILS, {"id": ""}),
            (details_cypher.FACTS_OF_ACTOR, {"id": "", "limit": 1}),
            (details_cypher.CLAIMS_OF_FACTS, {"fact_ids": [], "article_ids": None, "limit": 1}),
            (details_cypher.SEARCH_CANDIDATES, {"index": NAME_SEARCH_INDEX, "search": "x",
                                                "limit": 1}),
        ]
        for text, values in compiled:
            db.read("EXPLAIN " + text, **values)
    except Exception as e:  # a warm-up must never take the app down
        log.info("explorer warm-up stopped: %s", e)


SEARCH_CANDIDATES = 200
"""How many of the name index's best matches the search box ranks (`search.suggest`)."""


def search_entries(db: Database, text: str) -> list[SearchEntry]:
    """What the search box ranks for `text`: the name index's best SEARCH_CANDIDATES matches,
    or, in a store without that index yet, every actor and place."""
    query = candidate_query(text)
    if query is None:
        return []

    def candidates() -> list[SearchEntry] | None:
        rows = queries.search_candidates(db, query, SEARCH_CANDIDATES)
        return None if rows is None else entries_from_rows(rows)

    found = CACHE.get(("search", query), candidates)
    if found is None:
        found = CACHE.get(("search",), lambda: entries_from_rows(queries.search_entries(db)))
    return found  # type: ignore[return-value]


def day_number(iso: str) -> int:
    return date.fromisoformat(_span_start(iso)[:10]).toordinal()


def day_iso(number: int) -> str:
    return date.fromordinal(int(number)).isoformat()


# -- the date sliders: days as numbers --------------------------------------------------------

def slider_range(first: str | None, last: str | None, lo: str | None,
                 hi: str | None) -> tuple:
    """(min, max, value, marks) of a date slider spanning first..last, set to lo..hi."""
    if not first or not last:
        return 0, 1, [0, 1], {}
    start, end = day_number(first), day_number(_span_end(last))
    if end <= start:
        end = start + 1
    value = [day_number(lo) if lo else start, day_number(hi) if hi else end]
    value = [max(start, min(end, v)) for v in value]
    return start, end, value, slider_marks(start, end)


MARK_ALIGN = ("translateX(0)", "translateX(-50%)", "translateX(-100%)")
"""Where each of the three month labels stands against its point: the first starts at the
slider's left end and the last ends at its right end, so neither reaches past the filter
panel's edge (a centred end label lost half its text there)."""


def slider_marks(start: int, end: int) -> dict[int, dict]:
    """Month labels at the start, the middle and the end of a slider over days start..end;
    a month already labelled is not labelled again."""
    points = (start, start + (end - start) // 2, end)
    marks: dict[int, dict] = {}
    shown: set[str] = set()
    for point, align in zip(points, MARK_ALIGN, strict=True):
        month = day_iso(point)[:7]
        if month not in shown:
            shown.add(month)
            marks[point] = {"label": month, "style": {"transform": align}}
    return marks


def range_text(value: list[int] | None, lo: int | None, hi: int | None,
               narrowed_note: str) -> str:
    """The line under a date slider: the chosen days, and a note when they narrow the range."""
    if not value or lo is None or hi is None or hi <= 1:
        return "no dates yet"
    text = f"{day_iso(value[0])} – {day_iso(value[1])}"
    if value[0] > lo or value[1] < hi:
        text += f" ({narrowed_note})"
    return text


def range_state(value: list[int] | None, lo: int | None,
                hi: int | None) -> tuple[str | None, str | None]:
    """A slider's value as (from, to) days of the state; an end at the slider's end is None."""
    if not value or lo is None or hi is None or hi <= 1:
        return None, None
    start = day_iso(value[0]) if value[0] > lo else None
    end = day_iso(value[1]) if value[1] < hi else None
    return start, end
