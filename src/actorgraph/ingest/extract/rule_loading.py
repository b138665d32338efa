"""Reading every rule file of `data/extract/` into `ExtractionRules`, all problems together.

The readers of the language, boilerplate, date and gazetteer files live here; the readers of
the cue files (triggers, hedges, attributions, relations) in `cue_rules`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from actorgraph.errors import ValidationFailed
from actorgraph.ingest.extract.cue_rules import (
    read_attributions,
    read_hedges,
    read_relations,
    read_triggers,
)
from actorgraph.ingest.extract.rule_file import RuleFile
from actorgraph.ingest.extract.rules import (
    BOUNDARY_AFTER,
    BOUNDARY_BEFORE,
    LANGUAGES,
    Aliases,
    Boilerplate,
    BoilerplateLine,
    DateRules,
    ExtractionRules,
    LanguageRules,
    StateEntry,
    StateGazetteer,
    TitleClass,
    TitleGazetteer,
)
from actorgraph.records import PARTICIPANT_ROLES, RELATION_TYPES

RULE_FILES: tuple[str, ...] = (
    "languages.yaml", "boilerplate.yaml", "dates.yaml", "gazetteer-states.yaml",
    "gazetteer-titles.yaml", "gazetteer-aliases.yaml", "triggers.yaml", "hedges.yaml",
    "attributions.yaml", "relations.yaml",
)


def load_rules(folder: Path, cameo_codes: Iterable[str]) -> ExtractionRules:
    """Read and check every rule file in `folder`; all problems are reported together."""
    problems: list[str] = []
    files = {name: RuleFile(folder / name, problems) for name in RULE_FILES}
    codes = set(cameo_codes)
    rules = ExtractionRules(
        folder=folder,
        languages=_languages(files["languages.yaml"]),
        boilerplate=_boilerplate(files["boilerplate.yaml"]),
        dates=_dates(files["dates.yaml"]),
        states=_states(files["gazetteer-states.yaml"]),
        titles=_titles(files["gazetteer-titles.yaml"]),
        aliases=_aliases(files["gazetteer-aliases.yaml"]),
        triggers=read_triggers(files["triggers.yaml"], codes),
        hedges=read_hedges(files["hedges.yaml"]),
        attributions=read_attributions(files["attributions.yaml"]),
        relations=read_relations(files["relations.yaml"]),
    )
    if problems:
        raise ValidationFailed(problems)
    return rules


def _languages(f: RuleFile) -> LanguageRules:
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


def _boilerplate(f: RuleFile) -> Boilerplate:
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


def _dates(f: RuleFile) -> DateRules:
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
        phrases[lang] = (re.compile(BOUNDARY_BEFORE + "(?:" + "|".join(parts) + ")"
                                    + BOUNDARY_AFTER, re.IGNORECASE) if parts else None)
    return DateRules(phrases=phrases)


def _states(f: RuleFile) -> StateGazetteer:
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


def _titles(f: RuleFile) -> TitleGazetteer:
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


def _aliases(f: RuleFile) -> Aliases:
    data = f.data or {}
    f.keys(data, ("actors", "places", "assets", "sources"), "top level")

    def section(key: str) -> dict[str, tuple[str, ...]]:
        return {str(entity_id): f.strings(forms, f"{key}.{entity_id}")
                for entity_id, forms in f.mapping(data.get(key), key).items()}

    return Aliases(actors=section("actors"), places=section("places"),
                   assets=section("assets"), sources=section("sources"))
