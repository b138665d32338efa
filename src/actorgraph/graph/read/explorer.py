"""The explorer's reads: its views, expansions, paths and details, run from the named,
parameterised queries of explorer_cypher.py and details_cypher.py.

Graph results come back as `elements.Fragment`s; `view_fragment`, `expansion`,
`nodes_with_context` and `shortest_paths` draw the graph, `node_details`, `relation_details`,
`facts_of_actor`, `claims_of_facts`, `search_candidates` (and
`search_entries`, its fallback), `articles`, `sources`,
`event_date_range` and `ping` serve the rest of the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import neo4j

from actorgraph.graph.connection import Database, side_by_side, translated_driver_errors
from actorgraph.graph.read.details_cypher import (
    CLAIMS_OF_FACTS,
    EVENT_DATE_RANGE,
    FACTS_OF_ACTOR,
    NODE_DETAILS,
    PING,
    RELATION_BY_ID,
    SEARCH_CANDIDATES,
    SEARCH_ENTRIES,
    SEARCH_FIELDS,
    SOURCES,
    UNIDENTIFIED_OF_EVENT,
)
from actorgraph.graph.read.explorer_cypher import (
    ALLIANCE_ACTORS,
    ALLIANCE_EVENTS,
    EVENT_ACTOR_RELATIONS,
    EVENTS_VIEW,
    EXPANSION,
    EXPANSION_LINK_TYPES,
    EXPANSION_QUERIES,
    EXPANSION_RELATIONS,
    FACT_LINK_TYPES,
    NODES_WITH_CONTEXT,
    RELATIONS_AMONG,
    SHORTEST_PATHS,
)
from actorgraph.graph.read.fragment import Fragment, Link, Node, link_id
from actorgraph.graph.schema import NAME_SEARCH_INDEX
from actorgraph.records import RELATION_TYPES

RELATIONS_AMONG_MAX = 100_000
"""`RELATIONS_AMONG`'s limit where nothing caps what is drawn (a path's few nodes)."""
EXPAND_SCAN_DEFAULT = 5_000
"""Links of one node an expansion reads at most (the setting ACTORGRAPH_EXPAND_SCAN)."""
OWN_VOICE = "(own voice)"
"""The source filter's entry for facts an article states without attributing them."""


@dataclass(frozen=True)
class FactFilters:
    """Which facts a view shows. None means "no filter" everywhere."""

    modalities: tuple[str, ...] | None = None
    article_ids: tuple[str, ...] | None = None  # from article, outlet and publication filters
    sources: tuple[str, ...] | None = None  # source or actor ids; OWN_VOICE for unattributed
    date_from: str | None = None  # ISO day, inclusive: events overlapping the range
    date_to: str | None = None
    min_support: int = 1  # supporting articles (among the allowed ones)
    contested_only: bool = False  # facts whose sources disagree (`contested`, docs/gdelt.md)

    def params(self) -> dict:
        sources = None
        own_voice = False
        if self.sources is not None:
            own_voice = OWN_VOICE in self.sources
            sources = [s for s in self.sources if s != OWN_VOICE]
        return {
            "modalities": list(self.modalities) if self.modalities is not None else None,
            "article_ids": list(self.article_ids) if self.article_ids is not None else None,
            "sources": sources, "own_voice": own_voice,
            "date_from": self.date_from, "date_to": self.date_to,
            "min_support": max(1, int(self.min_support)),
            "contested_only": bool(self.contested_only),
            "relation_types": list(RELATION_TYPES),
        }


def _actor_node(row: dict) -> Node:
    return Node(id=row["id"], group="actor", kind=row.get("kind") or "state",
                label=row.get("name") or row["id"], degree=row.get("degree") or 0)


def _event_node(row: dict) -> Node:
    return Node(id=row["id"], group="event", kind=row.get("kind") or "event",
                label=row.get("title") or row["id"], degree=row.get("degree") or 0,
                modality=row.get("modality"), goldstein=row.get("goldstein"),
                date=row.get("date"), evidence_count=row.get("evidence_count") or 0,
                contested=bool(row.get("contested")), gdelt=bool(row.get("gdelt")))


