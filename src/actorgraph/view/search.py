"""Name search over actors and places in German and English. Pure.

Names, German names and aliases are folded (case, accents, ß) so that "lawrow" finds the alias
"Lawrow" of Sergey Lavrov and "nordkorea" finds North Korea. Prefix matches of a name rank
before matches inside a name; more connected entries rank first among equals.

`suggest` ranks what it is given; the explorer gives it the candidates the store's full-text
index finds for `candidate_query` (every word of the text as a word, a word's start or inside
a word, the best first), so that the search reads a bounded number of entries however many
actors there are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


WORD = re.compile(r"[^\W_]+")
"""A run of letters and digits: what the index's tokenizer keeps of a name, and all of the
typed text that goes into a query (no character of Lucene's syntax is a letter or a digit)."""


STOP_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is",
    "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
    "these", "they", "this", "to", "was", "will", "with"})
"""The English words the index's analyzer (Neo4j's `standard-folding`) leaves out of the
index: a name's "of" or "No" (No Kwang-chol) is no term there, so such a typed word may not be
required of a match."""


def candidate_query(text: str) -> str | None:
    """The full-text query that finds the entries `suggest` can match for `text` (a superset:
    `suggest` decides), ranking a whole word above a word's start above a word's middle; None
    when nothing is typed that `suggest` would look for."""
    folded = fold(text)
    words = WORD.findall(folded) if len(folded) >= 2 else []
    if not words:
        return None
    return " ".join(("" if w in STOP_WORDS else "+") + f"({w}^4 OR {w}*^2 OR *{w}*)"
                    for w in words)


@dataclass(frozen=True)
class SearchEntry:
    id: str
    group: str
    kind: str
    name: str
    names: tuple[str, ...]  # every name and alias, as written
    degree: int = 0


@dataclass(frozen=True)
class Suggestion:
    id: str
    group: str
    kind: str
    name: str
    matched: str  # the name or alias that matched, as written

    @property
    def text(self) -> str:
        if fold(self.matched) == fold(self.name):
            return self.name
        return f"{self.name} ({self.matched})"


def entries_from_rows(rows: Iterable[dict]) -> list[SearchEntry]:
    entries = []
    for row in rows:
        names = [row.get("name"), row.get("name_de"), *(row.get("aliases") or [])]
        unique = tuple(dict.fromkeys(n for n in names if n))
        entries.append(SearchEntry(id=row["id"], group=row["group"], kind=row.get("kind") or "",
                                   name=row.get("name") or row["id"],
                                   names=unique or (row["id"],), degree=row.get("degree") or 0))
    return entries


def suggest(entries: Iterable[SearchEntry], query: str, limit: int = 8) -> list[Suggestion]:
    q = fold(query)
    if len(q) < 2:
        return []
    scored = []
    for entry in entries:
        best: tuple[int, str] | None = None
        for name in entry.names:
            folded = fold(name)
            if folded == q:
                rank = 0
            elif folded.startswith(q):
                rank = 1
            elif any(word.startswith(q) for word in folded.split()):
                rank = 2
            elif q in folded:
                rank = 3
            else:
                continue
            if best is None or rank < best[0]:
                best = (rank, name)
        if best is not None:
            scored.append((best[0], -entry.degree, entry.name, entry, best[1]))
    scored.sort(key=lambda t: t[:3])
    return [Suggestion(e.id, e.group, e.kind, e.name, matched)
            for _, _, _, e, matched in scored[:limit]]
