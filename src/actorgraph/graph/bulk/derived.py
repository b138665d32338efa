"""What the online writer derives in Cypher after each batch, computed in Python once for all.

THIS MODULE MIRRORS graph/write/facts.py (`REFRESH_EVENTS` and its link branches) and
graph/write/statements.py (`entity_support`): an event's properties, its links' `evidence_count`
and a participation's `role` come from the event's claims, an entity's `evidence_count` from the
articles that mention it (docs/graph-model.md). Change one and you must change the other: the
equality test (tests/integration/test_gdelt_bulk.py: the same files imported online and with
`--bulk` give the same graph snapshot) guards it.

Pure: claims are the property maps the writer stores on `:Claim` nodes.
"""

from __future__ import annotations

from collections.abc import Sequence

from actorgraph.graph.write.transaction import MODALITY_CERTAINTY

EVENT_DESCRIPTION: tuple[str, ...] = ("kind", "title", "date", "date_precision", "date_text",
                                      "cameo", "cameo_label", "goldstein", "topics")
"""The lead claim's properties an event shows (REFRESH_EVENTS: `SET e += {kind: lead.kind ...}`;
a null removes the property)."""


def lead_order(claims: Sequence[dict]) -> list[dict]:
    """A fact's claims, lead first: `ORDER BY c.published, c.id` (nulls sort last)."""
    return sorted(claims, key=lambda c: (c.get("published") is None, c.get("published") or "",
                                         c["id"]))


def most_certain(modalities: Sequence[str]) -> str | None:
    """`[m IN $certainty WHERE m IN modalities][0]`."""
    return next((m for m in MODALITY_CERTAINTY if m in modalities), None)


def contested_on(claims: Sequence[dict]) -> list[str]:
    """What the claims disagree on: date spans that do not overlap, place paths neither of which
    contains the other, a denial beside a statement."""
    spans = [(c["date_from"], c["date_to"]) for c in claims if c.get("date_from") is not None]
    paths = [c["place_path"] for c in claims if c.get("place_path") is not None]
    modalities = [c.get("modality") for c in claims]
    on_date = any(a[1] < b[0] for a in spans for b in spans)
    on_place = any(not p.startswith(q) and not q.startswith(p) for p in paths for q in paths)
    on_modality = "denied" in modalities and any(m != "denied" for m in modalities)
    return [name for name, found in (("date", on_date), ("place", on_place),
                                     ("modality", on_modality)) if found]


def event_properties(event_id: str, claims: Sequence[dict]) -> dict:
    """The event node's properties from its claims in lead order (`lead_order`)."""
    lead = claims[0]
    props: dict = {"id": event_id}
    for key in EVENT_DESCRIPTION:
        if lead.get(key) is not None:
            props[key] = lead[key]
    props["evidence_count"] = len(claims)
    modality = most_certain([c.get("modality") for c in claims])
    if modality is not None:
        props["modality"] = modality
    disagreements = contested_on(claims)
    props["contested"] = bool(disagreements)
    if disagreements:
        props["contested_on"] = disagreements
    gdelt = [c for c in claims if c.get("gdelt_ids") is not None]
    if gdelt:
        props.update(gdelt_figures(gdelt))
    return props


def gdelt_figures(claims: Sequence[dict]) -> dict:
    """GDELT's figures over the rows of every claim, in lead order (REFRESH_EVENTS: sums, the
    mean tone summed left to right from 0.0, the earliest DATEADDED, the lead's QuadClass)."""
    tones = [t for c in claims for t in c["gdelt_avg_tones"]]
    total = 0.0
    for tone in tones:
        total += tone
    return {
        "gdelt_ids": [i for c in claims for i in c["gdelt_ids"]],
        "num_mentions": sum(sum(c["gdelt_num_mentions"]) for c in claims),
        "num_sources": sum(sum(c["gdelt_num_sources"]) for c in claims),
        "num_articles": sum(sum(c["gdelt_num_articles"]) for c in claims),
        "avg_tone": total / len(tones),
        "date_added": min(a for c in claims for a in c["gdelt_dates_added"]),
        "quad_class": claims[0]["gdelt_quad_classes"][0],
        "is_root_event": any(True in c["gdelt_is_root_events"] for c in claims),
    }


def _states(link_type: str, claim: dict, other: str) -> bool:
    """Whether a claim states the link to (or from) `other`, the end that is not the event
    (facts._LINK_BRANCHES)."""
    if link_type == "PARTICIPATED_IN":
        return other in (claim.get("participants") or ())
    if link_type == "DIRECTED_AT":
        return other in (claim.get("targets") or ())
    if link_type == "AT":
        return claim.get("place") == other
    if link_type == "USED":
        return other in (claim.get("assets") or ())
    if link_type == "FOLLOWS":
        return claim.get("follows") == other
    raise ValueError(f"not an event link type: {link_type!r}")


def link_properties(link_type: str, other: str, claims: Sequence[dict],
                    stored: dict) -> dict | None:
    """The link's properties (`stored`: what the upsert wrote, GDELT's union lists) with its
    `evidence_count` and, for a participation, the lead stating claim's `role`; None when no
    claim states it (the writer removes such a link)."""
    stating = [c for c in claims if _states(link_type, c, other)]
    if not stating:
        return None
    props = dict(stored)
    if link_type == "PARTICIPATED_IN":
        lead = stating[0]
        participants, roles = lead["participants"], lead.get("roles") or []
        role = next((roles[i] for i, p in enumerate(participants)
                     if p == other and i < len(roles)), None)
        if role is not None:
            props["role"] = role
        else:
            props.pop("role", None)
    props["evidence_count"] = len(stating)
    return props
