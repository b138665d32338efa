"""One attempt at a batch's transaction: the statements of `statements.py`, in order.

`BatchRun.write` looks up which of the batch's articles are stored already, writes articles,
claims, entities, events, links and relations, retracts what re-ingested articles no longer
state, and refreshes the facts it touched (facts.py); `reports` then holds, per article, what
was created, updated and removed. `execute_write` may run it again from scratch.
"""

from __future__ import annotations

import neo4j

from actorgraph.graph.write.facts import refresh_facts, write_gdelt_rows
from actorgraph.graph.write.plan import (
    ENTITY_KINDS,
    LINK_TYPES,
    REPORT_KINDS,
    BatchPlan,
    Row,
)
from actorgraph.graph.write.statements import (
    ATTRIBUTIONS_OF_ARTICLES,
    CLAIM_ABOUT,
    CLAIM_ATTRIBUTIONS,
    CLAIM_CREATE,
    CLAIM_DELETE_STALE,
    CLAIM_UPSERT,
    CLAIMS_OF_ARTICLES,
    EXISTING_ARTICLES,
    LINKS_OF_EVENTS,
    article_upsert,
    entity_retract,
    entity_upsert,
    event_relabel,
    event_retract,
    event_upsert,
    link_retract,
    link_upsert,
    relation_modality,
    relation_retract,
    relation_upsert,
    relations_by_id,
)
from actorgraph.records import EVENT_LABELS, RELATION_TYPES, IngestReport

MODALITY_CERTAINTY: tuple[str, ...] = (
    "asserted", "reported", "habitual", "planned", "possible", "suspected", "feared", "denied",
)
"""Most certain first: a fact's modality is the first of these among its claims."""


