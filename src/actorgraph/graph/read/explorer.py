"""Named, parameterised read queries behind the explorer. All values are $parameters.

Each view has one query (`VIEW_QUERIES`); `expansion`, `shortest_paths`, `node_details`,
`edge_details`, `search_entries`, `articles`, `sources` and `ping` serve the rest of the page.
Every fact filter is in every query as `$param IS NULL OR ...`, so one query text serves all
filter combinations and Neo4j plans it once. Results come back as `elements.Fragment`s.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from actorgraph.graph.connection import Database, translated_driver_errors
from actorgraph.records import RELATION_TYPES
from actorgraph.view.elements import Fragment, Link, Node, link_id

FACT_LINK_TYPES: tuple[str, ...] = (
    *RELATION_TYPES, "PARTICIPATED_IN", "DIRECTED_AT", "AT", "USED", "FOLLOWS")
RELATION_PATTERN = "|".join(RELATION_TYPES)
"""The actor-actor relationship types as a pattern (`-[r:ALLIED_WITH|...]->`): Neo4j then
follows only those, not every link of a hub actor (thousands of PARTICIPATED_IN)."""
RELATIONS_AMONG_MAX = 100_000
"""`RELATIONS_AMONG`'s limit where nothing caps what is drawn (a path's few nodes)."""
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


def _support_filter(f: str) -> str:
    """Modality, article, support and source conditions for the fact in variable `f`.

    The article and source conditions are `CASE`s, not `$x IS NULL OR ...`: Neo4j then
    evaluates the list comprehension and the claim lookups (index seeks, once per fact) only
    when that filter is set, instead of for every fact a hub actor's expansion reads."""
    return (
        f"($modalities IS NULL OR {f}.modality IN $modalities) "
        f"AND (NOT $contested_only OR {f}.contested = true) "
        f"AND CASE WHEN $article_ids IS NULL THEN size(coalesce({f}.articles, [])) "
        f"  ELSE size([x IN coalesce({f}.articles, []) WHERE x IN $article_ids]) "
        f"  END >= $min_support "
        f"AND CASE WHEN $sources IS NULL THEN true "
        f"  ELSE EXISTS {{ MATCH (c:Claim {{fact_id: {f}.id}})-[:ATTRIBUTED_TO]->(s) "
        f"              WHERE s.id IN $sources "
        f"                AND ($article_ids IS NULL OR c.article_id IN $article_ids) }} "
        f"  OR ($own_voice AND EXISTS {{ MATCH (c:Claim {{fact_id: {f}.id}}) "
        f"              WHERE NOT (c)-[:ATTRIBUTED_TO]->() "
        f"                AND ($article_ids IS NULL OR c.article_id IN $article_ids) }}) "
        f"  END "
    )


def _event_filter(e: str) -> str:
    """`_support_filter` plus the event date range: the event's span overlaps the range."""
    start = (f"CASE size({e}.date) WHEN 4 THEN {e}.date + '-01-01' "
             f"WHEN 7 THEN {e}.date + '-01' ELSE {e}.date END")
    end = (f"CASE size({e}.date) WHEN 4 THEN {e}.date + '-12-31' "
           f"WHEN 7 THEN {e}.date + '-31' ELSE {e}.date END")
    return (
        _support_filter(e)
        + f"AND ($date_from IS NULL OR ({e}.date IS NOT NULL AND {end} >= $date_from)) "
        + f"AND ($date_to IS NULL OR ({e}.date IS NOT NULL AND {start} <= $date_to)) "
    )


_ACTOR = "{.id, .name, .kind, group: 'actor', degree: COUNT { (%s)--() }}"
_EVENT = ("{.id, .kind, .title, .date, .modality, .goldstein, .evidence_count, .contested, "
          "gdelt: %s.gdelt_ids IS NOT NULL, group: 'event', degree: COUNT { (%s)--() }}")
