"""Facts reported by several sources: what each claim says, and whether the claims disagree.

An event reported by several articles (or GDELT documents) is one node; each article's report
is a :Claim that keeps the values *it* gives - the date as a span (`date_from`..`date_to`,
from the date and its precision) and the place with its containment path (`place_path`); a
GDELT document's claim also keeps its GDELT rows (`gdelt_ids` and parallel lists), merged by
GlobalEventID. Nothing on a claim is overwritten by another article's report. After every
batch the writer calls `refresh_facts`, which recomputes for every fact the batch touched
(and only those) what comes from its claims: an event's description, `evidence_count` and
`modality` and its links' support (docs/graph-model.md), and

- `contested`, and `contested_on` (absent when not contested): claims disagree on the `date`
  (two spans that do not overlap: 11 July vs 12 July; "July" and "11 July" agree), the
  `place` (two paths neither of which contains the other: Seoul vs Pyongyang; South Korea and
  Seoul agree) or the `modality` (one claim denies what another states);
- for events with GDELT rows, GDELT's figures over all of them: `gdelt_ids`,
  `num_mentions`, `num_sources`, `num_articles` (sums), `avg_tone` (mean), `date_added`
  (earliest), `quad_class`, `is_root_event` (any).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import asdict
from datetime import date, timedelta

import neo4j

from actorgraph.records import RELATION_TYPES, Event, GdeltFacts, Place

GDELT_FIELDS: tuple[tuple[str, str], ...] = (
    ("global_event_id", "gdelt_ids"), ("event_code", "gdelt_event_codes"),
    ("quad_class", "gdelt_quad_classes"), ("goldstein", "gdelt_goldsteins"),
    ("num_mentions", "gdelt_num_mentions"), ("num_sources", "gdelt_num_sources"),
    ("num_articles", "gdelt_num_articles"), ("avg_tone", "gdelt_avg_tones"),
    ("date_added", "gdelt_dates_added"), ("is_root_event", "gdelt_is_root_events"),
    ("actor1_code", "gdelt_actor1_codes"), ("actor2_code", "gdelt_actor2_codes"),
    ("place", "gdelt_places"),
)
"""GdeltFacts field -> the claim's list property: parallel lists, one entry per GDELT row,
ordered by GlobalEventID."""


def _gdelt_claim_merge() -> str:
    old_entry = ", ".join(f"{field}: c.{prop}[i]" for field, prop in GDELT_FIELDS)
    collected = ", ".join(f"collect(x.{field}) AS {prop}" for field, prop in GDELT_FIELDS)
    assigned = ", ".join(f"c.{prop} = {prop}" for _, prop in GDELT_FIELDS)
    return (
        "UNWIND $rows AS row "
        "MATCH (c:Claim {id: row.id}) "
        "CALL (c, row) { "
        "  WITH c, row, [x IN row.entries | x.global_event_id] AS new_ids "
        "  WITH [i IN range(0, size(coalesce(c.gdelt_ids, [])) - 1) "
        f"        WHERE NOT c.gdelt_ids[i] IN new_ids | {{{old_entry}}}] + row.entries "
        "       AS entries "
        "  UNWIND entries AS x "
        "  WITH x ORDER BY x.global_event_id "
        f"  RETURN {collected} "
        "} "
        f"SET {assigned}"
    )


GDELT_CLAIM_MERGE = _gdelt_claim_merge()
"""Adds a batch's GDELT rows to a claim, keeping the rows earlier batches or files gave it
(by GlobalEventID): a document's rows may be split across batches, and re-importing a file
in other batches must change nothing."""

GDELT_CLAIM_SET = "UNWIND $rows AS row MATCH (c:Claim {id: row.id}) SET c += row.lists"
"""The GDELT rows of a claim of an article new to the graph: nothing to merge with."""


def gdelt_claim_lists(entries: list[dict]) -> dict[str, list]:
    """The claim's parallel list properties from its rows (as `gdelt_claim_rows` gives them),
    ordered by GlobalEventID like GDELT_CLAIM_MERGE orders them."""
    ordered = sorted(entries, key=lambda e: e["global_event_id"])
    return {prop: [e[field] for e in ordered] for field, prop in GDELT_FIELDS}


def write_gdelt_rows(tx: neo4j.ManagedTransaction, claims: list[tuple[str, list[dict], bool]],
                     chunk_size: int = 5000) -> None:
    """Store the GDELT rows of (claim id, rows, article existed before this batch) claims."""
    merged = [{"id": cid, "entries": rows} for cid, rows, existed in claims if existed]
    fresh = [{"id": cid, "lists": gdelt_claim_lists(rows)}
             for cid, rows, existed in claims if not existed]
    for query, items in ((GDELT_CLAIM_MERGE, merged), (GDELT_CLAIM_SET, fresh)):
        for i in range(0, len(items), chunk_size):
            tx.run(query, rows=items[i:i + chunk_size]).consume()

_LINK_BRANCHES: tuple[tuple[str, str, str], ...] = (
    ("PARTICIPATED_IN", "(x:Actor)-[r:PARTICIPATED_IN]->(e)", "x.id IN c.participants"),
    ("DIRECTED_AT", "(e)-[r:DIRECTED_AT]->(x:Actor)", "x.id IN c.targets"),
    ("AT", "(e)-[r:AT]->(x:Place)", "c.place = x.id"),
    ("USED", "(e)-[r:USED]->(x:Asset)", "x.id IN c.assets"),
    ("FOLLOWS", "(e)-[r:FOLLOWS]->(x:Event)", "c.follows = x.id"),
)
"""Each event link: its pattern from the event `e` to the other end `x`, and when a claim `c`
of the event states it."""

_ROLE = ("r.role = CASE WHEN lead IS NULL THEN r.role ELSE "
         "[i IN range(0, size(lead.participants) - 1) "
         "WHERE lead.participants[i] = x.id | lead.roles[i]][0] END, ")


def _link_branch(link_type: str, pattern: str, states: str) -> str:
    start, end = ("x", "e") if pattern.startswith("(x") else ("e", "x")
    role = _ROLE if link_type == "PARTICIPATED_IN" else ""
    return (
        f"MATCH {pattern} "
        f"WITH e, x, r, properties(r) AS before, [c IN claims WHERE {states}] AS stating "
        "WITH e, x, r, before, stating, stating[0] AS lead "
        f"SET {role}r.evidence_count = size(stating) "
        "WITH e, x, r, before, stating, properties(r) AS after "
        "FOREACH (_ IN CASE WHEN size(stating) = 0 THEN [1] ELSE [] END | DELETE r) "
        f"RETURN ['{link_type}', {start}.id, {end}.id] AS key, before <> after AS changed, "
        "size(stating) = 0 AS removed"
    )


_LINKS = " UNION ALL ".join(_link_branch(*branch) for branch in _LINK_BRANCHES)

REFRESH_EVENTS = f"""
UNWIND $ids AS id
MATCH (e:Event {{id: id}})
WITH e, id, properties(e) AS before,
     COLLECT {{ MATCH (c:Claim {{fact_id: e.id}}) WHERE c.fact_type = 'event'
                RETURN c ORDER BY c.published, c.id }} AS claims
