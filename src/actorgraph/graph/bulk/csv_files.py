"""Nodes and relationships -> CSV files in neo4j-admin import's header format.

Pure: no Neo4j. What `neo4j-admin database import full` makes of each form was found by
experiment on Neo4j 5.26 (tests/integration/test_gdelt_bulk.py checks it on every run):

- an unquoted empty field is no property, `""` an empty string (`--ignore-empty-strings` is
  left false), any other quoted text the string as written (`""` inside it is one `"`;
  backslashes, leading spaces and line breaks are kept, the last with `--multiline-fields`);
- `:long`, `:double` and `:boolean` columns give INTEGER, FLOAT and BOOLEAN (only a lowercase
  `true` is true); Python's `repr` of a float reads back as the same float;
- an array column (`string[]`, `long[]`, `double[]`, `boolean[]`) splits on the array
  delimiter, U+001F here (no value may contain it: `check_text` refuses one), and keeps empty
  elements (`a␟␟b` is `['a', '', 'b']`), but an empty field and `""` are both *no property*:
  neither an empty list nor the one-element list `['']` can be written. Those values are
  left out of the file and returned as fix-ups, which `graph/bulk/load.py` sets in Cypher
  after the import.

Every element goes to the file of its *shape* (labels or type, and the names and types of its
properties), so each file has one header that fits every line, and a property an element
does not have is not in its file at all: nothing has to be written as null.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

ARRAY_DELIMITER = "\x1f"
"""U+001F (unit separator): a control character no GDELT field or annotation holds."""
ARRAY_DELIMITER_OPTION = "U+001F"

EMPTY_LIST = "empty list"
ONE_EMPTY_STRING = "['']"
"""The two list values an array column cannot express (see the module docstring)."""


class BulkValueError(ValueError):
    """A value the CSV files cannot carry faithfully (and Neo4j could not store online)."""


@dataclass
class CsvFile:
    """One file: its header, its lines, and what the import must be told about it."""

    path: Path
    kind: str  # "nodes" | "relationships"
    lines: int = 0
    multiline: bool = False
    handle: TextIO | None = None


@dataclass
class FixUp:
    """Properties the files could not carry, for every element of one shape: set in Cypher
    after the import. `label` is the node label (or the relationship's start label) to find
    the elements by id; `assignments` are (property, EMPTY_LIST | ONE_EMPTY_STRING)."""

    kind: str  # "nodes" | "relationships"
    label: str
    rel_type: str | None
    end_label: str | None
    assignments: tuple[tuple[str, str], ...]
    keys: list = field(default_factory=list)  # node ids, or (start id, end id)


def _scalar_type(value: object, where: str) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        if not -(2**63) <= value < 2**63:
            raise BulkValueError(f"{where}: integer {value} does not fit a Neo4j INTEGER")
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        check_text(value, where)
        return "string"
    raise BulkValueError(f"{where}: a {type(value).__name__} cannot be a property value")


def check_text(text: str, where: str) -> None:
    if ARRAY_DELIMITER in text:
        raise BulkValueError(f"{where}: the text {text[:60]!r} holds U+001F, the bulk import's "
                             "array delimiter; import it online (without --bulk)")


def _shape(props: dict, where: str) -> tuple[tuple[tuple[str, str], ...],
                                             tuple[tuple[str, str], ...]]:
    """(property, CSV type) of what the file carries; (property, fix-up) of what it cannot."""
    columns: list[tuple[str, str]] = []
    fixes: list[tuple[str, str]] = []
    for key in sorted(props):
        value = props[key]
        if value is None:
            continue
        at = f"{where}.{key}"
        if not _NAME.fullmatch(key):
            raise BulkValueError(f"{at}: expected a property name of letters, digits and _")
        if isinstance(value, list | tuple):
            if not value:
                fixes.append((key, EMPTY_LIST))
                continue
            if len(value) == 1 and value[0] == "":
                fixes.append((key, ONE_EMPTY_STRING))
                continue
            types = {_scalar_type(v, at) for v in value}
            if len(types) != 1:
                raise BulkValueError(f"{at}: a list of mixed types ({', '.join(sorted(types))}) "
                                     "cannot be stored")
            columns.append((key, types.pop() + "[]"))
        else:
            columns.append((key, _scalar_type(value, at)))
    return tuple(columns), tuple(fixes)


def _field(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list | tuple):
        return ARRAY_DELIMITER.join(_field(v) for v in value)
    return str(value)


class CsvWriter:
    """Writes elements to one file per shape in `folder`; `close()` returns the files and the
    fix-ups. Nodes are identified by `id` within their id space (their first label)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.files: dict[tuple, CsvFile] = {}
        self.fixups: dict[tuple, FixUp] = {}

    def _file(self, shape: tuple, kind: str, header: list[str]) -> CsvFile:
        found = self.files.get(shape)
        if found is None:
            path = self.folder / f"{kind}-{len(self.files):04d}.csv"
            handle = path.open("w", encoding="utf-8", newline="")
            handle.write(",".join(header) + "\n")
            found = self.files[shape] = CsvFile(path, kind, handle=handle)
        return found

    def _line(self, file: CsvFile, fields: list[str | None]) -> None:
        assert file.handle is not None
        parts = []
        for text in fields:
            if text is None:
                parts.append("")
                continue
            if "\n" in text or "\r" in text:
                file.multiline = True
            parts.append('"' + text.replace('"', '""') + '"')
        file.handle.write(",".join(parts) + "\n")
        file.lines += 1

    def node(self, labels: tuple[str, ...], props: dict) -> None:
        node_id = props["id"]
        where = f"{labels[0]} {node_id!r}"
        check_text(node_id, where)
        rest = {k: v for k, v in props.items() if k != "id"}
        columns, fixes = _shape(rest, where)
        shape = ("nodes", labels, columns)
        header = [f"id:ID({labels[0]})", ":LABEL", *(f"{k}:{t}" for k, t in columns)]
        file = self._file(shape, "nodes", header)
        self._line(file, [node_id, ARRAY_DELIMITER.join(labels),
                          *(_field(rest[k]) for k, _ in columns)])
        if fixes:
            self._fixup(("nodes", labels[0], None, None, fixes)).keys.append(node_id)

    def relationship(self, rel_type: str, start: tuple[str, str], end: tuple[str, str],
                     props: dict | None = None) -> None:
        """`start` and `end`: (id space, id) of the nodes."""
        props = props or {}
        where = f"{rel_type} {start[1]!r} -> {end[1]!r}"
        columns, fixes = _shape(props, where)
        shape = ("relationships", rel_type, start[0], end[0], columns)
        header = [f":START_ID({start[0]})", f":END_ID({end[0]})", ":TYPE",
                  *(f"{k}:{t}" for k, t in columns)]
        file = self._file(shape, "relationships", header)
        self._line(file, [start[1], end[1], rel_type, *(_field(props[k]) for k, _ in columns)])
        if fixes:
            self._fixup(("relationships", start[0], rel_type, end[0], fixes)).keys.append(
                (start[1], end[1]))

    def _fixup(self, key: tuple) -> FixUp:
        found = self.fixups.get(key)
        if found is None:
            kind, label, rel_type, end_label, fixes = key
            found = self.fixups[key] = FixUp(kind, label, rel_type, end_label, fixes)
        return found

    def close(self) -> tuple[list[CsvFile], list[FixUp]]:
        for file in self.files.values():
            if file.handle is not None:
                file.handle.close()
                file.handle = None
        return list(self.files.values()), list(self.fixups.values())


def write_csv_files(folder: Path, nodes: Iterable[tuple[tuple[str, ...], dict]],
                    relationships: Iterable[tuple[str, tuple[str, str], tuple[str, str], dict]]
                    ) -> tuple[list[CsvFile], list[FixUp]]:
    """Write every node ((labels, props); props hold `id`) and relationship ((type, (start
    space, id), (end space, id), props)); the files and the fix-ups."""
    writer = CsvWriter(folder)
    try:
        for labels, props in nodes:
            writer.node(labels, props)
        for rel_type, start, end, props in relationships:
            writer.relationship(rel_type, start, end, props)
    finally:
        files, fixups = writer.close()
    return files, fixups
