"""Reading one annotated article folder (article.txt + annotation.yaml) into `ArticleRecords`.

Validation is pure and complete: every problem of the annotation is collected (unknown or
missing fields, wrong types, unknown kinds, modalities, relation types, roles and precisions,
ids not in the registry, ids used twice, quotes not in the text or found more than once, dates
that do not parse, an article id that is not the folder's name, a missing article.txt) and
reported together, each with the file, the line, the field path, what was expected and what
was found. Nothing here talks to Neo4j.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from pathlib import Path

from actorgraph.errors import FileMissing, FileRefused, ValidationFailed, YamlUnreadable
from actorgraph.ingest.annotation.events import DATE_EXPECTED, iso_date, read_event
from actorgraph.ingest.annotation.mentions import MENTIONS_EXPECTED, check_mentions
from actorgraph.ingest.annotation.references import Context
from actorgraph.ingest.annotation.relations import read_relation
from actorgraph.ingest.files.datafiles import (
    MAX_ANNOTATION_BYTES,
    MAX_ARTICLE_BYTES,
    read_data_file,
)
from actorgraph.ingest.files.fields import (
    ID_EXPECTED,
    ID_PATTERN,
    Mapping,
    Problems,
    describe,
    did_you_mean,
)
from actorgraph.ingest.files.textchars import (
    LINE_BREAKS_AND_TABS,
    forbidden_char,
    line_and_column,
    name_char,
)
from actorgraph.ingest.files.yamldoc import YNode, parse_yaml_bytes
from actorgraph.ingest.reference.cameo import CameoTable
from actorgraph.ingest.reference.registry import Registry
from actorgraph.records import DATE_PRECISIONS, Article, ArticleRecords, Event, Relation

ANNOTATION_FILE = "annotation.yaml"
TEXT_FILE = "article.txt"

# `candidates` and `mentions`: names a draft (actorgraph extract) found but could not place,
# and every actor the text names, for the reviewer. Accepted so a draft ingests unchanged
# (mentions are checked: offsets, verbatim text, actor ids); never written to the graph.
TOP_FIELDS = ("article", "events", "relations", "candidates", "mentions")
ARTICLE_FIELDS = ("id", "title", "outlet", "url", "language", "published",
                  "published_precision", "published_note")

PUBLISHED_PRECISIONS = tuple(p for p in DATE_PRECISIONS if p != "week")
LANGUAGE_EXPECTED = "an ISO 639-1 language code like 'de' or 'en'"
ARTICLE_TEXT_EXPECTED = ("UTF-8 text without control characters (tabs and line breaks are "
                         "fine) or bidirectional controls")


_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def slug_id(name: str) -> str:
    """The article id a name makes ('Putin im Visier' -> 'putin-im-visier', 'my_folder' ->
    'my-folder'); '' when it has no letters or digits. An article's id is its folder's name
    or, for a folder name that is no id, this slug of it: `actorgraph extract` writes it so."""
    slug = name.lower().translate(_TRANSLITERATION)
    slug = unicodedata.normalize("NFKD", slug).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", slug).strip("-")


def folder_ids(folder: Path) -> tuple[str, ...]:
    """The article ids a folder accepts: its name, and the slug of it when that differs."""
    return tuple(dict.fromkeys(i for i in (folder.name, slug_id(folder.name)) if i))


def load_article(folder: Path, registry: Registry, cameo: CameoTable) -> ArticleRecords:
    """The records of one article folder; ValidationFailed lists every problem."""
    records, problems = read_article(folder, registry, cameo)
    if problems or records is None:
        raise ValidationFailed(problems)
    return records


def read_article(folder: Path, registry: Registry, cameo: CameoTable
                 ) -> tuple[ArticleRecords | None, list[str]]:
    """(records, []) for a valid annotation, (None, problems) otherwise."""
    annotation_path = folder / ANNOTATION_FILE
    text_path = folder / TEXT_FILE
    problems = Problems(str(annotation_path))
    text_problems = Problems(str(text_path))
    raw_text = _read_text(text_path, folder, text_problems)
    text = None
    if raw_text is not None:
        text = raw_text.decode("utf-8")
    root = _read_annotation(annotation_path, folder, problems)
    ctx = Context(problems, registry, cameo, cameo.source, text, TEXT_FILE)
    records = None
    if root is not None:
        records = _read_root(root, folder, raw_text, ctx)
    messages = text_problems.messages + problems.messages
    return (None if messages else records), messages


def _read_text(path: Path, folder: Path, problems: Problems) -> bytes | None:
    try:
        raw = read_data_file(path, folder, MAX_ARTICLE_BYTES)
    except FileMissing:
        problems.add(None, "", "the article's text (UTF-8) next to annotation.yaml",
                     "no such file")
        return None
    except FileRefused as e:
        problems.add(None, "", e.expected, e.found)
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        problems.add(raw[: e.start].count(b"\n") + 1, "", "UTF-8 text",
                     f"byte 0x{raw[e.start]:02x}, which is not UTF-8")
        return None
    bad = forbidden_char(text, LINE_BREAKS_AND_TABS)
    if bad is not None:
        line, column = line_and_column(text, bad)
        problems.add(line, "", ARTICLE_TEXT_EXPECTED,
                     f"{name_char(text[bad])} at line {line}, column {column}")
        return None
    return raw


def _read_annotation(path: Path, folder: Path, problems: Problems) -> YNode | None:
    try:
        root = parse_yaml_bytes(read_data_file(path, folder, MAX_ANNOTATION_BYTES))
    except FileMissing:
        problems.add(None, "", "the annotation of the article", "no such file")
        return None
    except FileRefused as e:
        problems.add(None, "", e.expected, e.found)
        return None
    except YamlUnreadable as e:
        problems.add(e.line, "", e.expected, e.found)
        return None
    if root is None:
        problems.add(1, "", "a mapping with article, events and relations", "an empty file")
        return None
    return root


def _read_root(root: YNode, folder: Path, raw_text: bytes | None, ctx: Context
               ) -> ArticleRecords | None:
    top = Mapping(root, ctx.problems, TOP_FIELDS,
                  expected="a mapping with article, events and relations")
    if not top.ok:
        return None
    article_node = top.get("article")
    if article_node is None:
        top.missing("article", "the article's metadata (id, title, outlet, language, ...)")
    article = _read_article(article_node, folder, raw_text, ctx) if article_node else None
    published, published_precision, language = article[1:] if article else (None, "unknown",
                                                                             "")
    events: list[Event] = []
    event_lines: dict[str, int] = {}
    follows_nodes: list[tuple[YNode, str]] = []
    for node in top.sequence("events", "a list of events"):
        event = read_event(node, ctx, published, published_precision, language, event_lines,
                            follows_nodes)
        if event is not None:
            events.append(event)
    for follows_node, event_id in follows_nodes:
        target = follows_node.value
        if target == event_id or target not in event_lines:
            others = [e for e in event_lines if e != event_id]
            ctx.problems.at(follows_node, "the id of another event in this annotation, or null",
                            describe(target) + (did_you_mean(target, others)
                                                if isinstance(target, str) else ""))
    relations: list[Relation] = []
    relation_lines: dict[str, int] = {}
    for node in top.sequence("relations", "a list of relations"):
        relation = read_relation(node, ctx, relation_lines)
        if relation is not None:
            relations.append(relation)
    check_mentions(top.sequence("mentions", MENTIONS_EXPECTED), ctx)
    if ctx.problems or article is None:
        return None
    return ArticleRecords(
        article=article[0], events=tuple(events), relations=tuple(relations),
        actors=tuple(ctx.registry.actors[i] for i in ctx.actors),
        places=tuple(ctx.registry.places[i] for i in ctx.places),
        assets=tuple(ctx.registry.assets[i] for i in ctx.assets),
        sources=tuple(ctx.registry.sources[i] for i in ctx.sources),
    )


def _read_article(node: YNode, folder: Path, raw_text: bytes | None, ctx: Context
                  ) -> tuple[Article, dt.date | None, str, str] | None:
    """(Article, publication date, its precision, language)."""
    fields = Mapping(node, ctx.problems, ARTICLE_FIELDS,
                     expected="a mapping of " + ", ".join(ARTICLE_FIELDS))
    if not fields.ok:
        return None
    article_id = fields.text("id", ID_EXPECTED, required=True, nullable=False,
                             pattern=ID_PATTERN)
    if article_id is not None and article_id not in folder_ids(folder):
        accepted = folder_ids(folder)
        also = f" or {accepted[1]!r} (made from it)" if len(accepted) > 1 else ""
        ctx.problems.at(fields.get("id"),
                        f"{folder.name!r} (the name of the article's folder){also}")
        article_id = None
    title = fields.text("title", "the article's title (text)", required=True, nullable=False)
    outlet = fields.text("outlet", "the outlet that published it (text, like 'news.de')",
                         required=True, nullable=False)
    url = fields.text("url", "an http:// or https:// URL, or null")
    if url is not None and not url.startswith(("http://", "https://")):
        ctx.problems.at(fields.get("url"), "an http:// or https:// URL, or null")
        url = None
    language = fields.text("language", LANGUAGE_EXPECTED, required=True, nullable=False)
    if language is not None and not (len(language) == 2 and language.isalpha()
                                     and language.islower()):
        ctx.problems.at(fields.get("language"), LANGUAGE_EXPECTED)
        language = None
    published, precision = _published(fields, ctx)
    note = fields.text("published_note", "a note on where the date comes from (text), or null",
                       note=True)
    if None in (article_id, title, outlet, language) or raw_text is None:
        return None
    article = Article(
        id=article_id, title=title, outlet=outlet, language=language,
        text=raw_text.decode("utf-8"), sha256=hashlib.sha256(raw_text).hexdigest(), url=url,
        published=published[0] if published else None, published_precision=precision,
        published_note=note, kind="article",
    )
    return article, (published[1] if published else None), precision, language


def _published(fields: Mapping, ctx: Context
               ) -> tuple[tuple[str, dt.date] | None, str]:
    """((iso value, date to resolve against), precision)."""
    node = fields.get("published")
    parsed = None
    if node is not None and node.value is not None:
        parsed = iso_date(node)
        if parsed is None:
            ctx.problems.at(node, DATE_EXPECTED + ", or null")
    inferred = parsed[1] if parsed else "unknown"
    precision = fields.choice("published_precision", PUBLISHED_PRECISIONS, nullable=True)
    date_usable = node is None or node.value is None or parsed is not None
    if precision is not None and date_usable and precision != inferred:
        why = f"published {parsed[0]} is a {inferred}" if parsed else "published is null"
        ctx.problems.at(fields.get("published_precision"), f"{inferred!r} ({why})")
    if parsed is None:
        return None, "unknown"
    value = parsed[0]
    anchor = dt.date.fromisoformat(value if len(value) == 10 else (value + "-01-01")[:10])
    return (value, anchor), inferred
