"""The whole graph of a bulk import, accumulated in memory batch by batch.

Each batch is what the online importer would hand the writer (`records_for_rows` of the same
rows, in the same batches); it is planned with the writer's own `plan_batch`, so every row's
properties are exactly what the writer stores, and stored here with the writer's semantics:

- articles, claims and entities: `SET n += props` (a later batch's value wins; a null removes
  the property);
- a claim's GDELT rows: merged by GlobalEventID across batches (facts.GDELT_CLAIM_MERGE),
  ordered by it when the claim is written (facts.gdelt_claim_lists);
- a participation's `role_codes` and `names`: united over batches in first-seen order, absent
  while no source gave one (statements.link_upsert);
- `MENTIONS`: one per article and entity it names;
- a claim's `ATTRIBUTED_TO`: the citation chain of its last batch.

`elements()` then yields every node and relationship with what the writer derives after each
batch (derived.py). Only what GDELT rows produce is accepted: a bundle with relations is
refused (the bulk path is for GDELT backfills).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from actorgraph.errors import ValidationFailed
from actorgraph.graph.bulk.derived import event_properties, lead_order, link_properties
from actorgraph.graph.write.facts import GDELT_FIELDS
from actorgraph.graph.write.plan import (
    ENTITY_KINDS,
    LINK_TYPES,
    BatchPlan,
    check_bundles,
    plan_batch,
)
from actorgraph.records import ACTOR_LABELS, EVENT_LABELS, ArticleRecords

UNION_LISTS = ("role_codes", "names")
"""PARTICIPATED_IN's lists every source adds to (statements.link_upsert)."""

Node = tuple[tuple[str, ...], dict]
Relationship = tuple[str, tuple[str, str], tuple[str, str], dict]


def merge_props(stored: dict, new: dict) -> None:
    """`SET n += $props`: every key of `new` is set; a null removes it."""
    for key, value in new.items():
        if value is None:
            stored.pop(key, None)
        else:
            stored[key] = value


@dataclass(frozen=True)
class BulkCounts:
    """What the bulk import writes, by the kinds the import summary shows."""

    articles: int
    events: int
    claims: int
    actors: int
    places: int
    event_links: int
    nodes: int
    relationships: int

    def created(self) -> dict[str, int]:
        return {"articles": self.articles, "events": self.events, "claims": self.claims,
                "actors": self.actors, "places": self.places,
                "event_links": self.event_links}


