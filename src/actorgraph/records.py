"""The record model every source produces and one writer stores.

Annotations (`ingest/annotation/`), the draft extractor (`ingest/extract/`) and the GDELT
importer (`ingest/gdelt/`) all produce an `ArticleRecords` bundle; `graph/write/` stores it.
None of the sources talks to Neo4j. The dry-run JSON (`ArticleRecords.to_json_dict`) is the
project's interchange format: keep it stable, add fields rather than rename them.

The graph records what articles claim, not the truth: every fact carries the article that
claims it, the verbatim evidence, the modality (how sure the article is) and the source the
article attributes it to.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

ActorKind = Literal["state", "person", "organization", "military_force", "region"]
ACTOR_KINDS: tuple[str, ...] = ("state", "person", "organization", "military_force")
"""The kinds an annotation's actor may have; GDELT also writes `region` (ACTOR_LABELS)."""
ACTOR_LABELS: dict[str, str] = {
    "state": "State", "person": "Person", "organization": "Organization",
    "military_force": "MilitaryForce", "region": "Region",
}
"""`region`: a CAMEO region GDELT codes as an actor (EUR, MEA): not a state, never in a bloc."""

EVENT_KINDS: tuple[str, ...] = (
    "military_exercise", "meeting", "statement", "deployment", "visit", "dialogue",
    "missile_test", "transfer", "demand", "pledge",
    # CAMEO families GDELT reports that none of the above covers (ingest/gdelt/records.py):
    "cooperation", "threat", "protest", "coercion", "assault", "fight",
)
EVENT_LABELS: dict[str, str] = {
    "military_exercise": "MilitaryExercise", "meeting": "Meeting", "statement": "Statement",
    "deployment": "Deployment", "visit": "Visit", "dialogue": "Dialogue",
    "missile_test": "MissileTest", "transfer": "Transfer", "demand": "Demand",
    "pledge": "Pledge", "cooperation": "Cooperation", "threat": "Threat", "protest": "Protest",
    "coercion": "Coercion", "assault": "Assault", "fight": "Fight",
}

RELATION_TYPES: tuple[str, ...] = (
    "ALLIED_WITH", "COOPERATES_WITH", "SUPPORTS", "OPPOSES", "DETERS", "LEADS", "MEMBER_OF",
    "SERVES", "SPEAKS_FOR",
)
"""Actor-actor relationship types. `stance` +1 cooperative, -1 hostile, 0 structural."""
RELATION_STANCE: dict[str, int] = {
    "ALLIED_WITH": 1, "COOPERATES_WITH": 1, "SUPPORTS": 1, "OPPOSES": -1, "DETERS": -1,
    "LEADS": 0, "MEMBER_OF": 0, "SERVES": 0, "SPEAKS_FOR": 0,
}

PARTICIPANT_ROLES: tuple[str, ...] = (
    "organiser", "participant", "host", "guest", "speaker", "sender", "recipient", "discussant",
)

MODALITIES: tuple[str, ...] = (
    "asserted", "reported", "suspected", "feared", "possible", "habitual", "planned", "denied",
)
"""How the article holds a fact.

- asserted: stated as fact in the article's own voice.
- reported: stated as fact but attributed to a named source ("wie Tass berichtete").
- suspected: someone presumes it ("vermuten").
- feared: someone fears it may happen ("befürchten ... könnte").
- possible: the article's own hedge ("möglicherweise", "könnte").
- habitual: a recurring pattern rather than one event ("antwortet oft mit Raketentests").
- planned: announced or intended, not yet happened.
- denied: a source denies it.
"""
HEDGED_MODALITIES: frozenset[str] = frozenset({"suspected", "feared", "possible", "denied"})

DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year", "unknown")
"""`week`: "letzte Woche" / "last week"; the date is the Monday that starts the week."""


