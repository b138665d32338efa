"""Dyads: pairs of actors and their cooperation/conflict balance over time, as GDELT users
compute it (the Goldstein scores of the events the two share, summed per month).

An event counts for a dyad when both actors take part in it or one is its target
(PARTICIPATED_IN or DIRECTED_AT). Each event counts once, however many articles report it;
`weighted` multiplies each score by the number of supporting articles (`evidence_count`),
the way GDELT users weight by NumArticles. Hedged events (suspected, feared, possible,
denied) are left out unless asked for: they are claims that something may happen, not
events. Only events dated to the day, week or month can be placed in a month.
"""

from __future__ import annotations

from dataclasses import dataclass

from actorgraph.graph.connection import Database
from actorgraph.records import HEDGED_MODALITIES

MONTH_PRECISIONS = ["day", "week", "month"]

DYAD_ACTORS = """
MATCH (a:Actor)
WHERE EXISTS { (a)-[:PARTICIPATED_IN|DIRECTED_AT]-(e:Event) WHERE e.goldstein IS NOT NULL }
RETURN a.id AS id, coalesce(a.name, a.id) AS name, a.kind AS kind
ORDER BY CASE a.kind WHEN 'state' THEN 0 ELSE 1 END, name
LIMIT $limit
"""

TOP_DYADS = """
MATCH (a:Actor)-[:PARTICIPATED_IN|DIRECTED_AT]-(e:Event)-[:PARTICIPATED_IN|DIRECTED_AT]-(b:Actor)
WHERE a.id < b.id AND e.goldstein IS NOT NULL
  AND ($include_hedged OR NOT coalesce(e.modality, 'asserted') IN $hedged)
WITH a, b, collect(DISTINCT e) AS events
RETURN a.id AS a, coalesce(a.name, a.id) AS a_name, b.id AS b, coalesce(b.name, b.id) AS b_name,
       size(events) AS events,
       reduce(s = 0.0, e IN events | s + e.goldstein) AS balance
ORDER BY events DESC, a, b
LIMIT $limit
"""

DYAD_MONTHS = """
MATCH (a:Actor {id: $a})-[:PARTICIPATED_IN|DIRECTED_AT]-(e:Event)
      -[:PARTICIPATED_IN|DIRECTED_AT]-(b:Actor {id: $b})
WHERE e.goldstein IS NOT NULL AND e.date IS NOT NULL
  AND e.date_precision IN $precisions
  AND ($include_hedged OR NOT coalesce(e.modality, 'asserted') IN $hedged)
WITH DISTINCT e
WITH substring(e.date, 0, 7) AS month, e.goldstein AS g,
     coalesce(e.evidence_count, 1) AS sources, coalesce(e.contested, false) AS contested
RETURN month, count(*) AS events, sum(g) AS balance,
       sum(CASE WHEN g > 0 THEN g ELSE 0.0 END) AS cooperation,
       sum(CASE WHEN g < 0 THEN g ELSE 0.0 END) AS conflict,
       sum(g * sources) AS weighted,
       sum(CASE WHEN g > 0 THEN g * sources ELSE 0.0 END) AS weighted_cooperation,
       sum(CASE WHEN g < 0 THEN g * sources ELSE 0.0 END) AS weighted_conflict,
       sum(CASE WHEN contested THEN 1 ELSE 0 END) AS contested
ORDER BY month
"""


@dataclass(frozen=True)
class DyadMonth:
    month: str  # YYYY-MM
    events: int
    balance: float  # sum of Goldstein scores, each event once
    cooperation: float  # sum of the positive scores
    conflict: float  # sum of the negative scores (<= 0)
    weighted: float  # sum of score x supporting articles
    weighted_cooperation: float
    weighted_conflict: float
    contested: int  # events among them whose sources disagree

    def parts(self, weight: str) -> tuple[float, float, float]:
        """(cooperation, conflict, balance), each event once or weighted by its articles."""
        if weight == "sources":
            return self.weighted_cooperation, self.weighted_conflict, self.weighted
        return self.cooperation, self.conflict, self.balance


def dyad_actors(db: Database, limit: int = 2000) -> list[dict]:
    """Actors that take part in scored events, states first: the options of the pickers."""
    return db.read(DYAD_ACTORS, limit=limit)


def top_dyads(db: Database, limit: int = 10, include_hedged: bool = False) -> list[dict]:
    """The pairs of actors that share the most scored events."""
    return db.read(TOP_DYADS, limit=limit, include_hedged=include_hedged,
                   hedged=sorted(HEDGED_MODALITIES))


def dyad_months(db: Database, a: str, b: str, include_hedged: bool = False) -> list[DyadMonth]:
    """The dyad's balance per month, oldest first; months without events are absent."""
    rows = db.read(DYAD_MONTHS, a=a, b=b, include_hedged=include_hedged,
                   hedged=sorted(HEDGED_MODALITIES), precisions=MONTH_PRECISIONS)
    return [DyadMonth(month=r["month"], events=r["events"], balance=float(r["balance"]),
                      cooperation=float(r["cooperation"]), conflict=float(r["conflict"]),
                      weighted=float(r["weighted"]),
                      weighted_cooperation=float(r["weighted_cooperation"]),
                      weighted_conflict=float(r["weighted_conflict"]),
                      contested=r["contested"]) for r in rows]
