"""What an event new to the graph derives from its claims, computed in Python.

An event the batch creates has no claims but the batch's own, so the writer knows everything
REFRESH_EVENTS (facts.py) would read back: it writes the event's description, evidence,
modality, contested flags and GDELT figures, and its links' support and roles, with the event,
and runs REFRESH_EVENTS only for events that existed before the batch. This module must give
exactly what REFRESH_EVENTS gives; tests/integration/test_migrate.py guards it (the migration
recomputes every event in Cypher and compares with a store the writer built), as do the
re-ingest and batch-order tests in test_ingest.py and test_gdelt_import.py. The bulk import
(graph/bulk/) builds its events with the same functions.

Claims are the props the plan writes (plan.py), GDELT lists included.
"""

from __future__ import annotations

from collections.abc import Sequence

DESCRIPTION = ("kind", "title", "date", "date_precision", "date_text", "cameo", "cameo_label",
               "goldstein", "topics")
"""The lead claim's properties the event shows."""


def in_lead_order(claims: Sequence[dict]) -> list[dict]:
    """Cypher's `ORDER BY c.published, c.id`: nulls last, then by id."""
    return sorted(claims, key=lambda c: (c.get("published") is None, c.get("published") or "",
                                         c["id"]))


def contested_on(claims: Sequence[dict]) -> list[str]:
    """What the claims disagree on: date spans that do not overlap, place paths neither of
    which contains the other, a denial beside a statement."""
    spans = [(c["date_from"], c["date_to"]) for c in claims if c.get("date_from") is not None]
    paths = [c["place_path"] for c in claims if c.get("place_path") is not None]
    modalities = [c.get("modality") for c in claims]
    on_date = any(a[1] < b[0] for a in spans for b in spans)
    on_place = any(not p.startswith(q) and not q.startswith(p) for p in paths for q in paths)
    on_modality = "denied" in modalities and any(m != "denied" for m in modalities)
    return [name for name, found in (("date", on_date), ("place", on_place),
                                     ("modality", on_modality)) if found]


def event_state(claims: Sequence[dict], certainty: Sequence[str]) -> dict:
    """The properties REFRESH_EVENTS sets on an event with these claims (at least one).
    Values None mean "absent", as Neo4j stores them."""
    ordered = in_lead_order(claims)
    lead = ordered[0]
    modalities = [c["modality"] for c in ordered]
    disagreements = contested_on(ordered)
    state = {key: lead.get(key) for key in DESCRIPTION}
    state |= {"evidence_count": len(ordered),
              "modality": next((m for m in certainty if m in modalities), None),
              "contested": bool(disagreements), "contested_on": disagreements or None}
    gdelt = [c for c in ordered if c.get("gdelt_ids") is not None]
    if gdelt:
        tones = [t for c in gdelt for t in c["gdelt_avg_tones"]]
        added = [d for c in gdelt for d in c["gdelt_dates_added"]]
        state |= {
            "gdelt_ids": [i for c in gdelt for i in c["gdelt_ids"]],
            "num_mentions": sum(sum(c["gdelt_num_mentions"]) for c in gdelt),
            "num_sources": sum(sum(c["gdelt_num_sources"]) for c in gdelt),
            "num_articles": sum(sum(c["gdelt_num_articles"]) for c in gdelt),
            "avg_tone": _float_sum(tones) / len(tones),
            "date_added": min(added),
            "quad_class": gdelt[0]["gdelt_quad_classes"][0],
            "is_root_event": any(True in c["gdelt_is_root_events"] for c in gdelt),
        }
    return state


def _float_sum(values: Sequence[float]) -> float:
    """`reduce(s = 0.0, x IN values | s + x)`: left to right, as Cypher adds them."""
    total = 0.0
    for value in values:
        total += value
    return total


def states_link(link_type: str, other: str, claim: dict) -> bool:
    """Whether the claim (of the event) states its link of this type to `other`: the
    conditions of facts._LINK_BRANCHES."""
    if link_type == "PARTICIPATED_IN":
        return other in claim.get("participants", ())
    if link_type == "DIRECTED_AT":
        return other in (claim.get("targets") or ())
    if link_type == "AT":
        return claim.get("place") == other
    if link_type == "USED":
        return other in (claim.get("assets") or ())
    return claim.get("follows") == other


def link_state(link_type: str, other: str, ordered_claims: Sequence[dict]) -> dict:
    """`evidence_count` (and a participation's `role`) of the event's link to `other`;
    `ordered_claims` in lead order."""
    stating = [c for c in ordered_claims if states_link(link_type, other, c)]
    state: dict = {"evidence_count": len(stating)}
    if link_type == "PARTICIPATED_IN" and stating:
        lead = stating[0]
        state["role"] = lead["roles"][lead["participants"].index(other)]
    return state