@dataclass(frozen=True)
class Evidence:
    """A verbatim quote of the article and its character offsets [start, end) in article.txt."""

    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    outlet: str
    language: str
    text: str
    sha256: str
    url: str | None = None
    published: str | None = None  # ISO date
    published_precision: str = "unknown"
    published_note: str | None = None
    kind: str = "article"  # "article" | "gdelt"


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    name_de: str | None = None
    aliases: tuple[str, ...] = ()
    country: str | None = None
    title: str | None = None
    wikidata: str | None = None


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    name_de: str | None = None
    aliases: tuple[str, ...] = ()
    path: str | None = None
    """Containment path, coarse to fine, each part ending in '/': 'KOR/' (the country),
    'KOR/KS11/' (a province), 'KOR/KS11/-2037013/' (a city in it). A place lies within another
    when its path starts with the other's. None means '<country>/<id>/'. Used to tell
    conflicting places (Seoul vs Pyongyang) from refinements (South Korea vs Seoul)."""


@dataclass(frozen=True)
class Asset:
    id: str
    name: str
    kind: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    """Who a claim is attributed to inside an article (a news agency, a ministry, experts).

    Actors can be sources too: `attributed_to` may name an actor id or a source id.
    """

    id: str
    name: str
    kind: str | None = None
    name_de: str | None = None


@dataclass(frozen=True)
class Participation:
    actor: str
    role: str = "participant"
    codes: tuple[str, ...] = ()  # role/type codes the source gives (GDELT: GOV, MIL, OPP ...)
    name: str | None = None  # the actor's name as the source gives it (GDELT Actor1Name)


@dataclass(frozen=True)
class Unidentified:
    """A participant the source names by role only (GDELT: GOV, COP, BUS with no country):
    kept on the claim, never an actor node - "a government" is not one actor."""

    code: str  # as coded: "GOV", "CVLMED"
    role: str  # the event role: sender, recipient, participant, guest, host
    words: str  # "government official"
    name: str | None = None  # the actor's name as the source gives it (GDELT Actor1Name)


@dataclass(frozen=True)
class GdeltFacts:
    """One GDELT row (GlobalEventID) behind an event: GDELT's own figures for that report.

    Each row becomes its own claim (`gdelt-<GlobalEventID>`), so re-importing a file, or
    importing it in other batches, finds the same claims and changes nothing."""

    global_event_id: int
    event_code: str  # the full CAMEO code as coded ("0421"); 043 rows keep "043"
    quad_class: int
    goldstein: float  # GDELT's GoldsteinScale of event_code
    num_mentions: int
    num_sources: int
    num_articles: int
    avg_tone: float
    date_added: str  # DATEADDED, ISO "YYYY-MM-DDTHH:MM:SS"
    is_root_event: bool
    actor1_code: str  # as coded ("USAGOV"); "" when GDELT left the actor empty
    actor2_code: str
    place: str | None = None  # this row's ActionGeo place (rows of one document may differ)
    place_path: str | None = None


@dataclass(frozen=True)
class Event:
    id: str
    kind: str
    title: str
    modality: str
    evidence: tuple[Evidence, ...]
    date: str | None = None  # ISO date, "YYYY-MM" or "YYYY" by precision
    date_precision: str = "unknown"
    date_text: str | None = None
    place: str | None = None
    participants: tuple[Participation, ...] = ()
    targets: tuple[str, ...] = ()
    assets: tuple[str, ...] = ()
    attributed_to: tuple[str, ...] = ()  # citation chain: ("tass", "zakharova")
    cameo: str | None = None
    goldstein: float | None = None
    cameo_label: str | None = None  # from data/cameo-labels.tsv
    follows: str | None = None
    topics: tuple[str, ...] = ()  # what was discussed or demanded, in words
    note: str | None = None
    gdelt: tuple[GdeltFacts, ...] | None = None  # the GDELT rows behind the event, if any
    unidentified: tuple[Unidentified, ...] = ()  # participants named by role only