class BatchRun:
    """One attempt at the transaction (execute_write may retry it from scratch)."""

    def __init__(self, tx: neo4j.ManagedTransaction, plan: BatchPlan, chunk_size: int) -> None:
        self.tx = tx
        self.plan = plan
        self.chunk_size = max(1, chunk_size)
        self.reports = [IngestReport(aid, dict.fromkeys(REPORT_KINDS, 0),
                                     dict.fromkeys(REPORT_KINDS, 0),
                                     dict.fromkeys(REPORT_KINDS, 0))
                        for aid in plan.article_ids]
        self.existing: set[str] = set()
        self.reingested: list[str] = []
        self.index = {aid: i for i, aid in enumerate(plan.article_ids)}

    # -- helpers --
    def _rows(self, query: str, rows: list[dict], **params: object) -> list[dict]:
        result: list[dict] = []
        for i in range(0, len(rows), self.chunk_size):
            chunk = rows[i:i + self.chunk_size]
            result.extend(self.tx.run(query, {"rows": chunk, **params}).data())
        return result

    def _counted(self, kind: str, query: str, rows: list[dict]) -> list[dict]:
        if not rows:
            return []
        records = self._rows(query, rows, reingested=self.reingested,
                             certainty=list(MODALITY_CERTAINTY))
        for record in records:
            report = self.reports[record["owner"]]
            report.created[kind] += record["created"]
            report.updated[kind] += record["updated"]
            report.removed[kind] += record["removed"]
        return records

    def _relabel_events(self, records: list[dict]) -> None:
        by_kind: dict[str, list[str]] = {}
        for record in records:
            for event_id, kind in record["relabel"]:
                by_kind.setdefault(kind, []).append(event_id)
        for kind, ids in by_kind.items():
            for i in range(0, len(ids), self.chunk_size):
                self.tx.run(event_relabel(EVENT_LABELS[kind]),
                            ids=ids[i:i + self.chunk_size]).consume()

    def _upsert_row(self, row: Row, **extra: object) -> dict:
        """The row with the batch's articles split into re-ingested and new ones. A change
        is reported with the first new article stating the element (it is what changed it),
        or else with the first article stating it."""
        again = [a for a in row.articles if a in self.existing]
        fresh = [a for a in row.articles if a not in self.existing]
        owner = self.index[fresh[0]] if fresh else row.owner
        return {"owner": owner, "props": row.props, "again": again, "fresh": fresh, **extra}

    # -- the steps, in order --
    def write(self) -> None:
        ids = self.plan.article_ids
        self.existing = {r["id"] for r in self.tx.run(EXISTING_ARTICLES, ids=ids).data()}
        # GDELT documents only ever add rows (docs/gdelt.md): a later file or batch naming
        # the same URL must not retract what earlier ones stored.
        additive = {row.key[0] for row in self.plan.articles if row.props["kind"] == "gdelt"}
        self.reingested = [aid for aid in ids if aid in self.existing and aid not in additive]
        old = self._old_state() if self.reingested else _OldState()
        self._articles()
        self._claims()
        for kind, label in ENTITY_KINDS.items():
            self._entities(kind, label)
        self._events()
        self._links()
        self._relations()
        self._claim_edges()
        if self.reingested:
            self._retract(old)
        self._refresh_facts(old)

    def _refresh_facts(self, old: _OldState) -> None:
        """Contested flags and GDELT figures of every fact the batch touched (facts.py)."""
        events = list(dict.fromkeys([*self.plan.events, *old.nodes["events"]]))
        relations = {t: list(dict.fromkeys([*self.plan.relations[t], *old.relations.get(t, {})]))
                     for t in RELATION_TYPES}
        refresh_facts(self.tx, events, {t: ids for t, ids in relations.items() if ids},
                      self.chunk_size)

    def _articles(self) -> None:
        rows = [{"id": row.key[0], "owner": row.owner, "props": row.props}
                for row in self.plan.articles]
        self._counted("articles", article_upsert(), rows)

    def _claims(self) -> None:
        if self.reingested:
            keep: dict[str, list[str]] = {aid: [] for aid in self.reingested}
            for claim in self.plan.claims.values():
                if claim.props["article_id"] in keep:
                    keep[claim.props["article_id"]].append(claim.key[0])
            self._counted("claims", CLAIM_DELETE_STALE,
                          [{"id": aid, "owner": self.index[aid], "keep": kept}
                           for aid, kept in keep.items()])
        rows = [{"id": row.key[0], "owner": row.owner, "props": row.props}
                for row in self.plan.claims.values()]
        self._counted("claims", CLAIM_UPSERT,
                      [r for r in rows if r["props"]["article_id"] in self.existing])
        self._counted("claims", CLAIM_CREATE,
                      [r for r in rows if r["props"]["article_id"] not in self.existing])
        write_gdelt_rows(self.tx, [(row.key[0], row.extra["gdelt_rows"],
                                    row.props["article_id"] in self.existing)
                                   for row in self.plan.claims.values()
                                   if "gdelt_rows" in row.extra], self.chunk_size)

    def _entities(self, kind: str, label: str) -> None:
        rows = self.plan.entities(kind)
        self._counted(kind, entity_upsert(label),
                      [self._upsert_row(row, id=key) for key, row in rows.items()])

    def _events(self) -> None:
        records = self._counted("events", event_upsert(),
                                [self._upsert_row(row, id=key)
                                 for key, row in self.plan.events.items()])
        self._relabel_events(records)

    def _links(self) -> None:
        for link_type, rows in self.plan.links.items():
            self._counted("event_links", link_upsert(link_type),
                          [self._upsert_row(row, start=key[0], end=key[1], **row.extra)
                           for key, row in rows.items()])

    def _relations(self) -> None:
        records = self._counted("relations", relation_upsert(), [
            self._upsert_row(row, id=key, type=rel_type, source=row.extra["source"],
                             target=row.extra["target"],
                             best=_most_certain(row.extra["modalities"]))
            for rel_type, rows in self.plan.relations.items() for key, row in rows.items()])
        existing = [entry for record in records for entry in record["existing"]]
        changed = {(rel_type, rid) for _, rel_type, rid, was_changed in existing if was_changed}
        by_type: dict[str, list[dict]] = {}
        for _, rel_type, rid, _ in existing:
            by_type.setdefault(rel_type, []).append({"id": rid})
        for rel_type, rows in by_type.items():
            for record in self._rows(relation_modality(rel_type), rows,
                                     certainty=list(MODALITY_CERTAINTY)):
                if record["changed"]:
                    changed.add((rel_type, record["id"]))
        for owner, rel_type, rid, _ in existing:
            if (rel_type, rid) in changed:
                self.reports[owner].updated["relations"] += 1

    def _claim_edges(self) -> None:
        claims = self.plan.claims.values()
        about = [{"id": c.key[0], "fact_id": c.props["fact_id"]} for c in claims
                 if c.props["fact_type"] == "event"]
        if about:
            self._rows(CLAIM_ABOUT, about)
        # a new claim without a citation chain has no ATTRIBUTED_TO to add or remove
        attributions = [{"id": c.key[0], **c.extra} for c in claims
                        if c.extra["actor_links"] or c.extra["source_links"]
                        or c.props["article_id"] in self.existing]
        if attributions:
            self._rows(CLAIM_ATTRIBUTIONS, attributions)

    def _old_state(self) -> _OldState:
        """What the re-ingested articles stated before this batch, found from their claims."""
        old = _OldState()
        claims = self.tx.run(CLAIMS_OF_ARTICLES, ids=self.reingested).data()
        owner = self.index
        event_rows, relation_rows = [], []
        for c in claims:
            if c["fact_type"] == "event":
                old.add("events", c["fact_id"], owner[c["aid"]])
                event_rows.append({"event": c["fact_id"], "article": c["aid"]})
            else:
                relation_rows.append({"id": c["fact_id"], "article": c["aid"]})
        for link in self._rows(LINKS_OF_EVENTS, event_rows):
            who = owner[link["aid"]]
            key = (link["start"], link["end"])
            old.links.setdefault(link["type"], {}).setdefault(key, who)
            start_label, end_label = LINK_TYPES[link["type"]]
            for label, node_id in ((start_label, key[0]), (end_label, key[1])):
                if label != "Event":
                    old.add(_kind_of(label), node_id, who)
        for rel_type in RELATION_TYPES:
            if not relation_rows:
                break
            for rel in self._rows(relations_by_id(rel_type), relation_rows):
                who = owner[rel["aid"]]
                old.relations.setdefault(rel_type, {}).setdefault(rel["id"], who)
                old.add("actors", rel["source"], who)
                old.add("actors", rel["target"], who)
        for a in self.tx.run(ATTRIBUTIONS_OF_ARTICLES, ids=self.reingested).data():
            old.add("actors" if a["is_actor"] else "sources", a["id"], owner[a["aid"]])
        return old

    def _retract(self, old: _OldState) -> None:
        """Everything the re-ingested articles stated before and no longer state."""
        for rel_type in RELATION_TYPES:
            gone = [{"id": rid, "owner": who}
                    for rid, who in old.relations.get(rel_type, {}).items()
                    if rid not in self.plan.relations[rel_type]]
            self._counted("relations", relation_retract(rel_type), gone)
        for link_type in LINK_TYPES:
            gone = [{"start": key[0], "end": key[1], "owner": who}
                    for key, who in old.links.get(link_type, {}).items()
                    if key not in self.plan.links[link_type]]
            self._counted("event_links", link_retract(link_type), gone)
        gone = [{"id": eid, "owner": who} for eid, who in old.nodes["events"].items()
                if eid not in self.plan.events]
        self._relabel_events(self._counted("events", event_retract(), gone))
        for kind, label in ENTITY_KINDS.items():
            gone = [{"id": nid, "owner": who} for nid, who in old.nodes[kind].items()
                    if nid not in self.plan.entities(kind)]
            self._counted(kind, entity_retract(label), gone)


def _most_certain(modalities: list[str]) -> str:
    return min(modalities, key=MODALITY_CERTAINTY.index)


class _OldState:
    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, int]] = {kind: {} for kind in (*ENTITY_KINDS, "events")}
        self.links: dict[str, dict[tuple[str, str], int]] = {}
        self.relations: dict[str, dict[str, int]] = {}

    def add(self, kind: str, node_id: str, owner: int) -> None:
        self.nodes[kind].setdefault(node_id, owner)


def _kind_of(label: str) -> str:
    return next(kind for kind, known in ENTITY_KINDS.items() if known == label)

