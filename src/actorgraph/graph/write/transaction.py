"""One attempt at a batch's transaction: the statements of `statements.py`, in order.

`BatchRun.write` looks up which of the batch's articles are stored already and what the
re-ingested ones stated before, writes articles, claims, entities and their `MENTIONS`,
events, links and relations, deletes the claims and mentions re-ingested articles no longer
state, then recomputes from claims and mentions the facts and entities it touched (facts.py;
`entity_support`), removing what nothing supports any more. `reports` then holds, per
article, what was created, updated and removed. `execute_write` may run it again from scratch.
"""

from __future__ import annotations

from collections.abc import Hashable

import neo4j

from actorgraph.graph.schema import MODEL_NODE_ID, MODEL_VERSION, STAMP_MODEL
from actorgraph.graph.write.facts import refresh_facts, write_gdelt_rows
from actorgraph.graph.write.plan import (
    ENTITY_KINDS,
    REPORT_KINDS,
    BatchPlan,
    Row,
)
from actorgraph.graph.write.statements import (
    CLAIM_ABOUT,
    CLAIM_ATTRIBUTIONS,
    CLAIM_CREATE,
    CLAIM_DELETE_STALE,
    CLAIM_UPSERT,
    CLAIMS_OF_ARTICLES,
    EVENT_UPSERT,
    EXISTING_ARTICLES,
    MENTIONS_OF_ARTICLES,
    article_upsert,
    entity_support,
    entity_upsert,
    event_relabel,
    link_upsert,
    mentions_create,
    mentions_delete,
    mentions_merge,
    relation_upsert,
    relations_by_id,
)
from actorgraph.records import EVENT_LABELS, RELATION_TYPES, IngestReport

MODALITY_CERTAINTY: tuple[str, ...] = (
    "asserted", "reported", "habitual", "planned", "possible", "suspected", "feared", "denied",
)
"""Most certain first: a fact's modality is the first of these among its claims."""

_KIND_OF_LABEL = {label: kind for kind, label in ENTITY_KINDS.items()}


