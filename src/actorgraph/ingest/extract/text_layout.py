"""An article's text as the extractor reads it: page furniture set aside, sentences and clauses.

Nothing here edits the text. Every unit is a span [start, end) of the article as published, so
a sentence is a verbatim quote the annotation loader will find again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from actorgraph.ingest.extract.rules import Boilerplate

BULLETS = "•·▪◦●‣*-–—"
_SENTENCE_END = re.compile(r"[.!?]+[\"'”“»«)\]]*(?=\s+[\"'„“»«(\[]?[A-ZÄÖÜ0-9])")
_CLAUSE_BREAK = re.compile(r"\s*[,;:]\s+|\s+[-–—]\s+")
HEADING_WORDS = 20
"""A one-line paragraph of at most this many words, not ending in a full stop, is a heading
(or a summary bullet, or a question heading)."""
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


@dataclass(frozen=True)
class SkippedText:
    """Page furniture the extractor ignored, and why."""

    start: int
    end: int
    why: str


@dataclass(frozen=True)
class Clause:
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    is_heading: bool
    clauses: tuple[Clause, ...]

    @property
    def is_question(self) -> bool:
        return self.text.rstrip("\"'”“»« ").endswith("?")


@dataclass(frozen=True)
class Layout:
    title: str | None
    sentences: tuple[Sentence, ...]
    skipped: tuple[SkippedText, ...]


@dataclass(frozen=True)
class _Line:
    start: int  # content start: indentation and bullet removed
    end: int
    is_bullet: bool


def _lines(text: str) -> list[_Line | None]:
    """Lines as content spans; None for a blank line (a paragraph break)."""
    out: list[_Line | None] = []
    offset = 0
    for raw in text.split("\n"):
        start, end = offset, offset + len(raw)
        offset = end + 1
        stripped_start = start + len(raw) - len(raw.lstrip())
        is_bullet = False
        if stripped_start < end and text[stripped_start] in BULLETS and (
                stripped_start + 1 == end or text[stripped_start + 1].isspace()):
            is_bullet = True
            stripped_start += 1
            while stripped_start < end and text[stripped_start].isspace():
                stripped_start += 1
        while end > stripped_start and text[end - 1].isspace():
            end -= 1
        out.append(_Line(stripped_start, end, is_bullet) if end > stripped_start else None)
    return out


def lay_out(text: str, boilerplate: Boilerplate, abbreviations: frozenset[str]) -> Layout:
    """Split the article into content sentences, setting page furniture aside."""
    skipped: list[SkippedText] = []
    content: list[_Line | None] = []
    skip_next = 0
    seen_content = False
    for line in _lines(text):
        if line is None:
            content.append(None)
            continue
        body = text[line.start:line.end]
        if skip_next:
            skip_next -= 1
            skipped.append(SkippedText(line.start, line.end, "teaser of another article"))
            content.append(None)
            continue
        if not seen_content and body.strip() in boilerplate.section_labels:
            skipped.append(SkippedText(line.start, line.end, "section label"))
            content.append(None)
            continue
        rule = next((r for r in boilerplate.lines if r.pattern.match(body)), None)
        if rule is not None:
            skipped.append(SkippedText(line.start, line.end, rule.why))
            skip_next = rule.skip_next
            content.append(None)
            continue
        end = line.end
        for marker in boilerplate.from_marker:
            found = marker.pattern.search(text, line.start, end)
            if found:
                skipped.append(SkippedText(found.start(), end, marker.why))
                end = found.start()
        while end > line.start and text[end - 1].isspace():
            end -= 1
        if end <= line.start:
            content.append(None)
            continue
        seen_content = True
        content.append(_Line(line.start, end, line.is_bullet))

    title = None
    sentences: list[Sentence] = []
    paragraph = 0
    block: list[_Line] = []

    def flush() -> None:
        nonlocal paragraph, title
        if not block:
            return
        start, end = block[0].start, block[-1].end
        if title is None:
            title = text[start:end]
        line = text[start:end]
        is_heading = len(block) == 1 and len(line.split()) <= HEADING_WORDS and \
            not re.search(r"[.!:]$", line)
        for s_start, s_end in _split_sentences(text, start, end, abbreviations):
            sentences.append(Sentence(s_start, s_end, text[s_start:s_end], paragraph,
                                      is_heading, _clauses(text, s_start, s_end)))
        paragraph += 1
        block.clear()

    for line in content:
        if line is None or line.is_bullet:
            flush()
            if line is not None:
                block.append(line)
                flush()
            continue
        block.append(line)
    flush()
    return Layout(title=title, sentences=tuple(sentences), skipped=tuple(skipped))


def _split_sentences(text: str, start: int, end: int,
                     abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    spans = []
    cursor = start
    for found in _SENTENCE_END.finditer(text, start, end):
        stop = found.end()
        before = text[cursor:found.start()]
        last_word = before.split()[-1].lower() if before.split() else ""
        if text[found.start()] == "." and found.group().startswith(".") and (
                last_word.rstrip(".") in abbreviations
                or re.fullmatch(r"\d{1,2}", last_word)
                or re.fullmatch(r"[a-zäöü]", last_word)
                or re.fullmatch(r"(\w\.)+\w?", last_word)):
            continue
        spans.append((cursor, stop))
        cursor = stop
        while cursor < end and text[cursor].isspace():
            cursor += 1
    if cursor < end:
        spans.append((cursor, end))
    return [(s, e) for s, e in spans if e > s]


def _clauses(text: str, start: int, end: int) -> tuple[Clause, ...]:
    """Comma, semicolon, colon and dash separated parts; parentheses stay inside one part."""
    clauses = []
    cursor = start
    depth = 0
    position = start
    while position < end:
        ch = text[position]
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        if depth == 0:
            found = _CLAUSE_BREAK.match(text, position, end)
            if found and found.end() > position:
                if position > cursor:
                    clauses.append(Clause(cursor, position))
                cursor = position = found.end()
                continue
        position += 1
    if cursor < end:
        clauses.append(Clause(cursor, end))
    return tuple(clauses)


def words(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """The words of text[start:end] as matches (hyphenated compounds are one word)."""
    return list(_WORD.finditer(text, start, len(text) if end is None else end))
