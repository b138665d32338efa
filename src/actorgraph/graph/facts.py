"""Facts reported by several sources: what each claim says, and whether the claims disagree.

An event reported by several articles (or GDELT rows) is one node; each report is a :Claim
that keeps the values *it* gives - the date as a span (`date_from`..`date_to`, from the
date and its precision) and the place with its containment path (`place_path`). Nothing on the
claims is overwritten by later reports. After every batch the writer calls `refresh_facts`,
which recomputes for every fact the batch touched:

- `contested` / `contested_on`: claims disagree on the `date` (two spans that do not overlap:
  11 July vs 12 July; "July" and "11 July" agree), the `place` (two paths neither of which
  contains the other: Seoul vs Pyongyang; South Korea and Seoul agree) or the `modality`
  (one claim denies what another states);
- `claim_count`: the number of reports (GDELT rows count one each);
- for events with GDELT reports, GDELT's figures over all of them: `gdelt_ids`,
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

REFRESH_EVENTS = """
UNWIND $ids AS id
MATCH (e:Event {id: id})
WITH e, COLLECT { MATCH (c:Claim {fact_id: e.id}) WHERE c.fact_type = 'event' RETURN c }
     AS claims
WITH e, claims,
     [c IN claims WHERE c.date_from IS NOT NULL | [c.date_from, c.date_to]] AS spans,
     [c IN claims WHERE c.place_path IS NOT NULL | c.place_path] AS paths,
     [c IN claims | c.modality] AS modalities,
     [c IN claims WHERE c.gdelt_global_event_id IS NOT NULL] AS rows
WITH e, claims, rows,
     any(a IN spans WHERE any(b IN spans WHERE a[1] < b[0])) AS on_date,
     any(p IN paths WHERE any(q IN paths WHERE NOT p STARTS WITH q AND NOT q STARTS WITH p))
       AS on_place,
     ('denied' IN modalities AND any(m IN modalities WHERE m <> 'denied')) AS on_modality
SET e.contested_on = [x IN [['date', on_date], ['place', on_place], ['modality', on_modality]]
                      WHERE x[1] | x[0]],
    e.claim_count = size(claims)
SET e.contested = size(e.contested_on) > 0
FOREACH (_ IN CASE WHEN size(rows) > 0 THEN [1] ELSE [] END |
  SET e.gdelt_ids = [c IN rows | c.gdelt_global_event_id],
      e.num_mentions = reduce(s = 0, c IN rows | s + c.gdelt_num_mentions),
      e.num_sources = reduce(s = 0, c IN rows | s + c.gdelt_num_sources),
      e.num_articles = reduce(s = 0, c IN rows | s + c.gdelt_num_articles),
      e.avg_tone = reduce(s = 0.0, c IN rows | s + c.gdelt_avg_tone) / size(rows),
      e.date_added = reduce(m = rows[0].gdelt_date_added, c IN rows |
                            CASE WHEN c.gdelt_date_added < m THEN c.gdelt_date_added ELSE m END),
      e.quad_class = rows[0].gdelt_quad_class,
      e.is_root_event = any(c IN rows WHERE c.gdelt_is_root_event))
"""


def refresh_relations(rel_type: str) -> str:
    """The relation's claims disagree only on modality (its identity fixes everything else)."""
    if rel_type not in RELATION_TYPES:
        raise ValueError(f"not a relation type: {rel_type!r}")
    return (
        "UNWIND $ids AS id "
        f"MATCH ()-[r:{rel_type} {{id: id}}]->() "
        "WITH r, COLLECT { MATCH (c:Claim {fact_id: r.id}) WHERE c.fact_type = 'relation' "
        "RETURN c.modality } AS modalities "
        "WITH r, modalities, ('denied' IN modalities AND any(m IN modalities WHERE m <> "
        "'denied')) AS on_modality "
        "SET r.contested_on = CASE WHEN on_modality THEN ['modality'] ELSE [] END, "
        "r.contested = on_modality, r.claim_count = size(modalities)"
    )


def refresh_facts(tx: neo4j.ManagedTransaction, event_ids: list[str],
                  relation_ids: Mapping[str, list[str]], chunk_size: int = 5000) -> None:
    """Recompute the flags above for the given events and relations (by type)."""
    for i in range(0, len(event_ids), chunk_size):
        tx.run(REFRESH_EVENTS, ids=event_ids[i:i + chunk_size]).consume()
    for rel_type, ids in relation_ids.items():
        for i in range(0, len(ids), chunk_size):
            tx.run(refresh_relations(rel_type), ids=ids[i:i + chunk_size]).consume()


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
    """The date and place this claim gives, kept on the claim so later reports never
    overwrite them."""
    span = date_span(event.date, event.date_precision)
    place = places.get(event.place) if event.place else None
    return {
        "date": event.date, "date_precision": event.date_precision,
        "date_from": span[0] if span else None, "date_to": span[1] if span else None,
        "place": event.place, "place_path": place_path(place) if place else None,
    }


def gdelt_row_claims(event: Event, places: Mapping[str, Place]) -> list[tuple[str, dict]]:
    """(claim id, properties) per GDELT row behind the event: the row is the report, so
    re-importing a file or importing it in other batches finds the same claims."""
    claims = []
    for facts in event.gdelt:
        values = event_claim_values(event, places)
        if facts.place is not None:
            place = places.get(facts.place)
            values["place"] = facts.place
            values["place_path"] = place_path(place) if place else facts.place_path
        claims.append((gdelt_claim_id(facts), values | gdelt_props(facts)))
    return claims


def gdelt_claim_id(facts: GdeltFacts) -> str:
    return f"gdelt-{facts.global_event_id}"


def gdelt_props(facts: GdeltFacts) -> dict:
    """GDELT's figures for one row, as `gdelt_*` claim properties."""
    return {f"gdelt_{key}": list(value) if isinstance(value, tuple) else value
            for key, value in asdict(facts).items() if key not in ("place", "place_path")}
