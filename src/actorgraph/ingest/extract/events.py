"""Events from triggers: who took part (and in which role), who was targeted, where, when, how
sure the article is and whom it cites.

One trigger in one sentence is an `EventMention`. Mentions of the same event (same kind,
overlapping participants, no contradicting date, place, host or hedge) are merged into one
`DraftEvent` with every sentence as evidence, so "the exercise" named in five sentences is one
event with five quotes. Every decision is written to the event's `explain` lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from actorgraph.ingest.extract.cues import CueFinder, SentenceCues, TriggerCue
from actorgraph.ingest.extract.gazetteer import Mention
from actorgraph.ingest.extract.mentions import ActorRef, LinkedMentions
from actorgraph.ingest.extract.rules import ExtractionRules
from actorgraph.ingest.extract.text_layout import Sentence, words
from actorgraph.records import HEDGED_MODALITIES

CERTAINTY: tuple[str, ...] = (
    "asserted", "reported", "habitual", "planned", "possible", "suspected", "feared", "denied")
"""Most certain first (docs/graph-model.md): merged mentions keep the least certain."""

NEXT_SCOPE_WORDS = 3
"""A `scope: next` hedge ("den möglichen Transfer") reaches this many words ahead."""

PAIR_WORDS = frozenset({"beide", "beiden", "beider", "both", "two"})
"""Group anaphora that mean two people ("zwischen beiden"): the antecedent's two persons."""


@dataclass
class EventMention:
    sentence: int
    trigger: TriggerCue
    kind: str
    cameo: str
    participants: dict[str, str] = field(default_factory=dict)  # actor -> role
    targets: list[str] = field(default_factory=list)
    place: str | None = None
    assets: list[str] = field(default_factory=list)
    date_text: str | None = None
    modality: str = "asserted"
    attributed_to: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    absorbed: set[str] = field(default_factory=set)
    ordinal: str | None = None
    explain: list[str] = field(default_factory=list)
    span: tuple[int, int] = (0, 0)  # the part of the sentence the trigger governs


@dataclass
class DraftEvent:
    kind: str
    cameo: str
    participants: dict[str, str]
    targets: list[str]
    place: str | None
    assets: list[str]
    date_text: str | None
    date_key: tuple[str | None, str] | None  # resolved (value, precision), for conflicts
    modality: str
    attributed_to: list[str]
    topics: list[str]
    evidence: list[tuple[int, int]]
    absorbed: set[str]
    sentences: list[int]
    explain: list[str]
    spans: list[tuple[int, int]]  # the parts of the evidence the triggers govern


@dataclass(frozen=True)
class SentenceContext:
    """What the event rules need to know about one sentence."""

    index: int
    sentence: Sentence
    cues: SentenceCues
    clauses: list[tuple[int, int]]  # enumerations merged ("Südkorea, die USA und Japan")
    actors: list[ActorRef]
    places: list[Mention]
    assets: list[Mention]
    sources: list[Mention]


