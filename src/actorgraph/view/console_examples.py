"""The console page's example queries: each shows one way of asking the graph, with the
parameters it runs with. They pass the console's read-only guard (a unit test runs them
through it)."""

from __future__ import annotations

from typing import Any

EXAMPLES: list[dict[str, Any]] = [
    {
        "label": "North Korea's partners",
        "query": (
            "MATCH (actor:Actor {id: $actor})-[r:ALLIED_WITH|COOPERATES_WITH|SUPPORTS]-"
            "(partner:Actor)\n"
            "RETURN partner.name AS name, type(r) AS relation, r.means AS means,\n"
            "       r.modality AS modality, actor, r, partner\n"
            "ORDER BY name, relation"
        ),
        "params": {"actor": "PRK"},
    },
    {
        "label": "Events the B-52H took part in",
        "query": (
            "MATCH (e:Event)-[used:USED]->(asset:Asset {id: $asset})\n"
            "OPTIONAL MATCH (actor:Actor)-[took:PARTICIPATED_IN]->(e)\n"
            "RETURN e.title AS event, toString(e.date) AS date, actor.name AS participant,\n"
            "       e, used, asset, actor, took\n"
            "ORDER BY date, event, participant"
        ),
        "params": {"asset": "b-52h"},
    },
    {
        "label": "Who met whom in July 2025",
        "query": (
            "MATCH (a:Actor)-[pa:PARTICIPATED_IN]->(m:Meeting)<-[pb:PARTICIPATED_IN]-"
            "(b:Actor)\n"
            "WHERE toString(m.date) STARTS WITH $month AND a.name < b.name\n"
            "RETURN toString(m.date) AS date, m.title AS meeting, a.name AS actor,\n"
            "       b.name AS met, a, pa, m, pb, b\n"
            "ORDER BY date, meeting, actor, met"
        ),
        "params": {"month": "2025-07"},
    },
    {
        "label": "Facts the article only speculates about",
        "query": (
            "CALL () {\n"
            "  MATCH (a)-[r]->(b) WHERE r.modality IN $modalities\n"
            "  RETURN type(r) AS fact, coalesce(a.name, a.title) + ' -> ' + "
            "coalesce(b.name, b.title) AS about,\n"
            "         r.modality AS modality, a AS subject, r AS relation, b AS object\n"
            "  UNION ALL\n"
            "  MATCH (e:Event) WHERE e.modality IN $modalities\n"
            "  RETURN 'Event' AS fact, e.title AS about, e.modality AS modality,\n"
            "         e AS subject, null AS relation, null AS object\n"
            "}\n"
            "RETURN fact, about, modality, subject, relation, object\n"
            "ORDER BY modality, fact, about"
        ),
        "params": {"modalities": ["feared", "suspected", "possible"]},
    },
    {
        # Like GDELT dyads: an event aimed at someone pairs each participant with the target;
        # an event aimed at no one pairs its participants. Goldstein scores add up per pair.
        "label": "Actor pairs by cooperation/conflict balance",
        "query": (
            "CALL () {\n"
            "  MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b:Actor)\n"
            "  WHERE a.id < b.id AND NOT (e)-[:DIRECTED_AT]->()\n"
            "  RETURN a, b, e\n"
            "  UNION\n"
            "  MATCH (a:Actor)-[:PARTICIPATED_IN]->(e:Event)-[:DIRECTED_AT]->(b:Actor)\n"
            "  RETURN a, b, e\n"
            "}\n"
            "WITH a, b, e WHERE e.goldstein IS NOT NULL\n"
            "RETURN a.name AS actor, b.name AS counterpart, count(e) AS events,\n"
            "       round(sum(e.goldstein), 1) AS balance\n"
            "ORDER BY balance DESC, actor, counterpart"
        ),
        "params": {},
    },
]
