"""Evidence shown in its paragraph: the quote highlighted inside the text around it. Pure.

`passages` cuts text + character spans into paragraphs of plain and quoted segments; the details
panel (`dashboard/components/details.py`, `render_passages`) turns them into Dash components.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MAX_PARAGRAPH = 1200
"""Longer paragraphs are cut to this many characters around their quotes."""


@dataclass(frozen=True)
class Passage:
    start: int
    end: int
    segments: tuple[tuple[str, bool], ...]  # (text, is_quote)

    @property
    def quoted(self) -> list[str]:
        return [text for text, quoted in self.segments if quoted]


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The line (paragraph) holding [start, end): articles keep one paragraph per line."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, len(text) if right == -1 else right


def passages(text: str, spans: Iterable[tuple[int, int]]) -> list[Passage]:
    """One passage per paragraph that holds a quote; quotes in one paragraph share it."""
    spans = sorted({(s, e) for s, e in spans if 0 <= s < e <= len(text)})
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for s, e in spans:
        groups.setdefault(paragraph_bounds(text, s, e), []).append((s, e))
    result = []
    for (left, right), quotes in sorted(groups.items()):
        if right - left > MAX_PARAGRAPH:
            left = max(left, quotes[0][0] - MAX_PARAGRAPH // 3)
            right = min(right, max(e for _, e in quotes) + MAX_PARAGRAPH // 3)
        segments: list[tuple[str, bool]] = []
        cursor = left
        for s, e in quotes:
            s = max(s, cursor)
            if s >= e:
                continue
            if s > cursor:
                segments.append((text[cursor:s], False))
            segments.append((text[s:e], True))
            cursor = e
        if cursor < right:
            segments.append((text[cursor:right], False))
        result.append(Passage(left, right, tuple(segments)))
    return result


def claim_spans(claim: dict) -> list[tuple[int, int]]:
    """(start, end) pairs from a claim's parallel `starts` / `ends` lists."""
    starts = claim.get("starts") or []
    ends = claim.get("ends") or []
    return [(int(s), int(e)) for s, e in zip(starts, ends, strict=False)
            if s is not None and e is not None]