class EventBuilder:
    """Turns the sentences' triggers into merged draft events, in text order."""

    def __init__(self, text: str, rules: ExtractionRules, language: str, cues: CueFinder,
                 linked: LinkedMentions, resolve: Callable[[str], tuple[str | None, str]]):
        self.text = text
        self.rules = rules
        self.language = language
        self.cues = cues
        self.linked = linked
        self.resolve = resolve  # date phrase -> (value, precision)
        t = rules.triggers
        self.conjunctions = t.conjunctions.get(language, frozenset())
        self.articles = t.articles.get(language, {})
        self.group_words = t.anaphora_group.get(language, frozenset())
        self.person_words = t.anaphora_person.get(language, frozenset())
        self.events: list[DraftEvent] = []
        self.dropped: list[str] = []
        self.headings: set[int] = set()  # sentences that are headings or summary bullets
        self._persons = sorted((r.start, r.actors[0]) for r in linked.actors
                               if r.is_person and len(r.actors) == 1)

    # -- public ------------------------------------------------------------------------------

    def add_sentence(self, ctx: SentenceContext) -> None:
        """Extract the sentence's events and merge them into those found so far."""
        if ctx.sentence.is_heading:
            self.headings.add(ctx.index)
        attribution, excluded, attribution_notes = self._attribution(ctx)
        holders, hedge_notes = self._holders(ctx)
        excluded |= {id(r) for r in holders}
        if ctx.cues.attributions and not ctx.cues.triggers and \
                self.cues.refers_back(self.text, ctx.sentence, ctx.cues):
            self._confirm_previous(ctx, attribution, attribution_notes)
            return
        mentions = self._event_mentions(ctx, excluded)
        chain = [a for a in attribution] + [self._ref_id(r) for r in holders
                                            if self._ref_id(r) not in attribution]
        for mention in mentions:
            self._modality(ctx, mention, bool(ctx.cues.attributions))
            if chain:
                mention.attributed_to = list(dict.fromkeys(chain))
                mention.explain.extend(attribution_notes + hedge_notes)
            self._merge(mention, ctx)

    # -- attribution and hedges ----------------------------------------------------------------

    def _ref_id(self, ref: ActorRef | Mention) -> str:
        if isinstance(ref, Mention):
            return ref.entity or ""
        return ref.actors[0]

    def _attribution(self, ctx: SentenceContext) -> tuple[list[str], set[int], list[str]]:
        """The citation chain of the sentence's reporting phrases (outermost first) and the
        mentions that belong to it (not participants)."""
        chain: list[tuple[int, str]] = []
        excluded: set[int] = set()
        notes = []
        for cue in ctx.cues.attributions:
            clause = clause_holding(ctx.clauses, cue.start)
            named = []
            if cue.cue.names == "either":
                # before the phrase, or inside it ("teilte der Generalstab mit")
                named = [m for m in (*ctx.actors, *ctx.sources)
                         if clause[0] <= m.start < cue.end and m.start < cue.end]
            if not named and cue.cue.names != "none":
                named = self._named_after(ctx, cue.end, clause[1])
            for m in named:
                ids = m.actors if isinstance(m, ActorRef) else (m.entity,)
                chain.extend((m.start, i) for i in ids)
                excluded.add(id(m))
            said = self.text[cue.start:cue.end]
            names = ", ".join(i for m in named for i in
                              (m.actors if isinstance(m, ActorRef) else (m.entity,)))
            notes.append(f"reported: {said!r} ({cue.rule}) names {names or 'no one'}")
        ordered = [i for _, i in sorted(chain)]
        return list(dict.fromkeys(ordered)), excluded, notes

    def _named_after(self, ctx: SentenceContext, position: int, end: int) -> list:
        """Mentions right after a reporting phrase ("according to the ministry", "nach
        Berichten der Nachrichtenagentur Tass"), and those joined to them ("X and Y")."""
        found = []
        candidates = sorted((m for m in (*ctx.actors, *ctx.sources) if position <= m.start < end),
                            key=lambda m: m.start)
        for m in candidates:
            first = m.first if isinstance(m, ActorRef) else m.start
            gap = self.text[position:first]
            gap_words = [w.group().lower() for w in words(gap)]
            if found and not (gap_words and all(w in self.conjunctions for w in gap_words)):
                break
            if "," in gap or len(gap_words) > 3:
                break
            found.append(m)
            position = m.end
        return found

    def _holders(self, ctx: SentenceContext) -> tuple[list[ActorRef | Mention], list[str]]:
        """'Seoul, Washington und ihre Verbündeten befürchten, dass ...': who holds the belief."""
        holders: list[ActorRef | Mention] = []
        notes = []
        for hedge in ctx.cues.hedges:
            if not hedge.hedge.holder:
                continue
            clause = clause_holding(ctx.clauses, hedge.start)
            found = [m for m in (*ctx.actors, *ctx.sources)
                     if clause[0] <= m.start < hedge.start and not getattr(m, "appositive", False)]
            holders.extend(found)
            if found:
                names = ", ".join(self._ref_id(m) for m in found)
                notes.append(f"{hedge.hedge.modality}: {names} hold it "
                             f"({self.text[hedge.start:hedge.end]!r}, {hedge.rule})")
        return sorted(holders, key=lambda m: m.start), notes

    def _modality(self, ctx: SentenceContext, mention: EventMention, reported: bool) -> None:
        modality, why = modality_at(self.text, ctx, mention.trigger.start, self.rules, reported)
        mention.modality = modality
        if why:
            mention.explain.append(f"modality {modality}: {why}")

    def _confirm_previous(self, ctx: SentenceContext, chain: list[str],
                          notes: list[str]) -> None:
        """'Das Ministerium bestätigte dies': the previous sentence's events are reported."""
        for event in self.events:
            if ctx.index - 1 in event.sentences:
                if chain and not event.attributed_to:
                    event.attributed_to = list(chain)
                event.modality = least_certain(event.modality, "reported")
                span = (ctx.sentence.start, ctx.sentence.end)
                if span not in event.evidence:
                    event.evidence.append(span)
                event.sentences.append(ctx.index)
                event.explain.extend(f"{n} -- confirms the previous sentence (back reference)"
                                     for n in notes)

    # -- mentions of events ------------------------------------------------------------------

    def _event_mentions(self, ctx: SentenceContext, excluded: set[int]) -> list[EventMention]:
        by_clause: dict[tuple[int, int], list[TriggerCue]] = {}
        for cue in ctx.cues.triggers:
            by_clause.setdefault(clause_holding(ctx.clauses, cue.start), []).append(cue)
        actors = [r for r in ctx.actors if id(r) not in excluded and not r.appositive]
        mentions: list[EventMention] = []
        spans: dict[int, tuple[int, int]] = {}
        for clause, cues in by_clause.items():
            cues = self._absorb(cues)
            for i, (cue, absorbed) in enumerate(cues):
                start = clause[0] if i == 0 else self._span_start(cue, actors, clause)
                end = (self._span_start(cues[i + 1][0], actors, clause) if i + 1 < len(cues)
                       else clause[1])
                mention = EventMention(ctx.index, cue, cue.trigger.kind, cue.trigger.cameo,
                                       absorbed={a.trigger.kind for a in absorbed})
                said = self.text[cue.start:cue.end]
                mention.explain.append(f"kind {cue.trigger.kind}, cameo {cue.trigger.cameo}: "
                                       f"trigger {said!r} ({cue.rule})")
                for a in absorbed:
                    mention.explain.append(f"{self.text[a.start:a.end]!r} ({a.rule}) is part "
                                           f"of this {cue.trigger.kind}")
                mention.ordinal = self.cues.ordinal_before(self.text, ctx.sentence, cue.start)
                self._roles(ctx, mention, [r for r in actors if start <= r.start < end
                                           and not self._in_topic(ctx, r, clause)], clause)
                spans[id(mention)] = (start, end)
                mention.span = (start, end)
                mentions.append(mention)
        mentions.sort(key=lambda m: m.trigger.start)
        self._borrow(ctx, mentions, spans, actors, by_clause)
        for mention in mentions:
            span = spans[id(mention)]
            clause = clause_holding(ctx.clauses, mention.trigger.start)
            self._circumstances(ctx, mention, span, clause, len(mentions) == 1)
        return mentions

    def _absorb(self, cues: list[TriggerCue]) -> list[tuple[TriggerCue, list[TriggerCue]]]:
        """Triggers of a kind another trigger of the clause absorbs become part of it."""
        absorbing = {k for c in cues for k in c.trigger.absorbs}
        kept = [c for c in cues if c.trigger.kind not in absorbing]
        result = []
        for cue in kept:
            absorbed = [c for c in cues if c.trigger.kind in cue.trigger.absorbs]
            result.append((cue, absorbed))
        # two triggers of one kind in one clause ("trafen sich ... zu Gesprächen") stay two
        # mentions here and are merged later, each keeping its own span of actors
        return result

    def _span_start(self, cue: TriggerCue, actors: list[ActorRef],
                    clause: tuple[int, int]) -> int:
        """A trigger's span begins at itself, or at the actor right before it that is its
        subject ("Nordkoreas Truppenentsendung")."""
        before = [r for r in actors if clause[0] <= r.start and r.end <= cue.start]
        if before:
            last = before[-1]
            gap = self.text[last.end:cue.start]
            if re.fullmatch(r"(?:['’]s)?\s*", gap):
                return last.first
        return cue.start

    def _roles(self, ctx: SentenceContext, mention: EventMention, refs: list[ActorRef],
               clause: tuple[int, int]) -> None:
        trigger = mention.trigger.trigger
        prepositions = {**self.rules.triggers.prepositions, **trigger.prepositions}
        cue_starts = [c.end for c in ctx.cues.target_cues if clause[0] <= c.start < clause[1]]
        before = [r for r in refs if r.end <= mention.trigger.start]
        after = [r for r in refs if r.start >= mention.trigger.end]
        subject_group = self._first_group(before)
        previous_role: tuple[int, str] | None = None
        for ref in refs:
            preposition = self._governing_word(ctx, ref, prepositions)
            if any(c <= ref.first for c in cue_starts):
                role, why = "target", "after a target cue (triggers.yaml target_cues)"
            elif ref.compound_role:
                role, why = ref.compound_role, "the compound it names (gazetteer-states.yaml)"
            elif preposition is not None:
                role, why = prepositions[preposition], f"after {preposition!r}"
            elif previous_role is not None and self._joined(previous_role[0], ref.first):
                role, why = previous_role[1], "joined to the actor before it"
            elif ref.demonym and trigger.demonym_role:
                role, why = trigger.demonym_role, "named by a demonym"
            elif ref in before:
                role = trigger.subject_role if ref in subject_group else trigger.object_role
                why = "before the trigger" + (" (its subject)" if ref in subject_group
                                              else " (its object)")
            else:
                case = self._case(ref)
                pronoun = self._subject_pronoun(mention.trigger.start, ref.first)
                if case == "object" or (case is None and (before or pronoun) and ref in after):
                    role, why = trigger.object_role, "after the trigger (its object)"
                else:
                    role, why = trigger.subject_role, "after the trigger (its subject)"
            previous_role = (ref.end, role)
            self._assign(mention, ref.actors, role, f"{why}; {ref.via}")

    def _assign(self, mention: EventMention, actors: tuple[str, ...], role: str,
                why: str) -> None:
        for actor in actors:
            if role == "target":
                if actor not in mention.targets and actor not in mention.participants:
                    mention.targets.append(actor)
                    mention.explain.append(f"target {actor}: {why}")
            elif actor not in mention.participants:
                if actor in mention.targets:
                    continue
                mention.participants[actor] = role
                mention.explain.append(f"participant {actor} ({role}): {why}")

    def _in_topic(self, ctx: SentenceContext, ref: ActorRef, clause: tuple[int, int]) -> bool:
        """'beraten über Nordkorea': what is talked about takes no part (a target cue such as
        "Gegenmaßnahmen gegen Nordkorea" still makes it a target)."""
        for topic in ctx.cues.topic_starts:
            if clause[0] <= topic.start and topic.end <= ref.first < clause[1]:
                cues = [c for c in ctx.cues.target_cues if topic.end <= c.start < ref.first]
                stops = [c.start for c in ctx.cues.triggers if topic.end <= c.start < ref.first]
                return not cues and not stops
        return False

    def _first_group(self, refs: list[ActorRef]) -> list[ActorRef]:
        """The first actors before the trigger, joined by commas and conjunctions."""
        group: list[ActorRef] = []
        for ref in refs:
            if group and not self._joined(group[-1].end, ref.first):
                break
            group.append(ref)
        return group

    def _joined(self, end: int, start: int) -> bool:
        gap = self.text[end:start]
        gap_words = [w.group().lower() for w in words(gap)]
        articles = {w for w, case in self.articles.items()} | {"die", "das", "the"}
        return bool(re.fullmatch(r"[\s,()\"]*(?:[\w-]+[\s,()\"]*){0,3}", gap)) and all(
            w in self.conjunctions or w in articles for w in gap_words) and (
            "," in gap or any(w in self.conjunctions for w in gap_words))

    def _governing_word(self, ctx: SentenceContext, ref: ActorRef,
                        prepositions: dict[str, str]) -> str | None:
        """The preposition right before the actor (articles and adjectives may come between)."""
        before = words(self.text, ctx.sentence.start, ref.first)[-3:]
        for word in reversed(before):
            lowered = word.group().lower()
            if lowered in prepositions:
                return lowered
            if word.group()[0].isupper() and self.language == "de":
                return None  # a noun between: the preposition governs that noun
        return None

    def _subject_pronoun(self, start: int, end: int) -> bool:
        """A pronoun between the trigger and an actor is the subject ("forderten sie
        Nordkorea auf"): the actor after it is the object."""
        between = {w.group().lower() for w in words(self.text, start, end)}
        return bool(between & (self.group_words | self.person_words))

    def _case(self, ref: ActorRef) -> str | None:
        before = words(self.text, max(0, ref.first - 30), ref.first)
        if not before:
            return None
        return self.articles.get(before[-1].group().lower())

    def _borrow(self, ctx: SentenceContext, mentions: list[EventMention],
                spans: dict[int, tuple[int, int]], actors: list[ActorRef],
                by_clause: dict[tuple[int, int], list[TriggerCue]]) -> None:
        """Participants from elsewhere when a trigger's own span names none."""
        for mention in mentions:
            self._controlled_subject(ctx, mention, actors)
        for mention in mentions:
            start, end = spans[id(mention)]
            span_words = words(self.text, start, end)
            pronoun = next((w for w in span_words if w.group().lower() in self.person_words),
                           None)
            person = self._person_before(pronoun.start()) if pronoun else None
            if person is not None and person not in mention.participants:
                mention.participants[person] = "participant"
                mention.explain.append(f"participant {person}: the pronoun "
                                       f"{pronoun.group()!r} (triggers.yaml anaphora.person), "
                                       "the person named last")
            span_words = {w.group().lower() for w in span_words}
            if mention.participants:
                continue
            if self.cues.after_definite(self.text, ctx.sentence, mention.trigger.start):
                mention.explain.append("after a definite article (triggers.yaml definite): an "
                                       "event named before; takes no participants from the "
                                       "sentence's other triggers")
                continue
            group_word = span_words & self.group_words
            if group_word and self.events:
                antecedent = max(self.events, key=lambda e: max(e.sentences))
                people = [a for a in antecedent.participants
                          if self.linked_person(a)]
                chosen = people if (group_word & PAIR_WORDS and len(people) == 2) \
                    else list(antecedent.participants)
                chosen = [a for a in chosen if a not in mention.targets]
                for actor in chosen:
                    mention.participants[actor] = "participant"
                mention.explain.append(f"participants {', '.join(chosen)}: the pronoun "
                                       f"{sorted(group_word)[0]!r} (triggers.yaml anaphora.group)"
                                       f", the participants of the event before")
                continue
            clause = clause_holding(ctx.clauses, mention.trigger.start)
            siblings = [m for m in mentions if m is not mention and m.participants and
                        clause_holding(ctx.clauses, m.trigger.start) == clause]
            if siblings:
                lender = max((m for m in siblings if m.trigger.start < mention.trigger.start),
                             key=lambda m: m.trigger.start, default=siblings[0])
                for actor in lender.participants:
                    mention.participants[actor] = "participant"
                mention.explain.append(f"participants from the trigger "
                                       f"{self.text[lender.trigger.start:lender.trigger.end]!r}"
                                       " of the same clause")
                continue
            if len(mentions) == 1:
                loose = [r for r in actors if not any(c[0] <= r.start < c[1] for c in by_clause)]
                cue_clauses = {clause_holding(ctx.clauses, tc.start)
                               for tc in ctx.cues.target_cues}
                for ref in loose:
                    if clause_holding(ctx.clauses, ref.start) in cue_clauses:
                        continue  # a target, see _loose_targets
                    self._assign(mention, ref.actors, "participant",
                                 f"named elsewhere in the sentence; {ref.via}")
        self._loose_targets(ctx, mentions, actors, by_clause)

    def _controlled_subject(self, ctx: SentenceContext, mention: EventMention,
                            actors: list[ActorRef]) -> None:
        """'Hana Lee kündigte an, im Dezember nach Washington zu reisen': the infinitive's
        subject is the first actor of the clause before it."""
        if not self.cues.after_infinitive_marker(self.text, ctx.sentence, mention.trigger):
            return
        clause = clause_holding(ctx.clauses, mention.trigger.start)
        before = [c for c in ctx.clauses if c[1] <= clause[0]]
        if not before:
            return
        previous = before[-1]
        group = self._first_group([r for r in actors if previous[0] <= r.start < previous[1]])
        role = mention.trigger.trigger.subject_role
        for ref in group:
            self._assign(mention, ref.actors, role,
                         f"the subject of the clause before, whose infinitive this is "
                         f"(triggers.yaml infinitive_markers); {ref.via}")

    def linked_person(self, actor: str) -> bool:
        return any(actor in r.actors and r.is_person for r in self.linked.actors)

    def _person_before(self, position: int) -> str | None:
        before = [p for s, p in self._persons if s < position]
        return before[-1] if before else None

    def _loose_targets(self, ctx: SentenceContext, mentions: list[EventMention],
                       actors: list[ActorRef],
                       by_clause: dict[tuple[int, int], list[TriggerCue]]) -> None:
        """A clause without a trigger but with a target cue ("um Nordkoreas Arsenal
        entgegenzuwirken") names targets of the sentence's nearest trigger."""
        if not mentions:
            return
        for clause in ctx.clauses:
            if clause in by_clause:
                continue
            cues = [c for c in ctx.cues.target_cues if clause[0] <= c.start < clause[1]]
            if not cues:
                continue
            for ref in actors:
                if not clause[0] <= ref.start < clause[1]:
                    continue
                before = [m for m in mentions if m.trigger.start < clause[0]]
                mention = before[-1] if before else mentions[0]
                cue = self.text[cues[0].start:cues[0].end]
                self._assign(mention, ref.actors, "target",
                             f"in a clause with the target cue {cue!r}; {ref.via}")

    def _circumstances(self, ctx: SentenceContext, mention: EventMention,
                       span: tuple[int, int], clause: tuple[int, int], alone: bool) -> None:
        """Place, assets, date and topics: from the trigger's span, else its clause, else (for
        the only trigger of the sentence) the sentence."""
        areas = [span, clause] + ([(ctx.sentence.start, ctx.sentence.end)] if alone else [])
        for area in areas:
            places = [p for p in ctx.places if area[0] <= p.start < area[1]]
            if places:
                mention.place = places[0].entity
                mention.explain.append(f"place {places[0].entity}: {places[0].via}")
                break
        for area in areas:
            assets = [a for a in ctx.assets if area[0] <= a.start < area[1]]
            if assets:
                mention.assets = list(dict.fromkeys(a.entity for a in assets if a.entity))
                mention.explain.append("assets " + ", ".join(
                    f"{a.entity}: {a.via}" for a in assets))
                break
        for area in areas:
            dates = [d for d in ctx.cues.dates if area[0] <= d.start < area[1]]
            if dates:
                mention.date_text = self.text[dates[0].start:dates[0].end]
                mention.explain.append(f"date_text {mention.date_text!r}: dates.yaml phrases")
                break
        for topic in ctx.cues.topic_starts:
            if not span[0] <= topic.start < span[1]:
                continue
            stops = [c.start for c in ctx.cues.triggers if c.start > topic.end] + [clause[1]]
            phrase = self.text[topic.end:min(stops)].strip(" ,.;:-\"“”")
            if phrase:
                mention.topics.append(phrase)
                mention.explain.append(f"topic {phrase!r}: after "
                                       f"{self.text[topic.start:topic.end]!r} "
                                       "(triggers.yaml topic_prepositions)")

    # -- merging -----------------------------------------------------------------------------

    def _merge(self, mention: EventMention, ctx: SentenceContext) -> None:
        sentence_span = (ctx.sentence.start, ctx.sentence.end)
        date_key = self.resolve(mention.date_text) if mention.date_text else None
        if not mention.participants:
            has_detail = mention.targets or mention.place or mention.assets or mention.date_text
            same_kind = [e for e in self.events if e.kind == mention.kind]
            if has_detail and same_kind and not mention.date_text:
                event = same_kind[-1]
                self._absorb_into(event, mention, sentence_span, date_key,
                                  "named without participants: taken as the latest "
                                  f"{mention.kind} event")
                return
            self.dropped.append(f"{self.text[mention.trigger.start:mention.trigger.end]!r} "
                                f"(sentence {ctx.index + 1}): {mention.kind} trigger without "
                                "participants; no event")
            return
        if mention.ordinal is not None:
            series = next((e for e in reversed(self.events)
                           if set(e.participants) & set(mention.participants)
                           and e.kind in ("dialogue", "meeting")), None)
            if series is not None and series.kind != mention.kind:
                mention.explain.append(f"kind {series.kind}: the ordinal "
                                       f"{mention.ordinal!r} makes it a round of the "
                                       f"{series.kind} named before (triggers.yaml ordinals)")
                mention.kind = series.kind
        else:
            for event in reversed(self.events):
                why_not = self._conflict(event, mention, date_key)
                if why_not is None:
                    self._absorb_into(event, mention, sentence_span, date_key,
                                      "same event as an earlier mention (same kind, shared "
                                      "participants)")
                    return
        self.events.append(DraftEvent(
            kind=mention.kind, cameo=mention.cameo, participants=dict(mention.participants),
            targets=list(mention.targets), place=mention.place, assets=list(mention.assets),
            date_text=mention.date_text, date_key=date_key, modality=mention.modality,
            attributed_to=list(mention.attributed_to), topics=list(mention.topics),
            evidence=[sentence_span], absorbed=set(mention.absorbed),
            sentences=[ctx.index], explain=list(mention.explain), spans=[mention.span]))

    def _conflict(self, event: DraftEvent, mention: EventMention,
                  date_key: tuple[str | None, str] | None) -> str | None:
        if event.kind != mention.kind and mention.kind not in event.absorbed:
            return "another kind"
        if event.kind != mention.kind and set(event.participants) != set(mention.participants):
            return "a statement is part of this event only with the same participants"
        if not set(event.participants) & set(mention.participants):
            return "no shared participant"
        if event.date_text and mention.date_text and event.date_key != date_key:
            return "another date"
        if event.place and mention.place and event.place != mention.place:
            return "another place"
        if (event.modality in HEDGED_MODALITIES) != (mention.modality in HEDGED_MODALITIES):
            return "one is hedged, the other is not"
        summaries_only = all(i in self.headings for i in event.sentences)
        if mention.attributed_to and mention.attributed_to != event.attributed_to \
                and not summaries_only:
            return "another source"
        hosts = {a for a, r in event.participants.items() if r == "host"}
        new_hosts = {a for a, r in mention.participants.items() if r == "host"}
        if hosts and new_hosts and not hosts & new_hosts:
            return "another host"
        for actor, role in mention.participants.items():
            old = event.participants.get(actor)
            if old and {old, role} == {"sender", "recipient"}:
                return "sender and recipient swapped"
        return None

    def _absorb_into(self, event: DraftEvent, mention: EventMention,
                     span: tuple[int, int], date_key, why: str) -> None:
        for actor, role in mention.participants.items():
            if actor in event.targets:
                continue
            if actor not in event.participants or event.participants[actor] == "participant":
                event.participants[actor] = role
        for target in mention.targets:
            if target not in event.targets and target not in event.participants:
                event.targets.append(target)
        event.place = event.place or mention.place
        for asset in mention.assets:
            if asset not in event.assets:
                event.assets.append(asset)
        if event.date_text is None and mention.date_text is not None:
            event.date_text, event.date_key = mention.date_text, date_key
        event.modality = least_certain(event.modality, mention.modality)
        if not event.attributed_to and mention.attributed_to:
            event.attributed_to = list(mention.attributed_to)
        for topic in mention.topics:
            if topic not in event.topics:
                event.topics.append(topic)
        if span not in event.evidence:
            event.evidence.append(span)
        if mention.sentence not in event.sentences:
            event.sentences.append(mention.sentence)
        event.spans.append(mention.span)
        event.absorbed |= mention.absorbed
        event.explain.append(f"sentence {mention.sentence + 1}: {why}")
        event.explain.extend("  " + line for line in mention.explain)


