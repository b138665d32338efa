"""From the gazetteer's raw mentions to what they refer to in this article.

- A title in front of a name is part of the person's mention ("Außenminister Lawrow"), and
  with a demonym it states the person's office ("der russische Außenminister Lawrow": Lavrov
  SERVES Russia). So does a state in brackets after a name ("Dan Caine (USA)").
- A demonym in front of a name, a title or a source describes it ("die russische
  Nachrichtenagentur Tass") and is no mention of the state of its own.
- A title without a name stands for people the article names elsewhere ("die
  Generalstabschefs", "die drei Militärführer") whose office in data/actors.yaml matches.
- Capitalised names the registries do not know (after a title, before a bracketed state,
  organisation names) become candidates for review; they never reach the graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from actorgraph.ingest.extract.gazetteer import (
    ACTOR,
    ASSET,
    COUNTERPART,
    PLACE,
    SOURCE,
    TITLE,
    UNREGISTERED_STATE,
    Gazetteer,
    Mention,
)
from actorgraph.ingest.extract.names import (
    CAPITALISED,
    FUNCTION_WORDS,
    NAME_RUN,
    ORGANIZATION_WORDS,
    quoted_title,
    slug,
    trim_name,
)
from actorgraph.ingest.extract.text_layout import Sentence, words


@dataclass(frozen=True)
class ActorRef:
    """Where the article refers to one or more actors (several for "die Generalstabschefs")."""

    start: int
    end: int
    actors: tuple[str, ...]
    via: str
    first: int  # start of the whole phrase (title, demonym)
    demonym: bool = False
    compound_role: str | None = None
    appositive: bool = False  # "(Südkorea)" after a person: the person's state, no participant
    is_person: bool = False


@dataclass(frozen=True)
class OfficeRelation:
    """A relation an office phrase states: (person, LEADS/SERVES/SPEAKS_FOR, state/org)."""

    source: str
    type: str
    target: str
    start: int
    end: int
    via: str


@dataclass
class Candidate:
    """A name the registries do not know, for review."""

    name: str
    kind: str  # person | organization | state
    why: str
    quote: str
    suggested_id: str | None = None
    country: str | None = None
    title: str | None = None
    count: int = 1


@dataclass
class LinkedMentions:
    actors: list[ActorRef] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    assets: list[Mention] = field(default_factory=list)
    sources: list[Mention] = field(default_factory=list)
    offices: list[OfficeRelation] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    candidate_spans: list[tuple[int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def link_mentions(text: str, sentences: tuple[Sentence, ...], mentions: list[Mention],
                  gazetteer: Gazetteer, language: str) -> LinkedMentions:
    linked = LinkedMentions()
    mentions = sorted(mentions, key=lambda m: m.start)
    registry = gazetteer.registry
    sentence_of = _sentence_index(sentences)
    named_people = {m.entity for m in mentions
                    if m.kind == ACTOR and m.entity in registry.actors
                    and registry.actors[m.entity].kind == "person"}

    mention_starts = {m.start for m in mentions}
    absorbed: set[int] = set()  # indexes of demonyms and titles folded into a later mention
    for i, m in enumerate(mentions):
        if m.kind == TITLE or (m.demonym and m.kind in (ACTOR, UNREGISTERED_STATE)):
            target = _described(text, mentions, i)
            if target is not None:
                absorbed.add(i)
                mentions[target] = _fold(mentions[target], m)

    for i, m in enumerate(mentions):
        if i in absorbed:
            continue
        if m.kind == PLACE:
            linked.places.append(m)
        elif m.kind == ASSET:
            linked.assets.append(m)
        elif m.kind == SOURCE:
            linked.sources.append(m)
        elif m.kind == UNREGISTERED_STATE:
            _add_candidate(linked, Candidate(
                name=text[m.start:m.end], kind="state", suggested_id=m.entity,
                why=f"{m.via}: the state {m.entity} is not in data/actors.yaml",
                quote=_sentence_text(sentences, sentence_of, m.start)), (m.start, m.end))
        elif m.kind == TITLE:
            if _title_candidate(text, m, sentences, sentence_of, linked, mention_starts,
                                registry.actors):
                continue
            ref = _resolve_title(text, m, gazetteer, named_people, linked)
            if ref is not None:
                linked.actors.append(ref)
        elif m.kind == ACTOR:
            actor = registry.actors[m.entity]
            is_person = actor.kind == "person"
            linked.actors.append(ActorRef(m.start, m.end, (m.entity,), m.via, m.first,
                                          demonym=m.demonym, compound_role=m.compound_role,
                                          is_person=is_person))
            if is_person and m.office_class is not None:
                _office(text, m, gazetteer, linked)

    _appositions(text, linked, gazetteer)
    _name_candidates(text, sentences, linked, gazetteer, language)
    linked.actors.sort(key=lambda r: r.start)
    return linked


# -- titles, demonyms --------------------------------------------------------------------------

def _described(text: str, mentions: list[Mention], i: int) -> int | None:
    """The mention a demonym or title describes: the next one, a name, title or source, with
    at most two capitalised words between ("die russische Nachrichtenagentur Tass")."""
    m = mentions[i]
    if i + 1 >= len(mentions):
        return None
    nxt = mentions[i + 1]
    gap = text[m.end:nxt.start]
    if "\n" in gap or re.search(r"[,;:.!?()]", gap.replace('"', "")):
        return None
    gap_words = [w for w in re.findall(r"[\w'’-]+", gap)]
    if m.kind == TITLE:
        # a title describes the name right after it ("Außenminister Lawrow")
        if gap_words or nxt.kind != ACTOR or nxt.demonym or not _is_named_entity_not_state(nxt):
            return None
        return i + 1
    if len(gap_words) > 2 or any(not w[0].isupper() for w in gap_words):
        return None
    if nxt.kind == TITLE or nxt.kind == SOURCE:
        return i + 1
    if nxt.kind == ACTOR and not nxt.demonym and not nxt.seat and nxt.entity != m.entity:
        # a demonym before a person or organisation, not before another state's name
        return i + 1 if _is_named_entity_not_state(nxt) else None
    return None


def _is_named_entity_not_state(m: Mention) -> bool:
    return not m.via.startswith("gazetteer-states.yaml") and not re.fullmatch(
        r"[A-Z]{3}", m.entity or "")


def _fold(described: Mention, descriptor: Mention) -> Mention:
    """The described mention with the descriptor's phrase and office folded in."""
    start = min(described.first, descriptor.first)
    if descriptor.kind == TITLE:
        return replace(described, phrase_start=start,
                       office_class=described.office_class or descriptor.title_class,
                       office_state=described.office_state or descriptor.office_state,
                       via=described.via + f" + {descriptor.via}")
    # a demonym
    return replace(described, phrase_start=start,
                   office_state=described.office_state or descriptor.entity,
                   via=described.via + f" + demonym ({descriptor.via})")


