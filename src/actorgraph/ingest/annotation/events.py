"""One event of an annotation: its kind, date, place, participants, CAMEO code and evidence."""

from __future__ import annotations

import datetime as dt

from actorgraph.ingest.annotation.evidence import read_evidence
from actorgraph.ingest.annotation.references import Context, attributions, reference
from actorgraph.ingest.files.fields import ID_EXPECTED, ID_PATTERN, Mapping, check_text
from actorgraph.ingest.files.yamldoc import YNode
from actorgraph.ingest.reference.dates import parse_iso_date, resolve_date
from actorgraph.records import (
    DATE_PRECISIONS,
    EVENT_KINDS,
    MODALITIES,
    PARTICIPANT_ROLES,
    Event,
    Participation,
)

EVENT_FIELDS = ("id", "kind", "title", "date_text", "date", "date_precision", "place",
                "participants", "targets", "assets", "modality", "attributed_to", "cameo",
                "follows", "topics", "evidence", "note")
PARTICIPANT_FIELDS = ("actor", "role")
DEFAULT_ROLE = "participant"
DATE_EXPECTED = "a date like 2025-07-11, 2025-07 or 2025"


def read_event(node: YNode, ctx: Context, published: dt.date | None,
               published_precision: str, language: str, event_lines: dict[str, int],
               follows_nodes: list[tuple[YNode, str]]) -> Event | None:
    fields = Mapping(node, ctx.problems, EVENT_FIELDS,
                     expected="an event (a mapping with id, kind, title, modality, evidence ...)")
    if not fields.ok:
        return None
    before = len(ctx.problems)
    event_id = fields.text("id", ID_EXPECTED, required=True, nullable=False, pattern=ID_PATTERN)
    if event_id is not None:
        if event_id in event_lines:
            ctx.problems.at(fields.get("id"), "an event id used once in this annotation",
                            f"{event_id!r} again (first at line {event_lines[event_id]})")
        else:
            event_lines[event_id] = fields.get("id").line
    kind = fields.choice("kind", EVENT_KINDS, required=True)
    title = fields.text("title", "a title (text)", required=True, nullable=False)
    date_text = fields.text("date_text", "the date phrase as the article has it (text), or null")
    date_value, date_precision = _event_date(fields, ctx, date_text, published,
                                             published_precision, language)
    place = reference(fields.get("place"), ctx, "places", nullable=True)
    participants = _participants(fields, ctx)
    targets = _references(fields, "targets", ctx, "actors", "a list of actor ids")
    assets = _references(fields, "assets", ctx, "assets", "a list of asset ids")
    modality = fields.choice("modality", MODALITIES, required=True)
    attributed_to = attributions(fields, ctx)
    cameo, goldstein = _cameo(fields, ctx)
    follows_node = fields.get("follows")
    follows = None
    if follows_node is not None and follows_node.value is not None:
        if isinstance(follows_node.value, str) and event_id is not None:
            follows = follows_node.value
            follows_nodes.append((follows_node, event_id))
        elif not isinstance(follows_node.value, str):
            ctx.problems.at(follows_node, "the id of another event in this annotation, or null")
    topics = _texts(fields, "topics", ctx, "a list of topics (text)", "a topic (text)")
    evidence = read_evidence(fields, ctx)
    note = fields.text("note", "a note (text), or null", note=True)
    if len(ctx.problems) != before:
        return None
    return Event(
        id=event_id, kind=kind, title=title, modality=modality, evidence=evidence,
        date=date_value, date_precision=date_precision, date_text=date_text, place=place,
        participants=participants, targets=targets, assets=assets,
        attributed_to=attributed_to, cameo=cameo, goldstein=goldstein,
        cameo_label=ctx.cameo.label(cameo) if cameo else None, follows=follows,
        topics=topics, note=note,
    )