def modality_at(text: str, ctx: SentenceContext, position: int, rules: ExtractionRules,
                reported: bool) -> tuple[str, str | None]:
    """How sure the article is of what is said at `position`, and the cue that says so.

    A hedge reaches: `sentence` the whole sentence, except that a belief's holder ("Seoul
    und Washington befürchten") is outside it, so only what follows the cue; `clause` its
    clause; `next` the next three words. A question has the hedges.yaml `question` modality;
    a reporting phrase makes it `reported`; hedges.yaml's order decides between them."""
    present: dict[str, str] = {}
    clause = clause_holding(ctx.clauses, position)
    for hedge in ctx.cues.hedges:
        scope = hedge.hedge.scope
        if (scope == "after" or (scope == "sentence" and hedge.hedge.holder)) and \
                position < hedge.end:
            continue
        if scope == "clause" and clause_holding(ctx.clauses, hedge.start) != clause:
            continue
        if scope == "next":
            between = words(text, hedge.end, position)
            if hedge.end > position or len(between) >= NEXT_SCOPE_WORDS:
                continue
        present.setdefault(hedge.hedge.modality,
                           f"{text[hedge.start:hedge.end]!r} ({hedge.rule})")
    if reported:
        present.setdefault("reported", "a reporting phrase in the sentence (attributions.yaml)")
    if ctx.sentence.is_question and rules.hedges.question:
        present.setdefault(rules.hedges.question, "the sentence is a question (hedges.yaml "
                                                  "question)")
    for modality in rules.hedges.precedence:
        if modality in present:
            return modality, present[modality]
    return "asserted", None


