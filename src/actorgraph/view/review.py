"""What the Review page draws and saves, pure: a draft plus its text -> highlighted segments,
the person's decisions -> the annotation to write, validation problems -> the fact they name.

No Dash and no files here: `dashboard/pages/review*.py` draws these and writes the article
folder; `actorgraph extract` made the draft and `actorgraph ingest`'s loader judges it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

from actorgraph.ingest.quotes import occurrences
from actorgraph.ingest.reference.dates import parse_iso_date

SAFE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""An article or actor id the page may write: lower-case letters, digits, single hyphens.
Nothing with '/', '.' or '..' can pass, so a folder named by it stays inside data/articles."""
MAX_ID_LENGTH = 80
SAFE_ID_EXPECTED = ("lower-case letters, digits and hyphens (a-z, 0-9, -), like "
                    "'newsde-putin-im-visier'")

FACT_SECTIONS = ("events", "relations")

def id_problem(value: str | None, what: str = "article id") -> str | None:
    """Why `value` cannot name a folder or registry entry the page writes, or None."""
    if not value:
        return f"{what}: expected {SAFE_ID_EXPECTED}; found nothing"
    if len(value) > MAX_ID_LENGTH or not SAFE_ID.match(value):
        return f"{what}: expected {SAFE_ID_EXPECTED}; found {value[:MAX_ID_LENGTH + 1]!r}"
    return None


def jsonable(value):
    """Plain JSON data of a draft (dates as ISO text), for the page's store."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


# -- highlights ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Span:
    start: int
    end: int
    mark: str  # "event", "relation", "actor", "unknown"
    label: str  # "E1", "R3", or the actor id


@dataclass(frozen=True)
class Segment:
    text: str
    marks: tuple[str, ...]  # the kinds of highlight over it, e.g. ("event", "actor")
    labels: tuple[str, ...]  # the facts it is evidence of, e.g. ("E1", "R2")


def fact_key(section: str, index: int) -> str:
    return f"{section}-{index}"


def fact_label(section: str, index: int) -> str:
    return f"{'E' if section == 'events' else 'R'}{index + 1}"


def evidence_spans(evidence: list, text: str) -> list[tuple[int, int]]:
    """Where each evidence quote of a fact stands in the text (quotes not found are left out:
    the loader reports them)."""
    spans = []
    for item in evidence or []:
        quote, occurrence = (item.get("quote"), item.get("occurrence")) \
            if isinstance(item, dict) else (item, None)
        if not isinstance(quote, str) or not quote:
            continue
        starts = occurrences(quote, text)
        pick = (occurrence or 1) - 1 if isinstance(occurrence, int) else 0
        if 0 <= pick < len(starts):
            spans.append((starts[pick], starts[pick] + len(quote)))
    return spans


def draft_spans(annotation: dict, text: str, rejected: frozenset[str] = frozenset()
                ) -> list[Span]:
    """Every highlight of a draft: each kept fact's evidence, each actor mention."""
    spans: list[Span] = []
    for section in FACT_SECTIONS:
        for index, fact in enumerate(annotation.get(section) or []):
            if fact_key(section, index) in rejected:
                continue
            for start, end in evidence_spans(fact.get("evidence"), text):
                spans.append(Span(start, end, section[:-1], fact_label(section, index)))
    for mention in annotation.get("mentions") or []:
        start, end = mention.get("start"), mention.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end
                <= len(text)) or text[start:end] != mention.get("text"):
            continue
        actor = mention.get("actor")
        spans.append(Span(start, end, "actor" if actor else "unknown", actor or ""))
    return spans


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """The text cut at every highlight's edges; each piece with the highlights over it."""
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[Segment] = []
    for start, end in itertools.pairwise(cuts):
        over = [s for s in spans if s.start <= start and end <= s.end]
        marks = tuple(sorted({s.mark for s in over}))
        labels = tuple(dict.fromkeys(s.label for s in over if s.mark in ("event", "relation")))
        if out and out[-1].marks == marks and out[-1].labels == labels:
            out[-1] = Segment(out[-1].text + text[start:end], marks, labels)
        else:
            out.append(Segment(text[start:end], marks, labels))
    return out


# -- decisions -> the annotation -------------------------------------------------------------

def _ids(value) -> list[str]:
    return [v for v in (value or []) if isinstance(v, str) and v]


