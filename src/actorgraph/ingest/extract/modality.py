"""How sure the article is of what it says: the hedges, reporting phrases and questions around a
position, and which of two modalities is the less certain."""

from __future__ import annotations

from actorgraph.ingest.extract.rules import ExtractionRules
from actorgraph.ingest.extract.sentence_context import SentenceContext, clause_holding
from actorgraph.ingest.extract.text_layout import words

CERTAINTY: tuple[str, ...] = (
    "asserted", "reported", "habitual", "planned", "possible", "suspected", "feared", "denied")
"""Most certain first (docs/graph-model.md): merged mentions keep the least certain."""

NEXT_SCOPE_WORDS = 3
"""A `scope: next` hedge ("den möglichen Transfer") reaches this many words ahead."""


def modality_at(text: str, ctx: SentenceContext, position: int, rules: ExtractionRules,
                reported: bool) -> tuple[str, str | None]:
    """How sure the article is of what is said at `position`, and the cue that says so.

    A hedge reaches: `sentence` the whole sentence, except that a belief's holder ("Seoul
    und Washington befürchten") is outside it, so only what follows the cue; `clause` its
    clause; `next` the next three words. A question has the hedges.yaml `question` modality;
    a reporting phrase makes it `reported`; hedges.yaml's order decides between them."""
    present: dict[str, str] = {}
    clause = clause_holding(ctx.clauses, position)
    for hedge in ctx.cues.hedges:
        scope = hedge.hedge.scope
        if (scope == "after" or (scope == "sentence" and hedge.hedge.holder)) and \
                position < hedge.end:
            continue
        if scope == "clause" and clause_holding(ctx.clauses, hedge.start) != clause:
            continue
        if scope == "next":
            between = words(text, hedge.end, position)
            if hedge.end > position or len(between) >= NEXT_SCOPE_WORDS:
                continue
        present.setdefault(hedge.hedge.modality,
                           f"{text[hedge.start:hedge.end]!r} ({hedge.rule})")
    if reported:
        present.setdefault("reported", "a reporting phrase in the sentence (attributions.yaml)")
    if ctx.sentence.is_question and rules.hedges.question:
        present.setdefault(rules.hedges.question, "the sentence is a question (hedges.yaml "
                                                  "question)")
    for modality in rules.hedges.precedence:
        if modality in present:
            return modality, present[modality]
    return "asserted", None


def least_certain(a: str, b: str) -> str:
    return a if CERTAINTY.index(a) >= CERTAINTY.index(b) else b