def _office(text: str, m: Mention, gazetteer: Gazetteer, linked: LinkedMentions) -> None:
    """'der russische Außenminister Lawrow': Lavrov SERVES RUS, evidenced by the phrase."""
    if m.office_class == COUNTERPART:
        actor = gazetteer.registry.actors[m.entity]
        title = _office_of(gazetteer, m.entity)
        if actor.country and actor.country in gazetteer.registry.actors and title:
            linked.offices.append(OfficeRelation(
                m.entity, title.relation or "SERVES", actor.country, m.first, m.end,
                f"counterpart title before {m.entity}; its country in data/actors.yaml"))
        return
    title = gazetteer.title_class(m.office_class or "")
    if title is None or title.relation is None:
        return
    target = _office_target(m.entity, m.office_state, title, gazetteer)
    if target is None:
        return
    linked.offices.append(OfficeRelation(m.entity, title.relation, target, m.first, m.end,
                                         f"title {title.name} ({m.via})"))


def _office_of(gazetteer: Gazetteer, actor_id: str):
    return next((t for t in gazetteer.rules.titles.classes
                 if gazetteer.holds_office(actor_id, t)), None)


def _office_target(person: str, state: str | None, title, gazetteer: Gazetteer) -> str | None:
    registry = gazetteer.registry
    if title.relation_target == "organization":
        country = state or registry.actors[person].country
        for actor in registry.actors.values():
            if actor.kind == "organization" and actor.country == country and any(
                    n.lower() in actor.name.lower() for n in title.organization_names):
                return actor.id
        return None
    if state is not None and state in registry.actors:
        return state
    return None


