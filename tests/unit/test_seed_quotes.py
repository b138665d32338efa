"""The seed article's annotation holds together as data, independent of the loader.

Every evidence quote is verbatim in article.txt (once, or `occurrence` says which), every id an
annotation uses is in the registries, every CAMEO code is in the Goldstein table, and nothing
from the page furniture (photo credits, share buttons, the outlet itself) became an actor.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
import yaml

from actorgraph.records import (
    ACTOR_KINDS,
    EVENT_KINDS,
    MODALITIES,
    PARTICIPANT_ROLES,
    RELATION_TYPES,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
ARTICLE_DIR = DATA / "articles" / "newsde-putin-im-visier"
# SHA-256 of the seed as received (/work/shared/seed/newsde-putin-im-visier.txt): article.txt is
# never edited, offsets point into it.
SEED_SHA256 = "e749ff12eda6d26e2360fc2f9f04a34f60d9583aac73099bf4075489e7a34530"
NOT_ACTORS = ("dpa", "ZUMA", "Mikhail Metzel", "WhatsApp", "Facebook", "Twitter", "Pinterest",
              "YouTube", "news.de", "Kremlin Pool", "Planet Pix")
SUPPORT_MEANS = ("troops", "munitions", "technology", "economic_aid", "military_aid")


def _load(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def text() -> str:
    return (ARTICLE_DIR / "article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def annotation() -> dict:
    return _load(ARTICLE_DIR / "annotation.yaml")


@pytest.fixture(scope="module")
def registries() -> dict[str, dict[str, dict]]:
    return {name: {entry["id"]: entry for entry in _load(DATA / f"{name}.yaml")}
            for name in ("actors", "places", "assets", "sources")}


@pytest.fixture(scope="module")
def cameo_codes() -> set[str]:
    with (DATA / "cameo-goldstein.tsv").open(encoding="utf-8", newline="") as handle:
        return {row["CAMEOEVENTCODE"] for row in csv.DictReader(handle, delimiter="\t")}


def _facts(annotation: dict):
    """(label, fact) for every event and relation, label naming it in failure messages."""
    for event in annotation["events"]:
        yield f"event {event['id']}", event
    for relation in annotation["relations"]:
        yield f"relation {relation['source']}-{relation['type']}-{relation['target']}", relation


def test_article_is_the_seed_byte_for_byte() -> None:
    digest = hashlib.sha256((ARTICLE_DIR / "article.txt").read_bytes()).hexdigest()
    assert digest == SEED_SHA256


def test_article_block_matches_folder(annotation: dict) -> None:
    article = annotation["article"]
    assert article["id"] == ARTICLE_DIR.name
    assert article["language"] == "de"
    assert str(article["published"]) == "2025-07-11"
    assert article["published_precision"] == "day"
    assert article["published_note"]


def test_every_quote_occurs_verbatim(annotation: dict, text: str) -> None:
    problems = []
    count = 0
    for label, fact in _facts(annotation):
        assert fact.get("evidence"), f"{label}: no evidence"
        for item in fact["evidence"]:
            quote = item if isinstance(item, str) else item["quote"]
            occurrence = None if isinstance(item, str) else item.get("occurrence")
            found = text.count(quote)
            count += 1
            if occurrence is None and found != 1:
                problems.append(f"{label}: found {found}x (need 1 or `occurrence`): {quote!r}")
            elif occurrence is not None and not 1 <= occurrence <= found:
                problems.append(f"{label}: occurrence {occurrence} of {found}: {quote!r}")
    assert not problems, "\n".join(problems)
    assert count >= 40


def test_every_id_is_registered(annotation: dict, registries: dict) -> None:
    actors, places = registries["actors"], registries["places"]
    assets, sources = registries["assets"], registries["sources"]
    event_ids = [event["id"] for event in annotation["events"]]
    assert len(event_ids) == len(set(event_ids)), "duplicate event ids"
    problems = []

    def need(label: str, what: str, value: str, *allowed: dict) -> None:
        if not any(value in registry for registry in allowed):
            problems.append(f"{label}: unknown {what} {value!r}")

    for label, fact in _facts(annotation):
        for source in fact.get("attributed_to") or []:
            need(label, "attributed_to", source, actors, sources)
    for event in annotation["events"]:
        label = f"event {event['id']}"
        for participant in event.get("participants") or []:
            actor = participant if isinstance(participant, str) else participant["actor"]
            need(label, "participant", actor, actors)
        for target in event.get("targets") or []:
            need(label, "target", target, actors)
        for asset in event.get("assets") or []:
            need(label, "asset", asset, assets)
        if event.get("place"):
            need(label, "place", event["place"], places)
        if event.get("follows"):
            need(label, "follows", event["follows"], dict.fromkeys(event_ids))
    for relation in annotation["relations"]:
        label = f"relation {relation['source']}-{relation['type']}-{relation['target']}"
        need(label, "source", relation["source"], actors)
        need(label, "target", relation["target"], actors)
    assert not problems, "\n".join(problems)


def test_values_come_from_the_record_model(annotation: dict, registries: dict) -> None:
    problems = []
    for actor in registries["actors"].values():
        if actor["kind"] not in ACTOR_KINDS:
            problems.append(f"actor {actor['id']}: kind {actor['kind']!r}")
    for label, fact in _facts(annotation):
        if fact["modality"] not in MODALITIES:
            problems.append(f"{label}: modality {fact['modality']!r}")
    for event in annotation["events"]:
        if event["kind"] not in EVENT_KINDS:
            problems.append(f"event {event['id']}: kind {event['kind']!r}")
        for participant in event.get("participants") or []:
            if isinstance(participant, dict) and participant["role"] not in PARTICIPANT_ROLES:
                problems.append(f"event {event['id']}: role {participant['role']!r}")
    for relation in annotation["relations"]:
        if relation["type"] not in RELATION_TYPES:
            problems.append(f"relation type {relation['type']!r}")
        if set(relation.get("means") or []) - set(SUPPORT_MEANS):
            problems.append(f"relation means {relation['means']!r}")
    assert not problems, "\n".join(problems)


def test_cameo_codes_are_in_the_table(annotation: dict, cameo_codes: set[str]) -> None:
    codes = {event["id"]: event.get("cameo") for event in annotation["events"]}
    assert all(isinstance(code, str) for code in codes.values()), codes
    unknown = {event: code for event, code in codes.items() if code not in cameo_codes}
    assert not unknown


def test_every_cameo_code_has_a_label(cameo_codes: set[str]) -> None:
    with (DATA / "cameo-labels.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    labels = {row["CAMEOEVENTCODE"]: row["LABEL"] for row in rows}
    assert len(labels) == len(rows)
    assert set(labels) == cameo_codes
    assert all(label.strip() for label in labels.values())
    assert labels["042"] == "Make a visit"
    assert labels["150"] == "Demonstrate military or police power, not specified below"


def test_page_furniture_is_not_an_actor(annotation: dict, registries: dict) -> None:
    used = {participant if isinstance(participant, str) else participant["actor"]
            for event in annotation["events"]
            for participant in event.get("participants") or []}
    used |= {target for event in annotation["events"] for target in event.get("targets") or []}
    used |= {r[end] for r in annotation["relations"] for end in ("source", "target")}
    problems = []
    for actor in registries["actors"].values():
        names = [actor["id"], actor["name"], actor.get("name_de") or "", *actor.get("aliases", [])]
        for name in names:
            for furniture in NOT_ACTORS:
                if furniture.lower() in name.lower():
                    problems.append(f"actor {actor['id']}: {name!r} is page furniture")
    for actor_id in used:
        for furniture in NOT_ACTORS:
            if furniture.lower() in actor_id.lower():
                problems.append(f"annotation uses {actor_id!r}")
    assert not problems, "\n".join(problems)


def test_the_article_facts_the_brief_names_are_there(annotation: dict) -> None:
    """A few facts that must not silently disappear from the seed annotation."""
    events = {event["id"]: event for event in annotation["events"]}
    exercise = events["trilateral-air-exercise-jeju"]
    assert {"PRK", "putin"} <= set(exercise["targets"])
    assert exercise["attributed_to"] == ["kor-mnd"]
    assert exercise["assets"] == ["b-52h"]
    round_1 = events["rus-prk-strategic-dialogue-round-1"]
    assert round_1["attributed_to"] == ["tass", "zakharova"]
    assert round_1["date_text"] == "im November"
    assert events["rus-prk-strategic-dialogue-round-2"]["follows"] == round_1["id"]
    relations = {(r["source"], r["type"], r["target"], tuple(sorted(r.get("means") or [])))
                 : r for r in annotation["relations"]}
    assert ("PRK", "SUPPORTS", "RUS", ("munitions", "troops")) in relations
    assert ("RUS", "SUPPORTS", "PRK", ("economic_aid", "military_aid")) in relations
    assert relations[("RUS", "SUPPORTS", "PRK", ("technology",))]["modality"] == "feared"
    modalities = {event["modality"] for event in events.values()}
    assert {"reported", "suspected", "feared", "habitual"} <= modalities
