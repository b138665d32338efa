"""Events from triggers: who took part (and in which role), who was targeted, where, when, how
sure the article is and whom it cites.

One trigger in one sentence is an `EventMention`. Mentions of the same event (same kind,
overlapping participants, no contradicting date, place, host or hedge) are merged into one
`DraftEvent` with every sentence as evidence, so "the exercise" named in five sentences is one
event with five quotes. Every decision is written to the event's `explain` lines.

`EventBuilder` finds the mentions, their attribution and their circumstances here; the
roles of their actors come from `participants`, the merging from `event_merging`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from actorgraph.ingest.extract.cues import CueFinder, TriggerCue
from actorgraph.ingest.extract.draft_events import DraftEvent, EventMention
from actorgraph.ingest.extract.event_merging import EventMerging
from actorgraph.ingest.extract.gazetteer import Mention
from actorgraph.ingest.extract.mentions import ActorRef, LinkedMentions
from actorgraph.ingest.extract.modality import least_certain, modality_at
from actorgraph.ingest.extract.participants import ParticipantRoles
from actorgraph.ingest.extract.quoted_speech import (
    quotation_in,
    speech_mention,
    statement_trigger,
)
from actorgraph.ingest.extract.rules import ExtractionRules
from actorgraph.ingest.extract.sentence_context import SentenceContext, clause_holding
from actorgraph.ingest.extract.text_layout import words


class EventBuilder(ParticipantRoles, EventMerging):
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
        self.statement = statement_trigger(t.triggers)
        self._persons = sorted((r.start, r.actors[0]) for r in linked.actors
                               if r.is_person and len(r.actors) == 1)

    # -- public ------------------------------------------------------------------------------

    def add_sentence(self, ctx: SentenceContext) -> None:
        """Extract the sentence's events and merge them into those found so far."""
        if ctx.sentence.is_heading:
            self.headings.add(ctx.index)
        attribution, excluded, attribution_notes = self._attribution(ctx)
        speech = self._speech(ctx, excluded)
        holders, hedge_notes = self._holders(ctx)
        excluded |= {id(r) for r in holders}
        if ctx.cues.attributions and not ctx.cues.triggers and speech is None and \
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
        if speech is not None and not any(
                m.kind == speech.kind and set(speech.participants) <= set(m.participants)
                for m in mentions):
            # asserted: the article states that the words were said; hedges and futures in
            # the quotation ("We will ...") are the speaker's, about what the words say
            self._circumstances(ctx, speech, speech.span, speech.span, True)
            self._merge(speech, ctx)

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

    def _speech(self, ctx: SentenceContext, excluded: set[int]) -> EventMention | None:
        """The statement of a quoted speaker the sentence's reporting phrase names (actors,
        not sources: '"...", General Dan Caine said')."""
        if self.statement is None or not ctx.cues.attributions:
            return None
        quote = quotation_in(self.text, ctx.sentence.start, ctx.sentence.end)
        if quote is None:
            return None
        speakers = [r.actors[0] for r in ctx.actors if id(r) in excluded and len(r.actors) == 1
                    and not quote[0] <= r.start < quote[1]]
        return speech_mention(self.text, ctx.index, (ctx.sentence.start, ctx.sentence.end),
                              ctx.cues.attributions[0], list(dict.fromkeys(speakers)),
                              self.statement)

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
