"""One sentence as the event and relation rules see it: its cues, its clauses (with the commas
of enumerations put back) and the actors, places, assets and sources named in it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from actorgraph.ingest.extract.cues import SentenceCues
from actorgraph.ingest.extract.gazetteer import Mention
from actorgraph.ingest.extract.mentions import ActorRef
from actorgraph.ingest.extract.text_layout import Sentence, words


@dataclass(frozen=True)
class SentenceContext:
    """What the event rules need to know about one sentence."""

    index: int
    sentence: Sentence
    cues: SentenceCues
    clauses: list[tuple[int, int]]  # enumerations merged ("Südkorea, die USA und Japan")
    actors: list[ActorRef]
    places: list[Mention]
    assets: list[Mention]
    sources: list[Mention]


def clause_holding(clauses: list[tuple[int, int]], position: int) -> tuple[int, int]:
    holding = clauses[0]
    for clause in clauses:
        if clause[0] <= position:
            holding = clause
    return holding


def merge_enumerations(text: str, sentence: Sentence, actors: list[ActorRef],
                       extra_spans: list[tuple[int, int]],
                       conjunctions: frozenset[str]) -> list[tuple[int, int]]:
    """Clauses with the commas of enumerations put back ("Südkorea, die USA und Japan
    haben ..." is one clause): a clause that ends with a name joins a following clause that
    starts with one."""
    names = [(r.first, r.end) for r in actors] + extra_spans
    merged: list[tuple[int, int]] = []
    for clause in sentence.clauses:
        span = (clause.start, clause.end)
        if merged and _ends_with_name(text, merged[-1], names) and \
                _starts_with_name(text, span, names, conjunctions):
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


def _ends_with_name(text: str, clause: tuple[int, int], names) -> bool:
    tail = text[clause[0]:clause[1]].rstrip(" )\"”")
    end = clause[0] + len(tail)
    return any(s >= clause[0] and e == end for s, e in names) or any(
        s >= clause[0] and e <= end and re.fullmatch(r"\s*\([^)]*", text[e:end]) is not None
        for s, e in names)


def _starts_with_name(text: str, clause: tuple[int, int], names, conjunctions) -> bool:
    head = words(text, clause[0], clause[1])
    position = clause[0]
    for word in head[:2]:
        if word.group().lower() in conjunctions or word.group().lower() in (
                "die", "der", "das", "den", "the"):
            position = word.end()
            continue
        break
    while position < clause[1] and text[position] in " \"„“":
        position += 1
    return any(s == position for s, _ in names)
