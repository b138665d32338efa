"""Checking the fields of a YAML mapping, collecting every problem instead of stopping at one.

Every message has one shape, `FILE:LINE: FIELD.PATH: expected WHAT; found WHAT`, so a person
can jump to the line and see what to write instead.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from typing import Any

from actorgraph.ingest.files.textchars import LINE_BREAKS_AND_TABS, forbidden_char, name_char
from actorgraph.ingest.files.yamldoc import YNode, child_path

TEXT_MAX_CHARS = 1000
"""A one-line text field (id, name, title, outlet, url, alias, topic, kind) at most."""
NOTE_MAX_CHARS = 5000
"""A note (`note`, `published_note`) at most; notes may also hold line breaks and tabs."""

ID_PATTERN = re.compile(r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")
ID_EXPECTED = "an id of letters, digits and single hyphens (like 'kor-mnd' or 'KOR')"
MISSING = "nothing (the field is missing)"


def describe(value: Any) -> str:
    """A found value as a message shows it: strings quoted, other types named."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean; quote it to make it text)"
    if isinstance(value, int | float):
        return f"{value} (a number)"
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.isoformat()} (a date)"
    if isinstance(value, str):
        shown = value if len(value) <= 80 else value[:77] + "..."
        return repr(shown)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        if value and len(value) <= 5 and all(isinstance(v, str | int | float) for v in value):
            return repr(value)
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    return repr(value)


def one_of(choices: Iterable[str]) -> str:
    return "one of " + ", ".join(choices)


def did_you_mean(found: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(found, list(choices), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


class Problems:
    """Every problem found in one file, each already formatted."""

    def __init__(self, file: str) -> None:
        self.file = file
        self._found: list[tuple[int, str]] = []

    @property
    def messages(self) -> list[str]:
        """The messages in line order (checks that span the file report late)."""
        return [message for _, message in sorted(self._found, key=lambda item: item[0])]

    def __len__(self) -> int:
        return len(self._found)

    def add(self, line: int | None, path: str, expected: str, found: str) -> None:
        where = f"{self.file}:{line}" if line is not None else self.file
        field = f" {path}:" if path else ""
        self._found.append((line or 0, f"{where}:{field} expected {expected}; found {found}"))

    def at(self, node: YNode, expected: str, found: str | None = None) -> None:
        """A problem with `node` itself; `found` defaults to a description of its value."""
        self.add(node.line, node.path, expected,
                 describe(node.plain()) if found is None else found)

    def __bool__(self) -> bool:
        return bool(self._found)


class Mapping:
    """A mapping node checked against its allowed and required fields.

    Reports unknown fields and keys written twice on construction; the typed getters report
    missing required fields, wrong types and values, and return None for anything unusable.
    """

    def __init__(self, node: YNode, problems: Problems, allowed: Sequence[str],
                 expected: str = "a mapping of fields") -> None:
        self.node = node
        self.problems = problems
        self.ok = node.is_mapping
        self.fields: dict[str, YNode] = node.value if node.is_mapping else {}
        if not self.ok:
            problems.at(node, expected)
            return
        for key, line, first in node.duplicates:
            problems.add(line, child_path(node.path, key), "each field once",
                         f"{key!r} again (first at line {first})")
        for key in self.fields:
            if key not in allowed:
                problems.add(node.key_lines[key], child_path(node.path, key),
                             "one of the fields " + ", ".join(allowed),
                             f"unknown field {key!r}" + did_you_mean(key, allowed))

    def path(self, name: str) -> str:
        return child_path(self.node.path, name)

    def get(self, name: str) -> YNode | None:
        return self.fields.get(name)

    def has(self, name: str) -> bool:
        return name in self.fields

    def missing(self, name: str, expected: str) -> None:
        self.problems.add(self.node.line, self.path(name), expected, MISSING)

    def _present(self, name: str, expected: str, required: bool, nullable: bool
                 ) -> YNode | None:
        node = self.fields.get(name)
        if node is None:
            if required and self.ok:
                self.missing(name, expected)
            return None
        if node.value is None:
            if not nullable:
                self.problems.at(node, expected)
            return None
        return node

    def text(self, name: str, expected: str = "a text", required: bool = False,
             nullable: bool = True, pattern: re.Pattern[str] | None = None,
             note: bool = False) -> str | None:
        """A text field; `note=True` allows NOTE_MAX_CHARS, line breaks and tabs."""
        node = self._present(name, expected, required, nullable)
        if node is None:
            return None
        return check_text(node, self.problems, expected, pattern, note)

    def choice(self, name: str, choices: Sequence[str], required: bool = False,
               nullable: bool = False) -> str | None:
        expected = one_of(choices)
        node = self._present(name, expected, required, nullable)
        if node is None:
            return None
        return check_choice(node, self.problems, choices)

    def sequence(self, name: str, expected: str, required: bool = False) -> list[YNode]:
        """The items of a list field; a missing or null field is an empty list."""
        node = self._present(name, expected, required, nullable=True)
        if node is None:
            return []
        if not node.is_sequence:
            self.problems.at(node, expected)
            return []
        return node.value

    def number(self, name: str, expected: str, low: float, high: float) -> float | None:
        node = self._present(name, expected, required=False, nullable=True)
        if node is None:
            return None
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float) or not (
                low <= value <= high):
            self.problems.at(node, expected)
            return None
        return float(value)


def check_text(node: YNode, problems: Problems, expected: str = "a text",
               pattern: re.Pattern[str] | None = None, note: bool = False) -> str | None:
    """The text of `node`: non-empty, within the length limit, without control characters
    (line breaks and tabs only in a note) or bidirectional controls, matching `pattern`."""
    value = node.value
    if not isinstance(value, str) or not value.strip():
        problems.at(node, expected)
        return None
    limit = NOTE_MAX_CHARS if note else TEXT_MAX_CHARS
    if len(value) > limit:
        problems.at(node, f"{expected}, at most {limit:,} characters",
                    f"{len(value):,} characters")
        return None
    bad = forbidden_char(value, LINE_BREAKS_AND_TABS if note else "")
    if bad is not None:
        allowed = " (line breaks and tabs are fine)" if note else ""
        problems.at(node, f"{expected}, without control characters or bidirectional "
                          f"controls{allowed}",
                    f"{name_char(value[bad])} at character {bad + 1}")
        return None
    if pattern is not None and not pattern.match(value):
        problems.at(node, expected)
        return None
    return value


def check_choice(node: YNode, problems: Problems, choices: Sequence[str]) -> str | None:
    value = node.value
    if not isinstance(value, str) or value not in choices:
        hint = did_you_mean(value, choices) if isinstance(value, str) else ""
        problems.at(node, one_of(choices), describe(node.plain()) + hint)
        return None
    return value
