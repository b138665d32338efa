"""Finding an evidence quote verbatim in the article text: its character offsets [start, end).

Verbatim means verbatim: no whitespace folding, no quote-mark normalisation, because the
offsets must point at exactly these characters of article.txt. A quote that is not found is
reported with the closest passage of the article, so the annotator sees what differs.
"""

from __future__ import annotations

import difflib
import re

from actorgraph.errors import OccurrenceOutOfRange, QuoteAmbiguous, QuoteNotFound

MIN_BLOCK = 4
"""Matching blocks shorter than this (a shared letter or two) do not extend the passage."""
def occurrences(quote: str, text: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of `quote` in `text`."""
    starts = []
    index = text.find(quote)
    while index != -1:
        starts.append(index)
        index = text.find(quote, index + 1)
    return starts


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def locate_quote(quote: str, text: str, occurrence: int | None = None) -> tuple[int, int]:
    """(start, end) of the quote in the text; `occurrence` (1-based) picks one of several.

    Raises QuoteNotFound (with the closest passage), QuoteAmbiguous or OccurrenceOutOfRange.
    """
    if not quote:
        raise ValueError("an empty quote cannot be located")
    starts = occurrences(quote, text)
    if not starts:
        closest, start = closest_passage(quote, text)
        raise QuoteNotFound(quote, closest, line_of(text, start))
    if occurrence is None:
        if len(starts) > 1:
            raise QuoteAmbiguous(quote, [line_of(text, s) for s in starts])
        occurrence = 1
    if not 1 <= occurrence <= len(starts):
        raise OccurrenceOutOfRange(occurrence, len(starts))
    start = starts[occurrence - 1]
    return start, start + len(quote)


_WORD_START = re.compile(r"(?<!\S)\S")
_WORD_END = re.compile(r"\S(?!\S)")


def closest_passage(quote: str, text: str) -> tuple[str, int]:
    """The passage of `text` most similar to `quote` and its start offset.

    Candidates start at every word of the text and span the quote's length; difflib's ratio
    picks the best start (real_quick_ratio and quick_ratio prune the obviously worse ones).
    The passage ends where the quote's last matching block ends, so a quote that left words
    out is shown against the whole passage it shortened.
    """
    if not text.strip():
        return "", 0
    width = len(quote)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote)
    best_ratio, best_start = -1.0, 0
    for match in _WORD_START.finditer(text):
        start = match.start()
        matcher.set_seq1(text[start:start + width])
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best_ratio, best_start = ratio, start
    window = text[best_start:best_start + 2 * width]
    matcher.set_seq1(window)
    ends = [a + size for a, _, size in matcher.get_matching_blocks() if size >= MIN_BLOCK]
    end = max(ends, default=min(width, len(window)))
    word_end = _WORD_END.search(window, max(end - 1, 0))
    passage = window[: word_end.end() if word_end else end]
    return passage.split("\n\n")[0].rstrip(), best_start