def _resolve_title(text: str, m: Mention, gazetteer: Gazetteer, named_people: set[str],
                   linked: LinkedMentions) -> ActorRef | None:
    """A title without a name: the people of that office the article names elsewhere."""
    if m.title_class == COUNTERPART:
        return None
    title = gazetteer.title_class(m.title_class or "")
    if title is None:
        return None
    holders = sorted(p for p in named_people if gazetteer.holds_office(p, title))
    if m.office_state is not None:
        holders = [p for p in holders if gazetteer.registry.actors[p].country == m.office_state]
    if not holders or (not m.plural and len(holders) > 1):
        linked.notes.append(f"{text[m.first:m.end]!r} at {m.first}: no single person of the "
                            f"office {title.name} named in the article; not resolved")
        return None
    how = "all" if m.plural else "the one"
    via = (f"{m.via}: {how} people named in the article whose office in data/actors.yaml "
           f"matches {title.name}")
    return ActorRef(m.start, m.end, tuple(holders), via, m.first, is_person=True)


def _title_candidate(text: str, m: Mention, sentences, sentence_of,
                     linked: LinkedMentions, mention_starts: set[int],
                     registered: dict) -> bool:
    """A title followed by an unknown name ("Verteidigungsminister Hans Meier"): a person
    candidate. True when one was found."""
    found = re.match(rf"[ \t]+({CAPITALISED}(?:[ \t]+{CAPITALISED}){{0,2}})",
                     text[m.end:m.end + 80])
    if not found:
        return False
    name = trim_name(found.group(1))
    if not name or name.split()[0] in FUNCTION_WORDS:
        return False
    start = m.end + found.start(1)
    if start in mention_starts:
        return False  # a name the gazetteer knows ("die Militärführer Nordkoreas")
    _add_candidate(linked, Candidate(
        name=name, kind="person", title=text[m.first:m.end],
        country=m.office_state,
        why=f"a title ({m.via}) before a name that is not in data/actors.yaml",
        quote=_sentence_text(sentences, sentence_of, m.start),
        suggested_id=slug(name)), (start, start + len(name)))
    if m.office_state is not None and m.office_state in registered:
        # "die südkoreanische Außenministerin Hana Lee": her state acts for her in the draft
        linked.actors.append(ActorRef(
            m.first, start + len(name), (m.office_state,),
            f"stands in for the candidate {name!r} ({m.via})", m.first))
    return True


# -- appositions -------------------------------------------------------------------------------

def _appositions(text: str, linked: LinkedMentions, gazetteer: Gazetteer) -> None:
    """'Dan Caine (USA)': the state in brackets is the person's, not a participant; the
    person's office in data/actors.yaml says which relation it is (SERVES by default)."""
    refs = linked.actors
    registry = gazetteer.registry
    for i, ref in enumerate(refs):
        if ref.is_person or i == 0:
            continue
        person = refs[i - 1]
        between = text[person.end:ref.start]
        closing = text[ref.end:ref.end + 1]
        if not person.is_person or not re.fullmatch(r"\s*\(", between) or closing != ")":
            continue
        if len(ref.actors) != 1 or registry.actors[ref.actors[0]].kind != "state":
            continue
        refs[i] = replace(ref, appositive=True)
        for person_id in person.actors:
            title = _office_of(gazetteer, person_id)
            relation = title.relation if title and title.relation else "SERVES"
            target = ref.actors[0]
            if title is not None and title.relation_target == "organization":
                target = _office_target(person_id, target, title, gazetteer) or target
            if not any(o.source == person_id and o.type == relation and o.target == target
                       for o in linked.offices):
                linked.offices.append(OfficeRelation(
                    person_id, relation, target, person.first, ref.end + 1,
                    f"state in brackets after {person_id}"))


