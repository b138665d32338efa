"""Draft extraction: a new article becomes a reviewable annotation, offline.

Rules and gazetteers only (data/extract/*.yaml, data/actors.yaml ...): no network, no model.
The draft is an annotation in the format of docs/annotation-format.md that `actorgraph ingest`
accepts as it is, plus a `candidates` list of names the registries do not know and a
`mentions` list of every actor the text names, with offsets (`draft_mentions`). Every fact
carries the rule that produced it (`Draft.explain`), written as YAML comments by
`actorgraph extract --explain`.

Steps: page furniture is set aside and the text split into sentences and clauses
(`text_layout`); the gazetteer finds actors, places, assets, sources and titles
(`gazetteer`, `mention_links`); each sentence's cues (`extract_cues`) give events
(`extract_events`) and relations (`extract_relations`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from actorgraph.errors import ValidationFailed
from actorgraph.ingest.annotation.article import slug_id
from actorgraph.ingest.extract.article_input import (
    ArticleText,
    article_from_text,
    article_id_for,
    choose_language,
    read_article_text,
)
from actorgraph.ingest.extract.cues import CueFinder
from actorgraph.ingest.extract.draft_mentions import draft_mentions
from actorgraph.ingest.extract.draft_output import candidate_out, events_out, relations_out
from actorgraph.ingest.extract.events import EventBuilder
from actorgraph.ingest.extract.gazetteer import Gazetteer
from actorgraph.ingest.extract.mentions import link_mentions
from actorgraph.ingest.extract.relations import RelationBuilder
from actorgraph.ingest.extract.rule_loading import load_rules
from actorgraph.ingest.extract.rules import ExtractionRules
from actorgraph.ingest.extract.sentence_context import SentenceContext, merge_enumerations
from actorgraph.ingest.extract.text_layout import lay_out
from actorgraph.ingest.reference.cameo import CameoTable, load_cameo
from actorgraph.ingest.reference.countries import DATA_DIR
from actorgraph.ingest.reference.dates import parse_iso_date, resolve_date
from actorgraph.ingest.reference.registry import Registry, load_registry

RULES_FOLDER = "extract"

REFERENCE_DAY = dt.date(2000, 1, 5)
"""Resolves date phrases only to tell them apart when an article has no publication day."""

_OUTLET = re.compile(r"(?<![\w.-])((?:[\w-]+\.)+(?:de|com|org|net|uk|fr|at|ch|eu|io|kr|jp))"
                     r"(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class ExtractionContext:
    """What every extraction reads once: registries, rules, the CAMEO table."""

    registry: Registry
    rules: ExtractionRules
    cameo: CameoTable
    data_dir: Path


@dataclass
class Draft:
    """A draft annotation: the YAML document's content and, per fact, how it was found."""

    article_id: str
    language: str
    raw: bytes
    text: str
    article: dict
    events: list[dict]
    relations: list[dict]
    candidates: list[dict]
    explain_events: list[list[str]]
    explain_relations: list[list[str]]
    notes: list[str] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)

    def annotation(self, with_candidates: bool = True) -> dict:
        """The annotation as plain data (what `draft_yaml` writes); `with_candidates` keeps
        the lists for review, `candidates` and `mentions`."""
        document = {"article": self.article, "events": self.events,
                    "relations": self.relations}
        if with_candidates:
            document["candidates"] = self.candidates
            document["mentions"] = self.mentions
        return document


def load_context(data_dir: Path | None = None) -> ExtractionContext:
    """Registries, rules and CAMEO table of a data folder (default: the project's)."""
    data = data_dir if data_dir is not None else DATA_DIR
    cameo = load_cameo(data)
    rules = load_rules(data / RULES_FOLDER, cameo.goldstein)
    return ExtractionContext(load_registry(data), rules, cameo, data)


def parse_published(value: str | None) -> tuple[str, str] | None:
    """--published as (ISO value, precision); ValidationFailed names the option."""
    if value is None:
        return None
    parsed = parse_iso_date(value.strip())
    if parsed is None:
        raise ValidationFailed([f"--published: expected a date like 2025-07-11, 2025-07 or "
                                f"2025; found {value!r}"])
    return parsed


