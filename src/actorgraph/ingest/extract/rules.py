"""The draft extractor's rules, read from `data/extract/*.yaml` so that an analyst can extend them.

Each rule file is checked when it is read: a misspelt key, an unknown event kind, role or
modality, or a CAMEO code missing from the Goldstein table is an error naming the file and the
entry, never a rule that silently does nothing. The rules as data are here; `rule_loading`
reads the files (the cue files with `cue_rules`, each file through `rule_file.RuleFile`).

Forms (trigger words, hedges, reporting phrases, titles) share one small pattern language,
compiled by `form_pattern`: `*` inside a word stands for any letters, digits or hyphens, a
`...` word for up to four words in between; matching is case-insensitive on word boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

LANGUAGES: tuple[str, ...] = ("de", "en")
"""Languages the rule files carry forms for."""

_WORD_GAP = r"(?:\s+[^\s.,;:!?]+){0,4}?"
BOUNDARY_BEFORE = r"(?<![\w-])"
BOUNDARY_AFTER = r"(?![\w-])"


def form_pattern(form: str) -> str:
    """A rule form as a regular expression ("*übung" -> any word ending in "übung")."""
    words = form.split()
    if not words or all(w == "..." for w in words):
        raise ValueError(f"empty form {form!r}")
    parts: list[str] = []
    gap_pending = False
    for word in words:
        if word == "...":
            gap_pending = True
            continue
        piece = "".join(r"[\w-]*" if ch == "*" else re.escape(ch) for ch in word)
        if parts:
            parts.append(_WORD_GAP + r"\s+" if gap_pending else r"\s+")
        parts.append(piece)
        gap_pending = False
    return BOUNDARY_BEFORE + "".join(parts) + BOUNDARY_AFTER


def compile_forms(forms: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for several forms, longest first; None for no forms."""
    patterns = sorted({form_pattern(f) for f in forms}, key=len, reverse=True)
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# --- the rules as data ------------------------------------------------------------------------

@dataclass(frozen=True)
class BoilerplateLine:
    pattern: re.Pattern[str]
    why: str
    skip_next: int = 0


@dataclass(frozen=True)
class Boilerplate:
    lines: tuple[BoilerplateLine, ...]
    from_marker: tuple[BoilerplateLine, ...]
    section_labels: frozenset[str]


@dataclass(frozen=True)
class LanguageRules:
    supported: tuple[str, ...]
    min_hits: int
    stop_words: dict[str, frozenset[str]]
    abbreviations: frozenset[str]
    names: dict[str, str]  # "fr" -> "French", for messages


@dataclass(frozen=True)
class DateRules:
    phrases: dict[str, re.Pattern[str] | None]  # language -> one pattern of all phrases


@dataclass(frozen=True)
class StateEntry:
    """A state's names, demonym stems and seats of government, per language."""

    id: str
    names: dict[str, tuple[str, ...]]
    demonyms: dict[str, tuple[str, ...]]
    people: dict[str, tuple[str, ...]]
    seats: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class StateGazetteer:
    states: tuple[StateEntry, ...]
    demonym_endings: dict[str, tuple[str, ...]]
    genitive_suffix: dict[str, str]
    compound_heads: dict[str, dict[str, str]]  # language -> head word -> role ("target")


@dataclass(frozen=True)
class TitleClass:
    """Words for an office ("Außenminister", "Foreign Minister") and how to resolve them."""

    name: str
    singular: dict[str, tuple[str, ...]]
    plural: dict[str, tuple[str, ...]]
    registry_titles: tuple[str, ...]
    relation: str | None
    relation_target: str  # "state" or "organization"
    organization_names: tuple[str, ...]


@dataclass(frozen=True)
class TitleGazetteer:
    classes: tuple[TitleClass, ...]
    counterpart: dict[str, tuple[str, ...]]  # "Amtskollegin": the office of the person named


@dataclass(frozen=True)
class Trigger:
    kind: str
    cameo: str
    forms: dict[str, tuple[str, ...]]
    subject_role: str = "participant"
    object_role: str = "participant"
    demonym_role: str | None = None
    prepositions: dict[str, str] = field(default_factory=dict)
    not_followed_by: dict[str, tuple[str, ...]] = field(default_factory=dict)
    absorbs: tuple[str, ...] = ()
    index: int = 0  # position in triggers.yaml, for --explain


@dataclass(frozen=True)
class TriggerRules:
    triggers: tuple[Trigger, ...]
    prepositions: dict[str, str]
    target_cues: dict[str, tuple[str, ...]]
    topic_prepositions: dict[str, tuple[str, ...]]
    demonstratives: dict[str, frozenset[str]]
    anaphora_group: dict[str, frozenset[str]]
    anaphora_person: dict[str, frozenset[str]]
    conjunctions: dict[str, frozenset[str]]
    ordinals: dict[str, frozenset[str]]
    place_prepositions: dict[str, frozenset[str]]
    articles: dict[str, dict[str, str]]  # language -> article -> "subject" | "object"
    definite: dict[str, frozenset[str]]
    infinitive_markers: dict[str, frozenset[str]]


HEDGE_SCOPES = ("sentence", "clause", "next", "after")


@dataclass(frozen=True)
class HedgeRule:
    modality: str
    scope: str  # sentence | clause | next | after
    holder: bool
    forms: dict[str, tuple[str, ...]]
    index: int


@dataclass(frozen=True)
class HedgeRules:
    rules: tuple[HedgeRule, ...]
    precedence: tuple[str, ...]  # modalities, most specific first; includes "reported"
    question: str | None  # modality of a question ("Besuch ... in Russland?")


@dataclass(frozen=True)
class AttributionCue:
    forms: dict[str, tuple[str, ...]]
    names: str  # where the phrase names its source: either | after | none
    index: int


@dataclass(frozen=True)
class AttributionRules:
    cues: tuple[AttributionCue, ...]
    back_reference_words: dict[str, frozenset[str]]


@dataclass(frozen=True)
class RelationRule:
    type: str
    forms: dict[str, tuple[str, ...]]
    pattern: str  # "between" | "subject_group" | "event"
    event_kinds: tuple[str, ...]
    source_roles: tuple[str, ...]  # for "event": roles whose actors are the relation's source
    target_roles: tuple[str, ...]  # ... and its target ("target": the event's targets)
    means: dict[str, tuple[str, ...]]  # support means -> forms that name it
    index: int


@dataclass(frozen=True)
class RelationRules:
    rules: tuple[RelationRule, ...]


@dataclass(frozen=True)
class Aliases:
    """Extra surface forms the extractor knows for registry ids (actors.yaml stays canonical)."""

    actors: dict[str, tuple[str, ...]]
    places: dict[str, tuple[str, ...]]
    assets: dict[str, tuple[str, ...]]
    sources: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class ExtractionRules:
    folder: Path
    languages: LanguageRules
    boilerplate: Boilerplate
    dates: DateRules
    states: StateGazetteer
    titles: TitleGazetteer
    aliases: Aliases
    triggers: TriggerRules
    hedges: HedgeRules
    attributions: AttributionRules
    relations: RelationRules