def apply_event_edit(event: dict, edit: dict) -> dict:
    """The event with the person's edits (participants, targets, kind, date, place, modality,
    attribution); roles of participants kept stay as the draft had them."""
    out = dict(event)
    roles = {p["actor"]: p.get("role") for p in event.get("participants") or []
             if isinstance(p, dict) and "actor" in p}
    if "participants" in edit:
        out["participants"] = [a if roles.get(a, "participant") == "participant"
                               else {"actor": a, "role": roles[a]}
                               for a in _ids(edit["participants"])]
    for key in ("targets", "attributed_to"):
        if key in edit:
            if _ids(edit[key]):
                out[key] = _ids(edit[key])
            else:
                out.pop(key, None)
    for key in ("kind", "modality"):
        if edit.get(key):
            out[key] = edit[key]
    if "place" in edit:
        if edit["place"]:
            out["place"] = edit["place"]
        else:
            out.pop("place", None)
    if "date" in edit:
        date = (edit["date"] or "").strip()
        if not date:
            out.pop("date", None)
            out.pop("date_precision", None)
        elif date != str(event.get("date") or ""):
            parsed = parse_iso_date(date)
            out["date"] = date  # a date that does not parse is left for the loader to name
            if parsed is not None:
                out["date_precision"] = parsed[1]
    return _ordered(out, event)


def apply_relation_edit(relation: dict, edit: dict) -> dict:
    out = dict(relation)
    for key in ("source", "type", "target", "modality"):
        if edit.get(key):
            out[key] = edit[key]
    if "attributed_to" in edit:
        if _ids(edit["attributed_to"]):
            out["attributed_to"] = _ids(edit["attributed_to"])
        else:
            out.pop("attributed_to", None)
    return _ordered(out, relation)


EVENT_ORDER = ("id", "kind", "title", "date_text", "date", "date_precision", "place",
               "participants", "targets", "assets", "modality", "attributed_to", "cameo",
               "topics", "note", "evidence")
RELATION_ORDER = ("source", "type", "target", "means", "modality", "attributed_to", "note",
                  "evidence")


def _ordered(fact: dict, original: dict) -> dict:
    order = EVENT_ORDER if "participants" in original or "kind" in original else RELATION_ORDER
    known = [k for k in order if k in fact]
    return {k: fact[k] for k in known + [k for k in fact if k not in known]}


def apply_decisions(annotation: dict, keep: dict[str, bool], edits: dict[str, dict]
                    ) -> tuple[dict, dict[str, str]]:
    """(the annotation to write, saved fact key -> page fact key). Rejected facts are left
    out, so `events[2]` in a problem may be the page's fourth event: the map tells."""
    out = dict(annotation)
    index_map: dict[str, str] = {}
    for section in FACT_SECTIONS:
        apply = apply_event_edit if section == "events" else apply_relation_edit
        kept = []
        for index, fact in enumerate(annotation.get(section) or []):
            key = fact_key(section, index)
            if not keep.get(key, True):
                continue
            index_map[fact_key(section, len(kept))] = key
            kept.append(apply(fact, edits.get(key, {})))
        out[section] = kept
    return out, index_map


def article_edit(article: dict, article_id: str, outlet: str | None, url: str | None,
                 language: str | None, published: str | None) -> dict:
    """The article block with the page's fields; the publication date's precision follows
    the date typed (a date that does not parse is left for the loader to name)."""
    out = dict(article)
    out["id"] = article_id
    out["outlet"] = (outlet or "").strip() or article.get("outlet")
    out["url"] = (url or "").strip() or None
    out["language"] = language or article.get("language")
    value = (published or "").strip()
    out["published"] = value or None
    parsed = parse_iso_date(value) if value else None
    if not value:
        out["published_precision"] = "unknown"
    elif parsed is not None:
        out["published_precision"] = parsed[1]
    else:
        out.pop("published_precision", None)
    return out


_FACT_IN_PROBLEM = re.compile(r"^[^\n]*?:\d+: (events|relations)\[(\d+)\]")


def problems_by_fact(problems: list[str], index_map: dict[str, str]) -> dict[str, list[str]]:
    """Each problem under the page fact it names ('events-3'), the rest under ''."""
    out: dict[str, list[str]] = {}
    for problem in problems:
        found = _FACT_IN_PROBLEM.match(problem)
        key = ""
        if found:
            key = index_map.get(fact_key(found.group(1), int(found.group(2))), "")
        out.setdefault(key, []).append(problem)
    return out


# -- a new actor ---------------------------------------------------------------------------

def actor_entry(actor_id: str, name: str, aliases: str, kind: str, country: str
                ) -> dict:
    """The actors.yaml entry of a candidate the person adds (checked by the registry's
    loader when written)."""
    entry: dict = {"id": actor_id, "name": name.strip(), "kind": kind}
    country = (country or "").strip().upper()
    entry["country"] = country or None
    names = [a.strip() for a in (aliases or "").split(",") if a.strip()]
    entry["aliases"] = list(dict.fromkeys([name.strip(), *names]))
    return entry