CALL (e, claims) {{
  CALL (e, claims) {{ {_LINKS} }}
  RETURN collect([key, changed, removed]) AS links
}}
WITH e, id, before, claims, links, claims[0] AS lead,
     [c IN claims WHERE c.date_from IS NOT NULL | [c.date_from, c.date_to]] AS spans,
     [c IN claims WHERE c.place_path IS NOT NULL | c.place_path] AS paths,
     [c IN claims | c.modality] AS modalities,
     [c IN claims WHERE c.gdelt_ids IS NOT NULL] AS g
WITH e, id, before, claims, links, lead, g, modalities,
     any(a IN spans WHERE any(b IN spans WHERE a[1] < b[0])) AS on_date,
     any(p IN paths WHERE any(q IN paths WHERE NOT p STARTS WITH q AND NOT q STARTS WITH p))
       AS on_place,
     ('denied' IN modalities AND any(m IN modalities WHERE m <> 'denied')) AS on_modality
WITH e, id, before, claims, links, lead, g, modalities,
     [x IN [['date', on_date], ['place', on_place], ['modality', on_modality]]
      WHERE x[1] | x[0]] AS contested_on
FOREACH (_ IN CASE WHEN lead IS NULL THEN [] ELSE [1] END |
  SET e += {{kind: lead.kind, title: lead.title, date: lead.date,
             date_precision: lead.date_precision, date_text: lead.date_text, cameo: lead.cameo,
             cameo_label: lead.cameo_label, goldstein: lead.goldstein, topics: lead.topics}},
      e.evidence_count = size(claims),
      e.modality = [m IN $certainty WHERE m IN modalities][0],
      e.contested = size(contested_on) > 0,
      e.contested_on = CASE WHEN size(contested_on) > 0 THEN contested_on END)
WITH e, id, before, claims, links, lead, g,
     reduce(s = [], c IN g | s + c.gdelt_ids) AS ids,
     reduce(s = [], c IN g | s + c.gdelt_avg_tones) AS tones,
     reduce(s = [], c IN g | s + c.gdelt_dates_added) AS added
FOREACH (_ IN CASE WHEN size(g) > 0 THEN [1] ELSE [] END |
  SET e.gdelt_ids = ids,
      e.num_mentions = reduce(s = 0, c IN g | s + reduce(t = 0, x IN c.gdelt_num_mentions | t + x)),
      e.num_sources = reduce(s = 0, c IN g | s + reduce(t = 0, x IN c.gdelt_num_sources | t + x)),
      e.num_articles = reduce(s = 0, c IN g | s + reduce(t = 0, x IN c.gdelt_num_articles | t + x)),
      e.avg_tone = reduce(s = 0.0, x IN tones | s + x) / size(tones),
      e.date_added = reduce(m = added[0], x IN added | CASE WHEN x < m THEN x ELSE m END),
      e.quad_class = g[0].gdelt_quad_classes[0],
      e.is_root_event = any(c IN g WHERE true IN c.gdelt_is_root_events))
