"""How close a draft comes to a hand annotation of the same article.

- Actors: the set of actor ids an annotation involves (participants, targets, attributed_to
  and relation ends that are actors, not sources): recall and precision.
- Sources: the same for source ids (data/sources.yaml) in `attributed_to`.
- Events: a draft event matches a hand event of the same kind when their evidence overlaps
  in the text and they share at least one participant or target. Matching is one to one
  (each hand event pairs with at most one draft event, best overlap first): recall over the
  hand events, precision over the draft events.
- Modality, attribution and date agreement: over the matched pairs (dates as the annotation
  loader resolves them: (value, precision)).
- Relations: (source, type, target), either direction for ALLIED_WITH and COOPERATES_WITH,
  means ignored; recall and precision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from actorgraph.ingest.extract.pipeline import Draft, ExtractionContext, extract_article
from actorgraph.ingest.quotes import locate_quote
from actorgraph.ingest.reference.dates import parse_iso_date, resolve_date

SYMMETRIC_RELATIONS = frozenset({"ALLIED_WITH", "COOPERATES_WITH"})


@dataclass(frozen=True)
class EventPair:
    gold: str
    draft: str
    kind: str
    gold_modality: str
    draft_modality: str
    gold_attribution: tuple[str, ...]
    draft_attribution: tuple[str, ...]
    gold_date: tuple[str | None, str]  # (value, precision) as the loader resolves it
    draft_date: tuple[str | None, str]


@dataclass(frozen=True)
class QualityReport:
    article_id: str
    actors_gold: frozenset[str]
    actors_draft: frozenset[str]
    sources_gold: frozenset[str]
    sources_draft: frozenset[str]
    events_gold: tuple[str, ...]
    events_draft: tuple[str, ...]
    pairs: tuple[EventPair, ...]
    relations_gold: frozenset[tuple[str, str, str]]
    relations_draft: frozenset[tuple[str, str, str]]
    notes: tuple[str, ...] = field(default=())

    @property
    def actor_recall(self) -> float:
        return _ratio(len(self.actors_gold & self.actors_draft), len(self.actors_gold))

    @property
    def actor_precision(self) -> float:
        return _ratio(len(self.actors_gold & self.actors_draft), len(self.actors_draft))

    @property
    def source_recall(self) -> float:
        return _ratio(len(self.sources_gold & self.sources_draft), len(self.sources_gold))

    @property
    def source_precision(self) -> float:
        return _ratio(len(self.sources_gold & self.sources_draft), len(self.sources_draft))

    @property
    def event_recall(self) -> float:
        return _ratio(len(self.pairs), len(self.events_gold))

    @property
    def event_precision(self) -> float:
        return _ratio(len(self.pairs), len(self.events_draft))

    @property
    def modality_agreement(self) -> float:
        return _ratio(sum(p.gold_modality == p.draft_modality for p in self.pairs),
                      len(self.pairs))

    @property
    def attribution_agreement(self) -> float:
        return _ratio(sum(p.gold_attribution == p.draft_attribution for p in self.pairs),
                      len(self.pairs))

    @property
    def date_agreement(self) -> float:
        return _ratio(sum(p.gold_date == p.draft_date for p in self.pairs), len(self.pairs))

    @property
    def relation_recall(self) -> float:
        return _ratio(len(self.relations_gold & self.relations_draft), len(self.relations_gold))

    @property
    def relation_precision(self) -> float:
        return _ratio(len(self.relations_gold & self.relations_draft),
                      len(self.relations_draft))

    @property
    def missed_events(self) -> list[str]:
        matched = {p.gold for p in self.pairs}
        return [e for e in self.events_gold if e not in matched]

    @property
    def extra_events(self) -> list[str]:
        matched = {p.draft for p in self.pairs}
        return [e for e in self.events_draft if e not in matched]

    def figures(self) -> dict[str, float]:
        """Every figure by name, rounded to three places (what the benchmark prints)."""
        names = ("actor_recall", "actor_precision", "source_recall", "source_precision",
                 "event_recall", "event_precision", "modality_agreement",
                 "attribution_agreement", "date_agreement", "relation_recall",
                 "relation_precision")
        return {name: round(getattr(self, name), 3) for name in names}


def pooled(reports: list[QualityReport]) -> dict[str, float]:
    """The figures over several articles together: counts summed, then divided (a long
    article weighs more than a short one)."""
    def total(part, whole) -> float:
        return round(_ratio(sum(part(r) for r in reports), sum(whole(r) for r in reports)), 3)

    pairs = [p for r in reports for p in r.pairs]
    return {
        "actor_recall": total(lambda r: len(r.actors_gold & r.actors_draft),
                              lambda r: len(r.actors_gold)),
        "actor_precision": total(lambda r: len(r.actors_gold & r.actors_draft),
                                 lambda r: len(r.actors_draft)),
        "source_recall": total(lambda r: len(r.sources_gold & r.sources_draft),
                               lambda r: len(r.sources_gold)),
        "source_precision": total(lambda r: len(r.sources_gold & r.sources_draft),
                                  lambda r: len(r.sources_draft)),
        "event_recall": total(lambda r: len(r.pairs), lambda r: len(r.events_gold)),
        "event_precision": total(lambda r: len(r.pairs), lambda r: len(r.events_draft)),
        "modality_agreement": round(_ratio(sum(p.gold_modality == p.draft_modality
                                               for p in pairs), len(pairs)), 3),
        "attribution_agreement": round(_ratio(sum(p.gold_attribution == p.draft_attribution
                                                  for p in pairs), len(pairs)), 3),
        "date_agreement": round(_ratio(sum(p.gold_date == p.draft_date for p in pairs),
                                       len(pairs)), 3),
        "relation_recall": total(lambda r: len(r.relations_gold & r.relations_draft),
                                 lambda r: len(r.relations_gold)),
        "relation_precision": total(lambda r: len(r.relations_gold & r.relations_draft),
                                    lambda r: len(r.relations_draft)),
    }


def _ratio(part: int, whole: int) -> float:
    """part/whole; an empty whole counts as perfect (nothing to find, nothing wrong)."""
    return part / whole if whole else 1.0


def involved(annotation: dict, actor_ids: set[str], source_ids: set[str]
             ) -> tuple[frozenset[str], frozenset[str]]:
    """(actor ids, source ids) an annotation involves."""
    actors: set[str] = set()
    sources: set[str] = set()
    for event in annotation.get("events") or []:
        for participant in event.get("participants") or []:
            actors.add(participant["actor"] if isinstance(participant, dict) else participant)
        actors.update(event.get("targets") or [])
        for cited in event.get("attributed_to") or []:
            (sources if cited in source_ids else actors).add(cited)
    for relation in annotation.get("relations") or []:
        actors.update((relation["source"], relation["target"]))
        for cited in relation.get("attributed_to") or []:
            (sources if cited in source_ids else actors).add(cited)
    return frozenset(a for a in actors if a in actor_ids), frozenset(sources)


def _spans(event: dict, text: str) -> list[tuple[int, int]]:
    spans = []
    for item in event.get("evidence") or []:
        quote = item["quote"] if isinstance(item, dict) else item
        occurrence = item.get("occurrence") if isinstance(item, dict) else None
        try:
            spans.append(locate_quote(quote, text, occurrence or 1))
        except ValueError:
            continue  # a quote not in the text overlaps nothing
    return spans


def _people(event: dict) -> set[str]:
    people = {p["actor"] if isinstance(p, dict) else p for p in event.get("participants") or []}
    return people | set(event.get("targets") or [])


def match_events(gold: list[dict], draft: list[dict], text: str) -> list[tuple[dict, dict]]:
    """One-to-one pairs (hand event, draft event): same kind, overlapping evidence, a shared
    participant or target. As many pairs as possible (augmenting paths), trying the draft
    events with the most in common first."""
    options: list[list[int]] = []
    for g in gold:
        g_spans, g_people = _spans(g, text), _people(g)
        scored = []
        for j, d in enumerate(draft):
            if g["kind"] != d["kind"]:
                continue
            d_spans = _spans(d, text)
            overlap = sum(1 for gs in g_spans for ds in d_spans
                          if gs[0] < ds[1] and ds[0] < gs[1])
            shared = len(g_people & _people(d))
            if overlap and shared:
                scored.append((-(overlap + shared), j))
        options.append([j for _score, j in sorted(scored)])
    owner: dict[int, int] = {}  # draft index -> gold index

    def assign(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or assign(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        assign(i, set())
    return sorted(((gold[i], draft[j]) for j, i in owner.items()),
                  key=lambda pair: gold.index(pair[0]))


def event_date(event: dict, annotation: dict) -> tuple[str | None, str]:
    """(value, precision) of an event's date as the annotation loader resolves it: the
    explicit `date`, else `date_text` against the article's publication date."""
    if event.get("date") is not None:
        parsed = parse_iso_date(str(event["date"]))
        if parsed is None:
            return None, "unknown"
        return parsed[0], event.get("date_precision") or parsed[1]
    article = annotation.get("article") or {}
    published = article.get("published")
    anchor = None
    precision = "unknown"
    if published is not None:
        parsed = parse_iso_date(str(published))
        if parsed:
            value, precision = parsed
            anchor = dt.date.fromisoformat((value + "-01-01")[:10] if precision == "year"
                                           else value if precision == "day" else value + "-01")
    resolved = resolve_date(event.get("date_text"), anchor, str(article.get("language", "")),
                            precision)
    return resolved.value, resolved.precision


