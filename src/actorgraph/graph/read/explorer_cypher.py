"""The Cypher text of the explorer's graph: its views, expansions and paths.

The Alliances and Everything views each have two queries that run side by side
(`ALLIANCE_ACTORS` and `ALLIANCE_EVENTS`; `EVENTS_VIEW` and `EVENT_ACTOR_RELATIONS`), the
Events view one (`EVENTS_VIEW`); `EXPANSION_QUERIES` (one per view),
`EXPANSION_RELATIONS`, `RELATIONS_AMONG`, `NODES_WITH_CONTEXT` and `SHORTEST_PATHS` serve the
rest of the graph. All values are $parameters. Every fact filter is in every query as
`$param IS NULL OR ...`, so one query text serves all filter combinations and Neo4j plans it
once; `explorer.FactFilters.params` gives the filter parameters.
"""

from __future__ import annotations

from actorgraph.records import RELATION_TYPES

FACT_LINK_TYPES: tuple[str, ...] = (
    *RELATION_TYPES, "PARTICIPATED_IN", "DIRECTED_AT", "AT", "USED", "FOLLOWS")
RELATION_PATTERN = "|".join(RELATION_TYPES)
"""The actor-actor relationship types as a pattern (`-[r:ALLIED_WITH|...]->`): Neo4j then
follows only those, not every link of a hub actor (thousands of PARTICIPATED_IN)."""


