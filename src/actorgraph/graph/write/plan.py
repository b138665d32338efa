"""What a batch of `ArticleRecords` states, as the rows the writer's UNWIND statements take.

Pure: no Neo4j. Every element is keyed by its stable identity (node id; relationship id or
endpoints), carries the batch's articles that state it (in batch order) and the index of the
first of them (`owner`, to attribute it in the per-article report). The same element stated by
several articles of a batch becomes one row, so a batch writes each node once.

`check_bundles` refuses what the writer cannot store faithfully (a kind, type or modality not
in the allow-lists, a fact naming an entity the bundle does not carry, an article twice)
before any transaction begins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from actorgraph.errors import ValidationFailed
from actorgraph.graph.write.facts import event_claim_values, gdelt_claim_rows
from actorgraph.records import (
    ACTOR_LABELS,
    DATE_PRECISIONS,
    EVENT_LABELS,
    MODALITIES,
    PARTICIPANT_ROLES,
    RELATION_TYPES,
    Article,
    ArticleRecords,
    Event,
    Relation,
)

LINK_TYPES: dict[str, tuple[str, str]] = {
    "PARTICIPATED_IN": ("Actor", "Event"),
    "DIRECTED_AT": ("Event", "Actor"),
    "AT": ("Event", "Place"),
    "USED": ("Event", "Asset"),
    "FOLLOWS": ("Event", "Event"),
}
"""Relationships between an event and what it involves: type -> (start label, end label)."""

ENTITY_KINDS: dict[str, str] = {"actors": "Actor", "places": "Place", "assets": "Asset",
                                "sources": "Source"}
REPORT_KINDS: tuple[str, ...] = ("articles", "actors", "places", "assets", "sources", "events",
                                 "event_links", "relations", "claims")


@dataclass
class Row:
    """One element to write: its identity, its properties and the batch articles stating it."""

    key: tuple
    owner: int
    props: dict
    articles: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    def state(self, article_id: str) -> None:
        if article_id not in self.articles:
            self.articles.append(article_id)


@dataclass
class BatchPlan:
    article_ids: list[str]
    articles: list[Row]
    actors: dict[str, Row]  # id -> row (props carry the kind; labels come from it)
    places: dict[str, Row]
    assets: dict[str, Row]
    sources: dict[str, Row]
    events: dict[str, Row]
    links: dict[str, dict[tuple[str, str], Row]]  # type -> (from id, to id) -> row
    relations: dict[str, dict[str, Row]]  # type -> relation id -> row
    claims: dict[str, Row]  # claim id -> row

    def entities(self, kind: str) -> dict[str, Row]:
        return getattr(self, kind)


def claim_id(article_id: str, fact_type: str, fact_id: str) -> str:
    return f"{article_id}/{fact_type}/{fact_id}"


def check_bundles(bundles: Sequence[ArticleRecords]) -> None:
    """Raise ValidationFailed listing everything in the bundles the writer cannot store."""
    problems: list[str] = []
    seen_articles: set[str] = set()
    for bundle in bundles:
        aid = bundle.article.id
        where = f"article {aid!r}"
        if aid in seen_articles:
            problems.append(f"{where}: expected each article once per batch; found it again")
        seen_articles.add(aid)
        if bundle.article.published_precision not in DATE_PRECISIONS:
            problems.append(f"{where}: published_precision: expected one of "
                            f"{', '.join(DATE_PRECISIONS)}; found "
                            f"{bundle.article.published_precision!r}")
        actors = {a.id: a for a in bundle.actors}
        sources = {s.id for s in bundle.sources}
        places = {p.id for p in bundle.places}
        assets = {a.id for a in bundle.assets}
        for actor in bundle.actors:
            if actor.kind not in ACTOR_LABELS:
                problems.append(f"{where}: actor {actor.id!r}: kind: expected one of "
                                f"{', '.join(ACTOR_LABELS)}; found {actor.kind!r}")
        event_ids = {e.id for e in bundle.events}
        seen_events: set[str] = set()
        for event in bundle.events:
            at = f"{where}: event {event.id!r}"
            if event.id in seen_events:
                problems.append(f"{at}: expected each event once per article; found it again")
            seen_events.add(event.id)
            if event.kind not in EVENT_LABELS:
                problems.append(f"{at}: kind: expected one of {', '.join(EVENT_LABELS)}; found "
                                f"{event.kind!r}")
            if event.date_precision not in DATE_PRECISIONS:
                problems.append(f"{at}: date_precision: expected one of "
                                f"{', '.join(DATE_PRECISIONS)}; found {event.date_precision!r}")
            _check_modality(problems, at, event.modality)
            for p in event.participants:
                _check_ref(problems, at, "participant", p.actor, actors)
                if p.role not in PARTICIPANT_ROLES:
                    problems.append(f"{at}: role of {p.actor!r}: expected one of "
                                    f"{', '.join(PARTICIPANT_ROLES)}; found {p.role!r}")
            for target in event.targets:
                _check_ref(problems, at, "target", target, actors)
            if event.place is not None:
                _check_ref(problems, at, "place", event.place, places)
            for asset in event.assets:
                _check_ref(problems, at, "asset", asset, assets)
            if event.follows is not None and event.follows not in event_ids:
                problems.append(f"{at}: follows: expected an event of the same article; found "
                                f"{event.follows!r}")
            _check_attributions(problems, at, event.attributed_to, actors, sources)
        seen_relations: set[str] = set()
        for relation in bundle.relations:
            relation_id = relation.id
            at = f"{where}: relation {relation_id!r}"
            if relation.type not in RELATION_TYPES:
                problems.append(f"{at}: type: expected one of {', '.join(RELATION_TYPES)}; "
                                f"found {relation.type!r}")
            if relation_id in seen_relations:
                problems.append(f"{at}: expected each relation once per article; found it "
                                "again")
            seen_relations.add(relation_id)
            _check_modality(problems, at, relation.modality)
            _check_ref(problems, at, "source", relation.source, actors)
            _check_ref(problems, at, "target", relation.target, actors)
            _check_attributions(problems, at, relation.attributed_to, actors, sources)
    if problems:
        raise ValidationFailed(problems)


def _check_modality(problems: list[str], at: str, modality: str) -> None:
    if modality not in MODALITIES:
        problems.append(f"{at}: modality: expected one of {', '.join(MODALITIES)}; found "
                        f"{modality!r}")


def _check_ref(problems: list[str], at: str, what: str, ref: str, known) -> None:
    if ref not in known:
        problems.append(f"{at}: {what}: expected an id the bundle carries; found {ref!r}")


def _check_attributions(problems: list[str], at: str, chain: tuple[str, ...], actors,
                        sources) -> None:
    for ref in chain:
        if ref not in actors and ref not in sources:
            problems.append(f"{at}: attributed_to: expected an actor or source id the bundle "
                            f"carries; found {ref!r}")


def plan_batch(bundles: Sequence[ArticleRecords]) -> BatchPlan:
    """The rows of everything the bundles state (call `check_bundles` first)."""
    plan = BatchPlan([b.article.id for b in bundles], [], {}, {}, {}, {}, {},
                     {t: {} for t in LINK_TYPES}, {t: {} for t in RELATION_TYPES}, {})
    for owner, bundle in enumerate(bundles):
        _plan_bundle(plan, owner, bundle)
    return plan


def _plan_bundle(plan: BatchPlan, owner: int, bundle: ArticleRecords) -> None:
    article = bundle.article
    aid = article.id
    plan.articles.append(Row((aid,), owner, {
        "id": aid, "title": article.title, "outlet": article.outlet, "url": article.url,
        "language": article.language, "published": article.published,
        "published_precision": article.published_precision,
        "published_note": article.published_note, "sha256": article.sha256,
        "text": article.text, "kind": article.kind,
    }))
    actors = {a.id: a for a in bundle.actors}
    sources = {s.id: s for s in bundle.sources}
    places = {p.id: p for p in bundle.places}
    assets = {a.id: a for a in bundle.assets}

    def entity(kind: str, entity_id: str) -> None:
        rows = plan.entities(kind)
        row = rows.get(entity_id)
        if row is None:  # registry entries: the first bundle of the batch naming it decides
            row = rows[entity_id] = Row((entity_id,), owner, _entity_props(
                kind, actors, places, assets, sources, entity_id))
        row.state(aid)

    def link(link_type: str, start: str, end: str, **union: tuple[str, ...]) -> None:
        rows = plan.links[link_type]
        row = rows.get((start, end))
        if row is None:
            row = rows[(start, end)] = Row((start, end), owner, {})
        row.state(aid)
        # Several sources per fact (docs/gdelt.md): list properties every source adds to.
        for key, values in union.items():
            known = row.extra.setdefault(key, [])
            known.extend(v for v in values if v not in known)

    for event in bundle.events:
        row = plan.events.get(event.id)
        if row is None:
            row = plan.events[event.id] = Row((event.id,), owner, {})
        row.props = {"kind": event.kind}
        row.state(aid)
        for p in event.participants:
            entity("actors", p.actor)
            link("PARTICIPATED_IN", p.actor, event.id, role_codes=p.codes,
                 names=(p.name,) if p.name else ())
        for target in event.targets:
            entity("actors", target)
            link("DIRECTED_AT", event.id, target)
        if event.place is not None:
            entity("places", event.place)
            link("AT", event.id, event.place)
        for asset in event.assets:
            entity("assets", asset)
            link("USED", event.id, asset)
        if event.follows is not None:
            link("FOLLOWS", event.id, event.follows)
        _claim(plan, owner, article, "event", event.id, event, actors, entity, places)
    for relation in bundle.relations:
        rows = plan.relations[relation.type]
        relation_id = relation.id  # a property that sorts and joins: compute it once
        row = rows.get(relation_id)
        if row is None:
            row = rows[relation_id] = Row((relation_id,), owner, {})
        row.props = {"id": relation_id, "stance": relation.stance, "means": list(relation.means)}
        row.extra["source"], row.extra["target"] = relation.source, relation.target
        row.state(aid)
        entity("actors", relation.source)
        entity("actors", relation.target)
        _claim(plan, owner, article, "relation", relation_id, relation, actors, entity)


def _claim(plan: BatchPlan, owner: int, article: Article, fact_type: str, fact_id: str,
           fact: Event | Relation, actors: dict, entity, places: dict | None = None) -> None:
    aid = article.id
    cid = claim_id(aid, fact_type, fact_id)
    actor_links, source_links = [], []
    for position, ref in enumerate(fact.attributed_to):
        if ref in actors:
            entity("actors", ref)
            actor_links.append([ref, position])
        else:
            entity("sources", ref)
            source_links.append([ref, position])
    props = {
        "id": cid, "article_id": aid, "fact_id": fact_id, "fact_type": fact_type,
        "modality": fact.modality, "attributed_to": list(fact.attributed_to),
        "quotes": [e.quote for e in fact.evidence], "starts": [e.start for e in fact.evidence],
        "ends": [e.end for e in fact.evidence], "note": fact.note,
        # The article's date orders a fact's claims: the earliest is its lead claim
        # (docs/graph-model.md), whatever order the articles came in.
        "published": article.published,
    }
    extra: dict = {"actor_links": actor_links, "source_links": source_links}
    if isinstance(fact, Event):
        props |= event_claim_props(fact)
        # The date span and place this report gives, and its GDELT rows (graph/write/facts.py).
        props |= event_claim_values(fact, places or {})
        if fact.gdelt:
            extra["gdelt_rows"] = gdelt_claim_rows(fact.gdelt)
    plan.claims[cid] = Row((cid,), owner, props, [aid], extra)


def _entity_props(kind: str, actors: dict, places: dict, assets: dict, sources: dict,
                  entity_id: str) -> dict:
    if kind == "actors":
        a = actors[entity_id]
        names = [a.name, *([a.name_de] if a.name_de else []), *a.aliases]
        return {"id": a.id, "name": a.name, "name_de": a.name_de, "aliases": list(a.aliases),
                "kind": a.kind, "country": a.country, "title": a.title, "wikidata": a.wikidata,
                "search_text": " | ".join(dict.fromkeys(names))}
    if kind == "places":
        p = places[entity_id]
        return {"id": p.id, "name": p.name, "name_de": p.name_de, "lat": p.lat, "lon": p.lon,
                "country": p.country}
    if kind == "assets":
        a = assets[entity_id]
        return {"id": a.id, "name": a.name, "kind": a.kind, "country": a.country}
    s = sources[entity_id]
    return {"id": s.id, "name": s.name, "kind": s.kind}


def event_claim_props(event: Event) -> dict:
    """The event as this article tells it. The Event node shows the version of its lead
    claim (docs/graph-model.md); the claims keep every article's version (two reports may
    disagree on the date)."""
    return {"kind": event.kind, "title": event.title, "date": event.date,
            "date_precision": event.date_precision, "date_text": event.date_text,
            "cameo": event.cameo, "cameo_label": event.cameo_label,
            "goldstein": event.goldstein, "topics": list(event.topics),
            "participants": [p.actor for p in event.participants],
            "roles": [p.role for p in event.participants],
            # What else the claim states about the event: its links count these claims.
            "targets": list(event.targets), "assets": list(event.assets),
            "follows": event.follows,
            # Participants named by role only (GDELT's bare GOV, COP ...): parallel lists,
            # absent when there are none (records.Unidentified).
            **_unidentified_props(event)}


def _unidentified_props(event: Event) -> dict:
    found = event.unidentified
    return {
        "unidentified_codes": [u.code for u in found] or None,
        "unidentified_roles": [u.role for u in found] or None,
        "unidentified_words": [u.words for u in found] or None,
        "unidentified_names": [u.name or "" for u in found] or None,
    }