def relation_keys(annotation: dict) -> frozenset[tuple[str, str, str]]:
    keys = set()
    for relation in annotation.get("relations") or []:
        source, kind, target = relation["source"], relation["type"], relation["target"]
        if kind in SYMMETRIC_RELATIONS:
            source, target = sorted((source, target))
        keys.add((source, kind, target))
    return frozenset(keys)


def evaluate_folder(folder: Path, context: ExtractionContext) -> tuple[QualityReport, Draft]:
    """Extract the article of an annotated folder (article.txt + annotation.yaml, published
    date taken from the hand annotation) and compare the draft with the annotation."""
    gold = yaml.safe_load((folder / "annotation.yaml").read_text(encoding="utf-8"))
    published = (gold.get("article") or {}).get("published")
    draft = extract_article(folder / "article.txt", context,
                            published=None if published is None else str(published))
    report = evaluate(draft.annotation(), gold, draft.text, set(context.registry.actors),
                      set(context.registry.sources))
    return report, draft


def evaluate(draft: dict, gold: dict, text: str, actor_ids: set[str],
             source_ids: set[str]) -> QualityReport:
    """Compare a draft annotation with the hand annotation of the same article text."""
    actors_gold, sources_gold = involved(gold, actor_ids, source_ids)
    actors_draft, sources_draft = involved(draft, actor_ids, source_ids)
    gold_events = gold.get("events") or []
    draft_events = draft.get("events") or []
    pairs = tuple(
        EventPair(g["id"], d["id"], g["kind"], g["modality"], d["modality"],
                  tuple(g.get("attributed_to") or ()), tuple(d.get("attributed_to") or ()),
                  event_date(g, gold), event_date(d, draft))
        for g, d in match_events(gold_events, draft_events, text))
    return QualityReport(
        article_id=str((gold.get("article") or {}).get("id", "")),
        actors_gold=actors_gold, actors_draft=actors_draft,
        sources_gold=sources_gold, sources_draft=sources_draft,
        events_gold=tuple(e["id"] for e in gold_events),
        events_draft=tuple(e["id"] for e in draft_events),
        pairs=pairs,
        relations_gold=relation_keys(gold), relations_draft=relation_keys(draft),
    )
