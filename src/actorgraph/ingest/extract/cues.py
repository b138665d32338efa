"""The words in a sentence that tell the extractor what happened and how sure the article is:
event triggers, hedges, reporting phrases, date phrases, target cues and topic prepositions.

`CueFinder` compiles the rule files' forms for one language once; `CueFinder.find` returns
every cue of one sentence with its span and the rule that produced it (for `--explain`).
"""

from __future__ import annotations

from dataclasses import dataclass

from actorgraph.ingest.extract.rules import (
    AttributionCue,
    ExtractionRules,
    HedgeRule,
    Trigger,
    compile_forms,
)
from actorgraph.ingest.extract.text_layout import Sentence, words


@dataclass(frozen=True)
class TriggerCue:
    start: int
    end: int
    trigger: Trigger

    @property
    def rule(self) -> str:
        return f"triggers.yaml triggers[{self.trigger.index}] ({self.trigger.kind})"


@dataclass(frozen=True)
class HedgeCue:
    start: int
    end: int
    hedge: HedgeRule

    @property
    def rule(self) -> str:
        return f"hedges.yaml modalities[{self.hedge.index}] ({self.hedge.modality})"


@dataclass(frozen=True)
class AttributionMatch:
    start: int
    end: int
    cue: AttributionCue

    @property
    def rule(self) -> str:
        return f"attributions.yaml cues[{self.cue.index}]"


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class SentenceCues:
    triggers: tuple[TriggerCue, ...]
    skipped_triggers: tuple[tuple[TriggerCue, str], ...]  # (trigger, why it is no event)
    hedges: tuple[HedgeCue, ...]
    attributions: tuple[AttributionMatch, ...]
    dates: tuple[Span, ...]
    target_cues: tuple[Span, ...]
    topic_starts: tuple[Span, ...]


