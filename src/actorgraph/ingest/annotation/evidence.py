"""The evidence of an event or a relation: verbatim quotes located in article.txt."""

from __future__ import annotations

from actorgraph.errors import OccurrenceOutOfRange, QuoteAmbiguous, QuoteNotFound, shorten
from actorgraph.ingest.annotation.references import Context
from actorgraph.ingest.files.fields import Mapping
from actorgraph.ingest.files.yamldoc import YNode
from actorgraph.ingest.quotes import locate_quote
from actorgraph.records import Evidence

EVIDENCE_FIELDS = ("quote", "occurrence")
QUOTE_MAX_CHARS = 2000
"""An evidence quote at most (the longest of the project is under 300)."""


def read_evidence(fields: Mapping, ctx: Context) -> tuple[Evidence, ...]:
    expected = "a list of verbatim quotes from article.txt (at least one)"
    node = fields.get("evidence")
    if node is None:
        fields.missing("evidence", expected)
        return ()
    if not node.is_sequence or not node.value:
        ctx.problems.at(node, expected, "an empty list" if node.is_sequence else None)
        return ()
    result = []
    for item in node.value:
        evidence = _quote(item, ctx)
        if evidence is not None:
            result.append(evidence)
    return tuple(result)


def _quote(item: YNode, ctx: Context) -> Evidence | None:
    occurrence_node = None
    if item.is_mapping:
        entry = Mapping(item, ctx.problems, EVIDENCE_FIELDS)
        quote_node = entry.get("quote")
        if quote_node is None:
            entry.missing("quote", "a verbatim quote from article.txt")
            return None
        occurrence_node = entry.get("occurrence")
    else:
        quote_node = item
    quote = quote_node.value
    if not isinstance(quote, str) or not quote.strip():
        ctx.problems.at(quote_node, "a verbatim quote from article.txt (non-empty text)")
        return None
    if len(quote) > QUOTE_MAX_CHARS:
        ctx.problems.at(quote_node, f"a verbatim quote from article.txt of at most "
                                    f"{QUOTE_MAX_CHARS:,} characters",
                        f"{len(quote):,} characters")
        return None
    occurrence = None
    if occurrence_node is not None and occurrence_node.value is not None:
        value = occurrence_node.value
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            ctx.problems.at(occurrence_node, "an occurrence number (1 for the first)")
            return None
        occurrence = value
    if ctx.text is None:
        return None  # article.txt is missing or unreadable; that problem is reported already
    try:
        start, end = locate_quote(quote, ctx.text, occurrence)
    except QuoteNotFound as e:
        ctx.problems.at(quote_node, "a quote that occurs verbatim in article.txt",
                        f"{shorten(quote)!r} nowhere; closest passage (article.txt line "
                        f"{e.line}): {shorten(e.closest)!r}")
        return None
    except QuoteAmbiguous as e:
        ctx.problems.at(quote_node, f"a quote that occurs once in article.txt, or an "
                                    f"occurrence from 1 to {len(e.lines)}",
                        f"{shorten(quote)!r} {len(e.lines)} times (article.txt lines "
                        f"{', '.join(map(str, e.lines))})")
        return None
    except OccurrenceOutOfRange as e:
        ctx.problems.at(occurrence_node, f"an occurrence from 1 to {e.count} (the quote occurs "
                                         f"{e.count} time{'s' if e.count != 1 else ''})")
        return None
    return Evidence(quote, start, end)
