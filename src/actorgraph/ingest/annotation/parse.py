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
from dataclasses import dataclass, field
from pathlib import Path

from actorgraph.errors import (
    FileMissing,
    FileRefused,
    OccurrenceOutOfRange,
    QuoteAmbiguous,
    QuoteNotFound,
    ValidationFailed,
    YamlUnreadable,
    shorten,
)
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
    check_choice,
    check_text,
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
from actorgraph.ingest.quotes import locate_quote
from actorgraph.ingest.reference.cameo import CameoTable
from actorgraph.ingest.reference.dates import parse_iso_date, resolve_date
from actorgraph.ingest.reference.registry import Registry
from actorgraph.records import (
    DATE_PRECISIONS,
    EVENT_KINDS,
    MODALITIES,
    PARTICIPANT_ROLES,
    RELATION_TYPES,
    Article,
    ArticleRecords,
    Event,
    Evidence,
    Participation,
    Relation,
)

ANNOTATION_FILE = "annotation.yaml"
TEXT_FILE = "article.txt"

# `candidates`: names a draft (actorgraph extract) found but could not place, for the
# reviewer. Accepted so a draft ingests unchanged; never written to the graph.
TOP_FIELDS = ("article", "events", "relations", "candidates")
ARTICLE_FIELDS = ("id", "title", "outlet", "url", "language", "published",
                  "published_precision", "published_note")
EVENT_FIELDS = ("id", "kind", "title", "date_text", "date", "date_precision", "place",
                "participants", "targets", "assets", "modality", "attributed_to", "cameo",
                "follows", "topics", "evidence", "note")
RELATION_FIELDS = ("source", "type", "target", "means", "modality", "attributed_to",
                   "evidence", "note")
PARTICIPANT_FIELDS = ("actor", "role")
EVIDENCE_FIELDS = ("quote", "occurrence")

SUPPORT_MEANS: tuple[str, ...] = ("troops", "munitions", "technology", "economic_aid",
                                  "military_aid")
"""What SUPPORTS may name as its means (and nothing else may have means)."""

PUBLISHED_PRECISIONS = tuple(p for p in DATE_PRECISIONS if p != "week")
DEFAULT_ROLE = "participant"
DATE_EXPECTED = "a date like 2025-07-11, 2025-07 or 2025"
LANGUAGE_EXPECTED = "an ISO 639-1 language code like 'de' or 'en'"
ARTICLE_TEXT_EXPECTED = ("UTF-8 text without control characters (tabs and line breaks are "
                         "fine) or bidirectional controls")
QUOTE_MAX_CHARS = 2000
"""An evidence quote at most (the longest of the project is under 300)."""


@dataclass
class _Context:
    """What one annotation's checks share: where problems go and what the article involves."""

    problems: Problems
    registry: Registry
    cameo: CameoTable
    cameo_file: str
    text: str | None
    text_file: str
    actors: dict[str, None] = field(default_factory=dict)  # ordered sets
    places: dict[str, None] = field(default_factory=dict)
    assets: dict[str, None] = field(default_factory=dict)
    sources: dict[str, None] = field(default_factory=dict)


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
    ctx = _Context(problems, registry, cameo, cameo.source, text, TEXT_FILE)
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


