"""CAMEO actor codes that are not states (data/cameo-actors.tsv): regions, known groups, types.

GDELT codes an actor as a country (USA), a known group (NAT, UNO, HMS), a region (EUR, MEA) or
a bare role/sector type (GOV, COP, BUS) when the coder found no country. The table gives each
such code its kind and the codebook's label, so node names come from the codebook, never from
the Actor1Name of whichever row came first; for types it also says in words what one
unidentified participant of that type is ("government official").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from actorgraph.errors import ValidationFailed
from actorgraph.ingest.files.datafiles import MAX_TABLE_BYTES, read_data_file
from actorgraph.ingest.reference.countries import DATA_DIR

ACTORS_FILE = "cameo-actors.tsv"
HEADER = ("CODE", "KIND", "LABEL", "WORDS")
CODE_KINDS: tuple[str, ...] = ("region", "group", "type")


@dataclass(frozen=True)
class CameoActorCode:
    code: str
    kind: str  # one of CODE_KINDS
    label: str  # the codebook's label: "Europe", "North Atlantic Treaty Organization (NATO)"
    words: str = ""  # types only: "government official"


@dataclass(frozen=True)
class CameoActorTable:
    codes: dict[str, CameoActorCode]

    def get(self, code: str) -> CameoActorCode | None:
        return self.codes.get(code)

    def is_region(self, code: str) -> bool:
        entry = self.codes.get(code)
        return entry is not None and entry.kind == "region"

    def label(self, code: str) -> str:
        """The codebook's label of `code`; the code itself when the table does not know it."""
        entry = self.codes.get(code)
        return entry.label if entry else code

    def words(self, code: str) -> str:
        """What one unidentified participant coded `code` is ('government official')."""
        entry = self.codes.get(code)
        if entry is None:
            return f"actor coded {code}" if code else "actor"
        return entry.words or entry.label.lower()


def parse_cameo_actors(text: str, source: str) -> CameoActorTable:
    """The table from its text; every malformed line is a problem naming file and line."""
    problems: list[str] = []
    codes: dict[str, CameoActorCode] = {}
    header_seen = False
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            header_seen = True
            if tuple(fields) != HEADER:
                problems.append(f"{source}:{line_no}: expected the header "
                                f"{chr(9).join(HEADER)!r}; found {line!r}")
            continue
        if len(fields) != 4 or len(fields[0]) != 3 or not fields[0].isalpha() or not fields[2]:
            problems.append(f"{source}:{line_no}: expected CODE (3 letters), KIND, LABEL and "
                            f"WORDS, tab-separated; found {line!r}")
            continue
        code, kind, label, words = fields
        if kind not in CODE_KINDS:
            problems.append(f"{source}:{line_no}: KIND: expected one of "
                            f"{', '.join(CODE_KINDS)}; found {kind!r}")
            continue
        if code in codes:
            problems.append(f"{source}:{line_no}: CODE: expected each code once; found "
                            f"{code!r} again")
            continue
        codes[code] = CameoActorCode(code, kind, label, words)
    if problems:
        raise ValidationFailed(problems)
    return CameoActorTable(codes)


def load_cameo_actors(data_dir: Path) -> CameoActorTable:
    path = data_dir / ACTORS_FILE
    raw = read_data_file(path, data_dir, MAX_TABLE_BYTES)
    return parse_cameo_actors(raw.decode("utf-8"), str(path))


@lru_cache(maxsize=1)
def cameo_actor_table() -> CameoActorTable:
    """The project's table, read once."""
    return load_cameo_actors(DATA_DIR)
