"""The canonical entities every annotation refers to: data/actors.yaml, places.yaml, assets.yaml
and sources.yaml, each a YAML list of entries (see docs/annotation-format.md).

Loading validates the files completely (unknown or missing fields, wrong types, unknown kinds,
ids used twice, an id that is both an actor and a source) and reports every problem at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from actorgraph.errors import FileMissing, FileRefused, ValidationFailed, YamlUnreadable
from actorgraph.ingest.files.datafiles import MAX_REGISTRY_BYTES, read_data_file
from actorgraph.ingest.files.fields import ID_EXPECTED, ID_PATTERN, Mapping, Problems, check_text
from actorgraph.ingest.files.yamldoc import YNode, parse_yaml_bytes
from actorgraph.records import ACTOR_KINDS, Actor, Asset, Place, Source

COUNTRY_PATTERN = re.compile(r"^[A-Z]{3}$")
COUNTRY_EXPECTED = "an ISO 3166 alpha-3 country code like 'KOR', or null"
WIKIDATA_PATTERN = re.compile(r"^Q[1-9][0-9]*$")

ACTOR_FIELDS = ("id", "name", "name_de", "aliases", "kind", "country", "title", "wikidata")
PLACE_FIELDS = ("id", "name", "name_de", "aliases", "lat", "lon", "country")
ASSET_FIELDS = ("id", "name", "kind", "country", "aliases")
SOURCE_FIELDS = ("id", "name", "name_de", "kind")

REGISTRY_FILES = ("actors", "places", "assets", "sources")


@dataclass
class Registry:
    """Every known actor, place, asset and source by id, and the file each came from."""

    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    assets: dict[str, Asset] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    """'actors' -> the path shown in messages ('data/actors.yaml')."""
    broken: set[str] = field(default_factory=set)
    """Ids whose entry has a problem: references to them are not reported a second time."""

    def file(self, kind: str) -> str:
        return self.files.get(kind, f"{kind}.yaml")


def load_registry(data_dir: Path) -> Registry:
    """Read and validate the four registry files; raise ValidationFailed listing every problem."""
    registry, problems = read_registry(data_dir)
    if problems:
        raise ValidationFailed(problems)
    return registry


def read_registry(data_dir: Path) -> tuple[Registry, list[str]]:
    """The registry and the problems found; what could be read is kept, for further checks."""
    registry = Registry()
    messages: list[str] = []
    first_line: dict[str, dict[str, tuple[int, int]]] = {}
    for kind in REGISTRY_FILES:
        path = data_dir / f"{kind}.yaml"
        registry.files[kind] = str(path)
        problems = Problems(str(path))
        first_line[kind] = {}
        for entry in _entries(path, data_dir, kind, problems):
            _read_entry(kind, entry, problems, registry, first_line[kind])
        messages.extend(problems.messages)
    # attributed_to takes actor ids and source ids alike, so they must not collide.
    for source_id, (line, index) in first_line["sources"].items():
        if source_id in first_line["actors"]:
            actor_line = first_line["actors"][source_id][0]
            messages.append(
                f"{registry.file('sources')}:{line}: sources[{index}].id: expected an id that is "
                f"not an actor's (attributed_to takes both); found {source_id!r}, an actor at "
                f"{registry.file('actors')}:{actor_line}")
    return registry, messages


def _entries(path: Path, data_dir: Path, kind: str, problems: Problems) -> list[YNode]:
    try:
        root = parse_yaml_bytes(read_data_file(path, data_dir, MAX_REGISTRY_BYTES), kind)
    except FileMissing:
        problems.add(None, "", f"the {kind} registry (a YAML list of entries)", "no such file")
        return []
    except FileRefused as e:
        problems.add(None, "", e.expected, e.found)
        return []
    except YamlUnreadable as e:
        problems.add(e.line, "", e.expected, e.found)
        return []
    if root is None:
        return []
    if not root.is_sequence:
        problems.at(root, f"a list of {kind} entries ('- id: ...')")
        return []
    return root.value


def _read_entry(kind: str, node: YNode, problems: Problems, registry: Registry,
                first_line: dict[str, tuple[int, int]]) -> None:
    allowed = {"actors": ACTOR_FIELDS, "places": PLACE_FIELDS, "assets": ASSET_FIELDS,
               "sources": SOURCE_FIELDS}[kind]
    entry = Mapping(node, problems, allowed, expected=f"a mapping of {', '.join(allowed)}")
    if not entry.ok:
        return
    before = len(problems)
    entity_id = _read_fields(kind, entry, problems, registry, first_line)
    if entity_id is not None and len(problems) != before:
        registry.broken.add(entity_id)


def _read_fields(kind: str, entry: Mapping, problems: Problems, registry: Registry,
                 first_line: dict[str, tuple[int, int]]) -> str | None:
    """Store the entry when it is valid; return its id when it has a usable one."""
    entity_id = entry.text("id", ID_EXPECTED, required=True, nullable=False, pattern=ID_PATTERN)
    name = entry.text("name", "a name (text)", required=True, nullable=False)
    name_de = entry.text("name_de", "a German name (text), or null")
    aliases = _aliases(entry, problems)
    if entity_id is not None:
        if entity_id in first_line:
            problems.at(entry.get("id"), "an id used once in this file",
                        f"{entity_id!r} again (first at line {first_line[entity_id][0]})")
            return None
        index = int(entry.node.path.rsplit("[", 1)[1].rstrip("]"))
        first_line[entity_id] = (entry.get("id").line, index)
    if kind == "actors":
        actor_kind = entry.choice("kind", ACTOR_KINDS, required=True)
        country = entry.text("country", COUNTRY_EXPECTED, pattern=COUNTRY_PATTERN)
        title = entry.text("title", "an office (text), or null")
        wikidata = entry.text("wikidata", "a Wikidata id like 'Q884', or null",
                              pattern=WIKIDATA_PATTERN)
        if entity_id and name and actor_kind:
            registry.actors[entity_id] = Actor(entity_id, name, actor_kind, name_de, aliases,
                                               country, title, wikidata)
    elif kind == "places":
        lat = entry.number("lat", "a latitude from -90 to 90, or null", -90, 90)
        lon = entry.number("lon", "a longitude from -180 to 180, or null", -180, 180)
        country = entry.text("country", COUNTRY_EXPECTED, pattern=COUNTRY_PATTERN)
        if entity_id and name:
            registry.places[entity_id] = Place(entity_id, name, lat, lon, country, name_de,
                                               aliases)
    elif kind == "assets":
        asset_kind = entry.text("kind", "a kind of asset (text like 'strategic_bomber'), or null")
        country = entry.text("country", COUNTRY_EXPECTED, pattern=COUNTRY_PATTERN)
        if entity_id and name:
            registry.assets[entity_id] = Asset(entity_id, name, asset_kind, country, aliases)
    else:
        source_kind = entry.text("kind", "a kind of source (text like 'news_agency'), or null")
        if entity_id and name:
            registry.sources[entity_id] = Source(entity_id, name, source_kind, name_de)
    return entity_id


def _aliases(entry: Mapping, problems: Problems) -> tuple[str, ...]:
    aliases = []
    for item in entry.sequence("aliases", "a list of names (text)"):
        alias = check_text(item, problems, "a name (text)")
        if alias is not None:
            aliases.append(alias)
    return tuple(aliases)
