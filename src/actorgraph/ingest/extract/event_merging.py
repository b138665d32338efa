"""Merging the mentions of one event into one draft event, with every sentence as evidence."""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.ingest.extract.draft_events import DraftEvent, EventMention
from actorgraph.ingest.extract.modality import least_certain
from actorgraph.ingest.extract.sentence_context import SentenceContext
from actorgraph.records import HEDGED_MODALITIES


class EventMerging:
    """Mentions of the same event (same kind, overlapping participants, no contradicting
    date, place, host or hedge) merged into one `DraftEvent` (a part of `EventBuilder`)."""

    text: str
    resolve: Callable[[str], tuple[str | None, str]]
    events: list[DraftEvent]
    dropped: list[str]
    headings: set[int]

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