_PLACE = "{.id, .name, .lat, .lon, group: 'place', kind: 'place', degree: COUNT { (%s)--() }}"
_ASSET = "{.id, .name, group: 'asset', kind: 'asset', degree: COUNT { (%s)--() }}"
_RELATION = ("{.id, .modality, .evidence_count, .contested, type: type(%s), "
             "source: startNode(%s).id, target: endNode(%s).id}")


_ACTOR_BRIEF = "{.id, .name, .kind, group: 'actor'}"


def _event_context(e: str, actor_map: str = _ACTOR) -> str:
    """Subqueries giving event `e`'s participants, targets, places, assets and predecessors.
    `actor_map` without a degree where the actors are known already (the alliance seeds)."""
    return f"""
CALL ({e}) {{
  OPTIONAL MATCH (a:Actor)-[p:PARTICIPATED_IN]->({e})
  RETURN collect(CASE WHEN a IS NULL THEN NULL
                 ELSE {{actor: a {actor_map % 'a' if '%' in actor_map else actor_map},
                        role: p.role}} END) AS participants
}}
CALL ({e}) {{
  OPTIONAL MATCH ({e})-[:DIRECTED_AT]->(t:Actor)
  RETURN collect(t {actor_map % 't' if '%' in actor_map else actor_map}) AS targets
}}
CALL ({e}) {{
  OPTIONAL MATCH ({e})-[:AT]->(pl:Place)
  RETURN collect(pl {_PLACE % 'pl'}) AS places
}}
CALL ({e}) {{
  OPTIONAL MATCH ({e})-[:USED]->(s:Asset)
  RETURN collect(s {_ASSET % 's'}) AS assets
}}
CALL ({e}) {{
  OPTIONAL MATCH ({e})-[:FOLLOWS]->(prev:Event)
  RETURN collect(prev.id) AS follows
}}"""


ALLIANCES_VIEW = f"""
MATCH (a:Actor)
WITH a, COUNT {{ (a)--() }} AS degree
ORDER BY degree DESC, a.id
LIMIT $seed_limit + 1
WITH collect(a) AS seeds
CALL (seeds) {{
  UNWIND seeds AS a
  MATCH (a)-[r:{RELATION_PATTERN}]->(b:Actor)
  WHERE b IN seeds AND {_support_filter('r')}
  RETURN collect(r {_RELATION % ('r', 'r', 'r')}) AS relations
}}
CALL (seeds) {{
  UNWIND seeds AS a
  MATCH (a)-[:PARTICIPATED_IN]->(e:Event)
  WHERE {_event_filter('e')}
  WITH DISTINCT e
  LIMIT $event_limit
  {_event_context('e', _ACTOR_BRIEF)}
  RETURN collect({{event: e {_EVENT % ('e', 'e')}, participants: participants,
                  targets: targets, places: places, assets: [], follows: []}}) AS events
}}
RETURN [s IN seeds | s {_ACTOR % 's'}] AS actors, relations, events
"""
"""Alliances: the most connected actors, their relations and the events they share."""

EVENTS_VIEW = f"""
MATCH (e:Event)
WHERE e.evidence_count IS NOT NULL AND e.id IS NOT NULL AND {_event_filter('e')}
WITH e
ORDER BY e.evidence_count DESC, e.id DESC
LIMIT $seed_limit + 1
{_event_context('e')}
RETURN e {_EVENT % ('e', 'e')} AS event, participants, targets, places, assets, follows
"""
"""Events: the most reported events (most supporting articles; ties by id, descending) that
pass the filters, with who took part or was targeted. The order is that of the index
`event_evidence` on (evidence_count, id), so Neo4j reads events in it and stops after
$seed_limit + 1 that pass: no sort, no scan of every event unless the filters reject most."""

RELATIONS_AMONG = f"""
UNWIND $ids AS id
MATCH (a:Actor {{id: id}})-[r:{RELATION_PATTERN}]->(b:Actor)
WHERE b.id IN $ids AND {_support_filter('r')}
WITH r ORDER BY coalesce(r.evidence_count, 0) DESC, r.id
LIMIT $relation_limit + 1
RETURN r {_RELATION % ('r', 'r', 'r')} AS relation
"""
"""Actor-actor relations among the given actors (the `everything` view adds them to events):
the most supported first (supporting articles, ties by id), at most $relation_limit + 1, so
that a view whose element cap could not draw them all does not fetch thousands to drop."""

