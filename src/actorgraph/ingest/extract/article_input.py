"""Reading a new article for the draft extractor, refusing what it cannot read.

An empty file, a binary file, text that is not UTF-8, control characters or bidirectional
controls in the text, a file over MAX_ARTICLE_BYTES, something that is not a regular file (a
named pipe, a device) and an article in a language the rules do not cover are each refused
with a message naming the file, what was expected and what was found (`ValidationFailed`,
exit code 2), before anything is written.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from actorgraph.errors import FileRefused, ValidationFailed
from actorgraph.ingest.annotation.article import slug_id
from actorgraph.ingest.extract.rules import LanguageRules
from actorgraph.ingest.files.datafiles import MAX_ARTICLE_BYTES, read_data_file
from actorgraph.ingest.files.textchars import (
    LINE_BREAKS_AND_TABS,
    forbidden_char,
    line_and_column,
    name_char,
)

CONTROL_SHARE = 0.05
"""Above this share of control characters (other than tab, CR, LF) a file is binary."""

_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
         (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


@dataclass(frozen=True)
class ArticleText:
    path: Path
    raw: bytes  # exactly as read: article.txt is written from these bytes
    text: str


@dataclass(frozen=True)
class LanguageGuess:
    language: str | None  # None: too few stop words to tell
    hits: dict[str, int]  # stop-word hits per language, most first

    def describe(self, names: dict[str, str]) -> str:
        return ", ".join(f"{n} {names.get(lang, lang)}" for lang, n in self.hits.items()
                         if n) or "none"


def read_article_text(path: Path) -> ArticleText:
    """The article's bytes and text; ValidationFailed when it is no readable UTF-8 text."""
    if not path.exists():
        _refuse(path, "an article text file (UTF-8)", "no such file")
    if path.is_dir():
        _refuse(path, "an article text file (UTF-8)", "a folder")
    try:
        raw = read_data_file(path, None, MAX_ARTICLE_BYTES)
    except FileRefused as e:
        _refuse(path, e.expected, e.found)
    return checked_article(path, raw)


def article_from_text(text: str, name: str = "article.txt") -> ArticleText:
    """An article given as text (pasted into the Review page), checked as a file is; `name`
    stands for the file in messages."""
    raw = text.encode("utf-8")
    if len(raw) > MAX_ARTICLE_BYTES:
        _refuse(Path(name), f"an article of at most {MAX_ARTICLE_BYTES:,} bytes",
                f"{len(raw):,} bytes")
    return checked_article(Path(name), raw)


def checked_article(path: Path, raw: bytes) -> ArticleText:
    """The article's text from its bytes; ValidationFailed when it is no readable UTF-8
    text."""
    if not raw.strip():
        _refuse(path, "the article's text (UTF-8)",
                "an empty file" if not raw else "only whitespace")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            _refuse(path, "UTF-8 text", f"{encoding} text (byte-order mark "
                    f"{bom.hex(' ').upper()}); save the article as UTF-8")
    nul = raw.find(b"\x00")
    if nul != -1:
        _refuse(path, "UTF-8 text", f"binary data (a NUL byte at offset {nul}); "
                "not a text file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        column = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        _refuse(path, "UTF-8 text", f"byte 0x{raw[e.start]:02x} at line {line}, column "
                f"{column} (offset {e.start}), which is not UTF-8; the file is in another "
                "encoding (Latin-1 or Windows-1252?): save it as UTF-8")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n")
    if controls > CONTROL_SHARE * len(text):
        _refuse(path, "UTF-8 text", f"binary data ({controls} control characters in "
                f"{len(text)}); not a text file")
    bad = forbidden_char(text, LINE_BREAKS_AND_TABS)
    if bad is not None:
        line, column = line_and_column(text, bad)
        _refuse(path, "UTF-8 text without control characters (tabs and line breaks are fine) "
                "or bidirectional controls", f"{name_char(text[bad])} at line {line}, column "
                f"{column}")
    return ArticleText(path=path, raw=raw, text=text)


def guess_language(text: str, rules: LanguageRules) -> LanguageGuess:
    """The language whose stop words occur most often, if they occur often enough."""
    tokens = Counter(w.lower() for w in re.findall(r"\w+", text))
    hits = {lang: sum(tokens[w] for w in words) for lang, words in rules.stop_words.items()}
    ordered = dict(sorted(hits.items(), key=lambda item: -item[1]))
    best, count = next(iter(ordered.items()), (None, 0))
    return LanguageGuess(best if count >= rules.min_hits else None, ordered)


def choose_language(article: ArticleText, requested: str | None,
                    rules: LanguageRules) -> tuple[str, LanguageGuess]:
    """The language to extract in: --lang when given, else the guess. A text that reads as
    a language the rules do not cover is refused either way."""
    guess = guess_language(article.text, rules)
    names = rules.names
    supported = " or ".join(f"{names.get(lang, lang)} ({lang})" for lang in rules.supported)
    if guess.language is not None and guess.language not in rules.supported:
        name = names.get(guess.language, guess.language)
        _refuse(article.path, f"an article in {supported}",
                f"{name} ({guess.language}) by its stop words: {guess.describe(names)}")
    if requested is not None:
        return requested, guess
    if guess.language is None:
        _refuse(article.path, f"an article in {supported}",
                f"too few stop words to tell the language ({guess.describe(names)}); "
                "pass --lang")
    return guess.language, guess


def article_id_for(path: Path) -> str:
    """The article id from the file name ('Putin im Visier.txt' -> 'putin-im-visier'); for
    data/articles/<id>/article.txt (and <folder>/annotation.yaml, where a draft is written)
    the folder's name, as `actorgraph ingest` accepts it (`slug_id`)."""
    stem = path.stem
    if stem.lower() in ("article", "annotation") and path.absolute().parent.name:
        stem = path.absolute().parent.name
    slug = slug_id(stem)
    if not slug:
        _refuse(path, "a file name with letters or digits to make the article id from",
                f"{path.name!r}")
    return slug


def _refuse(path: Path, expected: str, found: str) -> NoReturn:
    raise ValidationFailed([f"{path}: expected {expected}; found {found}"])