def extract_article(path: Path, context: ExtractionContext, language: str | None = None,
                    published: str | None = None, outlet: str | None = None,
                    article_id: str | None = None) -> Draft:
    """The draft annotation of the article file at `path` (its id: `article_id`, else made
    from the file name by `article_id_for`)."""
    published_date = parse_published(published)
    article = read_article_text(path)
    chosen, _guess = choose_language(article, language, context.rules.languages)
    return extract_text(article, article_id or article_id_for(path), chosen, published_date,
                        outlet, context)


def draft_article(text: str, *, outlet: str | None = None, url: str | None = None,
                  language: str | None = None, published: str | None = None,
                  article_id: str | None = None,
                  context: ExtractionContext | None = None) -> Draft:
    """The draft of an article given as text, as `actorgraph extract` makes it of a file.
    `language` None: told from the stop words; `published` like --published; `article_id`
    None: made from the first line (the title); `context` None: the project's data/.
    ValidationFailed for a text or date it cannot read."""
    published_date = parse_published(published)
    article = article_from_text(text)
    context = context if context is not None else load_context()
    chosen, _guess = choose_language(article, language, context.rules.languages)
    draft = extract_text(article, article_id or _title_id(text, context.rules), chosen,
                         published_date, outlet, context)
    if url is not None:
        draft.article["url"] = url
    return draft


def draft_annotation(text: str, *, outlet: str | None = None, url: str | None = None,
                     language: str | None = None, published: str | None = None,
                     article_id: str | None = None,
                     context: ExtractionContext | None = None) -> dict:
    """The draft annotation of a text as plain data: the dict `actorgraph extract` writes as
    YAML (article, events, relations, candidates, mentions); see `draft_article`."""
    return draft_article(text, outlet=outlet, url=url, language=language,
                         published=published, article_id=article_id,
                         context=context).annotation()


TITLE_ID_CHARS = 60


def _title_id(text: str, rules: ExtractionRules) -> str:
    """An article id from the title, the first line after page furniture ('Wladimir Putin im
    Visier' -> 'wladimir-putin-im-visier'), cut at a hyphen within TITLE_ID_CHARS."""
    title = lay_out(text, rules.boilerplate, rules.languages.abbreviations).title or ""
    slug = slug_id(title)
    if len(slug) > TITLE_ID_CHARS:
        slug = slug[:TITLE_ID_CHARS].rsplit("-", 1)[0]
    return slug or "article"


def extract_text(article: ArticleText, article_id: str, language: str,
                 published: tuple[str, str] | None, outlet: str | None,
                 context: ExtractionContext) -> Draft:
    """The draft annotation of an article already read and checked."""
    text = article.text
    rules = context.rules
    layout = lay_out(text, rules.boilerplate, rules.languages.abbreviations)
    gazetteer = Gazetteer(context.registry, rules, language)
    place_prepositions = rules.triggers.place_prepositions.get(language, frozenset())
    mentions = gazetteer.find(text, [(s.start, s.end) for s in layout.sentences],
                              place_prepositions)
    linked = link_mentions(text, layout.sentences, mentions, gazetteer, language)
    cues = CueFinder(rules, language)

    published_note = None
    if published is None:
        published, published_note = _published_in_text(text, layout, language)
    anchor, precision = _anchor(published)

    def resolve(phrase: str) -> tuple[str | None, str]:
        resolved = resolve_date(phrase, anchor, language, precision)
        return resolved.value, resolved.precision

    def date_key(phrase: str) -> tuple[str | None, str]:
        """What tells two date phrases apart when mentions are merged: their resolution,
        against a fixed day when the article has no date ("am Freitag" is never "in den
        letzten Jahren", published or not)."""
        if anchor is not None and precision == "day":
            return resolve(phrase)
        resolved = resolve_date(phrase, REFERENCE_DAY, language, "day")
        return resolved.value, resolved.precision

    events = EventBuilder(text, rules, language, cues, linked, date_key)
    relations = RelationBuilder(text, rules, language, context.registry)
    conjunctions = rules.triggers.conjunctions.get(language, frozenset())
    candidate_spans = list(linked.candidate_spans)
    for index, sentence in enumerate(layout.sentences):
        actors = [r for r in linked.actors if sentence.start <= r.start < sentence.end]
        clauses = merge_enumerations(text, sentence, actors, candidate_spans, conjunctions)
        sentence_cues = cues.find(text, sentence)
        ctx = SentenceContext(
            index=index, sentence=sentence, cues=sentence_cues, clauses=clauses,
            actors=actors,
            places=[p for p in linked.places if sentence.start <= p.start < sentence.end],
            assets=[a for a in linked.assets if sentence.start <= a.start < sentence.end],
            sources=[s for s in linked.sources if sentence.start <= s.start < sentence.end])
        events.add_sentence(ctx)
        relations.from_sentence(ctx)
    relations.from_offices(linked)
    relations.from_events(events.events, linked.actors)

    notes = [f"page furniture skipped ({s.why}): {text[s.start:s.end]!r}"
             for s in layout.skipped]
    notes += linked.notes + events.dropped + gazetteer.skipped_aliases
    def resolve_event(phrase: str, modality: str) -> tuple[str | None, str]:
        value, resolved_precision = resolve(phrase)
        if modality == "planned" and value is not None and anchor is not None:
            value = _forward(value, resolved_precision, anchor)
        return value, resolved_precision

    event_dicts, event_explain = events_out(events.events, article_id, text, context.registry,
                                             language, resolve_event)
    relation_dicts, relation_explain = relations_out(relations.relations.values(), text)
    article_block = {
        "id": article_id,
        "title": layout.title or article_id,
        "outlet": outlet or _outlet(text, layout) or "unknown",
        "url": None,
        "language": language,
        "published": _published_value(published),
        "published_precision": precision if published else "unknown",
        "published_note": published_note,
    }
    return Draft(
        article_id=article_id, language=language, raw=article.raw, text=text,
        article=article_block, events=event_dicts, relations=relation_dicts,
        candidates=[candidate_out(c) for c in linked.candidates],
        explain_events=event_explain, explain_relations=relation_explain, notes=notes,
        mentions=draft_mentions(text, layout, linked, gazetteer, place_prepositions))


