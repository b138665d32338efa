"""YAML documents that remember where each value came from (line and field path).

Validation messages name the file, the line and the field path (`events[2].participants[0]`),
so the loader keeps both next to every value. PyYAML's composer gives every node its mark; we
walk the node tree ourselves instead of letting PyYAML build plain dicts, which also lets us
catch a key written twice (PyYAML silently keeps the last one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


class YamlUnreadable(ValueError):
    """The file is not YAML at all (or not UTF-8): where, what was expected, what was found."""

    def __init__(self, line: int, expected: str, found: str) -> None:
        self.line, self.expected, self.found = line, expected, found
        super().__init__(f"{line}: expected {expected}; found {found}")


@dataclass
class YNode:
    """One value of a YAML document with its line (1-based) and its field path.

    `value` is a dict of str -> YNode for mappings, a list of YNode for sequences, or the
    scalar as YAML typed it (str, int, float, bool, None, datetime.date).
    """

    value: Any
    line: int
    path: str
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)
    """(key, line, first line) for every key of this mapping written more than once."""
    key_lines: dict[str, int] = field(default_factory=dict)
    """The line of each key of this mapping (a block value starts on a later line)."""

    @property
    def is_mapping(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_sequence(self) -> bool:
        return isinstance(self.value, list)

    @property
    def is_scalar(self) -> bool:
        return not (self.is_mapping or self.is_sequence)

    def plain(self) -> Any:
        """The value with every YNode unwrapped (for messages and simple comparisons)."""
        if self.is_mapping:
            return {k: v.plain() for k, v in self.value.items()}
        if self.is_sequence:
            return [v.plain() for v in self.value]
        return self.value


def child_path(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


def load_yaml(path: Path, root_path: str = "") -> YNode | None:
    """Parse one YAML file into YNodes. An empty file gives None.

    Raises YamlUnreadable (with the line) when the file is not valid YAML or not UTF-8.
    """
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise YamlUnreadable(line, "UTF-8 text",
                             f"byte 0x{raw[e.start]:02x}, which is not UTF-8") from e
    return parse_yaml(text, root_path)


def parse_yaml(text: str, root_path: str = "") -> YNode | None:
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        return _convert(loader, root, root_path)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = " ".join(str(part) for part in (e.context, e.problem) if part)
        raise YamlUnreadable(line, "valid YAML", f"a syntax error: {problem}") from e
    except yaml.YAMLError as e:
        raise YamlUnreadable(1, "valid YAML", str(e)) from e
    finally:
        loader.dispose()


def _convert(loader: yaml.SafeLoader, node: yaml.Node, path: str) -> YNode:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        items: dict[str, YNode] = {}
        duplicates: list[tuple[str, int, int]] = []
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node) if isinstance(key_node, yaml.ScalarNode) else None
            key_text = str(key) if key is not None else str(key_node.start_mark)
            key_line = key_node.start_mark.line + 1
            if key_text in items:
                duplicates.append((key_text, key_line, key_lines[key_text]))
                continue
            child = _convert(loader, value_node, child_path(path, key_text))
            if isinstance(value_node, yaml.ScalarNode):
                # A scalar value's line is its key's line (they share it in block style).
                child.line = key_line
            items[key_text] = child
            key_lines[key_text] = key_line
        return YNode(items, line, path, duplicates, key_lines)
    if isinstance(node, yaml.SequenceNode):
        return YNode([_convert(loader, item, child_path(path, i))
                      for i, item in enumerate(node.value)], line, path)
    return YNode(_scalar(loader, node), line, path)


def _scalar(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """The scalar as YAML types it; a value YAML cannot build (2025-02-30) stays its text."""
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.constructor.ConstructorError, ValueError, OverflowError):
        return node.value
