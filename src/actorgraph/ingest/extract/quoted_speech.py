"""Quoted speech: '"We will not be intimidated," General Dan Caine said' is a statement by
its speaker.

A sentence with a direct quotation and a reporting phrase (attributions.yaml) that names an
actor of the registry gives a statement event: the speaker (role speaker) is its participant,
the sentence its evidence, the reporting verb stands for its trigger. Scare quotes without a
named speaker ('der "strategische Dialog"') and quotes a source reports ('wie der "Daily
Star" berichtet') give none.
"""

from __future__ import annotations

import re

from actorgraph.ingest.extract.cues import AttributionMatch, TriggerCue
from actorgraph.ingest.extract.draft_events import EventMention
from actorgraph.ingest.extract.rules import Trigger

STATEMENT = "statement"
STATEMENT_CAMEO = "010"
"""CAMEO 010, 'make statement': the statement trigger of triggers.yaml the speech counts as."""

QUOTATION = re.compile(r"„[^“”\"]{3,}[“”\"]|“[^”\"]{3,}[”\"]|\"[^\"]{3,}\"|»[^«]{3,}«|"
                       r"«[^»]{3,}»")
"""A direct quotation of at least three characters in German or English quotation marks."""


def statement_trigger(triggers: tuple[Trigger, ...]) -> Trigger | None:
    """The statement trigger of triggers.yaml whose CAMEO code is 'make statement'."""
    return next((t for t in triggers if t.kind == STATEMENT and t.cameo == STATEMENT_CAMEO),
                None)


def quotation_in(text: str, start: int, end: int) -> tuple[int, int] | None:
    found = QUOTATION.search(text, start, end)
    return (found.start(), found.end()) if found else None


def speech_mention(text: str, index: int, sentence: tuple[int, int],
                   attribution: AttributionMatch, speakers: list[str],
                   trigger: Trigger) -> EventMention | None:
    """The statement a quotation in the sentence makes, if a reporting phrase names its
    speakers; None otherwise."""
    quote = quotation_in(text, *sentence)
    if quote is None or not speakers:
        return None
    mention = EventMention(index, TriggerCue(attribution.start, attribution.end, trigger),
                           STATEMENT, trigger.cameo,
                           participants={s: "speaker" for s in speakers})
    said = text[attribution.start:attribution.end]
    mention.explain.append(
        f"kind statement, cameo {trigger.cameo}: the quotation {text[quote[0]:quote[1]]!r}, "
        f"reported by {said!r} ({attribution.rule}), is a statement by its speaker")
    mention.explain.extend(f"participant {s} (speaker): named by the reporting phrase"
                           for s in speakers)
    mention.span = sentence
    return mention