def _place_node(row: dict) -> Node:
    return Node(id=row["id"], group="place", kind="place", label=row.get("name") or row["id"],
                degree=row.get("degree") or 0, lat=row.get("lat"), lon=row.get("lon"))


def _asset_node(row: dict) -> Node:
    return Node(id=row["id"], group="asset", kind="asset", label=row.get("name") or row["id"],
                degree=row.get("degree") or 0)


def _role(value: object) -> str | None:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v) or None
    return str(value) if value else None


def _relation_link(row: dict) -> Link:
    return Link(id=row["id"] or link_id(row["source"], row["type"], row["target"]),
                source=row["source"], target=row["target"], type=row["type"],
                modality=row.get("modality"), evidence_count=row.get("evidence_count") or 1,
                contested=bool(row.get("contested")))


def _add_actor(fragment: Fragment, row: dict) -> str:
    """The actor of `row` added to the fragment, its id. An actor the fragment would not take
    is not built: a view's hub actors take part in hundreds of its events."""
    if fragment.takes(row["id"], row.get("degree") or 0):
        fragment.add_node(_actor_node(row))
    return row["id"]


def add_event_row(fragment: Fragment, row: dict) -> None:
    """An event with its participants, targets, places, assets and predecessors."""
    event = _event_node(row["event"])
    fragment.add_node(event)
    facts = {"modality": event.modality, "evidence_count": event.evidence_count,
             "goldstein": event.goldstein}
    for p in row.get("participants") or []:
        actor_id = _add_actor(fragment, p["actor"])
        fragment.add_link(Link(id=link_id(actor_id, "PARTICIPATED_IN", event.id),
                               source=actor_id, target=event.id, type="PARTICIPATED_IN",
                               role=_role(p.get("role")), **facts))
    for t in row.get("targets") or []:
        actor_id = _add_actor(fragment, t)
        fragment.add_link(Link(id=link_id(event.id, "DIRECTED_AT", actor_id), source=event.id,
                               target=actor_id, type="DIRECTED_AT", **facts))
    for pl in row.get("places") or []:
        place = _place_node(pl)
        fragment.add_node(place)
        fragment.add_link(Link(id=link_id(event.id, "AT", place.id), source=event.id,
                               target=place.id, type="AT", **facts))
    for a in row.get("assets") or []:
        asset = _asset_node(a)
        fragment.add_node(asset)
        fragment.add_link(Link(id=link_id(event.id, "USED", asset.id), source=event.id,
                               target=asset.id, type="USED", **facts))
    for prev in row.get("follows") or []:
        fragment.add_link(Link(id=link_id(event.id, "FOLLOWS", prev), source=event.id,
                               target=prev, type="FOLLOWS", **facts))


def _relation_notice(limit: int) -> str:
    return (f"More than {limit:,} relations among the view's actors: it keeps the {limit:,} "
            "most supported, those with the most supporting articles (ACTORGRAPH_ELEMENT_CAP).")


def _seed_notice(what: str, limit: int, order: str) -> str:
    return (f"More than {limit:,} {what} match: the view starts from the {limit:,} {order} "
            "(ACTORGRAPH_INITIAL_NODE_LIMIT).")


