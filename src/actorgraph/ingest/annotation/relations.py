"""One relation of an annotation: source, type, target, means (SUPPORTS only) and evidence."""

from __future__ import annotations

from actorgraph.ingest.annotation.evidence import read_evidence
from actorgraph.ingest.annotation.references import Context, attributions, reference
from actorgraph.ingest.files.fields import Mapping, check_choice
from actorgraph.ingest.files.yamldoc import YNode
from actorgraph.records import MODALITIES, RELATION_TYPES, Relation

RELATION_FIELDS = ("source", "type", "target", "means", "modality", "attributed_to",
                   "evidence", "note")

SUPPORT_MEANS: tuple[str, ...] = ("troops", "munitions", "technology", "economic_aid",
                                  "military_aid")
"""What SUPPORTS may name as its means (and nothing else may have means)."""


def read_relation(node: YNode, ctx: Context, relation_lines: dict[str, int]
                  ) -> Relation | None:
    fields = Mapping(node, ctx.problems, RELATION_FIELDS,
                     expected="a relation (a mapping with source, type, target, modality, "
                              "evidence ...)")
    if not fields.ok:
        return None
    before = len(ctx.problems)
    source = _required_reference(fields, "source", ctx)
    relation_type = fields.choice("type", RELATION_TYPES, required=True)
    target = _required_reference(fields, "target", ctx)
    if source is not None and source == target:
        ctx.problems.at(fields.get("target"), "an actor other than the source",
                        f"{target!r}, the source too")
    means = _means(fields, ctx, relation_type)
    modality = fields.choice("modality", MODALITIES, required=True)
    attributed_to = attributions(fields, ctx)
    evidence = read_evidence(fields, ctx)
    note = fields.text("note", "a note (text), or null", note=True)
    if len(ctx.problems) != before:
        return None
    relation = Relation(source=source, type=relation_type, target=target, modality=modality,
                        evidence=evidence, attributed_to=attributed_to, means=means, note=note)
    if relation.id in relation_lines:
        ctx.problems.at(node, "each relation once per annotation (same source, type, target "
                              "and means)",
                        f"{relation.id!r} again (first at line {relation_lines[relation.id]})")
        return None
    relation_lines[relation.id] = node.line
    return relation


def _required_reference(fields: Mapping, name: str, ctx: Context) -> str | None:
    node = fields.get(name)
    if node is None:
        fields.missing(name, f"an actor id from {ctx.registry.file('actors')}")
        return None
    return reference(node, ctx, "actors")


def _means(fields: Mapping, ctx: Context, relation_type: str | None) -> tuple[str, ...]:
    node = fields.get("means")
    items = fields.sequence("means", "a list of means: " + ", ".join(SUPPORT_MEANS))
    if not items:
        return ()
    if relation_type is not None and relation_type != "SUPPORTS":
        ctx.problems.at(node, "no means (only SUPPORTS has means)")
        return ()
    result: list[str] = []
    for item in items:
        value = check_choice(item, ctx.problems, SUPPORT_MEANS)
        if value is None:
            continue
        if value in result:
            ctx.problems.at(item, "each means once", f"{value!r} again")
            continue
        result.append(value)
    return tuple(sorted(result))