def _event_date(fields: Mapping, ctx: Context, date_text: str | None,
                published: dt.date | None, published_precision: str, language: str
                ) -> tuple[str | None, str]:
    date_node = fields.get("date")
    precision_node = fields.get("date_precision")
    precision = fields.choice("date_precision", DATE_PRECISIONS, nullable=True)
    if date_node is not None and date_node.value is not None:
        parsed = iso_date(date_node)
        if parsed is None:
            ctx.problems.at(date_node, DATE_EXPECTED + ", or null")
            return None, "unknown"
        value, inferred = parsed
        if precision is None or precision == inferred:
            return value, inferred
        if precision == "week" and inferred == "day":
            monday = dt.date.fromisoformat(value)
            if monday.weekday() == 0:
                return value, "week"
            monday -= dt.timedelta(days=monday.weekday())
            ctx.problems.at(date_node, f"the Monday that starts the week ({monday.isoformat()}) "
                                       "for date_precision week")
            return None, "unknown"
        ctx.problems.at(precision_node, f"{inferred!r} (date {value} is a {inferred})")
        return None, "unknown"
    if precision is not None and precision != "unknown":
        ctx.problems.at(precision_node, "no date_precision without a date (date_text is "
                                        "resolved on its own), or 'unknown'")
        return None, "unknown"
    if precision == "unknown":
        return None, "unknown"
    resolved = resolve_date(date_text, published, language, published_precision)
    return resolved.value, resolved.precision


def _participants(fields: Mapping, ctx: Context) -> tuple[Participation, ...]:
    result: list[Participation] = []
    seen: dict[str, int] = {}
    for item in fields.sequence("participants", "a list of actor ids or {actor, role}"):
        if item.is_mapping:
            entry = Mapping(item, ctx.problems, PARTICIPANT_FIELDS)
            actor_node = entry.get("actor")
            if actor_node is None:
                entry.missing("actor", f"an actor id from {ctx.registry.file('actors')}")
                actor = None
            else:
                actor = reference(actor_node, ctx, "actors")
            role = entry.choice("role", PARTICIPANT_ROLES, nullable=True) or DEFAULT_ROLE
            where = actor_node or item
        else:
            actor = reference(item, ctx, "actors")
            role = DEFAULT_ROLE
            where = item
        if actor is None:
            continue
        if actor in seen:
            ctx.problems.at(where, "each participant once",
                            f"{actor!r} again (first at line {seen[actor]})")
            continue
        seen[actor] = where.line
        result.append(Participation(actor, role))
    return tuple(result)


def _references(fields: Mapping, name: str, ctx: Context, kind: str, expected: str
                ) -> tuple[str, ...]:
    result: list[str] = []
    seen: dict[str, int] = {}
    for item in fields.sequence(name, expected):
        ref = reference(item, ctx, kind)
        if ref is None:
            continue
        if ref in seen:
            ctx.problems.at(item, f"each of {name} once", f"{ref!r} again (first at line "
                                                         f"{seen[ref]})")
            continue
        seen[ref] = item.line
        result.append(ref)
    return tuple(result)


def _cameo(fields: Mapping, ctx: Context) -> tuple[str | None, float | None]:
    node = fields.get("cameo")
    if node is None or node.value is None:
        return None, None
    value = node.value
    if not isinstance(value, str):
        ctx.problems.at(node, f"a CAMEO code as quoted text, like \"042\" (codes of "
                              f"{ctx.cameo_file})")
        return None, None
    if value not in ctx.cameo:
        ctx.problems.at(node, f"a CAMEO code listed in {ctx.cameo_file}")
        return None, None
    return value, ctx.cameo.goldstein[value]


def _texts(fields: Mapping, name: str, ctx: Context, expected: str, item_expected: str
           ) -> tuple[str, ...]:
    result = []
    for item in fields.sequence(name, expected):
        value = check_text(item, ctx.problems, item_expected)
        if value is not None:
            result.append(value)
    return tuple(result)


def iso_date(node: YNode) -> tuple[str, str] | None:
    """(iso value, precision) of a date field as YAML typed it; None when it does not parse."""
    value = node.value
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value.isoformat(), "day"
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return f"{value:04d}", "year"
    if isinstance(value, str):
        return parse_iso_date(value.strip())
    return None