VIEW_QUERIES: dict[str, str] = {
    "alliances": ALLIANCES_VIEW, "events": EVENTS_VIEW, "everything": EVENTS_VIEW,
}

NODE_BY_ID = """
CALL () {
  MATCH (n:Actor {id: $id}) RETURN n
  UNION MATCH (n:Event {id: $id}) RETURN n
  UNION MATCH (n:Place {id: $id}) RETURN n
  UNION MATCH (n:Asset {id: $id}) RETURN n
}
"""

EXPANSION_LINK_TYPES: dict[str, tuple[str, ...]] = {
    "alliances": (*RELATION_TYPES, "PARTICIPATED_IN", "DIRECTED_AT"),
    "events": ("PARTICIPATED_IN", "DIRECTED_AT", "FOLLOWS"),
    "everything": FACT_LINK_TYPES,
}
"""What an expansion follows in each view: only links to neighbours the view draws (the events
view draws no actor-actor relation, so an actor's allies would add nothing visible)."""


def _expansion(link_types: tuple[str, ...]) -> str:
    """The expansion query over `link_types` (one of `EXPANSION_LINK_TYPES`, from the
    allow-lists): the types are named in the pattern, so Neo4j follows only those links; the
    relation filter is there only when relations are."""
    relation_filter = ""
    if set(link_types) & set(RELATION_TYPES):
        relation_filter = f"AND (NOT type(r) IN $relation_types OR ({_support_filter('r')}))"
    return NODE_BY_ID + f"""
WITH n LIMIT 1
CALL (n) {{
  WITH n WHERE NOT n:Event OR ({_event_filter('n')})
  MATCH (n)-[r:{'|'.join(link_types)}]-(m)
  WHERE (m:Actor OR m:Event OR m:Place OR m:Asset)
    AND NOT m.id IN $exclude
    AND (NOT m:Event OR ({_event_filter('m')}))
    {relation_filter}
  WITH DISTINCT m, COUNT {{ (m)--() }} AS degree
  ORDER BY degree DESC, m.id
  LIMIT $limit + 1
  RETURN collect(m) AS neighbours
}}
WITH n, neighbours, [n] + neighbours[..$limit] AS around
UNWIND around AS x
OPTIONAL CALL (x) {{
  WITH x WHERE x:Event
  {_event_context('x')}
  RETURN {{event: x {_EVENT % ('x', 'x')}, participants: participants, targets: targets,
          places: places, assets: assets, follows: follows}} AS event
}}
RETURN n.id AS center, size(neighbours) AS found,
       [y IN around WHERE y:Actor | y {_ACTOR % 'y'}] AS actors,
       [y IN around WHERE y:Place | y {_PLACE % 'y'}] AS places,
       [y IN around WHERE y:Asset | y {_ASSET % 'y'}] AS assets,
       collect(event) AS events
"""


EXPANSION_QUERIES: dict[str, str] = {
    view: _expansion(types) for view, types in EXPANSION_LINK_TYPES.items()}
"""A node's neighbours (most connected first, at most $limit) that the view draws, leaving
out `$exclude` (what is drawn already), events with their context. One text per view."""
EXPANSION = EXPANSION_QUERIES["everything"]

EXPANSION_RELATIONS = f"""
MATCH (a:Actor {{id: $id}})-[r:{RELATION_PATTERN}]-(b:Actor)
WHERE b.id IN $ids AND {_support_filter('r')}
RETURN r {_RELATION % ('r', 'r', 'r')} AS relation
"""