class CueFinder:
    """The rule files' cue forms for one language, compiled."""

    def __init__(self, rules: ExtractionRules, language: str):
        self.rules = rules
        self.language = language
        lang = language
        t = rules.triggers
        self._triggers = [(trigger, compile_forms(trigger.forms.get(lang, ())),
                           compile_forms(trigger.not_followed_by.get(lang, ())))
                          for trigger in t.triggers]
        self._hedges = [(hedge, compile_forms(hedge.forms.get(lang, ())))
                        for hedge in rules.hedges.rules]
        self._attributions = [(cue, compile_forms(cue.forms.get(lang, ())))
                              for cue in rules.attributions.cues]
        self.back_reference_words = rules.attributions.back_reference_words.get(
            lang, frozenset())
        self.definite = t.definite.get(lang, frozenset())
        self.infinitive_markers = t.infinitive_markers.get(lang, frozenset())
        self._target_cues = compile_forms(t.target_cues.get(lang, ()))
        self._topics = compile_forms(t.topic_prepositions.get(lang, ()))
        self._dates = rules.dates.phrases.get(lang)
        self.demonstratives = t.demonstratives.get(lang, frozenset())
        self.ordinals = t.ordinals.get(lang, frozenset())

    def find(self, text: str, sentence: Sentence) -> SentenceCues:
        start, end = sentence.start, sentence.end
        dates = [Span(m.start(), m.end()) for m in self._dates.finditer(text, start, end)] \
            if self._dates else []

        def in_date(s: int, e: int) -> bool:
            return any(d.start <= s and e <= d.end for d in dates)

        found: list[TriggerCue] = []
        for trigger, pattern, not_followed in self._triggers:
            if pattern is None:
                continue
            for m in pattern.finditer(text, start, end):
                if in_date(m.start(), m.end()):
                    continue
                if not_followed is not None and not_followed.match(
                        text, _skip_space(text, m.end()), end):
                    continue
                found.append(TriggerCue(m.start(), m.end(), trigger))
        triggers = _longest_first(found)
        kept: list[TriggerCue] = []
        skipped: list[tuple[TriggerCue, str]] = []
        topic_starts = [Span(m.start(), m.end()) for m in self._topics.finditer(text, start, end)] \
            if self._topics else []
        for cue in triggers:
            previous = _previous_word(text, start, cue.start)
            if previous in self.demonstratives:
                skipped.append((cue, f"after the demonstrative {previous!r}: refers back to an "
                                     "event already named"))
                continue
            topic = self._in_topic(text, sentence, cue, topic_starts)
            if topic is not None:
                skipped.append((cue, f"after the topic preposition {topic!r}: what is talked "
                                     "about, not an event"))
                continue
            kept.append(cue)
        hedges = []
        for hedge, pattern in self._hedges:
            if pattern is None:
                continue
            hedges.extend(HedgeCue(m.start(), m.end(), hedge)
                          for m in pattern.finditer(text, start, end)
                          if not in_date(m.start(), m.end()))
        attributions = []
        for cue, pattern in self._attributions:
            if pattern is None:
                continue
            attributions.extend(AttributionMatch(m.start(), m.end(), cue)
                                for m in pattern.finditer(text, start, end)
                                if not in_date(m.start(), m.end()))
        target_cues = [Span(m.start(), m.end()) for m in
                       self._target_cues.finditer(text, start, end)] if self._target_cues else []
        return SentenceCues(
            triggers=tuple(sorted(kept, key=lambda c: c.start)),
            skipped_triggers=tuple(skipped),
            hedges=tuple(_longest_first(hedges)),
            attributions=tuple(_longest_first(attributions)),
            dates=tuple(_longest_first(dates)),
            target_cues=tuple(target_cues),
            topic_starts=tuple(topic_starts),
        )

    def _in_topic(self, text: str, sentence: Sentence, cue: TriggerCue,
                  topic_starts: list[Span]) -> str | None:
        """The topic preposition whose scope (to the end of its clause) holds this trigger.
        In German only nouns (capitalised) are topics: the verb at the end of a clause
        ("über Gegenmaßnahmen beraten") is still the event."""
        if self.language == "de" and not text[cue.start].isupper():
            return None
        for topic in topic_starts:
            if topic.end <= cue.start and _same_clause(sentence, topic.start, cue.start):
                return text[topic.start:topic.end]
        return None

    def after_definite(self, text: str, sentence: Sentence, position: int) -> bool:
        """'condemned the exercise': a trigger right after a definite article."""
        return _previous_word(text, sentence.start, position) in self.definite

    def after_infinitive_marker(self, text: str, sentence: Sentence, cue: TriggerCue) -> bool:
        """'... nach Washington zu reisen': a verb right after 'zu' / 'to' (in German a noun,
        "zu Gesprächen", is capitalised: there 'zu' is a preposition)."""
        if self.language == "de" and not text[cue.start:cue.end].split()[-1][0].islower():
            return False
        return _previous_word(text, sentence.start, cue.start) in self.infinitive_markers

    def refers_back(self, text: str, sentence: Sentence, cues: SentenceCues) -> bool:
        """'Das teilte der Generalstab mit', 'bestätigte dies': a word that refers back opens
        the sentence or follows its reporting phrase."""
        opening = words(text, sentence.start, sentence.end)[:2]
        following = [words(text, a.end, sentence.end)[:1] for a in cues.attributions]
        return any(w.group().lower() in self.back_reference_words
                   for w in opening + [w for ws in following for w in ws])

    def ordinal_before(self, text: str, sentence: Sentence, position: int) -> str | None:
        """'Das erste Treffen': the ordinal right before a trigger (one adjective between)."""
        before = words(text, sentence.start, position)[-2:]
        for word in reversed(before):
            if word.group().lower() in self.ordinals:
                return word.group()
        return None


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] == " ":
        position += 1
    return position


def _previous_word(text: str, start: int, position: int) -> str | None:
    before = words(text, start, position)
    return before[-1].group().lower() if before else None


def _same_clause(sentence: Sentence, a: int, b: int) -> bool:
    return any(c.start <= a < c.end and c.start <= b < c.end for c in sentence.clauses)


def _longest_first(cues: list) -> list:
    """Overlapping cues: the longest (then the earliest rule) wins."""
    ordered = sorted(cues, key=lambda c: (-(c.end - c.start), c.start))
    taken: list = []
    for cue in ordered:
        if not any(t.start < cue.end and cue.start < t.end for t in taken):
            taken.append(cue)
    return sorted(taken, key=lambda c: c.start)