# -- the article block -----------------------------------------------------------------------

def _anchor(published: tuple[str, str] | None) -> tuple[dt.date | None, str]:
    if published is None:
        return None, "unknown"
    value, precision = published
    padded = value if precision == "day" else (value + "-01-01")[:10] if precision == "year" \
        else value + "-01"
    return dt.date.fromisoformat(padded), precision


def _forward(value: str, precision: str, anchor: dt.date) -> str:
    """A planned event's weekday or month lies ahead: "im Dezember" announced in November is
    next December, not last (the loader's rule for past events gives the one before)."""
    if precision == "day":
        day = dt.date.fromisoformat(value)
        while day < anchor:
            day += dt.timedelta(days=7)
        return day.isoformat()
    if precision == "month":
        year, month = map(int, value.split("-"))
        if (year, month) < (anchor.year, anchor.month):
            year += 1
        return f"{year:04d}-{month:02d}"
    return value


def _published_value(published: tuple[str, str] | None):
    if published is None:
        return None
    value, precision = published
    return dt.date.fromisoformat(value) if precision == "day" else value


_ABSOLUTE_DATE = re.compile(
    r"\b(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}\. ?[A-ZÄÖÜ][a-zäöü]+ \d{4}|"
    r"[A-Z][a-z]+ \d{1,2}(?:st|nd|rd|th)?, \d{4}|\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+ \d{4})\b")


def _published_in_text(text: str, layout, language: str) -> tuple[tuple[str, str] | None, str]:
    """A full date printed near the top of the page (dateline, byline), else none."""
    head = text[:600]
    for found in _ABSOLUTE_DATE.finditer(head):
        resolved = resolve_date(found.group(1), None, language)
        if resolved.precision == "day" and resolved.value:
            return (resolved.value, "day"), (
                f"Draft: the date {found.group(1)!r} printed near the top of the page; check "
                "that it is the publication date.")
    return None, ("Draft: the page carries no date; pass --published to resolve relative "
                  "dates (\"am Freitag\", \"last week\").")


def _outlet(text: str, layout) -> str | None:
    """The domain the page furniture names most often ("Folgen Sie News.de ...")."""
    counts: Counter[str] = Counter()
    for skipped in layout.skipped:
        for found in _OUTLET.finditer(text, skipped.start, skipped.end):
            counts[found.group(1).lower()] += 1
    return counts.most_common(1)[0][0] if counts else None
