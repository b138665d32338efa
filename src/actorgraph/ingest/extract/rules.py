"""The draft extractor's rules, read from `data/extract/*.yaml` so that an analyst can extend them.

Each rule file is checked when it is read: a misspelt key, an unknown event kind, role or
modality, or a CAMEO code missing from the Goldstein table is an error naming the file and the
entry, never a rule that silently does nothing.

Forms (trigger words, hedges, reporting phrases, titles) share one small pattern language,
compiled by `form_pattern`: `*` inside a word stands for any letters, digits or hyphens, a
`...` word for up to four words in between; matching is case-insensitive on word boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from actorgraph.errors import FileMissing, FileRefused, ValidationFailed
from actorgraph.ingest.files.datafiles import MAX_TABLE_BYTES, read_data_file
from actorgraph.ingest.files.yamldoc import BoundedLoader
from actorgraph.records import EVENT_KINDS, MODALITIES, PARTICIPANT_ROLES, RELATION_TYPES

LANGUAGES: tuple[str, ...] = ("de", "en")
"""Languages the rule files carry forms for."""

RULE_FILES: tuple[str, ...] = (
    "languages.yaml", "boilerplate.yaml", "dates.yaml", "gazetteer-states.yaml",
    "gazetteer-titles.yaml", "gazetteer-aliases.yaml", "triggers.yaml", "hedges.yaml",
    "attributions.yaml", "relations.yaml",
)

_WORD_GAP = r"(?:\s+[^\s.,;:!?]+){0,4}?"
_BOUNDARY_BEFORE = r"(?<![\w-])"
_BOUNDARY_AFTER = r"(?![\w-])"


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
    return _BOUNDARY_BEFORE + "".join(parts) + _BOUNDARY_AFTER


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


# --- reading ----------------------------------------------------------------------------------

class _RuleFile:
    """One YAML rule file and the problems found in it (each naming the file and entry)."""

    def __init__(self, path: Path, problems: list[str]):
        self.path = path
        self.problems = problems
        self.data: Any = None
        try:
            raw = read_data_file(path, path.parent, MAX_TABLE_BYTES)
            self.data = yaml.load(raw.decode("utf-8"), Loader=BoundedLoader)
        except FileMissing:
            problems.append(f"{path}: rule file is missing")
        except FileRefused as e:
            problems.append(str(e))
        except (yaml.YAMLError, UnicodeDecodeError, RecursionError) as e:
            problems.append(f"{path}: not valid YAML: {e}")
        if self.data is not None and not isinstance(self.data, dict):
            problems.append(f"{path}: expected a mapping at the top, found "
                            f"{type(self.data).__name__}")
            self.data = None

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{self.path}: {where}: {message}")

    def mapping(self, value: Any, where: str) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(where, f"expected a mapping, found {value!r}")
            return {}
        return value

    def listing(self, value: Any, where: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(where, f"expected a list, found {value!r}")
            return []
        return value

    def strings(self, value: Any, where: str) -> tuple[str, ...]:
        items = self.listing(value, where)
        out = []
        for item in items:
            if isinstance(item, (str, int)) and not isinstance(item, bool):
                out.append(str(item))
            else:
                self.problem(where, f"expected words, found {item!r}")
        return tuple(out)

    def per_language(self, value: Any, where: str) -> dict[str, tuple[str, ...]]:
        """{de: [...], en: [...]}: forms per language, each form checked."""
        out: dict[str, tuple[str, ...]] = {}
        for language, forms in self.mapping(value, where).items():
            if language not in LANGUAGES:
                self.problem(where, f"unknown language {language!r}; expected one of "
                             f"{', '.join(LANGUAGES)}")
                continue
            checked = []
            for form in self.strings(forms, f"{where}.{language}"):
                try:
                    form_pattern(form)
                except ValueError as e:
                    self.problem(f"{where}.{language}", str(e))
                    continue
                checked.append(form)
            out[language] = tuple(checked)
        return out

    def keys(self, value: dict, allowed: Iterable[str], where: str) -> None:
        unknown = sorted(set(value) - set(allowed))
        if unknown:
            self.problem(where, f"unknown key(s) {', '.join(unknown)}; expected "
                         f"{', '.join(sorted(allowed))}")

    def regex(self, text: Any, where: str, flags: int) -> re.Pattern[str] | None:
        try:
            return re.compile(str(text), flags)
        except re.error as e:
            self.problem(where, f"not a valid regular expression {text!r}: {e}")
            return None


def load_rules(folder: Path, cameo_codes: Iterable[str]) -> ExtractionRules:
    """Read and check every rule file in `folder`; all problems are reported together."""
    problems: list[str] = []
    files = {name: _RuleFile(folder / name, problems) for name in RULE_FILES}
    codes = set(cameo_codes)
    rules = ExtractionRules(
        folder=folder,
        languages=_languages(files["languages.yaml"]),
        boilerplate=_boilerplate(files["boilerplate.yaml"]),
        dates=_dates(files["dates.yaml"]),
        states=_states(files["gazetteer-states.yaml"]),
        titles=_titles(files["gazetteer-titles.yaml"]),
        aliases=_aliases(files["gazetteer-aliases.yaml"]),
        triggers=_triggers(files["triggers.yaml"], codes),
        hedges=_hedges(files["hedges.yaml"]),
        attributions=_attributions(files["attributions.yaml"]),
        relations=_relations(files["relations.yaml"]),
    )
    if problems:
        raise ValidationFailed(problems)
    return rules


def _languages(f: _RuleFile) -> LanguageRules:
    data = f.data or {}
    f.keys(data, ("supported", "names", "min_hits", "stop_words", "abbreviations"),
           "top level")
    stop_words = {lang: frozenset(w.lower() for w in f.strings(words, f"stop_words.{lang}"))
                  for lang, words in f.mapping(data.get("stop_words"), "stop_words").items()}
    supported = f.strings(data.get("supported"), "supported")
    for lang in supported:
        if lang not in LANGUAGES:
            f.problem("supported", f"{lang!r} has no extraction rules; expected one of "
                      f"{', '.join(LANGUAGES)}")
        if lang not in stop_words:
            f.problem("supported", f"{lang!r} has no stop_words")
    min_hits = data.get("min_hits", 5)
    if not isinstance(min_hits, int) or min_hits < 1:
        f.problem("min_hits", f"expected a whole number >= 1, found {min_hits!r}")
        min_hits = 5
    abbreviations = frozenset(a.lower().rstrip(".") for a in
                              f.strings(data.get("abbreviations"), "abbreviations"))
    names = {str(k): str(v) for k, v in f.mapping(data.get("names"), "names").items()}
    return LanguageRules(supported=supported, min_hits=min_hits, stop_words=stop_words,
                         abbreviations=abbreviations, names=names)


def _boilerplate(f: _RuleFile) -> Boilerplate:
    data = f.data or {}
    f.keys(data, ("lines", "from_marker", "section_labels"), "top level")

    def entries(key: str) -> tuple[BoilerplateLine, ...]:
        out = []
        for i, entry in enumerate(f.listing(data.get(key), key), start=1):
            where = f"{key}[{i}]"
            entry = f.mapping(entry, where)
            f.keys(entry, ("pattern", "why", "skip_next", "case_sensitive"), where)
            if "pattern" not in entry or "why" not in entry:
                f.problem(where, "needs `pattern` and `why`")
                continue
            flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
            pattern = f.regex(entry["pattern"], where, flags)
            if pattern is not None:
                out.append(BoilerplateLine(pattern, str(entry["why"]),
                                           int(entry.get("skip_next", 0))))
        return tuple(out)

    return Boilerplate(lines=entries("lines"), from_marker=entries("from_marker"),
                       section_labels=frozenset(f.strings(data.get("section_labels"),
                                                          "section_labels")))


def _dates(f: _RuleFile) -> DateRules:
    data = f.data or {}
    f.keys(data, ("weekdays", "months", "phrases"), "top level")
    weekdays = f.mapping(data.get("weekdays"), "weekdays")
    months = f.mapping(data.get("months"), "months")
    phrases: dict[str, re.Pattern[str] | None] = {}
    for lang, templates in f.mapping(data.get("phrases"), "phrases").items():
        names = {
            "weekday": "(?:" + "|".join(map(re.escape, f.strings(weekdays.get(lang),
                                                                   f"weekdays.{lang}"))) + ")",
            "month": "(?:" + "|".join(map(re.escape, f.strings(months.get(lang),
                                                                 f"months.{lang}"))) + ")",
            "number": r"\d{1,2}",
        }
        parts = []
        for i, template in enumerate(f.strings(templates, f"phrases.{lang}"), start=1):
            text = template
            for placeholder, value in names.items():
                text = text.replace("{" + placeholder + "}", value)
            if f.regex(text, f"phrases.{lang}[{i}]", re.IGNORECASE) is not None:
                parts.append(text)
        parts.sort(key=len, reverse=True)
        phrases[lang] = (re.compile(_BOUNDARY_BEFORE + "(?:" + "|".join(parts) + ")"
                                    + _BOUNDARY_AFTER, re.IGNORECASE) if parts else None)
    return DateRules(phrases=phrases)


def _states(f: _RuleFile) -> StateGazetteer:
    data = f.data or {}
    f.keys(data, ("states", "demonym_endings", "genitive_suffix", "compound_heads"),
           "top level")
    states = []
    seen: set[str] = set()
    for i, entry in enumerate(f.listing(data.get("states"), "states"), start=1):
        entry = f.mapping(entry, f"states[{i}]")
        where = f"states[{i}] ({entry.get('id', '?')})"
        f.keys(entry, ("id", "names", "demonyms", "people", "seats"), where)
        state_id = entry.get("id")
        if not isinstance(state_id, str) or not re.fullmatch(r"[A-Z]{3}", state_id):
            f.problem(where, f"`id` must be an ISO-3 code such as PRK, found {state_id!r}")
            continue
        if state_id in seen:
            f.problem(where, f"id {state_id} is listed twice")
        seen.add(state_id)
        states.append(StateEntry(
            id=state_id,
            names=f.per_language(entry.get("names"), f"{where}.names"),
            demonyms=f.per_language(entry.get("demonyms"), f"{where}.demonyms"),
            people=f.per_language(entry.get("people"), f"{where}.people"),
            seats=f.per_language(entry.get("seats"), f"{where}.seats"),
        ))
    endings = {lang: f.strings(v, f"demonym_endings.{lang}") for lang, v in
               f.mapping(data.get("demonym_endings"), "demonym_endings").items()}
    genitive = {str(k): str(v) for k, v in
                f.mapping(data.get("genitive_suffix"), "genitive_suffix").items()}
    heads: dict[str, dict[str, str]] = {}
    for lang, mapping in f.mapping(data.get("compound_heads"), "compound_heads").items():
        heads[lang] = {}
        for head, role in f.mapping(mapping, f"compound_heads.{lang}").items():
            if role not in ("target", *PARTICIPANT_ROLES):
                f.problem(f"compound_heads.{lang}.{head}",
                          f"role must be target or one of {', '.join(PARTICIPANT_ROLES)}; "
                          f"found {role!r}")
                continue
            heads[lang][str(head).lower()] = role
    return StateGazetteer(states=tuple(states), demonym_endings=endings,
                          genitive_suffix=genitive, compound_heads=heads)


def _titles(f: _RuleFile) -> TitleGazetteer:
    data = f.data or {}
    f.keys(data, ("titles", "counterpart"), "top level")
    classes = []
    for i, entry in enumerate(f.listing(data.get("titles"), "titles"), start=1):
        entry = f.mapping(entry, f"titles[{i}]")
        where = f"titles[{i}] ({entry.get('class', '?')})"
        f.keys(entry, ("class", "singular", "plural", "registry_titles", "relation",
                       "relation_target", "organization_names"), where)
        relation = entry.get("relation")
        if relation is not None and relation not in RELATION_TYPES:
            f.problem(where, f"relation must be one of {', '.join(RELATION_TYPES)}; "
                      f"found {relation!r}")
            relation = None
        target = entry.get("relation_target", "state")
        if target not in ("state", "organization"):
            f.problem(where, f"relation_target must be state or organization; found {target!r}")
            target = "state"
        classes.append(TitleClass(
            name=str(entry.get("class", f"titles[{i}]")),
            singular=f.per_language(entry.get("singular"), f"{where}.singular"),
            plural=f.per_language(entry.get("plural"), f"{where}.plural"),
            registry_titles=f.strings(entry.get("registry_titles"),
                                      f"{where}.registry_titles"),
            relation=relation,
            relation_target=target,
            organization_names=f.strings(entry.get("organization_names"),
                                         f"{where}.organization_names"),
        ))
    return TitleGazetteer(classes=tuple(classes),
                          counterpart=f.per_language(data.get("counterpart"), "counterpart"))


def _aliases(f: _RuleFile) -> Aliases:
    data = f.data or {}
    f.keys(data, ("actors", "places", "assets", "sources"), "top level")

    def section(key: str) -> dict[str, tuple[str, ...]]:
        return {str(entity_id): f.strings(forms, f"{key}.{entity_id}")
                for entity_id, forms in f.mapping(data.get(key), key).items()}

    return Aliases(actors=section("actors"), places=section("places"),
                   assets=section("assets"), sources=section("sources"))


def _role(f: _RuleFile, value: Any, where: str, allow_target: bool = True) -> str:
    allowed = (*PARTICIPANT_ROLES, "target") if allow_target else PARTICIPANT_ROLES
    if value not in allowed:
        f.problem(where, f"role must be one of {', '.join(allowed)}; found {value!r}")
        return "participant"
    return str(value)


def _word_sets(f: _RuleFile, value: Any, where: str) -> dict[str, frozenset[str]]:
    """Single words per language (compared word by word, so a phrase could never match)."""
    out = {}
    for lang, words in f.per_language(value, where).items():
        for word in words:
            if len(word.split()) != 1 or "*" in word:
                f.problem(f"{where}.{lang}", f"expected single words; found {word!r}")
        out[lang] = frozenset(w.lower() for w in words)
    return out


def _triggers(f: _RuleFile, codes: set[str]) -> TriggerRules:
    data = f.data or {}
    f.keys(data, ("prepositions", "target_cues", "topic_prepositions", "demonstratives",
                  "anaphora", "conjunctions", "ordinals", "place_prepositions", "articles",
                  "definite", "infinitive_markers", "triggers"), "top level")
    prepositions = {str(k).lower(): _role(f, v, f"prepositions.{k}") for k, v in
                    f.mapping(data.get("prepositions"), "prepositions").items()}
    triggers = []
    for i, entry in enumerate(f.listing(data.get("triggers"), "triggers"), start=1):
        entry = f.mapping(entry, f"triggers[{i}]")
        where = f"triggers[{i}] ({entry.get('kind', '?')})"
        f.keys(entry, ("kind", "cameo", "roles", "prepositions", "forms", "not_followed_by",
                       "absorbs"), where)
        kind = entry.get("kind")
        if kind not in EVENT_KINDS:
            f.problem(where, f"kind must be one of {', '.join(EVENT_KINDS)}; found {kind!r}")
            continue
        cameo = entry.get("cameo")
        if not isinstance(cameo, str) or cameo not in codes:
            f.problem(where, f"cameo must be a quoted code of data/cameo-goldstein.tsv; "
                      f"found {cameo!r}")
            continue
        roles = f.mapping(entry.get("roles"), f"{where}.roles")
        f.keys(roles, ("subject", "object", "demonym"), f"{where}.roles")
        absorbs = f.strings(entry.get("absorbs"), f"{where}.absorbs")
        for other in absorbs:
            if other not in EVENT_KINDS:
                f.problem(f"{where}.absorbs", f"unknown kind {other!r}")
        forms = f.per_language(entry.get("forms"), f"{where}.forms")
        if not any(forms.values()):
            f.problem(where, "has no forms")
        triggers.append(Trigger(
            kind=kind, cameo=cameo, forms=forms,
            subject_role=_role(f, roles.get("subject", "participant"), f"{where}.roles"),
            object_role=_role(f, roles.get("object", "participant"), f"{where}.roles"),
            demonym_role=(_role(f, roles["demonym"], f"{where}.roles")
                          if "demonym" in roles else None),
            prepositions={str(k).lower(): _role(f, v, f"{where}.prepositions.{k}") for k, v in
                          f.mapping(entry.get("prepositions"), f"{where}.prepositions").items()},
            not_followed_by=f.per_language(entry.get("not_followed_by"),
                                           f"{where}.not_followed_by"),
            absorbs=absorbs,
            index=i,
        ))
    anaphora = f.mapping(data.get("anaphora"), "anaphora")
    f.keys(anaphora, ("group", "person"), "anaphora")
    articles: dict[str, dict[str, str]] = {}
    for lang, mapping in f.mapping(data.get("articles"), "articles").items():
        articles[lang] = {}
        for case, words in f.mapping(mapping, f"articles.{lang}").items():
            if case not in ("subject", "object"):
                f.problem(f"articles.{lang}", f"expected subject or object, found {case!r}")
                continue
            for word in f.strings(words, f"articles.{lang}.{case}"):
                articles[lang][word.lower()] = case
    return TriggerRules(
        triggers=tuple(triggers),
        prepositions=prepositions,
        target_cues=f.per_language(data.get("target_cues"), "target_cues"),
        topic_prepositions=f.per_language(data.get("topic_prepositions"), "topic_prepositions"),
        demonstratives=_word_sets(f, data.get("demonstratives"), "demonstratives"),
        anaphora_group=_word_sets(f, anaphora.get("group"), "anaphora.group"),
        anaphora_person=_word_sets(f, anaphora.get("person"), "anaphora.person"),
        conjunctions=_word_sets(f, data.get("conjunctions"), "conjunctions"),
        ordinals=_word_sets(f, data.get("ordinals"), "ordinals"),
        place_prepositions=_word_sets(f, data.get("place_prepositions"), "place_prepositions"),
        articles=articles,
        definite=_word_sets(f, data.get("definite"), "definite"),
        infinitive_markers=_word_sets(f, data.get("infinitive_markers"), "infinitive_markers"),
    )


def _hedges(f: _RuleFile) -> HedgeRules:
    data = f.data or {}
    f.keys(data, ("modalities", "question"), "top level")
    rules = []
    precedence: list[str] = []
    for i, entry in enumerate(f.listing(data.get("modalities"), "modalities"), start=1):
        entry = f.mapping(entry, f"modalities[{i}]")
        where = f"modalities[{i}] ({entry.get('modality', '?')})"
        f.keys(entry, ("modality", "scope", "holder", "forms", "from"), where)
        modality = entry.get("modality")
        if modality not in MODALITIES or modality == "asserted":
            f.problem(where, f"modality must be one of {', '.join(MODALITIES[1:])}; "
                      f"found {modality!r}")
            continue
        if modality not in precedence:
            precedence.append(modality)
        if modality == "reported":
            if entry.get("from") != "attributions":
                f.problem(where, "`reported` comes from attributions.yaml: write "
                          "`{modality: reported, from: attributions}` to place it")
            continue
        scope = entry.get("scope", "sentence")
        if scope not in HEDGE_SCOPES:
            f.problem(where, f"scope must be one of {', '.join(HEDGE_SCOPES)}; found {scope!r}")
            continue
        rules.append(HedgeRule(modality=modality, scope=scope,
                               holder=bool(entry.get("holder", False)),
                               forms=f.per_language(entry.get("forms"), f"{where}.forms"),
                               index=i))
    if "reported" not in precedence:
        f.problem("modalities", "needs `{modality: reported, from: attributions}` to say "
                  "where attribution ranks among the hedges")
        precedence.append("reported")
    question = data.get("question")
    if question is not None and question not in MODALITIES:
        f.problem("question", f"modality must be one of {', '.join(MODALITIES)}; "
                  f"found {question!r}")
        question = None
    return HedgeRules(rules=tuple(rules), precedence=tuple(precedence), question=question)


ATTRIBUTION_NAMES = ("either", "after", "none")


def _attributions(f: _RuleFile) -> AttributionRules:
    data = f.data or {}
    f.keys(data, ("cues", "back_reference_words"), "top level")
    cues = []
    for i, entry in enumerate(f.listing(data.get("cues"), "cues"), start=1):
        entry = f.mapping(entry, f"cues[{i}]")
        f.keys(entry, ("forms", "names"), f"cues[{i}]")
        names = entry.get("names", "either")
        if names not in ATTRIBUTION_NAMES:
            f.problem(f"cues[{i}].names", f"expected one of {', '.join(ATTRIBUTION_NAMES)}; "
                      f"found {names!r}")
            names = "either"
        cues.append(AttributionCue(forms=f.per_language(entry.get("forms"), f"cues[{i}].forms"),
                                   names=names, index=i))
    return AttributionRules(cues=tuple(cues),
                            back_reference_words=_word_sets(f, data.get("back_reference_words"),
                                                            "back_reference_words"))


SUPPORT_MEANS: tuple[str, ...] = ("troops", "munitions", "technology", "economic_aid",
                                  "military_aid")


def _relations(f: _RuleFile) -> RelationRules:
    data = f.data or {}
    f.keys(data, ("relations",), "top level")
    rules = []
    for i, entry in enumerate(f.listing(data.get("relations"), "relations"), start=1):
        entry = f.mapping(entry, f"relations[{i}]")
        where = f"relations[{i}] ({entry.get('type', '?')})"
        f.keys(entry, ("type", "pattern", "forms", "event_kinds", "source_roles",
                       "target_roles", "means"), where)
        rel_type = entry.get("type")
        if rel_type not in RELATION_TYPES:
            f.problem(where, f"type must be one of {', '.join(RELATION_TYPES)}; "
                      f"found {rel_type!r}")
            continue
        pattern = entry.get("pattern")
        if pattern not in ("between", "subject_group", "event"):
            f.problem(where, f"pattern must be between, subject_group or event; "
                      f"found {pattern!r}")
            continue
        kinds = f.strings(entry.get("event_kinds"), f"{where}.event_kinds")
        for kind in kinds:
            if kind not in EVENT_KINDS:
                f.problem(f"{where}.event_kinds", f"unknown kind {kind!r}")
        means = {}
        for name, forms in f.mapping(entry.get("means"), f"{where}.means").items():
            if name not in SUPPORT_MEANS:
                f.problem(f"{where}.means", f"means must be one of {', '.join(SUPPORT_MEANS)}; "
                          f"found {name!r}")
                continue
            means[name] = tuple(form for lang_forms in
                                f.per_language(forms, f"{where}.means.{name}").values()
                                for form in lang_forms)
        forms = f.per_language(entry.get("forms"), f"{where}.forms")
        if pattern != "event" and not any(forms.values()):
            f.problem(where, "has no forms")
        roles = {}
        for key in ("source_roles", "target_roles"):
            roles[key] = f.strings(entry.get(key), f"{where}.{key}")
            for role in roles[key]:
                _role(f, role, f"{where}.{key}")
            if pattern == "event" and not roles[key]:
                f.problem(where, f"pattern `event` needs {key}")
        rules.append(RelationRule(type=rel_type, forms=forms, pattern=pattern,
                                  event_kinds=kinds, source_roles=roles["source_roles"],
                                  target_roles=roles["target_roles"], means=means, index=i))
    return RelationRules(rules=tuple(rules))