# -- candidates --------------------------------------------------------------------------------

def _name_candidates(text: str, sentences: tuple[Sentence, ...], linked: LinkedMentions,
                     gazetteer: Gazetteer, language: str) -> None:
    """Unknown capitalised names: before a bracketed state, with an organisation word, or
    (in English) several capitalised words inside a sentence."""
    covered = [(r.first, r.end) for r in linked.actors]
    covered += [(m.start, m.end) for m in (*linked.places, *linked.assets, *linked.sources)]
    covered += linked.candidate_spans

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in covered)

    for ref in list(linked.actors):
        if not ref.demonym:
            continue
        noun = re.match(rf"\s+({CAPITALISED})", text[ref.end:ref.end + 60])
        if noun and any(w in noun.group(1) for w in ORGANIZATION_WORDS) and \
                free(ref.end + noun.start(1), ref.end + noun.end(1)):
            name = text[ref.first:ref.end + noun.end(1)]
            covered.append((ref.first, ref.end + noun.end(1)))
            _add_candidate(linked, Candidate(
                name=name, kind="organization", country=ref.actors[0],
                why="a demonym before an organisation word, not in data/actors.yaml; the state "
                    "stands in for it",
                quote=_sentence_text(sentences, _sentence_index(sentences), ref.start),
                suggested_id=slug(name)), (ref.first, ref.end + noun.end(1)))

    for sentence in sentences:
        sentence_words = words(text, sentence.start, sentence.end)
        first_word = sentence_words[0].start() if sentence_words else sentence.start
        for run in NAME_RUN.finditer(text, sentence.start, sentence.end):
            name = trim_name(run.group())
            if not name:
                continue
            start, end = run.start(), run.start() + len(name)
            if not free(start, end):
                continue
            rest = text[end:end + 12]
            bracket = re.match(r"\s*\(([^)]{2,40})\)", rest)
            is_org = any(w in name for w in ORGANIZATION_WORDS) and len(name.split()) > 1
            multi = len(name.split()) >= 2
            why = None
            kind = "person"
            country = None
            if bracket:
                state = next((r for r in linked.actors if r.appositive and r.start > end
                              and r.start <= end + len(bracket.group(0))), None)
                if state is not None:
                    why = "a name before a state in brackets, not in data/actors.yaml"
                    country = state.actors[0]
            if why is None and is_org:
                why, kind = "an organisation name not in data/actors.yaml", "organization"
            if why is None and language == "en" and multi and not quoted_title(text, start) \
                    and (start != first_word or len(name.split()) >= 3):
                why = "capitalised words inside a sentence, not in the registries"
                kind = "organization" if any(w in name for w in ORGANIZATION_WORDS) \
                    else "person"
            if why is None:
                continue
            covered.append((start, end))
            _add_candidate(linked, Candidate(name=name, kind=kind, why=why, country=country,
                                             quote=text[sentence.start:sentence.end],
                                             suggested_id=slug(name)), (start, end))


def _add_candidate(linked: LinkedMentions, candidate: Candidate,
                   span: tuple[int, int]) -> None:
    linked.candidate_spans.append(span)
    for known in linked.candidates:
        if known.name == candidate.name:
            known.count += 1
            return
    linked.candidates.append(candidate)


def _sentence_index(sentences: tuple[Sentence, ...]):
    return [(s.start, s.end, i) for i, s in enumerate(sentences)]


def _sentence_text(sentences: tuple[Sentence, ...], index, position: int) -> str:
    for start, end, i in index:
        if start <= position < end:
            return sentences[i].text
    return ""
