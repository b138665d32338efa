"""The draft's facts as the plain data of annotation.yaml: events with ids, titles, resolved
dates and evidence quotes; relations merged by id; candidates for review."""

from __future__ import annotations

from collections import Counter

from actorgraph.ingest.extract.draft_events import DraftEvent
from actorgraph.ingest.extract.mentions import Candidate
from actorgraph.ingest.extract.modality import least_certain
from actorgraph.ingest.extract.relations import DraftRelation
from actorgraph.ingest.quotes import occurrences
from actorgraph.ingest.reference.registry import Registry
from actorgraph.records import HEDGED_MODALITIES


def _evidence_out(spans: list[tuple[int, int]], text: str) -> list:
    out: list = []
    for start, end in spans:
        quote = text[start:end]
        starts = occurrences(quote, text)
        if len(starts) > 1:
            out.append({"quote": quote, "occurrence": starts.index(start) + 1})
        else:
            out.append(quote)
    return out


def events_out(events: list[DraftEvent], article_id: str, text: str,
                registry: Registry, language: str, resolve
                ) -> tuple[list[dict], list[list[str]]]:
    out, explain = [], []
    counts: Counter[str] = Counter()
    names = registry.actors
    for event in events:
        counts[event.kind] += 1
        event_id = f"{article_id}-{event.kind.replace('_', '-')}-{counts[event.kind]}"
        entry: dict = {"id": event_id, "kind": event.kind,
                       "title": _event_title(event, names)}
        lines = list(event.explain)
        if event.date_text:
            entry["date_text"] = event.date_text
            value, precision = resolve(event.date_text, event.modality)
            if value is not None:
                entry["date"] = value
                entry["date_precision"] = precision
                ahead = " (planned: the next such date)" if event.modality == "planned" else ""
                lines.append(f"date {value} ({precision}): {event.date_text!r} resolved "
                             f"against published by actorgraph.ingest.reference.dates{ahead}")
            else:
                lines.append(f"date_text {event.date_text!r} not resolved (precision "
                             "unknown)")
        if event.place:
            entry["place"] = event.place
        entry["participants"] = [a if role == "participant" else {"actor": a, "role": role}
                                 for a, role in event.participants.items()]
        if event.targets:
            entry["targets"] = list(event.targets)
        if event.assets:
            entry["assets"] = list(event.assets)
        entry["modality"] = event.modality
        if event.attributed_to:
            entry["attributed_to"] = list(event.attributed_to)
        entry["cameo"] = event.cameo
        if event.topics:
            entry["topics"] = list(event.topics)
        entry["evidence"] = _evidence_out(event.evidence, text)
        if event.modality in HEDGED_MODALITIES:
            lines.append(f"hedged ({event.modality}): drawn dashed in the graph")
        out.append(entry)
        explain.append(lines)
    return out, explain


KIND_TITLES = {
    "military_exercise": "Military exercise", "meeting": "Meeting", "statement": "Statement",
    "deployment": "Deployment", "visit": "Visit", "dialogue": "Dialogue",
    "missile_test": "Missile test", "transfer": "Transfer", "demand": "Demand",
    "pledge": "Pledge",
}


def _event_title(event: DraftEvent, names) -> str:
    def name(actor_id: str) -> str:
        actor = names.get(actor_id)
        return actor.name if actor else actor_id

    title = f"{KIND_TITLES.get(event.kind, event.kind)}: " + ", ".join(
        name(a) for a in event.participants)
    if event.targets:
        title += " (directed at " + ", ".join(name(t) for t in event.targets) + ")"
    return "Draft - " + title


def relations_out(relations, text: str) -> tuple[list[dict], list[list[str]]]:
    """One entry per relation id (source, type, target, means): the same relation found with
    two modalities keeps the less certain one and both quotes."""
    merged: dict[tuple, DraftRelation] = {}
    for relation in sorted(relations, key=_relation_order):
        key = (relation.source, relation.type, relation.target, tuple(relation.means))
        known = merged.get(key)
        if known is None:
            merged[key] = relation
            continue
        known.modality = least_certain(known.modality, relation.modality)
        known.attributed_to = known.attributed_to or relation.attributed_to
        known.evidence += [span for span in relation.evidence if span not in known.evidence]
        known.explain += [line for line in relation.explain if line not in known.explain]
    out, explain = [], []
    for relation in merged.values():
        entry: dict = {"source": relation.source, "type": relation.type,
                       "target": relation.target}
        if relation.means:
            entry["means"] = list(relation.means)
        entry["modality"] = relation.modality
        if relation.attributed_to:
            entry["attributed_to"] = list(relation.attributed_to)
        entry["evidence"] = _evidence_out(relation.evidence, text)
        out.append(entry)
        explain.append(list(relation.explain))
    return out, explain


_RELATION_ORDER = ("LEADS", "SERVES", "SPEAKS_FOR", "MEMBER_OF", "ALLIED_WITH",
                   "COOPERATES_WITH", "SUPPORTS", "OPPOSES", "DETERS")


def _relation_order(relation: DraftRelation) -> tuple:
    kind = _RELATION_ORDER.index(relation.type) if relation.type in _RELATION_ORDER else 99
    return kind, relation.evidence[0][0] if relation.evidence else 0


def candidate_out(candidate: Candidate) -> dict:
    entry = {"name": candidate.name, "kind": candidate.kind}
    for key in ("suggested_id", "country", "title"):
        value = getattr(candidate, key)
        if value:
            entry[key] = value
    entry["mentions"] = candidate.count
    entry["why"] = candidate.why
    entry["quote"] = candidate.quote
    return entry