def _read_root(root: YNode, folder: Path, raw_text: bytes | None, ctx: _Context
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
        event = _read_event(node, ctx, published, published_precision, language, event_lines,
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
        relation = _read_relation(node, ctx, relation_lines)
        if relation is not None:
            relations.append(relation)
    if ctx.problems or article is None:
        return None
    return ArticleRecords(
        article=article[0], events=tuple(events), relations=tuple(relations),
        actors=tuple(ctx.registry.actors[i] for i in ctx.actors),
        places=tuple(ctx.registry.places[i] for i in ctx.places),
        assets=tuple(ctx.registry.assets[i] for i in ctx.assets),
        sources=tuple(ctx.registry.sources[i] for i in ctx.sources),
    )


# -- article ------------------------------------------------------------------------------


def _read_article(node: YNode, folder: Path, raw_text: bytes | None, ctx: _Context
                  ) -> tuple[Article, dt.date | None, str, str] | None:
    """(Article, publication date, its precision, language)."""
    fields = Mapping(node, ctx.problems, ARTICLE_FIELDS,
                     expected="a mapping of " + ", ".join(ARTICLE_FIELDS))
    if not fields.ok:
        return None
    article_id = fields.text("id", ID_EXPECTED, required=True, nullable=False,
                             pattern=ID_PATTERN)
    if article_id is not None and article_id != folder.name:
        ctx.problems.at(fields.get("id"), f"{folder.name!r} (the name of the article's folder)")
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


def _published(fields: Mapping, ctx: _Context
               ) -> tuple[tuple[str, dt.date] | None, str]:
    """((iso value, date to resolve against), precision)."""
    node = fields.get("published")
    parsed = None
    if node is not None and node.value is not None:
        parsed = _iso_date(node)
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


def _iso_date(node: YNode) -> tuple[str, str] | None:
    """(iso value, precision) of a date field as YAML typed it; None when it does not parse."""
    value = node.value
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value.isoformat(), "day"
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return f"{value:04d}", "year"
    if isinstance(value, str):
        return parse_iso_date(value.strip())
    return None


# -- events -------------------------------------------------------------------------------


def _read_event(node: YNode, ctx: _Context, published: dt.date | None,
                published_precision: str, language: str, event_lines: dict[str, int],
                follows_nodes: list[tuple[YNode, str]]) -> Event | None:
    fields = Mapping(node, ctx.problems, EVENT_FIELDS,
                     expected="an event (a mapping with id, kind, title, modality, evidence ...)")
    if not fields.ok:
        return None
    before = len(ctx.problems)
    event_id = fields.text("id", ID_EXPECTED, required=True, nullable=False, pattern=ID_PATTERN)
    if event_id is not None:
        if event_id in event_lines:
            ctx.problems.at(fields.get("id"), "an event id used once in this annotation",
                            f"{event_id!r} again (first at line {event_lines[event_id]})")
        else:
            event_lines[event_id] = fields.get("id").line
    kind = fields.choice("kind", EVENT_KINDS, required=True)
    title = fields.text("title", "a title (text)", required=True, nullable=False)
    date_text = fields.text("date_text", "the date phrase as the article has it (text), or null")
    date_value, date_precision = _event_date(fields, ctx, date_text, published,
                                             published_precision, language)
    place = _reference(fields.get("place"), ctx, "places", nullable=True)
    participants = _participants(fields, ctx)
    targets = _references(fields, "targets", ctx, "actors", "a list of actor ids")
    assets = _references(fields, "assets", ctx, "assets", "a list of asset ids")
    modality = fields.choice("modality", MODALITIES, required=True)
    attributed_to = _attributions(fields, ctx)
    cameo, goldstein = _cameo(fields, ctx)
    follows_node = fields.get("follows")
    follows = None
    if follows_node is not None and follows_node.value is not None:
        if isinstance(follows_node.value, str) and event_id is not None:
            follows = follows_node.value
            follows_nodes.append((follows_node, event_id))
        elif not isinstance(follows_node.value, str):
            ctx.problems.at(follows_node, "the id of another event in this annotation, or null")
    topics = _texts(fields, "topics", ctx, "a list of topics (text)", "a topic (text)")
    evidence = _evidence(fields, ctx)
    note = fields.text("note", "a note (text), or null", note=True)
    if len(ctx.problems) != before:
        return None
    return Event(
        id=event_id, kind=kind, title=title, modality=modality, evidence=evidence,
        date=date_value, date_precision=date_precision, date_text=date_text, place=place,
        participants=participants, targets=targets, assets=assets,
        attributed_to=attributed_to, cameo=cameo, goldstein=goldstein,
        cameo_label=ctx.cameo.label(cameo) if cameo else None, follows=follows,
        topics=topics, note=note,
    )


def _event_date(fields: Mapping, ctx: _Context, date_text: str | None,
                published: dt.date | None, published_precision: str, language: str
                ) -> tuple[str | None, str]:
    date_node = fields.get("date")
    precision_node = fields.get("date_precision")
    precision = fields.choice("date_precision", DATE_PRECISIONS, nullable=True)
    if date_node is not None and date_node.value is not None:
        parsed = _iso_date(date_node)
        if parsed is None:
            ctx.problems.at(date_node, DATE_EXPECTED + ", or null")
            return None, "unknown"
        value, inferred = parsed
        if precision is None or precision == inferred:
            return value, inferred
        if precision == "week" and inferred == "day":
            monday = dt.date.fromisoformat(value)
            if monday.weekday() == 0:
                return value, "week"
            monday -= dt.timedelta(days=monday.weekday())
            ctx.problems.at(date_node, f"the Monday that starts the week ({monday.isoformat()}) "
                                       "for date_precision week")
            return None, "unknown"
        ctx.problems.at(precision_node, f"{inferred!r} (date {value} is a {inferred})")
        return None, "unknown"
    if precision is not None and precision != "unknown":
        ctx.problems.at(precision_node, "no date_precision without a date (date_text is "
                                        "resolved on its own), or 'unknown'")
        return None, "unknown"
    if precision == "unknown":
        return None, "unknown"
    resolved = resolve_date(date_text, published, language, published_precision)
    return resolved.value, resolved.precision


def _participants(fields: Mapping, ctx: _Context) -> tuple[Participation, ...]:
    result: list[Participation] = []
    seen: dict[str, int] = {}
    for item in fields.sequence("participants", "a list of actor ids or {actor, role}"):
        if item.is_mapping:
            entry = Mapping(item, ctx.problems, PARTICIPANT_FIELDS)
            actor_node = entry.get("actor")
            if actor_node is None:
                entry.missing("actor", f"an actor id from {ctx.registry.file('actors')}")
                actor = None
            else:
                actor = _reference(actor_node, ctx, "actors")
            role = entry.choice("role", PARTICIPANT_ROLES, nullable=True) or DEFAULT_ROLE
            where = actor_node or item
        else:
            actor = _reference(item, ctx, "actors")
            role = DEFAULT_ROLE
            where = item
        if actor is None:
            continue
        if actor in seen:
            ctx.problems.at(where, "each participant once",
                            f"{actor!r} again (first at line {seen[actor]})")
            continue
        seen[actor] = where.line
        result.append(Participation(actor, role))
    return tuple(result)


def _references(fields: Mapping, name: str, ctx: _Context, kind: str, expected: str
                ) -> tuple[str, ...]:
    result: list[str] = []
    seen: dict[str, int] = {}
    for item in fields.sequence(name, expected):
        ref = _reference(item, ctx, kind)
        if ref is None:
            continue
        if ref in seen:
            ctx.problems.at(item, f"each of {name} once", f"{ref!r} again (first at line "
                                                         f"{seen[ref]})")
            continue
        seen[ref] = item.line
        result.append(ref)
    return tuple(result)


_KIND_WORDS = {"actors": "an actor id", "places": "a place id", "assets": "an asset id"}


def _reference(node: YNode | None, ctx: _Context, kind: str, nullable: bool = False
               ) -> str | None:
    """An id that must be in the registry file of `kind`; records it as involved."""
    if node is None or (nullable and node.value is None):
        return None
    known: dict = getattr(ctx.registry, kind)
    expected = f"{_KIND_WORDS[kind]} from {ctx.registry.file(kind)}" + (
        ", or null" if nullable else "")
    value = node.value
    if isinstance(value, str) and value in ctx.registry.broken:
        return None  # its registry entry is reported as broken already
    if not isinstance(value, str) or value not in known:
        hint = did_you_mean(value, known) if isinstance(value, str) else ""
        ctx.problems.at(node, expected, describe(node.plain()) + hint)
        return None
    getattr(ctx, kind)[value] = None
    return value


def _attributions(fields: Mapping, ctx: _Context) -> tuple[str, ...]:
    result: list[str] = []
    expected = (f"an actor id from {ctx.registry.file('actors')} or a source id from "
                f"{ctx.registry.file('sources')}")
    for item in fields.sequence("attributed_to", f"a list of ids ({expected}), outermost "
                                                 "first"):
        value = item.value
        if isinstance(value, str) and value in ctx.registry.broken:
            continue
        if isinstance(value, str) and value in ctx.registry.actors:
            ctx.actors[value] = None
        elif isinstance(value, str) and value in ctx.registry.sources:
            ctx.sources[value] = None
        else:
            hint = did_you_mean(value, [*ctx.registry.actors, *ctx.registry.sources]) \
                if isinstance(value, str) else ""
            ctx.problems.at(item, expected, describe(item.plain()) + hint)
            continue
        if value in result:
            ctx.problems.at(item, "each id of the citation chain once", f"{value!r} again")
            continue
        result.append(value)
    return tuple(result)


def _cameo(fields: Mapping, ctx: _Context) -> tuple[str | None, float | None]:
    node = fields.get("cameo")
    if node is None or node.value is None:
        return None, None
    value = node.value
    if not isinstance(value, str):
        ctx.problems.at(node, f"a CAMEO code as quoted text, like \"042\" (codes of "
                              f"{ctx.cameo_file})")
        return None, None
    if value not in ctx.cameo:
        ctx.problems.at(node, f"a CAMEO code listed in {ctx.cameo_file}")
        return None, None
    return value, ctx.cameo.goldstein[value]


def _texts(fields: Mapping, name: str, ctx: _Context, expected: str, item_expected: str
           ) -> tuple[str, ...]:
    result = []
    for item in fields.sequence(name, expected):
        value = check_text(item, ctx.problems, item_expected)
        if value is not None:
            result.append(value)
    return tuple(result)


# -- evidence -----------------------------------------------------------------------------


def _evidence(fields: Mapping, ctx: _Context) -> tuple[Evidence, ...]:
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


def _quote(item: YNode, ctx: _Context) -> Evidence | None:
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


# -- relations ----------------------------------------------------------------------------


def _read_relation(node: YNode, ctx: _Context, relation_lines: dict[str, int]
                   ) -> Relation | None:
    fields = Mapping(node, ctx.problems, RELATION_FIELDS,
                     expected="a relation (a mapping with source, type, target, modality, "
                              "evidence ...)")
    if not fields.ok:
        return None
    before = len(ctx.problems)
    source = _required_reference(fields, "source", ctx)
    relation_type = fields.choice("type", RELATION_TYPES, required=True)
    target = _required_reference(fields, "target", ctx)
    if source is not None and source == target:
        ctx.problems.at(fields.get("target"), "an actor other than the source",
                        f"{target!r}, the source too")
    means = _means(fields, ctx, relation_type)
    modality = fields.choice("modality", MODALITIES, required=True)
    attributed_to = _attributions(fields, ctx)
    evidence = _evidence(fields, ctx)
    note = fields.text("note", "a note (text), or null", note=True)
    if len(ctx.problems) != before:
        return None
    relation = Relation(source=source, type=relation_type, target=target, modality=modality,
                        evidence=evidence, attributed_to=attributed_to, means=means, note=note)
    if relation.id in relation_lines:
        ctx.problems.at(node, "each relation once per annotation (same source, type, target "
                              "and means)",
                        f"{relation.id!r} again (first at line {relation_lines[relation.id]})")
        return None
    relation_lines[relation.id] = node.line
    return relation


def _required_reference(fields: Mapping, name: str, ctx: _Context) -> str | None:
    node = fields.get(name)
    if node is None:
        fields.missing(name, f"an actor id from {ctx.registry.file('actors')}")
        return None
    return _reference(node, ctx, "actors")


def _means(fields: Mapping, ctx: _Context, relation_type: str | None) -> tuple[str, ...]:
    node = fields.get("means")
    items = fields.sequence("means", "a list of means: " + ", ".join(SUPPORT_MEANS))
    if not items:
        return ()
    if relation_type is not None and relation_type != "SUPPORTS":
        ctx.problems.at(node, "no means (only SUPPORTS has means)")
        return ()
    result: list[str] = []
    for item in items:
        value = check_choice(item, ctx.problems, SUPPORT_MEANS)
        if value is None:
            continue
        if value in result:
            ctx.problems.at(item, "each means once", f"{value!r} again")
            continue
        result.append(value)
    return tuple(sorted(result))