def least_certain(a: str, b: str) -> str:
    return a if CERTAINTY.index(a) >= CERTAINTY.index(b) else b


def clause_holding(clauses: list[tuple[int, int]], position: int) -> tuple[int, int]:
    holding = clauses[0]
    for clause in clauses:
        if clause[0] <= position:
            holding = clause
    return holding


def merge_enumerations(text: str, sentence: Sentence, actors: list[ActorRef],
                       extra_spans: list[tuple[int, int]],
                       conjunctions: frozenset[str]) -> list[tuple[int, int]]:
    """Clauses with the commas of enumerations put back ("Südkorea, die USA und Japan
    haben ..." is one clause): a clause that ends with a name joins a following clause that
    starts with one."""
    names = [(r.first, r.end) for r in actors] + extra_spans
    merged: list[tuple[int, int]] = []
    for clause in sentence.clauses:
        span = (clause.start, clause.end)
        if merged and _ends_with_name(text, merged[-1], names) and \
                _starts_with_name(text, span, names, conjunctions):
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


def _ends_with_name(text: str, clause: tuple[int, int], names) -> bool:
    tail = text[clause[0]:clause[1]].rstrip(" )\"”")
    end = clause[0] + len(tail)
    return any(s >= clause[0] and e == end for s, e in names) or any(
        s >= clause[0] and e <= end and re.fullmatch(r"\s*\([^)]*", text[e:end]) is not None
        for s, e in names)


def _starts_with_name(text: str, clause: tuple[int, int], names, conjunctions) -> bool:
    head = words(text, clause[0], clause[1])
    position = clause[0]
    for word in head[:2]:
        if word.group().lower() in conjunctions or word.group().lower() in (
                "die", "der", "das", "den", "the"):
            position = word.end()
            continue
        break
    while position < clause[1] and text[position] in " \"„“":
        position += 1
    return any(s == position for s, _ in names)
