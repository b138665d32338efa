"""GDELT rows -> records: actors, one event per real-world happening, places, the reporting article.

Decisions (docs/gdelt.md says why):

- Actor -> node, as GDELT codes it. A known group (UNO, NAT, HAM ...) is an organisation node
  `cameo-<group>`; else a state country code is the state node (`USA`, `PRK`, the ids
  annotations use), with the role codes (GOV, MIL ...) and GDELT's actor name kept on the
  PARTICIPATED_IN edge; a region code (EUR, MEA ...) is a region node `cameo-<region>`. Names
  come from the codebook (data/cameo-actors.tsv, data/fips-iso3.tsv), never from a row's
  Actor1Name. A bare role with no country (GOV, COP, BUS ...) is no node at all: "a
  government" somewhere is not one actor, so the event keeps it as an unidentified
  participant (records.Unidentified: code, role, words, Actor1Name) on its claim.
- Event identity: the canonical CAMEO base code, the two actors and the day (an unidentified
  side counts as `anon-<code>`, so "police -> USA" and "business -> USA" stay apart). 043 "host a
  visit" is 042 "make a visit" seen from the host, so both rows of a visit pair become one visit
  (guest -> host). For symmetric codes (consult, meet, negotiate, sign, cooperate) the actor
  pair is unordered. The place is *not* part of the identity: two rows that put the same
  meeting in different cities are one event with two conflicting claims (contested).
- Article: SOURCEURL is an :Article of kind "gdelt" without text; its id is a hash of the URL,
  so every row that names the URL supports the same article.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from actorgraph.ingest.gdelt.rows import GdeltActor, GdeltGeo, GdeltRow
from actorgraph.ingest.reference.cameo import CameoTable, load_cameo
from actorgraph.ingest.reference.cameo_actors import CameoActorTable, cameo_actor_table
from actorgraph.ingest.reference.countries import DATA_DIR, CountryTable, country_table
from actorgraph.records import (
    Actor,
    Article,
    ArticleRecords,
    Event,
    GdeltFacts,
    Participation,
    Place,
    Unidentified,
)

VISIT_MADE, VISIT_HOSTED = "042", "043"
SYMMETRIC_BASE_CODES: frozenset[str] = frozenset({
    "040",  # consult
    "041",  # discuss by telephone
    "044",  # meet at a "third" location
    "046",  # engage in negotiation
    "057",  # sign formal agreement
    "061", "062", "063", "064",  # cooperate economically, militarily, judicially; share intel
})
"""Codes where "A did it with B" and "B did it with A" are the same happening."""

KIND_BY_ROOT: dict[str, str] = {
    "01": "statement", "02": "demand", "03": "pledge", "04": "dialogue", "05": "cooperation",
    "06": "cooperation", "07": "transfer", "08": "cooperation", "09": "statement",
    "10": "demand", "11": "statement", "12": "statement", "13": "threat", "14": "protest",
    "15": "deployment", "16": "coercion", "17": "coercion", "18": "assault", "19": "fight",
    "20": "assault",
}
KIND_BY_BASE: dict[str, str] = {"042": "visit", "043": "visit", "044": "meeting",
                                "150": "military_exercise"}


@lru_cache(maxsize=1)
def registry_actors() -> dict[str, Actor]:
    """The canonical actors of data/actors.yaml: a GDELT row naming USA gets the registry's
    United States (names, aliases, Wikidata id), so importing GDELT never strips them."""
    from actorgraph.ingest.reference.registry import load_registry

    return dict(load_registry(DATA_DIR).actors)


@lru_cache(maxsize=1)
def cameo_table() -> CameoTable:
    """The project's CAMEO Goldstein scores and labels, read once."""
    return load_cameo(DATA_DIR)


def cameo_label(code: str) -> str:
    """'Make a visit' for '042'; the code itself when the table does not know it."""
    text = cameo_table().label(code) or code
    return text.removesuffix(", not specified below")