NODES_WITH_CONTEXT = f"""
UNWIND $ids AS id
CALL (id) {{
  MATCH (n:Actor {{id: id}}) RETURN n
  UNION MATCH (n:Event {{id: id}}) RETURN n
  UNION MATCH (n:Place {{id: id}}) RETURN n
  UNION MATCH (n:Asset {{id: id}}) RETURN n
}}
WITH collect(n) AS around
UNWIND around AS x
OPTIONAL CALL (x) {{
  WITH x WHERE x:Event
  {_event_context('x')}
  RETURN {{event: x {_EVENT % ('x', 'x')}, participants: participants, targets: targets,
          places: places, assets: assets, follows: follows}} AS event
}}
RETURN [y IN around WHERE y:Actor | y {_ACTOR % 'y'}] AS actors,
       [y IN around WHERE y:Place | y {_PLACE % 'y'}] AS places,
       [y IN around WHERE y:Asset | y {_ASSET % 'y'}] AS assets,
       collect(event) AS events
"""
"""Given nodes (a path's), events with their context, so every view can draw them."""

SHORTEST_PATHS = f"""
MATCH (a:Actor {{id: $source}}), (b:Actor {{id: $target}})
MATCH p = allShortestPaths((a)-[*..{6}]-(b))
WHERE all(r IN relationships(p) WHERE type(r) IN $link_types)
  AND all(x IN nodes(p) WHERE x:Actor OR x:Event OR x:Place OR x:Asset)
WITH p LIMIT $limit
RETURN [x IN nodes(p) | x.id] AS ids
"""
"""Shortest paths between two actors over facts (not over articles or claims)."""

ARTICLES = """
MATCH (a:Article)
RETURN a.id AS id, a.title AS title, a.outlet AS outlet, a.published AS published,
       a.kind AS kind
ORDER BY a.published, a.id
"""

SOURCES = """
MATCH (c:Claim)-[:ATTRIBUTED_TO]->(s)
WITH s, count(c) AS claims
RETURN s.id AS id, coalesce(s.name, s.id) AS name, claims
ORDER BY claims DESC, name
LIMIT $limit
"""

EVENT_DATE_RANGE = """
MATCH (e:Event) WHERE e.date IS NOT NULL
RETURN min(e.date) AS first, max(e.date) AS last
"""

SEARCH_ENTRIES = """
CALL () {
  MATCH (a:Actor)
  RETURN a.id AS id, 'actor' AS group, a.kind AS kind, a.name AS name, a.name_de AS name_de,
         coalesce(a.aliases, []) AS aliases, COUNT { (a)--() } AS degree
  UNION ALL
  MATCH (p:Place)
  RETURN p.id AS id, 'place' AS group, 'place' AS kind, p.name AS name, p.name_de AS name_de,
         coalesce(p.aliases, []) AS aliases, COUNT { (p)--() } AS degree
}
WITH id, group, kind, name, name_de, aliases, degree
ORDER BY degree DESC, id
LIMIT $limit
RETURN collect([id, group, kind, name, name_de, aliases, degree]) AS entries
"""
"""Actors and places for the search box, most connected first. One record holding every entry
as a list: the degrees (from the degree store) cost Neo4j little; 20,000 separate records cost
the driver over a second to decode, one list about a third of that."""
SEARCH_FIELDS = ("id", "group", "kind", "name", "name_de", "aliases", "degree")

NODE_DETAILS = NODE_BY_ID + """
WITH n LIMIT 1
RETURN n {.*} AS props, labels(n) AS labels
"""

CLAIMS_OF_FACTS = """
UNWIND $fact_ids AS fid
MATCH (c:Claim {fact_id: fid})
WHERE $article_ids IS NULL OR c.article_id IN $article_ids
OPTIONAL MATCH (c)-[at:ATTRIBUTED_TO]->(s)
WITH c, s, at ORDER BY at.position
WITH c, collect(coalesce(s.name, s.id)) AS attributed
MATCH (art:Article {id: c.article_id})
RETURN c.fact_id AS fact_id, c.fact_type AS fact_type, c.modality AS modality,
       c.quotes AS quotes, c.starts AS starts, c.ends AS ends, attributed,
       c.date AS date, c.date_from AS date_from, c.date_to AS date_to, c.place AS place,
       c.place_path AS place_path, art.id AS article_id, art.kind AS article_kind
ORDER BY art.published, art.id, c.fact_id
LIMIT $limit
"""
"""Every claim behind the given facts, with attribution, article by article."""