def view_fragment(db: Database, view: str, filters: FactFilters, seed_limit: int,
                  relation_limit: int = RELATIONS_AMONG_MAX) -> Fragment:
    """The facts of one view (before projection and caps), from its named query. The
    `alliances` and `everything` views keep at most `relation_limit` relations among their
    actors, the most supported (the explorer passes its element cap: more could not be
    drawn)."""
    params = filters.params() | {"seed_limit": seed_limit}
    fragment = Fragment()
    if view == "alliances":
        rows, events = side_by_side(
            lambda: db.read_maps(ALLIANCE_ACTORS, relation_limit=relation_limit, **params),
            lambda: db.read_maps(ALLIANCE_EVENTS, event_limit=seed_limit * 2, **params),
            "alliance-events")
        row, event_rows = rows[0], events[0]["events"]
        actors = row["actors"]
        if len(actors) > seed_limit:
            actors = actors[:seed_limit]
            fragment.truncated = True
            fragment.notices.append(_seed_notice(
                "actors", seed_limit, "most reported, those named by the most articles"))
        seed_ids = {a["id"] for a in actors}
        for a in actors:
            fragment.add_node(_actor_node(a))
        relations = row["relations"]
        if len(relations) > relation_limit:
            relations = relations[:relation_limit]
            fragment.truncated = True
            fragment.notices.append(_relation_notice(relation_limit))
        for r in relations:
            fragment.add_link(_relation_link(r))
        for event_row in event_rows:
            event_row = dict(event_row)
            event_row["participants"] = [p for p in event_row["participants"]
                                         if p["actor"]["id"] in seed_ids]
            event_row["targets"] = [t for t in event_row["targets"] if t["id"] in seed_ids]
            add_event_row(fragment, event_row)
        return fragment
    relations: list[dict] = []
    if view == "everything":  # the relations among the events' actors, found beside them
        rows, among = side_by_side(
            lambda: db.read_maps(EVENTS_VIEW, **params),
            lambda: db.read_maps(EVENT_ACTOR_RELATIONS, relation_limit=relation_limit,
                                 **params),
            "everything-relations")
        relations = among[0]["relations"]
    else:
        rows = db.read_maps(EVENTS_VIEW, **params)
    if len(rows) > seed_limit:
        rows = rows[:seed_limit]
        fragment.truncated = True
        fragment.notices.append(_seed_notice(
            "events", seed_limit, "most reported, those with the most supporting articles"))
    for row in rows:
        add_event_row(fragment, row)
    if view == "everything":
        if len(relations) > relation_limit:
            relations = relations[:relation_limit]
            fragment.truncated = True
            fragment.notices.append(_relation_notice(relation_limit))
        for relation in relations:
            fragment.add_link(_relation_link(relation))
    return fragment


def expansion(db: Database, node_id: str, filters: FactFilters, limit: int,
              known_actor_ids: list[str], *, exclude: Iterable[str] = (),
              view: str = "everything", scan_limit: int = EXPAND_SCAN_DEFAULT) -> Fragment:
    """A node and at most `limit` of its neighbours that `view` draws and `exclude` does not
    hold (the explorer passes what is on screen, so that the limit is spent on new nodes),
    the most connected of at most `scan_limit` links read; says so when a cap cut some off."""
    params = filters.params() | {"id": node_id, "limit": limit, "scan_limit": scan_limit,
                                 "exclude": sorted(set(exclude) - {node_id})}
    rows = db.read_maps(EXPANSION_QUERIES.get(view, EXPANSION), **params)
    fragment = Fragment()
    if not rows:
        return fragment
    row = rows[0]
    _add_neighbourhood(fragment, row)
    if row["links_read"] >= scan_limit:
        fragment.truncated = True
        fragment.notices.append(
            f"{row['center']} has more than {scan_limit:,} links: the expansion read the "
            f"first {scan_limit:,} Neo4j holds (ACTORGRAPH_EXPAND_SCAN) and added the "
            f"{min(limit, row['found']):,} most connected of their nodes "
            "(ACTORGRAPH_EXPAND_LIMIT).")
    elif row["found"] > limit:
        fragment.truncated = True
        fragment.notices.append(
            f"{row['center']} has more than {limit:,} neighbours not shown yet: the expansion "
            f"added the {limit:,} most connected (ACTORGRAPH_EXPAND_LIMIT).")
    # The relations of an expanded actor, in the views that draw them (not the events view).
    draws_relations = bool(set(EXPANSION_LINK_TYPES.get(view, FACT_LINK_TYPES))
                           & set(RELATION_TYPES))
    if draws_relations and any(n.id == node_id and n.group == "actor"
                               for n in fragment.nodes.values()):
        actor_ids = sorted({n.id for n in fragment.nodes.values() if n.group == "actor"}
                           | set(known_actor_ids))
        for relation in db.read_maps(EXPANSION_RELATIONS, ids=actor_ids,
                                     **params)[0]["relations"]:
            fragment.add_link(_relation_link(relation))
    return fragment


def _add_neighbourhood(fragment: Fragment, row: dict) -> None:
    """The actors, places, assets and events of one expansion or context row."""
    for a in row["actors"]:
        fragment.add_node(_actor_node(a))
    for p in row["places"]:
        fragment.add_node(_place_node(p))
    for a in row["assets"]:
        fragment.add_node(_asset_node(a))
    for event_row in row["events"]:
        add_event_row(fragment, event_row)