def event_kind(base_code: str) -> str:
    """The record kind of a CAMEO base code ('042' -> 'visit', '190' -> 'fight')."""
    return KIND_BY_BASE.get(base_code) or KIND_BY_ROOT[base_code[:2]]


def article_id(source_url: str) -> str:
    return "gdelt-" + hashlib.sha256(source_url.encode("utf-8")).hexdigest()[:16]


def actor_record(actor: GdeltActor, table: CountryTable,
                 codes: CameoActorTable | None = None) -> Actor | Unidentified | None:
    """The node a GDELT actor maps to, an Unidentified participant for a bare role (its role
    is set by the event: "participant" here), or None for an empty actor."""
    if actor.is_empty:
        return None
    codes = codes or cameo_actor_table()
    if actor.known_group:
        group = actor.known_group
        return Actor(id=f"cameo-{group.lower()}", name=codes.label(group), kind="organization",
                     country=actor.country_code if table.is_state(actor.country_code) else None)
    country = actor.country_code
    if table.is_state(country):
        return Actor(id=country, name=table.state_name(country), kind="state", country=country)
    if country:  # a region (EUR, MEA ...), or a country code the tables do not know
        return Actor(id=f"cameo-{country.lower()}", name=codes.label(country), kind="region")
    code = actor.code or actor.type1
    if actor.type1:
        words = codes.words(actor.type1)
    elif actor.ethnic:
        words = "member of an ethnic group"
    elif actor.religion1:
        words = "member of a religious group"
    else:
        words = codes.words(code)
    return Unidentified(code=code, role="participant", words=words, name=actor.name or None)


ANON_PREFIX = "anon-"
"""The identity token of an unidentified side (`anon-gov`): part of an event id, never a node."""


def side_token(node: Actor | Unidentified | None) -> str | None:
    """The actor id, `anon-<code>` for an unidentified participant, None for no actor."""
    if node is None:
        return None
    if isinstance(node, Unidentified):
        return ANON_PREFIX + node.code.lower()
    return node.id


def place_record(geo: GdeltGeo, table: CountryTable) -> Place | None:
    """ActionGeo as a place with a containment path (country / ADM1 / feature)."""
    if geo.is_empty:
        return None
    iso3 = table.iso3(geo.fips)
    country_part = iso3 or (f"FIPS-{geo.fips}" if geo.fips else "unknown")
    adm1 = geo.adm1 if len(geo.adm1) > 2 else ""  # a bare FIPS code means "country level"
    level = geo.type or (1 if geo.fips else 4)
    if level == 1 or (level in (2, 5) and not adm1):
        place_id = f"gdelt-country-{country_part.lower()}"
        path = f"{country_part}/"
    elif level in (2, 5):
        place_id = f"gdelt-adm1-{adm1.lower()}"
        path = f"{country_part}/{adm1}/"
    else:
        feature = geo.feature_id or _slug(geo.fullname)
        place_id = f"gdelt-feature-{feature.lower()}"
        path = f"{country_part}/{adm1 + '/' if adm1 else ''}{feature}/"
    name = geo.fullname or (table.state_name(iso3) if iso3 else country_part)
    return Place(id=place_id, name=name, lat=geo.lat, lon=geo.lon, country=iso3, path=path)


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split()) or "unnamed"


@dataclass(frozen=True)
class EventKey:
    """Who did what to whom on which day, with the roles that go with the canonical code."""

    code: str
    day: str  # YYYYMMDD
    first: str | None
    second: str | None
    first_role: str
    second_role: str

    @property
    def id(self) -> str:
        return f"gdelt-{self.day}-{self.code}-{self.first or 'none'}-{self.second or 'none'}"