ARTICLE_TEXTS = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.title AS title, a.outlet AS outlet, a.published AS published,
       a.url AS url, a.text AS text
"""

_FACT_OF_EVENT = ("'event' AS fact_type, e.title AS title, e.modality AS modality, "
                  "coalesce(e.evidence_count, 0) AS support")

FACTS_OF_ACTOR = f"""
MATCH (a:Actor {{id: $id}})
WITH a, COUNT {{ (a)-[:PARTICIPATED_IN]->() }} + COUNT {{ (a)<-[:DIRECTED_AT]-() }} AS links,
     COUNT {{ (:Event) }} AS events
CALL (a, links, events) {{
  MATCH (a)-[r:{RELATION_PATTERN}]-(:Actor)
  WITH r ORDER BY coalesce(r.evidence_count, 0) DESC, r.id DESC LIMIT $limit
  RETURN r.id AS fact_id, 'relation' AS fact_type,
         startNode(r).name + ' ' + toLower(replace(type(r), '_', ' ')) + ' ' + endNode(r).name
           AS title, r.modality AS modality, coalesce(r.evidence_count, 0) AS support
  UNION ALL
  WITH a, links, events WHERE links * links <= 4 * events * $limit
  CALL (a) {{
    MATCH (a)-[:PARTICIPATED_IN]->(e:Event) RETURN e
    UNION
    MATCH (e:Event)-[:DIRECTED_AT]->(a) RETURN e
  }}
  WITH e ORDER BY coalesce(e.evidence_count, 0) DESC, e.id DESC LIMIT $limit
  RETURN e.id AS fact_id, {_FACT_OF_EVENT}
  UNION ALL
  WITH a, links, events WHERE links * links > 4 * events * $limit
  CALL (a) {{
    MATCH (e:Event)
    WHERE e.evidence_count IS NOT NULL AND e.id IS NOT NULL
      AND (EXISTS {{ (a)-[:PARTICIPATED_IN]->(e) }} OR EXISTS {{ (e)-[:DIRECTED_AT]->(a) }})
    WITH e ORDER BY e.evidence_count DESC, e.id DESC LIMIT $limit
    RETURN e
  }}
  RETURN e.id AS fact_id, {_FACT_OF_EVENT}
}}
RETURN fact_id, fact_type, title, modality, support
ORDER BY support DESC, fact_id DESC
LIMIT $limit
"""
"""The facts an actor takes part in, at most $limit: its actor-actor relations and the events
it took part in or was the target of, the most supported first (supporting articles; a
missing count is 0; ties by id, descending, as in the events view).

