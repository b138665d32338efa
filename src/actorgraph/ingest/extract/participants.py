"""Who takes part in an event mention, in which role, and who is its target."""

from __future__ import annotations

import re

from actorgraph.ingest.extract.cues import CueFinder, TriggerCue
from actorgraph.ingest.extract.draft_events import DraftEvent, EventMention
from actorgraph.ingest.extract.mentions import ActorRef, LinkedMentions
from actorgraph.ingest.extract.rules import ExtractionRules
from actorgraph.ingest.extract.sentence_context import SentenceContext, clause_holding
from actorgraph.ingest.extract.text_layout import words

PAIR_WORDS = frozenset({"beide", "beiden", "beider", "both", "two"})
"""Group anaphora that mean two people ("zwischen beiden"): the antecedent's two persons."""


class ParticipantRoles:
    """The participants and targets of event mentions: roles from word order, German case,
    prepositions and cues, and participants borrowed from pronouns, the event before or the
    clause's other triggers (a part of `EventBuilder`)."""

    text: str
    rules: ExtractionRules
    language: str
    cues: CueFinder
    linked: LinkedMentions
    conjunctions: frozenset[str]
    articles: dict[str, str]
    group_words: frozenset[str]
    person_words: frozenset[str]
    events: list[DraftEvent]
    _persons: list[tuple[int, str]]

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