def event_key(row: GdeltRow, actor1: str | None, actor2: str | None) -> EventKey:
    """The identity of the happening a row reports (see the module docstring)."""
    day = f"{row.day:%Y%m%d}"
    base = row.base_code
    if base == VISIT_MADE:
        return EventKey(VISIT_MADE, day, actor1, actor2, "guest", "host")
    if base == VISIT_HOSTED:  # Actor1 hosts Actor2: the same visit, seen from the host
        return EventKey(VISIT_MADE, day, actor2, actor1, "guest", "host")
    if actor1 is not None and actor1 == actor2:
        return EventKey(base, day, actor1, actor1, "participant", "participant")
    if base in SYMMETRIC_BASE_CODES:
        first, second = sorted((actor1, actor2), key=lambda a: (a is None, a or ""))
        return EventKey(base, day, first, second, "participant", "participant")
    return EventKey(base, day, actor1, actor2, "sender", "recipient")


@dataclass
class _EventDraft:
    key: EventKey
    rows: list[GdeltRow] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    codes: dict[str, list[str]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    unidentified: dict[tuple[str, str, str | None], Unidentified] = field(default_factory=dict)
    places: list[Place] = field(default_factory=list)
    row_places: list[Place | None] = field(default_factory=list)

    def add_actor(self, actor_id: str, role: str, gdelt_actor: GdeltActor) -> None:
        self.roles.setdefault(actor_id, role)
        known = self.codes.setdefault(actor_id, [])
        known.extend(c for c in gdelt_actor.role_codes if c not in known)
        if gdelt_actor.name:
            self.names.setdefault(actor_id, gdelt_actor.name)

    def add_unidentified(self, found: Unidentified, role: str) -> None:
        key = (found.code, role, found.name)
        self.unidentified.setdefault(key, Unidentified(found.code, role, found.words,
                                                       found.name))


@dataclass
class _ArticleDraft:
    url: str
    date_added: str
    events: dict[str, _EventDraft] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    anonymous: dict[str, Unidentified] = field(default_factory=dict)  # by side token
    places: dict[str, Place] = field(default_factory=dict)


def records_for_rows(rows: Iterable[GdeltRow], table: CountryTable | None = None,
                     known_actors: Mapping[str, Actor] | None = None) -> list[ArticleRecords]:
    """Rows -> one bundle per reporting article; rows about one happening become one event.

    `known_actors` (default: the registry) replace the nodes GDELT rows map to by id."""
    table = table or country_table()
    known = registry_actors() if known_actors is None else known_actors
    drafts: dict[str, _ArticleDraft] = {}  # by URL
    actor_memo: dict[GdeltActor, Actor | Unidentified | None] = {}
    for row in rows:
        added = row.date_added.isoformat()
        draft = drafts.get(row.source_url)
        if draft is None:
            draft = drafts[row.source_url] = _ArticleDraft(url=row.source_url, date_added=added)
        elif added < draft.date_added:
            draft.date_added = added
        a1 = _memo_actor(row.actor1, table, known, actor_memo)
        a2 = _memo_actor(row.actor2, table, known, actor_memo)
        for actor in (a1, a2):
            if isinstance(actor, Actor):
                draft.actors[actor.id] = actor
            elif actor is not None:
                draft.anonymous[side_token(actor) or ""] = actor
        key = event_key(row, side_token(a1), side_token(a2))
        event = draft.events.get(key.id)
        if event is None:
            event = draft.events[key.id] = _EventDraft(key=key)
        event.rows.append(row)
        roles = {key.second: key.second_role, key.first: key.first_role}
        for node, gdelt_actor in ((a1, row.actor1), (a2, row.actor2)):
            if isinstance(node, Actor):
                event.add_actor(node.id, roles[node.id], gdelt_actor)
            elif node is not None:
                event.add_unidentified(node, roles[side_token(node)])
        place = place_record(row.action_geo, table)
        event.row_places.append(place)
        if place is not None:
            draft.places[place.id] = place
            event.places.append(place)
    return [_bundle(d) for d in drafts.values()]


def _memo_actor(actor: GdeltActor, table: CountryTable, known: Mapping[str, Actor],
                memo: dict[GdeltActor, Actor | Unidentified | None]
                ) -> Actor | Unidentified | None:
    if actor not in memo:
        node = actor_record(actor, table)
        memo[actor] = known.get(node.id, node) if isinstance(node, Actor) else node
    return memo[actor]


def _bundle(draft: _ArticleDraft) -> ArticleRecords:
    added = draft.date_added
    parts = urlsplit(draft.url)
    is_url = parts.scheme in ("http", "https") and bool(parts.hostname)
    outlet = (parts.hostname or "").removeprefix("www.") if is_url else draft.url
    article = Article(
        id=article_id(draft.url), title=draft.url, outlet=outlet, language="und", text="",
        sha256="", url=draft.url if is_url else None, published=added[:10],
        published_precision="day",
        published_note="GDELT DATEADDED: when GDELT first processed this document",
        kind="gdelt",
    )
    events = tuple(_event(e, draft.actors, draft.anonymous) for e in draft.events.values())
    used_places = {e.place for e in events if e.place}
    return ArticleRecords(
        article=article, actors=tuple(draft.actors.values()), events=events,
        places=tuple(p for pid, p in draft.places.items() if pid in used_places),
    )


def _choose_place(places: list[Place]) -> tuple[Place | None, str | None]:
    """The most specific of a document's places for one event, and a note if they conflict."""
    if not places:
        return None, None
    chosen = places[0]
    conflicts: list[Place] = []
    for place in places[1:]:
        assert place.path is not None and chosen.path is not None
        if place.path.startswith(chosen.path):
            chosen = place
        elif not chosen.path.startswith(place.path) and place.id not in {
                c.id for c in conflicts}:
            conflicts.append(place)
    if not conflicts:
        return chosen, None
    others = "; ".join(p.name for p in conflicts)
    return chosen, f"Other GDELT rows of this document place it at: {others}"


def _side_name(token: str, actors: dict[str, Actor], anonymous: dict[str, Unidentified]) -> str:
    if token in actors:
        return actors[token].name
    found = anonymous.get(token)
    return f"unidentified {found.words}" if found else "?"


def _event(draft: _EventDraft, actors: dict[str, Actor],
           anonymous: dict[str, Unidentified]) -> Event:
    key, rows = draft.key, draft.rows
    place, note = _choose_place(draft.places)
    names = [_side_name(a, actors, anonymous) for a in (key.first, key.second) if a]
    arrow = " and " if key.first_role == "participant" else " → "
    label = "Visit" if key.code == VISIT_MADE else cameo_label(key.code)
    goldstein = cameo_table().goldstein.get(key.code)
    participants = tuple(
        Participation(actor=a, role=draft.roles[a], codes=tuple(draft.codes.get(a, ())),
                      name=draft.names.get(a))
        for a in dict.fromkeys(x for x in (key.first, key.second) if x) if a in draft.roles
    )
    facts = tuple(_row_facts(r, p) for r, p in zip(rows, draft.row_places, strict=True))
    return Event(
        id=key.id, kind=event_kind(key.code), title=f"{label}: {arrow.join(names)}",
        modality="asserted", evidence=(), date=f"{rows[0].day:%Y-%m-%d}",
        date_precision="day", date_text=None, place=place.id if place else None,
        participants=participants, cameo=key.code,
        goldstein=goldstein if goldstein is not None else rows[0].goldstein,
        cameo_label=cameo_label(key.code), note=note, gdelt=facts,
        unidentified=tuple(draft.unidentified.values()),
    )


def _row_facts(row: GdeltRow, place: Place | None) -> GdeltFacts:
    return GdeltFacts(
        global_event_id=row.global_event_id, event_code=row.event_code,
        quad_class=row.quad_class, goldstein=row.goldstein, num_mentions=row.num_mentions,
        num_sources=row.num_sources, num_articles=row.num_articles, avg_tone=row.avg_tone,
        date_added=row.date_added.isoformat(), is_root_event=row.is_root_event,
        actor1_code=row.actor1.code, actor2_code=row.actor2.code,
        place=place.id if place else None, place_path=place.path if place else None,
    )