Bounded for hub actors: the relations are sorted by themselves (an actor has far fewer of
them than events) and only their top $limit are given titles. The events come one of two ways,
with the same result: an actor with few events reads them all and sorts them; one with many
(links² > 4 · events · $limit, from the degree and count stores: USA in GDELT) reads events in
the order of the index `event_evidence` and keeps the first $limit it is linked to, about
events / links · $limit index entries instead of all its links. Unless a hub's events are
reported far less than others, either way reads at most about √(4 · events · $limit) events
(some 4,500 among 200,000 events) instead of tens of thousands."""

RELATION_BY_ID = """
MATCH (a:Actor)-[r]->(b:Actor)
WHERE type(r) IN $relation_types AND r.id = $id
RETURN r {.*, type: type(r)} AS props, a.name AS source, b.name AS target
LIMIT 1
"""

PING = "RETURN 1 AS ok"


# -- running them ----------------------------------------------------------------------------

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


def add_event_row(fragment: Fragment, row: dict) -> None:
    """An event with its participants, targets, places, assets and predecessors."""
    event = _event_node(row["event"])
    fragment.add_node(event)
    facts = {"modality": event.modality, "evidence_count": event.evidence_count,
             "goldstein": event.goldstein}
    for p in row.get("participants") or []:
        actor = _actor_node(p["actor"])
        fragment.add_node(actor)
        fragment.add_link(Link(id=link_id(actor.id, "PARTICIPATED_IN", event.id),
                               source=actor.id, target=event.id, type="PARTICIPATED_IN",
                               role=_role(p.get("role")), **facts))
    for t in row.get("targets") or []:
        actor = _actor_node(t)
        fragment.add_node(actor)
        fragment.add_link(Link(id=link_id(event.id, "DIRECTED_AT", actor.id), source=event.id,
                               target=actor.id, type="DIRECTED_AT", **facts))
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


def _seed_notice(what: str, limit: int, order: str) -> str:
    return (f"More than {limit:,} {what} match: the view starts from the {limit:,} {order} "
            "(ACTORGRAPH_INITIAL_NODE_LIMIT).")


def view_fragment(db: Database, view: str, filters: FactFilters, seed_limit: int,
                  relation_limit: int = RELATIONS_AMONG_MAX) -> Fragment:
    """The facts of one view (before projection and caps), from its named query. The
    `everything` view adds at most `relation_limit` relations among its actors, the most
    supported (the explorer passes its element cap: more could not be drawn)."""
    params = filters.params() | {"seed_limit": seed_limit}
    fragment = Fragment()
    if view == "alliances":
        row = db.read(ALLIANCES_VIEW, event_limit=seed_limit * 2, **params)[0]
        actors = row["actors"]
        if len(actors) > seed_limit:
            actors = actors[:seed_limit]
            fragment.truncated = True
            fragment.notices.append(_seed_notice("actors", seed_limit, "most connected"))
        seed_ids = {a["id"] for a in actors}
        for a in actors:
            fragment.add_node(_actor_node(a))
        for r in row["relations"]:
            if r["source"] in seed_ids and r["target"] in seed_ids:
                fragment.add_link(_relation_link(r))
        for event_row in row["events"]:
            event_row = dict(event_row)
            event_row["participants"] = [p for p in event_row["participants"]
                                         if p["actor"]["id"] in seed_ids]
            event_row["targets"] = [t for t in event_row["targets"] if t["id"] in seed_ids]
            add_event_row(fragment, event_row)
        return fragment
    rows = db.read(EVENTS_VIEW, **params)
    if len(rows) > seed_limit:
        rows = rows[:seed_limit]
        fragment.truncated = True
        fragment.notices.append(_seed_notice(
            "events", seed_limit, "most reported, those with the most supporting articles"))
    for row in rows:
        add_event_row(fragment, row)
    if view == "everything":
        ids = sorted(n.id for n in fragment.nodes.values() if n.group == "actor")
        rows = db.read(RELATIONS_AMONG, ids=ids, relation_limit=relation_limit, **params)
        if len(rows) > relation_limit:
            rows = rows[:relation_limit]
            fragment.truncated = True
            fragment.notices.append(
                f"More than {relation_limit:,} relations among the view's actors: it keeps "
                f"the {relation_limit:,} most supported, those with the most supporting "
                "articles (ACTORGRAPH_ELEMENT_CAP).")
        for row in rows:
            fragment.add_link(_relation_link(row["relation"]))
    return fragment


def expansion(db: Database, node_id: str, filters: FactFilters, limit: int,
              known_actor_ids: list[str], *, exclude: Iterable[str] = (),
              view: str = "everything") -> Fragment:
    """A node and at most `limit` of its neighbours that `view` draws and `exclude` does not
    hold (the explorer passes what is on screen, so that the limit is spent on new nodes);
    says so when the cap cut some off."""
    params = filters.params() | {"id": node_id, "limit": limit,
                                 "exclude": sorted(set(exclude) - {node_id})}
    rows = db.read(EXPANSION_QUERIES.get(view, EXPANSION), **params)
    fragment = Fragment()
    if not rows:
        return fragment
    row = rows[0]
    for a in row["actors"]:
        fragment.add_node(_actor_node(a))
    for p in row["places"]:
        fragment.add_node(_place_node(p))
    for a in row["assets"]:
        fragment.add_node(_asset_node(a))
    for event_row in row["events"]:
        add_event_row(fragment, event_row)
    if row["found"] > limit:
        fragment.truncated = True
        fragment.notices.append(
            f"{row['center']} has more than {limit:,} neighbours not shown yet: the expansion "
            f"added the {limit:,} most connected (ACTORGRAPH_EXPAND_LIMIT).")
    actor_ids = sorted({n.id for n in fragment.nodes.values() if n.group == "actor"}
                       | set(known_actor_ids))
    if any(n.id == node_id and n.group == "actor" for n in fragment.nodes.values()):
        for rel in db.read(EXPANSION_RELATIONS, ids=actor_ids, **params):
            fragment.add_link(_relation_link(rel["relation"]))
    return fragment


def nodes_with_context(db: Database, ids: list[str]) -> Fragment:
    """The given nodes (events with participants, targets, places) and relations among them."""
    fragment = Fragment()
    rows = db.read(NODES_WITH_CONTEXT, ids=ids)
    if not rows:
        return fragment
    row = rows[0]
    for a in row["actors"]:
        fragment.add_node(_actor_node(a))
    for p in row["places"]:
        fragment.add_node(_place_node(p))
    for a in row["assets"]:
        fragment.add_node(_asset_node(a))
    for event_row in row["events"]:
        add_event_row(fragment, event_row)
    actor_ids = sorted(n.id for n in fragment.nodes.values() if n.group == "actor")
    for rel in db.read(RELATIONS_AMONG, ids=actor_ids, relation_limit=RELATIONS_AMONG_MAX,
                       **FactFilters().params()):
        fragment.add_link(_relation_link(rel["relation"]))
    return fragment


def shortest_paths(db: Database, source: str, target: str, limit: int = 10) -> list[list[str]]:
    rows = db.read(SHORTEST_PATHS, source=source, target=target, limit=limit,
                   link_types=list(FACT_LINK_TYPES))
    return [row["ids"] for row in rows]


def articles(db: Database) -> list[dict]:
    return db.read(ARTICLES)


def sources(db: Database, limit: int = 200) -> list[dict]:
    return db.read(SOURCES, limit=limit)


def event_date_range(db: Database) -> tuple[str | None, str | None]:
    row = db.read(EVENT_DATE_RANGE)[0]
    return row["first"], row["last"]


def search_entries(db: Database, limit: int = 50_000) -> list[dict]:
    rows = db.read(SEARCH_ENTRIES, limit=limit)
    return [dict(zip(SEARCH_FIELDS, entry, strict=True)) for entry in rows[0]["entries"]]


def node_details(db: Database, node_id: str) -> dict | None:
    rows = db.read(NODE_DETAILS, id=node_id)
    if not rows:
        return None
    return {"props": rows[0]["props"], "labels": rows[0]["labels"]}


def relation_details(db: Database, relation_id: str) -> dict | None:
    rows = db.read(RELATION_BY_ID, id=relation_id, relation_types=list(RELATION_TYPES))
    return rows[0] if rows else None


def facts_of_actor(db: Database, actor_id: str, limit: int = 25) -> list[dict]:
    return db.read(FACTS_OF_ACTOR, id=actor_id, limit=limit)


def claims_of_facts(db: Database, fact_ids: list[str], article_ids: list[str] | None,
                    limit: int = 200) -> list[dict]:
    return db.read(CLAIMS_OF_FACTS, fact_ids=fact_ids, article_ids=article_ids, limit=limit)


def article_texts(db: Database, ids: list[str]) -> dict[str, dict]:
    return {row["id"]: row for row in db.read(ARTICLE_TEXTS, ids=ids)}


def ping(db: Database) -> None:
    """Raises DatabaseUnavailable at once when Neo4j does not answer: one try, no retries
    (unlike `Database.read`, which retries for seconds), so the outage banner appears
    promptly."""
    with translated_driver_errors(db.conn), db.driver.session(database=db.name) as session:
        session.run(PING).consume()