def nodes_with_context(db: Database, ids: list[str]) -> Fragment:
    """The given nodes (events with participants, targets, places) and relations among them."""
    fragment = Fragment()
    rows = db.read_maps(NODES_WITH_CONTEXT, ids=ids)
    if not rows:
        return fragment
    row = rows[0]
    _add_neighbourhood(fragment, row)
    actor_ids = sorted(n.id for n in fragment.nodes.values() if n.group == "actor")
    for relation in db.read_maps(RELATIONS_AMONG, ids=actor_ids,
                                 relation_limit=RELATIONS_AMONG_MAX,
                                 **FactFilters().params())[0]["relations"]:
        fragment.add_link(_relation_link(relation))
    return fragment


def shortest_paths(db: Database, source: str, target: str, limit: int = 10) -> list[list[str]]:
    rows = db.read_maps(SHORTEST_PATHS, source=source, target=target, limit=limit,
                   link_types=list(FACT_LINK_TYPES))
    return [row["ids"] for row in rows]


def sources(db: Database, limit: int = 200) -> list[dict]:
    return db.read_maps(SOURCES, limit=limit)


def event_date_range(db: Database) -> tuple[str | None, str | None]:
    row = db.read_maps(EVENT_DATE_RANGE)[0]
    return row["first"], row["last"]


def search_entries(db: Database, limit: int = 50_000) -> list[dict]:
    """Every actor and place (at most `limit`), most connected first."""
    rows = db.read_maps(SEARCH_ENTRIES, limit=limit)
    return [dict(zip(SEARCH_FIELDS, entry, strict=True)) for entry in rows[0]["entries"]]


def search_candidates(db: Database, query: str, limit: int) -> list[dict] | None:
    """The actors and places matching the full-text `query`, the best `limit` by score; None
    when the store has no `name_search` index yet (no release since it came has written to
    it: the first write creates it)."""
    try:
        rows = db.read_maps(SEARCH_CANDIDATES, index=NAME_SEARCH_INDEX, search=query,
                            limit=limit)
    except neo4j.exceptions.ClientError as e:
        if "no such fulltext schema index" in (e.message or "").lower():
            return None
        raise
    return [dict(zip(SEARCH_FIELDS, entry, strict=True)) for entry in rows[0]["entries"]]


def node_details(db: Database, node_id: str) -> dict | None:
    rows = db.read_maps(NODE_DETAILS, id=node_id)
    if not rows:
        return None
    return {"props": rows[0]["props"], "labels": rows[0]["labels"]}


def relation_details(db: Database, relation_id: str) -> dict | None:
    rows = db.read_maps(RELATION_BY_ID, id=relation_id, relation_types=list(RELATION_TYPES))
    return rows[0] if rows else None


def facts_of_actor(db: Database, actor_id: str, limit: int = 25) -> list[dict]:
    return db.read_maps(FACTS_OF_ACTOR, id=actor_id, limit=limit)


def claims_of_facts(db: Database, fact_ids: list[str], article_ids: list[str] | None,
                    limit: int = 200) -> tuple[list[dict], dict[str, dict]]:
    """The first `limit` claims behind the facts (article by article, `CLAIMS_OF_FACTS`), and
    their articles by id: title, outlet, published, url and text."""
    rows = db.read_maps(CLAIMS_OF_FACTS, fact_ids=fact_ids, article_ids=article_ids, limit=limit)
    return ([claim for row in rows for claim in row["claims"]],
            {row["article"]["id"]: row["article"] for row in rows})


def unidentified_of_event(db: Database, event_id: str, article_ids: list[str] | None,
                          limit: int = 50) -> list[dict]:
    """Who the event's claims name by role only: role, words, code, name, claims."""
    return db.read_maps(UNIDENTIFIED_OF_EVENT, id=event_id, article_ids=article_ids, limit=limit)


def ping(db: Database) -> None:
    """Raises DatabaseUnavailable at once when Neo4j does not answer: one try, no retries
    (unlike `Database.read`, which retries for seconds), so the outage banner appears
    promptly."""
    with translated_driver_errors(db.conn), db.driver.session(database=db.name) as session:
        session.run(PING).consume()
