"""Checking an annotation's `mentions`: every actor the text names, for review, never a fact.

A draft (`actorgraph extract`) lists each name it found with its offsets in article.txt, the
registry actor it stands for (or null for a name the registry does not know) and whether it
stands in a photo caption or credit line. The Review page highlights them; `actorgraph ingest`
only checks them, so a draft ingests unchanged, and writes none of them to the graph: an actor
named here is not recorded as one the article involves.

    mentions:
    - text: Dan Caine        # verbatim, as it stands in article.txt
      start: 1234            # character offsets [start, end) in article.txt
      end: 1243
      actor: dan-caine       # registry id (data/actors.yaml), or null
      in_caption: false      # true in a photo caption / credit line
"""

from __future__ import annotations

from actorgraph.ingest.annotation.references import Context
from actorgraph.ingest.files.fields import Mapping, describe, did_you_mean
from actorgraph.ingest.files.yamldoc import YNode

MENTION_FIELDS = ("text", "start", "end", "actor", "in_caption")
MENTIONS_EXPECTED = "a list of mentions (text, start, end, actor, in_caption)"


def check_mentions(nodes: list[YNode], ctx: Context) -> int:
    """Report every problem of the mentions; the number of valid ones."""
    valid = 0
    for node in nodes:
        fields = Mapping(node, ctx.problems, MENTION_FIELDS,
                         expected="a mapping of " + ", ".join(MENTION_FIELDS))
        if fields.ok and _check_mention(fields, ctx):
            valid += 1
    return valid


def _check_mention(fields: Mapping, ctx: Context) -> bool:
    before = len(ctx.problems)
    quoted = fields.text("text", f"the name as it stands in {ctx.text_file} (text)",
                         required=True, nullable=False)
    size = len(ctx.text) if ctx.text is not None else None
    bound = f" (article.txt has {size:,} characters)" if size is not None else ""
    start = _offset(fields, "start", f"a character offset into {ctx.text_file}, 0 or more"
                    f"{bound}", size)
    end = _offset(fields, "end", f"the character offset where the name ends in "
                  f"{ctx.text_file}, after start{bound}", size)
    if start is not None and end is not None and end <= start:
        ctx.problems.at(fields.get("end"), f"an offset after start ({start})")
        end = None
    if None not in (quoted, start, end) and ctx.text is not None and \
            ctx.text[start:end] != quoted:
        ctx.problems.at(fields.get("text"), f"the text at [{start}, {end}) of {ctx.text_file}, "
                        f"{ctx.text[start:end]!r}", describe(quoted))
    _actor(fields, ctx)
    caption = fields.get("in_caption")
    if caption is not None and not isinstance(caption.value, bool):
        ctx.problems.at(caption, "true or false (whether the name stands in a photo caption "
                                 "or credit line)")
    return len(ctx.problems) == before


def _offset(fields: Mapping, name: str, expected: str, size: int | None) -> int | None:
    node = fields.get(name)
    if node is None:
        fields.missing(name, expected)
        return None
    value = node.value
    if isinstance(value, bool) or not isinstance(value, int) or value < 0 or (
            size is not None and value > size):
        fields.problems.at(node, expected)
        return None
    return value


def _actor(fields: Mapping, ctx: Context) -> None:
    """The actor id must be in the registry, but is not recorded as one the article involves
    (a mention is no fact)."""
    expected = f"an actor id from {ctx.registry.file('actors')}, or null for a name it lacks"
    if not fields.has("actor"):
        fields.missing("actor", expected)
        return
    node = fields.get("actor")
    value = node.value
    if value is None or (isinstance(value, str) and value in ctx.registry.broken):
        return
    if not isinstance(value, str) or value not in ctx.registry.actors:
        hint = did_you_mean(value, ctx.registry.actors) if isinstance(value, str) else ""
        ctx.problems.at(node, expected, describe(node.plain()) + hint)