def _support_filter(f: str) -> str:
    """Modality, article, support and source conditions for the fact in variable `f`.

    Support is the fact's `evidence_count`, or with an article filter its claims from those
    articles. The article and source conditions are `CASE`s, not `$x IS NULL OR ...`: Neo4j
    then runs the claim lookups (index seeks, once per fact) only when that filter is set,
    instead of for every fact a hub actor's expansion reads."""
    return (
        f"($modalities IS NULL OR {f}.modality IN $modalities) "
        f"AND (NOT $contested_only OR {f}.contested = true) "
        f"AND CASE WHEN $article_ids IS NULL THEN coalesce({f}.evidence_count, 0) "
        f"  ELSE COUNT {{ MATCH (c:Claim {{fact_id: {f}.id}}) "
        f"              WHERE c.article_id IN $article_ids }} "
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


def _event_context(e: str, actor_map: str = _ACTOR, *, assets_and_follows: bool = True) -> str:
    """Subqueries giving event `e`'s participants, targets, places, assets and predecessors.
    `actor_map` without a degree where the actors are known already (the alliance seeds);
    without assets and predecessors where the view draws neither (Alliances)."""
    context = f"""
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
}}"""
    if not assets_and_follows:
        return context
    return context + f"""
CALL ({e}) {{
  OPTIONAL MATCH ({e})-[:USED]->(s:Asset)
  RETURN collect(s {_ASSET % 's'}) AS assets
}}
CALL ({e}) {{
  OPTIONAL MATCH ({e})-[:FOLLOWS]->(prev:Event)
  RETURN collect(prev.id) AS follows
}}"""


def _relations_among(nodes: str) -> str:
    """A subquery giving `relations`: the relations among the actor nodes in list `nodes`
    that pass the filters, the most supported first (ties by id), at most
    $relation_limit + 1. The far end is checked against the node list (`b IN nodes`: node
    identity, no property read)."""
    return f"""CALL ({nodes}) {{
  UNWIND {nodes} AS a
  MATCH (a)-[r:{RELATION_PATTERN}]->(b:Actor)
  WHERE b IN {nodes} AND {_support_filter('r')}
  WITH r ORDER BY coalesce(r.evidence_count, 0) DESC, r.id
  LIMIT $relation_limit + 1
  RETURN collect(r {_RELATION % ('r', 'r', 'r')}) AS relations
}}"""


_ALLIANCE_SEEDS = """
MATCH (a:Actor)
WHERE a.evidence_count IS NOT NULL AND a.id IS NOT NULL
WITH a
ORDER BY a.evidence_count DESC, a.id DESC
LIMIT $seed_limit + 1
WITH collect(a) AS seeds
WITH seeds, seeds[..$seed_limit] AS shown
"""
"""The Alliances view's actors: the most reported (named by the most articles; ties by id,
descending), in the order of the index `actor_evidence` on (evidence_count, id): Neo4j reads
actors in it and stops after $seed_limit + 1, with no sort and no scan of every actor. The
extra seed only tells that there were more actors."""

ALLIANCE_ACTORS = f"""{_ALLIANCE_SEEDS}
{_relations_among("shown")}
RETURN [s IN seeds | s {_ACTOR % 's'}] AS actors, relations
"""
"""Alliances, first half: the actors and the relations among them (the most supported first,
at most $relation_limit + 1: as in `RELATIONS_AMONG`, a view whose element cap could not draw
them all does not fetch thousands to drop). "b is shown" is asked of the list of seed nodes
(`b IN shown`), which compares node ids and reads no property: on the benchmark's 1M
relationships (16,942 relations of the seeds read) the view, then one query, took 77 ms in
Neo4j against 148 ms when it compared b's `evidence_count` and `id` with the last seed's
(and 120 ms with `b.id IN` a list of ids)."""

ALLIANCE_EVENTS = f"""{_ALLIANCE_SEEDS}
CALL (shown) {{
  UNWIND shown AS a
  MATCH (a)-[:PARTICIPATED_IN]->(e:Event)
  WHERE {_event_filter('e')}
  WITH DISTINCT e
  LIMIT $event_limit
  {_event_context('e', _ACTOR_BRIEF, assets_and_follows=False)}
  RETURN collect({{event: e {_EVENT % ('e', 'e')}, participants: participants,
                  targets: targets, places: places, assets: [], follows: []}}) AS events
}}
RETURN events
"""
"""Alliances, second half: the events the same actors took part in (at most $event_limit),
with their participants, targets and places (the view draws no assets or predecessors).
The two halves share no result but the seeds, which each reads from the index (301 rows), so
`view_fragment` runs them at the same time, one per core: on the benchmark's graph 37 and
46 ms alone, 51-55 ms together against 65-76 ms as one query."""


def _event_seeds(limit: str) -> str:
    """The most reported events that pass the filters, at most `limit` (a Cypher expression),
    read in the order of the index `event_evidence`."""
    return f"""
MATCH (e:Event)
WHERE e.evidence_count IS NOT NULL AND e.id IS NOT NULL AND {_event_filter('e')}
WITH e
ORDER BY e.evidence_count DESC, e.id DESC
LIMIT {limit}"""


EVENTS_VIEW = f"""{_event_seeds("$seed_limit + 1")}
{_event_context('e')}
RETURN e {_EVENT % ('e', 'e')} AS event, participants, targets, places, assets, follows
"""
"""Events: the most reported events (most supporting articles; ties by id, descending) that
pass the filters, with who took part or was targeted. The order is that of the index
`event_evidence` on (evidence_count, id), so Neo4j reads events in it and stops after
$seed_limit + 1 that pass: no sort, no scan of every event unless the filters reject most."""

EVENT_ACTOR_RELATIONS = f"""{_event_seeds("$seed_limit")}
CALL (e) {{
  MATCH (a:Actor)-[:PARTICIPATED_IN]->(e) RETURN a
  UNION
  MATCH (e)-[:DIRECTED_AT]->(a:Actor) RETURN a
}}
WITH collect(DISTINCT a) AS actors
{_relations_among("actors")}
RETURN relations
"""
"""The Everything view's relations: those among the participants and targets of the events
`EVENTS_VIEW` starts from (its first $seed_limit), as `RELATIONS_AMONG` gives them for those
actors' ids. It finds the events again itself, so that it needs no result of `EVENTS_VIEW`
and runs beside it, on the second core: on the benchmark's graph (927 actors, 16,649 of their
relations read) the two side by side took 59 ms at p50 against 78-85 ms one after the other,
with the same relations for ten date filters."""

RELATIONS_AMONG = f"""
UNWIND $ids AS id
MATCH (a:Actor {{id: id}})
WITH collect(a) AS actors
{_relations_among("actors")}
RETURN relations
"""
"""Actor-actor relations among the given actors (the `everything` view adds them to events):
the most supported first (supporting articles, ties by id), at most $relation_limit + 1, so
that a view whose element cap could not draw them all does not fetch thousands to drop.
The far end is checked against the list of actor nodes, not `b.id IN $ids` (no property
read), and the relations come as one list in one record: for the Everything view's 927
actors on the benchmark's graph, 39 ms against 99 ms in Neo4j, and the driver decodes one
record instead of 1,501."""


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
  WITH m LIMIT $scan_limit
  WITH collect(m) AS read
  CALL (read) {{
    UNWIND read AS m
    WITH DISTINCT m, COUNT {{ (m)--() }} AS degree
    ORDER BY degree DESC, m.id
    LIMIT $limit + 1
    RETURN collect(m) AS neighbours
  }}
  RETURN neighbours, size(read) AS links_read
}}
WITH n, neighbours, links_read, [n] + neighbours[..$limit] AS around
UNWIND around AS x
OPTIONAL CALL (x) {{
  WITH x WHERE x:Event
  {_event_context('x')}
  RETURN {{event: x {_EVENT % ('x', 'x')}, participants: participants, targets: targets,
          places: places, assets: assets, follows: follows}} AS event
}}
RETURN n.id AS center, size(neighbours) AS found, links_read,
       [y IN around WHERE y:Actor | y {_ACTOR % 'y'}] AS actors,
       [y IN around WHERE y:Place | y {_PLACE % 'y'}] AS places,
       [y IN around WHERE y:Asset | y {_ASSET % 'y'}] AS assets,
       collect(event) AS events
"""


EXPANSION_QUERIES: dict[str, str] = {
    view: _expansion(types) for view, types in EXPANSION_LINK_TYPES.items()}
"""A node's neighbours (most connected first, at most $limit) that the view draws, leaving
out `$exclude` (what is drawn already), events with their context. One text per view.
A hub is read in part: at most $scan_limit of its links that pass the filters, in the order
Neo4j stores them, and the most connected of those neighbours are returned (`links_read` says
whether the bound was reached). Ranking every neighbour would read all of them: 24,853 event
links of the benchmark's hub actor, 80 ms before anything else."""
EXPANSION = EXPANSION_QUERIES["everything"]

EXPANSION_RELATIONS = f"""
UNWIND $ids AS id
MATCH (b:Actor {{id: id}})
WITH collect(b) AS actors
MATCH (a:Actor {{id: $id}})-[r:{RELATION_PATTERN}]-(b:Actor)
WHERE b IN actors AND {_support_filter('r')}
RETURN collect(r {_RELATION % ('r', 'r', 'r')}) AS relations
"""
"""The relations of actor $id with the given actors (an expansion's), as one list."""

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