WITH e, id, before, claims, links, lead, properties(e) AS after
FOREACH (_ IN CASE WHEN size(claims) = 0 THEN [1] ELSE [] END | DETACH DELETE e)
RETURN id AS key, before <> after AS changed, size(claims) = 0 AS removed, links,
       CASE WHEN lead IS NOT NULL AND coalesce(before.kind <> lead.kind, true) THEN lead.kind END
       AS relabel
"""
"""Everything about an event that comes from its claims, for the events the batch touched:
its lead claim's description (docs/graph-model.md), `evidence_count`, `modality`,
`contested`, GDELT's figures; its links' `evidence_count` (and a participation's `role`, from
the lead claim stating it). An event or link no claim states any more is removed. Returns,
per event, whether it changed or went, the same per link, and its kind when its kind label
must be (re)set."""


def refresh_relations(rel_type: str) -> str:
    """The relation's `evidence_count` and `modality` from its claims, which disagree only on
    modality (its identity fixes everything else); one without claims is removed."""
    if rel_type not in RELATION_TYPES:
        raise ValueError(f"not a relation type: {rel_type!r}")
    return (
        "UNWIND $ids AS id "
        f"MATCH ()-[r:{rel_type} {{id: id}}]->() "
        "WITH r, id, properties(r) AS before, "
        "COLLECT { MATCH (c:Claim {fact_id: r.id}) WHERE c.fact_type = 'relation' "
        "RETURN c.modality } AS modalities "
        "WITH r, id, before, modalities, ('denied' IN modalities AND any(m IN modalities "
        "WHERE m <> 'denied')) AS on_modality "
        "SET r.evidence_count = size(modalities), "
        "r.modality = [m IN $certainty WHERE m IN modalities][0], "
        "r.contested_on = CASE WHEN on_modality THEN ['modality'] END, "
        "r.contested = on_modality "
        "WITH r, id, before, modalities, properties(r) AS after "
        "FOREACH (_ IN CASE WHEN size(modalities) = 0 THEN [1] ELSE [] END | DELETE r) "
        f"RETURN ['{rel_type}', id] AS key, before <> after AS changed, "
        "size(modalities) = 0 AS removed"
    )


def refresh_facts(tx: neo4j.ManagedTransaction, event_ids: list[str],
                  relation_ids: Mapping[str, list[str]], certainty: list[str],
                  chunk_size: int = 5000) -> tuple[list[dict], list[dict]]:
    """Recompute the events and relations (by type) the batch touched from their claims;
    returns the records of REFRESH_EVENTS and of `refresh_relations`."""
    events: list[dict] = []
    relations: list[dict] = []
    for i in range(0, len(event_ids), chunk_size):
        events += tx.run(REFRESH_EVENTS, ids=event_ids[i:i + chunk_size],
                         certainty=certainty).data()
    for rel_type, ids in relation_ids.items():
        for i in range(0, len(ids), chunk_size):
            relations += tx.run(refresh_relations(rel_type), ids=ids[i:i + chunk_size],
                                certainty=certainty).data()
    return events, relations


# -- what one claim says (pure) ----------------------------------------------------------------

def date_span(value: str | None, precision: str) -> tuple[str, str] | None:
    """The first and last day a date with its precision can mean, as ISO strings."""
    if not value or precision == "unknown":
        return None
    try:
        if precision == "year":
            return f"{int(value[:4]):04d}-01-01", f"{int(value[:4]):04d}-12-31"
        if precision == "month":
            year, month = int(value[:4]), int(value[5:7])
            last = calendar.monthrange(year, month)[1]
            return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    if precision == "week":
        return day.isoformat(), (day + timedelta(days=6)).isoformat()
    return day.isoformat(), day.isoformat()


def place_path(place: Place) -> str:
    """The place's containment path ('KOR/seoul/' for a registry place without one)."""
    if place.path:
        return place.path
    return f"{place.country}/{place.id}/" if place.country else f"{place.id}/"


def event_claim_values(event: Event, places: Mapping[str, Place]) -> dict:
    """The date span and place this claim gives, kept on the claim so later reports never
    overwrite them (the claim also keeps `date` and `date_precision`)."""
    span = date_span(event.date, event.date_precision)
    place = places.get(event.place) if event.place else None
    return {
        "date_from": span[0] if span else None, "date_to": span[1] if span else None,
        "place": event.place, "place_path": place_path(place) if place else None,
    }


def gdelt_claim_rows(facts: tuple[GdeltFacts, ...]) -> list[dict]:
    """The GDELT rows behind one claim, as maps for GDELT_CLAIM_MERGE (no nulls: Neo4j
    lists cannot hold them, so a row without a place has place "")."""
    return [{field: ("" if value is None else value)
             for field, value in asdict(f).items() if field in _GDELT_FIELD_NAMES}
            for f in facts]


_GDELT_FIELD_NAMES = frozenset(field for field, _ in GDELT_FIELDS)
