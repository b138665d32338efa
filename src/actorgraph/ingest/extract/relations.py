"""Actor-actor relations a draft states: offices ("der russische Außenminister Lawrow"),
alliances and cooperation named in a sentence, support and deterrence that events imply.

The rules are data/extract/relations.yaml and gazetteer-titles.yaml; each relation keeps the
rule that produced it for `--explain`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

from actorgraph.ingest.extract.draft_events import DraftEvent
from actorgraph.ingest.extract.mentions import ActorRef, LinkedMentions
from actorgraph.ingest.extract.modality import modality_at
from actorgraph.ingest.extract.rules import ExtractionRules, compile_forms, form_pattern
from actorgraph.ingest.extract.sentence_context import SentenceContext, clause_holding
from actorgraph.ingest.extract.text_layout import Sentence
from actorgraph.ingest.reference.registry import Registry


@dataclass
class DraftRelation:
    source: str
    type: str
    target: str
    modality: str
    evidence: list[tuple[int, int]]
    attributed_to: list[str] = field(default_factory=list)
    means: list[str] = field(default_factory=list)
    explain: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str, str]:
        return self.source, self.type, self.target, self.modality


class RelationBuilder:
    def __init__(self, text: str, rules: ExtractionRules, language: str, registry: Registry):
        self.text = text
        self.rules = rules
        self.language = language
        self.registry = registry
        self.relations: dict[tuple[str, str, str, str], DraftRelation] = {}
        self._sentence_rules = [
            (rule, compile_forms(rule.forms.get(language, ())))
            for rule in rules.relations.rules if rule.pattern != "event"]

    def add(self, source: str, type_: str, target: str, modality: str,
            evidence: list[tuple[int, int]], why: str, attributed_to: list[str] | None = None,
            means: list[str] | None = None) -> None:
        if source == target or source not in self.registry.actors or \
                target not in self.registry.actors:
            return
        relation = DraftRelation(source, type_, target, modality, [], list(attributed_to or []),
                                 sorted(set(means or [])))
        relation = self.relations.setdefault(relation.key, relation)
        for span in evidence:
            if span not in relation.evidence:
                relation.evidence.append(span)
        for item in means or []:
            if item not in relation.means:
                relation.means = sorted({*relation.means, item})
        if why not in relation.explain:
            relation.explain.append(why)

    def from_offices(self, linked: LinkedMentions) -> None:
        for office in linked.offices:
            self.add(office.source, office.type, office.target, "asserted",
                     [(office.start, office.end)], f"office: {office.via}")

    def from_sentence(self, ctx: SentenceContext) -> None:
        """'Allianz zwischen Nordkorea und Russland', 'Nordkorea und Russland haben ihre
        Zusammenarbeit intensiviert'."""
        sentence, clauses, actors = ctx.sentence, ctx.clauses, ctx.actors
        span = [(sentence.start, sentence.end)]
        collective = [r for r in actors if not r.is_person and not r.appositive
                      and len(r.actors) == 1]
        for rule, pattern in self._sentence_rules:
            if pattern is None:
                continue
            for found in pattern.finditer(self.text, sentence.start, sentence.end):
                cue = self.text[found.start():found.end()]
                why = f"{cue!r} (relations.yaml relations[{rule.index}], {rule.pattern})"
                if rule.pattern == "between":
                    clause = clause_holding(clauses, found.start())
                    group = [r.actors[0] for r in collective
                             if found.end() <= r.start < clause[1]]
                else:
                    group = [r.actors[0] for r in self._first_group(sentence, collective)]
                modality, _why = modality_at(self.text, ctx, found.start(), self.rules,
                                             bool(ctx.cues.attributions))
                for a, b in combinations(dict.fromkeys(group), 2):
                    self.add(a, rule.type, b, modality, span, why)

    def _first_group(self, sentence: Sentence, refs: list[ActorRef]) -> list[ActorRef]:
        conjunctions = self.rules.triggers.conjunctions.get(self.language, frozenset())
        group: list[ActorRef] = []
        for ref in refs:
            if not sentence.start <= ref.start < sentence.end:
                continue
            if group:
                gap = self.text[group[-1].end:ref.first].strip(" ,")
                if gap and gap.lower() not in conjunctions and gap.lower() not in (
                        "die", "der", "the"):
                    parts = gap.lower().split()
                    if not all(p in conjunctions or p in ("die", "der", "the") for p in parts):
                        break
            group.append(ref)
        return group

    def from_events(self, events: list[DraftEvent], actors: list[ActorRef]) -> None:
        """Relations events imply, evidenced by the sentences that name the target."""
        for rule in self.rules.relations.rules:
            if rule.pattern != "event":
                continue
            means_patterns = {name: re.compile("|".join(form_pattern(f) for f in forms),
                                               re.IGNORECASE)
                              for name, forms in rule.means.items() if forms}
            for event in events:
                if event.kind not in rule.event_kinds:
                    continue
                sources = [a for a, role in event.participants.items()
                           if role in rule.source_roles]
                targets = [a for a, role in event.participants.items()
                           if role in rule.target_roles]
                if "target" in rule.target_roles:
                    targets += event.targets
                governed = " ".join(self.text[s:e] for s, e in event.spans)
                means = [name for name, pattern in means_patterns.items()
                         if pattern.search(governed)]
                why = (f"from the {event.kind} event (relations.yaml relations[{rule.index}]: "
                       f"{'/'.join(rule.source_roles)} -> {'/'.join(rule.target_roles)})")
                for source in sources:
                    for target in targets:
                        naming = [(s, e) for s, e in event.evidence
                                  if any(s <= r.start < e and target in r.actors
                                         for r in actors)]
                        self.add(source, rule.type, target, event.modality,
                                 naming or event.evidence, why, event.attributed_to,
                                 means if rule.type == "SUPPORTS" else None)
