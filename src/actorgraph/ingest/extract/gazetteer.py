"""Finding the actors, places, assets, sources and offices an article names.

The gazetteer is built from the registries (data/actors.yaml, places.yaml, assets.yaml,
sources.yaml) and the extractor's own lists (data/extract/gazetteer-*.yaml): state names,
demonyms with their German endings, seats of government used as metonyms, titles. Each
mention remembers which list and which form found it, for `--explain`.

Where forms overlap the longest wins ("südkoreanische Verteidigungsministerium" over
"südkoreanische"). A seat that is also a place ("Seoul") is the place after a place
preposition ("in Seoul") and the state otherwise ("Seoul befürchtet").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from actorgraph.ingest.extract.rules import ExtractionRules, TitleClass, form_pattern
from actorgraph.ingest.reference.registry import Registry

# Mention kinds
ACTOR, PLACE, ASSET, SOURCE, TITLE, UNREGISTERED_STATE = (
    "actor", "place", "asset", "source", "title", "unregistered_state")
COUNTERPART = "counterpart"  # the title class of "Amtskollegin", "counterpart"

_PRIORITY = {SOURCE: 6, ACTOR: 5, UNREGISTERED_STATE: 4, ASSET: 3, TITLE: 2, PLACE: 1}


@dataclass(frozen=True)
class Mention:
    """One span of the article that names something the extractor knows."""

    start: int
    end: int
    kind: str
    entity: str | None  # registry id (or the ISO-3 code of an unregistered state)
    via: str  # which list and form found it, for --explain
    demonym: bool = False  # an adjective ("russischen"), not a name
    seat: bool = False  # a capital or seat of government used for its state
    compound_role: str | None = None  # "Ukraine-Krieg": the state's role from the compound
    title_class: str | None = None
    plural: bool = False
    place: str | None = None  # a place id the same words also name ("Seoul")
    # Set when mentions are combined: the office and demonym phrase in front of a person
    phrase_start: int | None = None
    office_state: str | None = None  # state named by the demonym in "der russische Außenminister"
    office_class: str | None = None

    @property
    def first(self) -> int:
        """Where the whole phrase begins (the title or demonym in front of a name)."""
        return self.phrase_start if self.phrase_start is not None else self.start


@dataclass(frozen=True)
class _Form:
    pattern: re.Pattern[str]
    kind: str
    entity: str | None
    via: str
    demonym: bool = False
    seat: bool = False
    title_class: str | None = None
    plural: bool = False
    first: str | None = None  # lower-case first letter of every match; None: any


_WORD_START = re.compile(r"(?<![\w-])\w")


def _name_pattern(form: str, genitive: str = "") -> str:
    """A name as a pattern: exact, but a capitalised first letter may be lower case (and the
    other way round), short all-capital forms ("US", "ROK") exactly; optional genitive."""
    body = re.escape(form)
    first = form[0]
    short_capitals = form.isupper() and len(form) <= 4
    if first.isalpha() and not short_capitals and first.lower() != first.upper():
        body = f"[{re.escape(first.upper())}{re.escape(first.lower())}]" + re.escape(form[1:])
    if genitive and form[-1].islower() and form[-1] not in "sxzß":
        body += f"(?:{re.escape(genitive)})?"
    return r"(?<![\w-])" + body + r"(?![\w])"


def _strip_description(name: str) -> str:
    """'Tass (russische Nachrichtenagentur)' -> 'Tass'."""
    return re.sub(r"\s*\(.*\)\s*$", "", name).strip()


class Gazetteer:
    """Every surface form for one language, compiled once per extraction."""

    def __init__(self, registry: Registry, rules: ExtractionRules, language: str):
        self.registry = registry
        self.rules = rules
        self.language = language
        self.skipped_aliases: list[str] = []
        self._forms: list[_Form] = []
        self._place_by_text: dict[str, str] = {}
        self._title_heads: dict[str, str] = {}  # singular title word -> title class
        genitive = rules.states.genitive_suffix.get(language, "")
        self._build_registry_forms(genitive)
        self._build_state_forms(genitive)
        self._build_title_forms()
        heads = rules.states.compound_heads.get(language, {})
        self._compound_heads = heads
        self._by_letter: dict[str, list[_Form]] = {}
        self._anywhere = [f for f in self._forms if f.first is None]
        for form in self._forms:
            if form.first is not None:
                self._by_letter.setdefault(form.first, []).append(form)

    # -- building ----------------------------------------------------------------------------

    def _add(self, pattern: str, kind: str, entity: str | None, via: str, first: str,
             **flags) -> None:
        """A form; `first` is the surface text it comes from, whose first letter indexes it."""
        letter = first[:1].lower() if first[:1].isalpha() else None
        self._forms.append(_Form(re.compile(pattern), kind, entity, via, first=letter, **flags))

    def _build_registry_forms(self, genitive: str) -> None:
        reg = self.registry
        extra = self.rules.aliases
        for actor in reg.actors.values():
            names = {actor.name, *(actor.aliases)}
            if actor.name_de:
                names.add(actor.name_de)
            names.update(extra.actors.get(actor.id, ()))
            inflect = genitive if actor.kind in ("state", "person") else ""
            for name in sorted(names):
                self._add(_name_pattern(name, inflect), ACTOR, actor.id,
                          f"data/actors.yaml {actor.id}: {name!r}", name)
        for place in reg.places.values():
            names = {place.name, *place.aliases, *extra.places.get(place.id, ())}
            if place.name_de:
                names.add(place.name_de)
            for name in sorted(names):
                self._place_by_text[name.lower()] = place.id
                self._add(_name_pattern(name), PLACE, place.id,
                          f"data/places.yaml {place.id}: {name!r}", name)
        for asset in reg.assets.values():
            for name in sorted({asset.name, *asset.aliases, *extra.assets.get(asset.id, ())}):
                self._add(_name_pattern(name), ASSET, asset.id,
                          f"data/assets.yaml {asset.id}: {name!r}", name)
        for source in reg.sources.values():
            names = {_strip_description(source.name), *extra.sources.get(source.id, ())}
            if source.name_de:
                names.add(_strip_description(source.name_de))
            for name in sorted(n for n in names if n):
                self._add(_name_pattern(name), SOURCE, source.id,
                          f"data/sources.yaml {source.id}: {name!r}", name)
        for section, known in (("actors", reg.actors), ("places", reg.places),
                               ("assets", reg.assets), ("sources", reg.sources)):
            for entity_id in getattr(extra, section):
                if entity_id not in known:
                    self.skipped_aliases.append(
                        f"gazetteer-aliases.yaml {section}.{entity_id}: not in "
                        f"data/{section}.yaml, skipped")

    def _build_state_forms(self, genitive: str) -> None:
        lang = self.language
        endings = self.rules.states.demonym_endings.get(lang, ())
        for state in self.rules.states.states:
            kind = ACTOR if state.id in self.registry.actors else UNREGISTERED_STATE
            where = f"gazetteer-states.yaml {state.id}"
            for name in state.names.get(lang, ()):
                self._add(_name_pattern(name, genitive), kind, state.id,
                          f"{where} name {name!r}", name)
            for name in state.people.get(lang, ()):
                self._add(_name_pattern(name), kind, state.id, f"{where} people {name!r}", name)
            for name in state.seats.get(lang, ()):
                self._add(_name_pattern(name, genitive), kind, state.id,
                          f"{where} seat {name!r}", name, seat=True)
            for stem in state.demonyms.get(lang, ()):
                self._add(self._demonym_pattern(stem, endings, lang), kind, state.id,
                          f"{where} demonym {stem!r}", stem, demonym=True)

    @staticmethod
    def _demonym_pattern(stem: str, endings: Iterable[str], lang: str) -> str:
        first = stem[0]
        body = f"[{re.escape(first.upper())}{re.escape(first.lower())}]" + re.escape(stem[1:])
        endings = tuple(endings)
        if endings:
            body += "(?:" + "|".join(re.escape(e) for e in endings) + ")"
        elif lang == "en":
            body += "s?"
        return r"(?<![\w-])" + body + r"(?![\w-])"

    def _build_title_forms(self) -> None:
        lang = self.language
        for title in self.rules.titles.classes:
            for plural, forms in ((False, title.singular.get(lang, ())),
                                  (True, title.plural.get(lang, ()))):
                for form in forms:
                    self._add_title(form, f"gazetteer-titles.yaml {title.name} {form!r}",
                                    title.name, plural)
                    if not plural:
                        self._title_heads.setdefault(form.lower(), title.name)
        for form in self.rules.titles.counterpart.get(lang, ()):
            self._add_title(form, f"gazetteer-titles.yaml counterpart {form!r}",
                            COUNTERPART, False)

    def _add_title(self, form: str, via: str, title_class: str, plural: bool) -> None:
        self._forms.append(_Form(re.compile(form_pattern(form), re.IGNORECASE), TITLE, None,
                                 via, title_class=title_class, plural=plural,
                                 first=form[:1].lower() if form[:1].isalpha() else None))

    # -- finding -----------------------------------------------------------------------------

    def find(self, text: str, spans: Iterable[tuple[int, int]],
             place_prepositions: frozenset[str]) -> list[Mention]:
        """Mentions inside the given spans (the article's content sentences), in text order."""
        spans = sorted(spans)
        starts = [s for s, _e in spans]

        def inside(start: int, end: int) -> bool:
            i = bisect.bisect_right(starts, start) - 1
            return i >= 0 and end <= spans[i][1]

        found: list[tuple[int, int, _Form]] = []
        for form in self._anywhere:
            found.extend((m.start(), m.end(), form) for m in form.pattern.finditer(text)
                         if inside(m.start(), m.end()))
        for word in _WORD_START.finditer(text):
            position = word.start()
            for form in self._by_letter.get(text[position].lower(), ()):
                m = form.pattern.match(text, position)
                if m and inside(m.start(), m.end()):
                    found.append((m.start(), m.end(), form))
        mentions = self._resolve_overlaps(text, found, place_prepositions)
        return [m for m in (self._compound(text, m) for m in mentions) if m is not None]

    def _resolve_overlaps(self, text: str, found: list[tuple[int, int, _Form]],
                          place_prepositions: frozenset[str]) -> list[Mention]:
        found.sort(key=lambda f: (-(f[1] - f[0]), -_PRIORITY[f[2].kind], f[0]))
        taken: list[tuple[int, int]] = []
        chosen: list[Mention] = []
        by_span: dict[tuple[int, int], list[_Form]] = {}
        for start, end, form in found:
            by_span.setdefault((start, end), []).append(form)
        for start, end, _form in found:
            if any(s < end and start < e for s, e in taken):
                continue
            forms = by_span[(start, end)]
            taken.append((start, end))
            chosen.append(self._choose(text, start, end, forms, place_prepositions))
        chosen.sort(key=lambda m: m.start)
        return chosen

    def _choose(self, text: str, start: int, end: int, forms: list[_Form],
                place_prepositions: frozenset[str]) -> Mention:
        """One mention for a span several forms found: a place after a place preposition,
        otherwise the highest-priority kind."""
        places = [f for f in forms if f.kind == PLACE]
        others = [f for f in forms if f.kind != PLACE]
        before = re.findall(r"[\w-]+", text[max(0, start - 20):start])
        after_preposition = bool(before) and before[-1].lower() in place_prepositions
        if places and (not others or after_preposition):
            form = places[0]
            return Mention(start, end, PLACE, form.entity, form.via)
        # "Generalstabschefs" is singular genitive and plural: without a name after it, plural
        form = max(others, key=lambda f: (_PRIORITY[f.kind], f.plural))
        place = places[0].entity if places else self._place_by_text.get(
            text[start:end].lower())
        return Mention(start, end, form.kind, form.entity, form.via, demonym=form.demonym,
                       seat=form.seat, title_class=form.title_class, plural=form.plural,
                       place=place)

    def _compound(self, text: str, mention: Mention) -> Mention | None:
        """'Ukraine-Krieg': a state name as the first part of a compound is no mention of it,
        unless the compound's head says which role the state has in the event, or is an
        office ("Nordkorea-Diktator": the office of that state's leader)."""
        if mention.kind not in (ACTOR, UNREGISTERED_STATE) or mention.end >= len(text) or \
                text[mention.end] != "-":
            return mention
        head = re.match(r"-(\w+)", text[mention.end:])
        if head is None:
            return mention
        word = head.group(1)
        role = self._compound_heads.get(word.lower())
        if role is not None:
            return replace(mention, compound_role=role,
                           via=mention.via + f" (compound '-{word}')")
        title_class = self._title_heads.get(word.lower())
        if title_class is not None and mention.kind == ACTOR and not mention.demonym:
            return Mention(mention.start, mention.end + head.end(), TITLE, None,
                           f"{mention.via} + title {word!r} (compound)",
                           title_class=title_class, office_state=mention.entity)
        return None

    # -- offices -----------------------------------------------------------------------------

    def title_class(self, name: str) -> TitleClass | None:
        return next((t for t in self.rules.titles.classes if t.name == name), None)

    def holds_office(self, actor_id: str, title: TitleClass) -> bool:
        """True when the actor's office in data/actors.yaml matches the title class."""
        actor = self.registry.actors.get(actor_id)
        if actor is None or not actor.title:
            return False
        office = actor.title.lower()
        return any(t.lower() in office for t in title.registry_titles)