@dataclass(frozen=True)
class Relation:
    source: str
    type: str
    target: str
    modality: str
    evidence: tuple[Evidence, ...]
    attributed_to: tuple[str, ...] = ()
    means: tuple[str, ...] = ()  # for SUPPORTS: troops, munitions, technology, economic_aid ...
    note: str | None = None

    @property
    def id(self) -> str:
        """Stable identity: endpoints, type and (for SUPPORTS) the means."""
        suffix = ("+" + "+".join(sorted(self.means))) if self.means else ""
        return f"{self.source}-{self.type}-{self.target}{suffix}"

    @property
    def stance(self) -> int:
        return RELATION_STANCE[self.type]


@dataclass(frozen=True)
class ArticleRecords:
    """Everything one article (or one GDELT source document) contributes to the graph."""

    article: Article
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    places: tuple[Place, ...] = ()
    assets: tuple[Asset, ...] = ()
    sources: tuple[Source, ...] = ()

    def to_json_dict(self) -> dict:
        """The dry-run / interchange shape (see docs/annotation-format.md)."""
        article = asdict(self.article)
        article.pop("text")
        return {
            "article": article,
            "actors": [asdict(a) | {"aliases": list(a.aliases)} for a in self.actors],
            "events": [_event_json(e) for e in self.events],
            "relations": [_relation_json(r) for r in self.relations],
            "places": [asdict(p) | {"aliases": list(p.aliases)} for p in self.places],
            "assets": [asdict(a) | {"aliases": list(a.aliases)} for a in self.assets],
            "sources": [asdict(s) for s in self.sources],
        }


def _evidence_json(evidence: tuple[Evidence, ...]) -> list[dict]:
    return [{"quote": e.quote, "start": e.start, "end": e.end} for e in evidence]


def _event_json(e: Event) -> dict:
    return {
        "id": e.id, "kind": e.kind, "title": e.title, "date": e.date,
        "date_precision": e.date_precision, "date_text": e.date_text, "place": e.place,
        "participants": [p.actor for p in e.participants],
        "roles": {p.actor: p.role for p in e.participants},
        "targets": list(e.targets), "assets": list(e.assets), "modality": e.modality,
        "attributed_to": list(e.attributed_to), "cameo": e.cameo, "goldstein": e.goldstein,
        "cameo_label": e.cameo_label,
        "follows": e.follows, "topics": list(e.topics), "note": e.note,
        "evidence": _evidence_json(e.evidence),
        "gdelt": [asdict(g) for g in e.gdelt] if e.gdelt is not None else None,
        "unidentified": [asdict(u) for u in e.unidentified],
    }


def _relation_json(r: Relation) -> dict:
    return {
        "id": r.id, "source": r.source, "type": r.type, "target": r.target,
        "stance": r.stance, "means": list(r.means), "modality": r.modality,
        "attributed_to": list(r.attributed_to), "note": r.note,
        "evidence": _evidence_json(r.evidence),
    }


REPORT_WORDS: dict[str, tuple[str, str]] = {
    "articles": ("article", "articles"), "actors": ("actor", "actors"),
    "places": ("place", "places"), "assets": ("asset", "assets"),
    "sources": ("source", "sources"), "events": ("event", "events"),
    "event_links": ("event link", "event links"), "relations": ("relation", "relations"),
    "claims": ("claim", "claims"),
}
"""Singular and plural of each kind an ingest report counts."""


def describe_counts(counts: dict[str, int]) -> str:
    """'1 article, 14 events' (kinds in report order, zeros left out), or 'nothing'."""
    parts = [f"{n} {REPORT_WORDS.get(kind, (kind, kind))[n != 1]}"
             for kind, n in counts.items() if n]
    return ", ".join(parts) or "nothing"


@dataclass
class IngestReport:
    """What one write changed, per kind of fact, for the CLI and the Review page to print."""

    article_id: str
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        """The line `actorgraph ingest` prints for one article."""
        return (f"{self.article_id}: created {describe_counts(self.created)}; "
                f"updated {describe_counts(self.updated)}; "
                f"removed {describe_counts(self.removed)}")
