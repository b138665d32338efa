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
from collections.abc import Callable, Iterable
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
_LONG_RANGE = range(-(2**63), 2**63)
"""A Neo4j INTEGER's values."""


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


FIXUP_MARKER = "_actorgraph_fixup_"
"""Nodes with a fix-up carry, in their file, the label FIXUP_MARKER + its number: the fix-up
finds them by that label (a label scan, no ids sent) and removes it (`db.labels()` then lists
no marker). On the 149,717 nodes of a 100k-row GDELT import: 12.8 s, against 15.0 s finding
each by id. Most of it is writing the properties into the claims' long property chains:
on nodes of three properties the same fix-up took 1.1 s by label and 4.5 s by id."""


@dataclass
class FixUp:
    """Properties the files could not carry, for every element of one shape: set in Cypher
    after the import. Nodes are found by their `marker` label (`count` of them); relationships
    by their ends' ids (`keys`), `label` being the start label. `assignments` are
    (property, EMPTY_LIST | ONE_EMPTY_STRING)."""

    kind: str  # "nodes" | "relationships"
    label: str
    rel_type: str | None
    end_label: str | None
    assignments: tuple[tuple[str, str], ...]
    keys: list = field(default_factory=list)  # relationships: (start id, end id)
    marker: str | None = None  # nodes: their temporary label
    count: int = 0


def _scalar_type(value: object, where: str) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        if value not in _LONG_RANGE:
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


def _list_fixup(value: list | tuple) -> str | None:
    """EMPTY_LIST or ONE_EMPTY_STRING for the two lists an array column cannot hold, else None."""
    if not value:
        return EMPTY_LIST
    if len(value) == 1 and value[0] == "":
        return ONE_EMPTY_STRING
    return None


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
            fix = _list_fixup(value)
            if fix is not None:
                fixes.append((key, fix))
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


_SCALAR_TYPES: dict[type, str] = {str: "string", int: "long", float: "double", bool: "boolean"}
_checked_names: set[str] = set()
"""Property names found to be valid (`_NAME`): most elements repeat the same few."""


def _columns(props: dict, where: Callable[[], str]
             ) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...], list[str]]:
    """`_shape` and each carried value's field text, in one pass over the values.

    The common values (a str, int, float or bool, or a non-empty list of one of them) are
    checked and written here; anything else goes to `_shape` and `_field`, which give the same
    columns and texts, or the error. A million GDELT rows write about 7.6M lines; for the
    783,153 elements of 100k rows, `write_csv_files` took 5.6 s this way against 15.3 s with
    `_shape` and `_field` (medians of three, in one process). `where` names the element, for
    an error (made only then)."""
    columns: list[tuple[str, str]] = []
    fixes: list[tuple[str, str]] = []
    texts: list[str] = []
    for key in sorted(props):
        value = props[key]
        if value is None:
            continue
        if key not in _checked_names:
            if not _NAME.fullmatch(key):
                break  # `_shape` names the problem
            _checked_names.add(key)
        kind = type(value)
        if kind is str:
            if ARRAY_DELIMITER in value:
                break
            columns.append((key, "string"))
            texts.append(value)
        elif kind is list or kind is tuple:
            fix = _list_fixup(value)
            if fix is not None:
                fixes.append((key, fix))
                continue
            kinds = set(map(type, value))
            if len(kinds) != 1:
                break
            element = kinds.pop()
            if element is str:
                text = ARRAY_DELIMITER.join(value)
                if text.count(ARRAY_DELIMITER) != len(value) - 1:
                    break  # an element holds the delimiter
            elif element is float:
                text = ARRAY_DELIMITER.join(map(repr, value))
            elif element is int:
                if not all(v in _LONG_RANGE for v in value):
                    break
                text = ARRAY_DELIMITER.join(map(str, value))
            elif element is bool:
                text = ARRAY_DELIMITER.join(["true" if v else "false" for v in value])
            else:
                break
            columns.append((key, _SCALAR_TYPES[element] + "[]"))
            texts.append(text)
        elif kind is int:
            if value not in _LONG_RANGE:
                break
            columns.append((key, "long"))
            texts.append(str(value))
        elif kind is float:
            columns.append((key, "double"))
            texts.append(repr(value))
        elif kind is bool:
            columns.append((key, "boolean"))
            texts.append("true" if value else "false")
        else:
            break
    else:
        return tuple(columns), tuple(fixes), texts
    shape, missing = _shape(props, where())
    return shape, missing, [_field(props[k]) for k, _ in shape]


class CsvWriter:
    """Writes elements to one file per shape in `folder`; `close()` returns the files and the
    fix-ups. Nodes are identified by `id` within their id space (their first label)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.files: dict[tuple, CsvFile] = {}
        self.fixups: dict[tuple, FixUp] = {}

    def _new_file(self, shape: tuple, kind: str, header: list[str]) -> CsvFile:
        """The file of a shape not seen before, its header written."""
        path = self.folder / f"{kind}-{len(self.files):04d}.csv"
        handle = path.open("w", encoding="utf-8", newline="")
        handle.write(",".join(header) + "\n")
        found = self.files[shape] = CsvFile(path, kind, handle=handle)
        return found

    def _line(self, file: CsvFile, fields: list[str]) -> None:
        assert file.handle is not None
        line = '"' + '","'.join([text.replace('"', '""') for text in fields]) + '"'
        if not file.multiline and ("\n" in line or "\r" in line):
            file.multiline = True
        file.handle.write(line + "\n")
        file.lines += 1

    def node(self, labels: tuple[str, ...], props: dict) -> None:
        node_id = props["id"]
        if ARRAY_DELIMITER in node_id:
            check_text(node_id, f"{labels[0]} {node_id!r}")
        rest = {k: v for k, v in props.items() if k != "id"}
        columns, fixes, texts = _columns(rest, lambda: f"{labels[0]} {node_id!r}")
        if fixes:
            fix = self._fixup(("nodes", labels[0], None, None, fixes))
            fix.count += 1
            labels = (*labels, fix.marker)  # type: ignore[assignment]
        shape = ("nodes", labels, columns)
        file = self.files.get(shape) or self._new_file(
            shape, "nodes",
            [f"id:ID({labels[0]})", ":LABEL", *(f"{k}:{t}" for k, t in columns)])
        self._line(file, [node_id, ARRAY_DELIMITER.join(labels), *texts])

    def relationship(self, rel_type: str, start: tuple[str, str], end: tuple[str, str],
                     props: dict | None = None) -> None:
        """`start` and `end`: (id space, id) of the nodes."""
        props = props or {}
        columns, fixes, texts = (
            _columns(props, lambda: f"{rel_type} {start[1]!r} -> {end[1]!r}") if props
            else ((), (), []))
        shape = ("relationships", rel_type, start[0], end[0], columns)
        file = self.files.get(shape) or self._new_file(
            shape, "relationships",
            [f":START_ID({start[0]})", f":END_ID({end[0]})", ":TYPE",
             *(f"{k}:{t}" for k, t in columns)])
        self._line(file, [start[1], end[1], rel_type, *texts])
        if fixes:
            self._fixup(("relationships", start[0], rel_type, end[0], fixes)).keys.append(
                (start[1], end[1]))

    def _fixup(self, key: tuple) -> FixUp:
        found = self.fixups.get(key)
        if found is None:
            kind, label, rel_type, end_label, fixes = key
            found = self.fixups[key] = FixUp(
                kind, label, rel_type, end_label, fixes,
                marker=f"{FIXUP_MARKER}{len(self.fixups)}" if kind == "nodes" else None)
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
