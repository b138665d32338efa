"""Reading the cue rule files: triggers, hedges, attributions and relations.

Each reader checks its file's entries (event kinds, roles, modalities, CAMEO codes, means) and
names the file and the entry of every problem.
"""

from __future__ import annotations

from actorgraph.ingest.annotation.relations import SUPPORT_MEANS
from actorgraph.ingest.extract.rule_file import RuleFile, checked_role, word_sets
from actorgraph.ingest.extract.rules import (
    HEDGE_SCOPES,
    AttributionCue,
    AttributionRules,
    HedgeRule,
    HedgeRules,
    RelationRule,
    RelationRules,
    Trigger,
    TriggerRules,
)
from actorgraph.records import EVENT_KINDS, MODALITIES, RELATION_TYPES


def read_triggers(f: RuleFile, codes: set[str]) -> TriggerRules:
    data = f.data or {}
    f.keys(data, ("prepositions", "target_cues", "topic_prepositions", "demonstratives",
                  "anaphora", "conjunctions", "ordinals", "place_prepositions", "articles",
                  "definite", "infinitive_markers", "triggers"), "top level")
    prepositions = {str(k).lower(): checked_role(f, v, f"prepositions.{k}") for k, v in
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
            subject_role=checked_role(f, roles.get("subject", "participant"), f"{where}.roles"),
            object_role=checked_role(f, roles.get("object", "participant"), f"{where}.roles"),
            demonym_role=(checked_role(f, roles["demonym"], f"{where}.roles")
                          if "demonym" in roles else None),
            prepositions={str(k).lower(): checked_role(f, v, f"{where}.prepositions.{k}")
                          for k, v in
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
        demonstratives=word_sets(f, data.get("demonstratives"), "demonstratives"),
        anaphora_group=word_sets(f, anaphora.get("group"), "anaphora.group"),
        anaphora_person=word_sets(f, anaphora.get("person"), "anaphora.person"),
        conjunctions=word_sets(f, data.get("conjunctions"), "conjunctions"),
        ordinals=word_sets(f, data.get("ordinals"), "ordinals"),
        place_prepositions=word_sets(f, data.get("place_prepositions"), "place_prepositions"),
        articles=articles,
        definite=word_sets(f, data.get("definite"), "definite"),
        infinitive_markers=word_sets(f, data.get("infinitive_markers"), "infinitive_markers"),
    )


def read_hedges(f: RuleFile) -> HedgeRules:
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


def read_attributions(f: RuleFile) -> AttributionRules:
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
                            back_reference_words=word_sets(f, data.get("back_reference_words"),
                                                            "back_reference_words"))


def read_relations(f: RuleFile) -> RelationRules:
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
                checked_role(f, role, f"{where}.{key}")
            if pattern == "event" and not roles[key]:
                f.problem(where, f"pattern `event` needs {key}")
        rules.append(RelationRule(type=rel_type, forms=forms, pattern=pattern,
                                  event_kinds=kinds, source_roles=roles["source_roles"],
                                  target_roles=roles["target_roles"], means=means, index=i))
    return RelationRules(rules=tuple(rules))