class BulkGraph:
    """Call it with each batch of bundles (it is the importer's `write`), then `elements()`."""

    def __init__(self) -> None:
        self.articles: dict[str, dict] = {}
        self.claims: dict[str, dict] = {}
        self.gdelt_rows: dict[str, list[tuple]] = {}  # claim id -> rows (GDELT_FIELDS order)
        self.attributions: dict[str, tuple[list, list]] = {}  # claim id -> (actors, sources)
        self.entities: dict[str, dict[str, dict]] = {kind: {} for kind in ENTITY_KINDS}
        self.mentions: dict[str, dict[str, dict[str, None]]] = {kind: {} for kind in ENTITY_KINDS}
        self.events: dict[str, None] = {}
        self.links: dict[str, dict[tuple[str, str], dict]] = {t: {} for t in LINK_TYPES}
        self.batches = 0

    def __call__(self, bundles: Sequence[ArticleRecords]) -> None:
        bundles = list(bundles)
        if not bundles:
            return
        check_bundles(bundles)
        self.add_plan(plan_batch(bundles))

    def add_plan(self, plan: BatchPlan) -> None:
        if any(plan.relations.values()):
            raise ValidationFailed(["the bulk import takes GDELT events only; these records "
                                    "hold actor-actor relations: ingest them online"])
        self.batches += 1
        for row in plan.articles:
            merge_props(self.articles.setdefault(row.key[0], {}), row.props)
        for claim_id, row in plan.claims.items():
            merge_props(self.claims.setdefault(claim_id, {}), row.props)
            if "gdelt_rows" in row.extra:
                new = [tuple(entry[name] for name, _ in GDELT_FIELDS)
                       for entry in row.extra["gdelt_rows"]]
                ids = {entry[0] for entry in new}
                kept = [entry for entry in self.gdelt_rows.get(claim_id, ())
                        if entry[0] not in ids]
                self.gdelt_rows[claim_id] = kept + new
            links = (row.extra.get("actor_links") or [], row.extra.get("source_links") or [])
            if links[0] or links[1]:
                self.attributions[claim_id] = links
            else:
                self.attributions.pop(claim_id, None)
        for kind in ENTITY_KINDS:
            stored, mentions = self.entities[kind], self.mentions[kind]
            for entity_id, row in plan.entities(kind).items():
                merge_props(stored.setdefault(entity_id, {}), row.props)
                named = mentions.setdefault(entity_id, {})
                for aid in row.articles:
                    named[aid] = None
        for event_id in plan.events:
            self.events[event_id] = None
        for link_type, rows in plan.links.items():
            stored_links = self.links[link_type]
            for key, row in rows.items():
                props = stored_links.setdefault(key, {})
                for name in UNION_LISTS:
                    known = props.get(name, [])
                    added = [v for v in row.extra.get(name) or () if v not in known]
                    if added:
                        props[name] = known + added

    # -- the graph ---------------------------------------------------------------------------
    def _claim_node(self, claim_id: str) -> dict:
        props = dict(self.claims[claim_id])
        rows = self.gdelt_rows.get(claim_id)
        if rows:
            ordered = sorted(rows, key=lambda entry: entry[0])
            for i, (_, prop) in enumerate(GDELT_FIELDS):
                props[prop] = [entry[i] for entry in ordered]
        return props

    def event_claims(self) -> dict[str, list[str]]:
        """Event id -> the ids of the claims about it, in lead order (the event and each of
        its links need that order: sorted once here, not once per link)."""
        about: dict[str, list[dict]] = {}
        for props in self.claims.values():
            if props.get("fact_type") == "event":
                about.setdefault(props["fact_id"], []).append(props)
        return {event_id: [c["id"] for c in lead_order(claims)]
                for event_id, claims in about.items()}

    def elements(self, counts: list[BulkCounts] | None = None
                 ) -> tuple[Iterator[Node], Iterator[Relationship]]:
        """Every node and relationship, with derived properties. `counts`, when given, gets
        one BulkCounts appended once both iterators are exhausted (nodes first)."""
        about = self.event_claims()
        tally = {"nodes": 0, "relationships": 0, "events": 0, "event_links": 0}

        def nodes() -> Iterator[Node]:
            for props in self.articles.values():
                tally["nodes"] += 1
                yield ("Article",), props
            for claim_id in self.claims:
                tally["nodes"] += 1
                yield ("Claim",), self._claim_node(claim_id)
            for kind, label in ENTITY_KINDS.items():
                mentions = self.mentions[kind]
                for entity_id, props in self.entities[kind].items():
                    labels = ((label, ACTOR_LABELS[props["kind"]]) if label == "Actor"
                              else (label,))
                    tally["nodes"] += 1
                    yield labels, {**props, "evidence_count": len(mentions[entity_id])}
            for event_id in self.events:
                claim_ids = about.get(event_id)
                if not claim_ids:  # the writer removes an event no claim is about
                    continue
                props = event_properties(event_id, [self._claim_node(c) for c in claim_ids])
                tally["nodes"] += 1
                tally["events"] += 1
                yield ("Event", EVENT_LABELS[props["kind"]]), props

        def relationships() -> Iterator[Relationship]:
            for claim_id, props in self.claims.items():
                tally["relationships"] += 1
                yield "CLAIMS", ("Article", props["article_id"]), ("Claim", claim_id), {}
                if props.get("fact_type") == "event" and about.get(props["fact_id"]):
                    tally["relationships"] += 1
                    yield "ABOUT", ("Claim", claim_id), ("Event", props["fact_id"]), {}
                actor_links, source_links = self.attributions.get(claim_id, ((), ()))
                for label, chain in (("Actor", actor_links), ("Source", source_links)):
                    for ref, position in chain:
                        tally["relationships"] += 1
                        yield ("ATTRIBUTED_TO", ("Claim", claim_id), (label, ref),
                               {"position": position})
            for kind, label in ENTITY_KINDS.items():
                for entity_id, articles in self.mentions[kind].items():
                    for aid in articles:
                        tally["relationships"] += 1
                        yield "MENTIONS", ("Article", aid), (label, entity_id), {}
            for link_type, rows in self.links.items():
                start_label, end_label = LINK_TYPES[link_type]
                for (start, end), stored in rows.items():
                    event_id, other = (end, start) if start_label != "Event" else (start, end)
                    claim_ids = about.get(event_id)
                    if not claim_ids:
                        continue
                    claims = [self.claims[c] for c in claim_ids]
                    props = link_properties(link_type, other, claims, stored)
                    if props is None:
                        continue
                    tally["relationships"] += 1
                    tally["event_links"] += 1
                    yield link_type, (start_label, start), (end_label, end), props
            if counts is not None:
                counts.append(BulkCounts(
                    articles=len(self.articles), events=tally["events"],
                    claims=len(self.claims), actors=len(self.entities["actors"]),
                    places=len(self.entities["places"]), event_links=tally["event_links"],
                    nodes=tally["nodes"], relationships=tally["relationships"]))

        return nodes(), relationships()