class _Tally:
    """What the batch did to the elements of one report kind, by key: created, changed,
    removed, and the article each is reported with (`owner`)."""

    def __init__(self) -> None:
        self.owner: dict[Hashable, int] = {}
        self.created: set[Hashable] = set()
        self.changed: set[Hashable] = set()
        self.removed: set[Hashable] = set()

    def note(self, key: Hashable, *, created: bool = False, changed: bool = False,
             removed: bool = False) -> None:
        if created:
            self.created.add(key)
        if changed:
            self.changed.add(key)
        if removed:
            self.removed.add(key)

    def report(self, kind: str, reports: list[IngestReport]) -> None:
        for key in self.created - self.removed:
            reports[self.owner[key]].created[kind] += 1
        for key in self.changed - self.created - self.removed:
            reports[self.owner[key]].updated[kind] += 1
        for key in self.removed - self.created:
            reports[self.owner[key]].removed[kind] += 1


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
        self.tallies = {kind: _Tally() for kind in (*ENTITY_KINDS, "events", "event_links",
                                                     "relations")}

    # -- helpers --
    def _rows(self, query: str, rows: list[dict], **params: object) -> list[dict]:
        result: list[dict] = []
        for i in range(0, len(rows), self.chunk_size):
            chunk = rows[i:i + self.chunk_size]
            result.extend(self.tx.run(query, {"rows": chunk, **params}).data())
        return result

    def _counted(self, kind: str, query: str, rows: list[dict]) -> None:
        """Articles and claims: statements that return counts per owner."""
        if not rows:
            return
        for record in self._rows(query, rows):
            report = self.reports[record["owner"]]
            report.created[kind] += record["created"]
            report.updated[kind] += record["updated"]
            report.removed[kind] += record["removed"]

    def _tallied(self, kind: str, query: str, rows: list[dict]) -> None:
        """Statements that return, per element, its key and what they did to it."""
        tally = self.tallies[kind]
        for record in self._rows(query, rows) if rows else ():
            tally.note(_key(record["key"]), created=record.get("created", False),
                       changed=record["changed"], removed=record.get("removed", False))

    def _owner(self, row: Row) -> int:
        """A change is reported with the first new article stating the element (it is what
        changed it), or else with the first article stating it."""
        fresh = [a for a in row.articles if a not in self.existing]
        return self.index[fresh[0]] if fresh else row.owner

    def _planned(self, kind: str, rows: dict, **extra_of: object) -> list[dict]:
        tally = self.tallies[kind]
        out = []
        for key, row in rows.items():
            tally.owner.setdefault(_key(key), self._owner(row))
            out.append({"id": key, "owner": tally.owner[_key(key)], "props": row.props,
                        **row.extra})
        return out

    # -- the steps, in order --
    def write(self) -> None:
        ids = self.plan.article_ids
        self.tx.run(STAMP_MODEL, id=MODEL_NODE_ID, version=MODEL_VERSION).consume()
        self.existing = {r["id"] for r in self.tx.run(EXISTING_ARTICLES, ids=ids).data()}
        # GDELT documents only ever add rows (docs/gdelt.md): a later file or batch naming
        # the same URL must not retract what earlier ones stored.
        additive = {row.key[0] for row in self.plan.articles if row.props["kind"] == "gdelt"}
        self.reingested = [aid for aid in ids if aid in self.existing and aid not in additive]
        old = self._old_state() if self.reingested else _OldState()
        self._counted("articles", article_upsert(),
                      [{"id": row.key[0], "owner": row.owner, "props": row.props}
                       for row in self.plan.articles])
        self._claims()
        for kind, label in ENTITY_KINDS.items():
            self._tallied(kind, entity_upsert(label), self._planned(kind, self.plan.entities(kind)))
            self._mentions(kind, label, old)
        self._tallied("events", EVENT_UPSERT, self._planned("events", self.plan.events))
        self._links()
        self._relations()
        self._claim_edges()
        self._refresh_facts(old)
        self._refresh_entities(old)
        for kind, tally in self.tallies.items():
            tally.report(kind, self.reports)

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

    def _mentions(self, kind: str, label: str, old: _OldState) -> None:
        """Each article of the batch names each entity it states once; a re-ingested
        article's mentions of entities it no longer states go."""
        new, stored = [], []
        for entity_id, row in self.plan.entities(kind).items():
            for aid in row.articles:
                (stored if aid in self.existing else new).append(
                    {"article": aid, "id": entity_id})
        self._rows(mentions_create(label), new)
        self._rows(mentions_merge(label), stored)
        stated = self.plan.entities(kind)
        gone = [{"article": aid, "id": entity_id}
                for entity_id, aids in old.mentions[kind].items()
                for aid in aids if aid not in (stated[entity_id].articles
                                               if entity_id in stated else ())]
        self._rows(mentions_delete(label), gone)

    def _links(self) -> None:
        tally = self.tallies["event_links"]
        for link_type, rows in self.plan.links.items():
            batch = []
            for (start, end), row in rows.items():
                key = (link_type, start, end)
                tally.owner.setdefault(key, self._owner(row))
                batch.append({"start": start, "end": end, **row.extra})
            for record in self._rows(link_upsert(link_type), batch) if batch else ():
                tally.note((link_type, *record["key"]), created=record["created"],
                           changed=record["changed"])

    def _relations(self) -> None:
        tally = self.tallies["relations"]
        rows = []
        for rel_type, by_id in self.plan.relations.items():
            for rid, row in by_id.items():
                tally.owner.setdefault((rel_type, rid), self._owner(row))
                rows.append({"id": rid, "type": rel_type, "props": row.props,
                             "source": row.extra["source"], "target": row.extra["target"]})
        self._tallied("relations", relation_upsert(), rows)

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

    def _refresh_facts(self, old: _OldState) -> None:
        """Every event and relation the batch or the re-ingested articles' old claims touch,
        recomputed from its claims; their links with them."""
        events_tally, links_tally = self.tallies["events"], self.tallies["event_links"]
        for event_id, who in old.events.items():
            events_tally.owner.setdefault(event_id, who)
        relations_tally = self.tallies["relations"]
        for rel_type, by_id in old.relations.items():
            for rid, who in by_id.items():
                relations_tally.owner.setdefault((rel_type, rid), who)
        events = list(dict.fromkeys([*self.plan.events, *old.events]))
        relations = {t: list(dict.fromkeys([*self.plan.relations[t], *old.relations.get(t, {})]))
                     for t in RELATION_TYPES}
        event_records, relation_records = refresh_facts(
            self.tx, events, {t: ids for t, ids in relations.items() if ids},
            list(MODALITY_CERTAINTY), self.chunk_size)
        relabel: dict[str, list[str]] = {}
        for record in event_records:
            event_id = record["key"]
            events_tally.note(event_id, changed=record["changed"], removed=record["removed"])
            for key, changed, removed in record["links"]:
                key = tuple(key)
                links_tally.owner.setdefault(key, events_tally.owner[event_id])
                links_tally.note(key, changed=changed, removed=removed)
            if record["relabel"] is not None:
                relabel.setdefault(record["relabel"], []).append(event_id)
        for record in relation_records:
            relations_tally.note(tuple(record["key"]), changed=record["changed"],
                                 removed=record["removed"])
        for kind, ids in relabel.items():
            for i in range(0, len(ids), self.chunk_size):
                self.tx.run(event_relabel(EVENT_LABELS[kind]),
                            ids=ids[i:i + self.chunk_size]).consume()

    def _refresh_entities(self, old: _OldState) -> None:
        """`evidence_count` of every entity the batch named or a re-ingested article named
        before; those no article names any more are removed."""
        for kind, label in ENTITY_KINDS.items():
            tally = self.tallies[kind]
            for entity_id, aids in old.mentions[kind].items():
                tally.owner.setdefault(entity_id, self.index[next(iter(aids))])
            ids = list(dict.fromkeys([*self.plan.entities(kind), *old.mentions[kind]]))
            self._tallied(kind, entity_support(label), [{"id": i} for i in ids])

    def _old_state(self) -> _OldState:
        """What the re-ingested articles stated before this batch: their claims' facts and
        the entities they mentioned."""
        old = _OldState()
        owner = self.index
        relation_rows = []
        for c in self.tx.run(CLAIMS_OF_ARTICLES, ids=self.reingested).data():
            if c["fact_type"] == "event":
                old.events.setdefault(c["fact_id"], owner[c["aid"]])
            else:
                relation_rows.append({"id": c["fact_id"], "article": c["aid"]})
        for rel_type in RELATION_TYPES:
            if not relation_rows:
                break
            for rel in self._rows(relations_by_id(rel_type), relation_rows):
                old.relations.setdefault(rel_type, {}).setdefault(rel["id"], owner[rel["aid"]])
        for m in self.tx.run(MENTIONS_OF_ARTICLES, ids=self.reingested,
                             labels=list(_KIND_OF_LABEL)).data():
            kind = _KIND_OF_LABEL.get(m["label"])
            if kind is not None:
                old.mentions[kind].setdefault(m["id"], {})[m["aid"]] = None
        return old


class _OldState:
    def __init__(self) -> None:
        self.events: dict[str, int] = {}  # event id -> owner
        self.relations: dict[str, dict[str, int]] = {}  # type -> relation id -> owner
        # kind -> entity id -> the re-ingested articles that mentioned it (ordered)
        self.mentions: dict[str, dict[str, dict[str, None]]] = {kind: {} for kind in ENTITY_KINDS}


def _key(value: object) -> Hashable:
    return tuple(value) if isinstance(value, list) else value  # type: ignore[return-value]
