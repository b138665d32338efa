"""What the checks of one annotation share, and the ids it names from the registry.

`Context` collects the problems and, in order, the actors, places, assets and sources the
article involves; `reference` and `attributions` check an id against the registry files and
record it as involved.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from actorgraph.ingest.files.fields import Mapping, Problems, describe, did_you_mean
from actorgraph.ingest.files.yamldoc import YNode
from actorgraph.ingest.reference.cameo import CameoTable
from actorgraph.ingest.reference.registry import Registry


@dataclass
class Context:
    """What one annotation's checks share: where problems go and what the article involves."""

    problems: Problems
    registry: Registry
    cameo: CameoTable
    cameo_file: str
    text: str | None
    text_file: str
    actors: dict[str, None] = field(default_factory=dict)  # ordered sets
    places: dict[str, None] = field(default_factory=dict)
    assets: dict[str, None] = field(default_factory=dict)
    sources: dict[str, None] = field(default_factory=dict)


_KIND_WORDS = {"actors": "an actor id", "places": "a place id", "assets": "an asset id"}


def reference(node: YNode | None, ctx: Context, kind: str, nullable: bool = False
              ) -> str | None:
    """An id that must be in the registry file of `kind`; records it as involved."""
    if node is None or (nullable and node.value is None):
        return None
    known: dict = getattr(ctx.registry, kind)
    expected = f"{_KIND_WORDS[kind]} from {ctx.registry.file(kind)}" + (
        ", or null" if nullable else "")
    value = node.value
    if isinstance(value, str) and value in ctx.registry.broken:
        return None  # its registry entry is reported as broken already
    if not isinstance(value, str) or value not in known:
        hint = did_you_mean(value, known) if isinstance(value, str) else ""
        ctx.problems.at(node, expected, describe(node.plain()) + hint)
        return None
    getattr(ctx, kind)[value] = None
    return value


def attributions(fields: Mapping, ctx: Context) -> tuple[str, ...]:
    result: list[str] = []
    expected = (f"an actor id from {ctx.registry.file('actors')} or a source id from "
                f"{ctx.registry.file('sources')}")
    for item in fields.sequence("attributed_to", f"a list of ids ({expected}), outermost "
                                                 "first"):
        value = item.value
        if isinstance(value, str) and value in ctx.registry.broken:
            continue
        if isinstance(value, str) and value in ctx.registry.actors:
            ctx.actors[value] = None
        elif isinstance(value, str) and value in ctx.registry.sources:
            ctx.sources[value] = None
        else:
            hint = did_you_mean(value, [*ctx.registry.actors, *ctx.registry.sources]) \
                if isinstance(value, str) else ""
            ctx.problems.at(item, expected, describe(item.plain()) + hint)
            continue
        if value in result:
            ctx.problems.at(item, "each id of the citation chain once", f"{value!r} again")
            continue
        result.append(value)
    return tuple(result)
