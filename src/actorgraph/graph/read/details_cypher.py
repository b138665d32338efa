"""The Cypher text of the explorer's details panel (a node's or relation's properties, an
actor's facts, the claims and articles behind facts), its search box and filter choices
(articles, sources, the event date range) and its ping. All values are $parameters.
"""

from __future__ import annotations

from actorgraph.graph.read.explorer_cypher import NODE_BY_ID, RELATION_PATTERN

SOURCES = """
MATCH (c:Claim)-[:ATTRIBUTED_TO]->(s)
WITH s, count(c) AS claims
RETURN s.id AS id, coalesce(s.name, s.id) AS name, claims
ORDER BY claims DESC, name
LIMIT $limit
"""
"""Who claims are attributed to (sources and actors), with their number of claims, most
first. It walks every attribution: cheap while few claims are attributed (GDELT's are not),
not on a million attributed claims (counting each source's and actor's degree instead costs
as many lookups as there are actors, 19 ms on 20,000 against 6.5 ms on the benchmark graph,
which has no attributions)."""

EVENT_DATE_RANGE = """
OPTIONAL CALL () {
  MATCH (e:Event) WHERE e.date IS NOT NULL
  RETURN e.date AS first ORDER BY e.date LIMIT 1
}
OPTIONAL CALL () {
  MATCH (e:Event) WHERE e.date IS NOT NULL
  RETURN e.date AS last ORDER BY e.date DESC LIMIT 1
}
RETURN first, last
"""
"""The first and last event date: one seek from each end of the index `event_date`."""

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

SEARCH_CANDIDATES = """
CALL db.index.fulltext.queryNodes($index, $search, {limit: $limit}) YIELD node AS n
WITH n, n:Actor AS actor
RETURN collect([n.id, CASE WHEN actor THEN 'actor' ELSE 'place' END,
                CASE WHEN actor THEN n.kind ELSE 'place' END, n.name, n.name_de,
                coalesce(n.aliases, []), COUNT { (n)--() }]) AS entries
"""
"""The actors and places whose names match a full-text query (`view/search.candidate_query`),
the best `$limit` by score, as SEARCH_ENTRIES' entries: what the search box ranks, read from
the `name_search` index instead of every actor and place."""

NODE_DETAILS = NODE_BY_ID + """
WITH n LIMIT 1
RETURN n {.*} AS props, labels(n) AS labels
"""

CLAIMS_OF_FACTS = """
UNWIND $fact_ids AS fid
CALL (fid) {
  MATCH (c:Claim {fact_id: fid})
  WHERE $article_ids IS NULL OR c.article_id IN $article_ids
  RETURN c ORDER BY c.published, c.article_id LIMIT $limit
}
WITH c ORDER BY c.published, c.article_id, c.fact_id LIMIT $limit
OPTIONAL MATCH (c)-[at:ATTRIBUTED_TO]->(s)
WITH c, s, at ORDER BY at.position
WITH c, collect(coalesce(s.name, s.id)) AS attributed
MATCH (art:Article {id: c.article_id})
WITH art, c, attributed ORDER BY art.published, art.id, c.fact_id
WITH art, collect({fact_id: c.fact_id, fact_type: c.fact_type, modality: c.modality,
                   quotes: c.quotes, starts: c.starts, ends: c.ends, attributed: attributed,
                   date: c.date, date_from: c.date_from, date_to: c.date_to, place: c.place,
                   place_path: c.place_path, article_id: art.id, article_kind: art.kind})
          AS claims
RETURN art {.id, .title, .outlet, .published, .url, .text} AS article, claims
ORDER BY article.published, article.id
"""
"""The first $limit claims behind the given facts, with attribution, article by article:
one row per article, its fields (text included, once) and its claims in order. Each fact
gives at most $limit of its claims (in the same order: a claim's `published` and
`article_id` are its article's) before any article is read, so a hub's facts, with hundreds
of claims each, cost $limit claims apiece, not all of them; the result is the same. Of those,
the first $limit in the final order are kept before their attributions and articles are read:
for the benchmark's hub actor (25 facts, 4,902 claims kept per fact) 33k db hits instead of
69k, about 50 ms instead of 74-130 ms in Neo4j. The articles come with their claims because
the query has found them already: a second query for their texts sought them again (33 ms
for the hub actor's 200 claims)."""

UNIDENTIFIED_OF_EVENT = """
MATCH (c:Claim {fact_id: $id})
WHERE c.unidentified_codes IS NOT NULL AND ($article_ids IS NULL OR c.article_id IN $article_ids)
UNWIND range(0, size(c.unidentified_codes) - 1) AS i
WITH c.unidentified_roles[i] AS role, c.unidentified_words[i] AS words,
     c.unidentified_codes[i] AS code, c.unidentified_names[i] AS name, count(c) AS claims
RETURN role, words, code, name, claims
ORDER BY role, code, name
LIMIT $limit
"""
"""The participants an event's claims name by role only (GDELT's bare GOV, COP ...: no actor
node, docs/gdelt.md), each with how many of the claims name it so."""

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
