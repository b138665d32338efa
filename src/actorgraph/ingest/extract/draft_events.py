"""What the event rules build: one trigger in one sentence (`EventMention`) and the event its
mentions are merged into (`DraftEvent`), each with the lines that explain its decisions."""

from __future__ import annotations

from dataclasses import dataclass, field

from actorgraph.ingest.extract.cues import TriggerCue


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
