"""YAML documents that remember where each value came from (line and field path).

Validation messages name the file, the line and the field path (`events[2].participants[0]`),
so the loader keeps both next to every value. PyYAML's composer gives every node its mark; we
walk the node tree ourselves instead of letting PyYAML build plain dicts, which also lets us
catch a key written twice (PyYAML silently keeps the last one).

Loading is bounded (`BoundedLoader`): an alias (`*name`) repeats the whole value its anchor
names, so a few lines of aliases of aliases stand for billions of values ("billion laughs");
and nesting thousands of levels deep exhausts the stack. Both are refused while the document is
composed, before anything is built, as a YamlUnreadable naming the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from actorgraph.errors import YamlTooComplex, YamlUnreadable
from actorgraph.ingest.files.textchars import line_and_column, name_char

YAML_MAX_DEPTH = 50
"""Nesting of mappings and lists at most (an annotation uses 6 levels)."""
YAML_MAX_ALIASES = 100
"""Alias references (`*name`) per document at most."""
YAML_MAX_ALIAS_VALUES = 10_000
"""Values the aliases of one document repeat, all together, at most."""


class BoundedLoader(yaml.SafeLoader):
    """SafeLoader that refuses deep nesting, many aliases, aliases repeating many values and
    an alias inside the value its own anchor names, while composing (so before any value is
    built or copied). Usable with `yaml.load(text, Loader=BoundedLoader)`."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0
        self._repeated = 0
        self._sizes: dict[int, int] = {}  # id(node) -> values it stands for, once complete

    def fetch_flow_collection_start(self, TokenClass: type) -> None:  # PyYAML names it so
        # Refused while scanning already: for `[[[[...` the scanner otherwise looks up to
        # 1,024 characters ahead at every bracket, which takes seconds.
        if self.flow_level >= YAML_MAX_DEPTH:
            raise YamlTooComplex(self.get_mark().line + 1,
                                 f"values nested at most {YAML_MAX_DEPTH} levels deep",
                                 f"deeper nesting (level {self.flow_level + 1})")
        super().fetch_flow_collection_start(TokenClass)

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            target = self.anchors.get(event.anchor)
            if target is not None:
                self._count_alias(target, line)
            return super().compose_node(parent, index)
        self._depth += 1
        try:
            if self._depth > YAML_MAX_DEPTH:
                raise YamlTooComplex(line, f"values nested at most {YAML_MAX_DEPTH} levels deep",
                                     f"deeper nesting (level {self._depth})")
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        self._sizes[id(node)] = 1 + sum(self._sizes.get(id(child), 1)
                                        for child in _children(node))
        return node

    def _count_alias(self, target: yaml.Node, line: int) -> None:
        self._aliases += 1
        if self._aliases > YAML_MAX_ALIASES:
            raise YamlTooComplex(line, f"at most {YAML_MAX_ALIASES} aliases (*name) in a file",
                                 "more")
        size = self._sizes.get(id(target))
        if size is None:
            raise YamlTooComplex(line, "an alias to a complete value",
                                 "an alias inside the value its anchor names (a value that "
                                 "contains itself)")
        self._repeated += size
        if self._repeated > YAML_MAX_ALIAS_VALUES:
            raise YamlTooComplex(line, f"aliases repeating at most {YAML_MAX_ALIAS_VALUES:,} "
                                       "values in a file",
                                 f"aliases repeating {self._repeated:,} or more (aliases of "
                                 "aliases multiply)")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


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
    return parse_yaml_bytes(path.read_bytes(), root_path)


def parse_yaml_bytes(raw: bytes, root_path: str = "") -> YNode | None:
    """`parse_yaml` of UTF-8 bytes; YamlUnreadable names the line of a byte that is not."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise YamlUnreadable(line, "UTF-8 text",
                             f"byte 0x{raw[e.start]:02x}, which is not UTF-8") from e
    return parse_yaml(text, root_path)


def parse_yaml(text: str, root_path: str = "") -> YNode | None:
    try:
        loader = BoundedLoader(text)  # refuses characters YAML does not allow, at once
    except yaml.reader.ReaderError as e:
        raise _unreadable_character(text, e) from e
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        return _convert(loader, root, root_path)
    except YamlTooComplex as e:
        raise YamlUnreadable(e.line, e.expected, e.found) from e
    except RecursionError as e:  # a safety net: the bounds above stop nesting long before
        raise YamlUnreadable(1, f"values nested at most {YAML_MAX_DEPTH} levels deep",
                             "nesting too deep to read") from e
    except yaml.reader.ReaderError as e:
        raise _unreadable_character(text, e) from e
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = " ".join(str(part) for part in (e.context, e.problem) if part)
        raise YamlUnreadable(line, "valid YAML", f"a syntax error: {problem}") from e
    except yaml.YAMLError as e:
        raise YamlUnreadable(1, "valid YAML", str(e)) from e
    finally:
        loader.dispose()


def _unreadable_character(text: str, error: yaml.reader.ReaderError) -> YamlUnreadable:
    """A character YAML does not allow in a file (NUL, BEL, ...): where and which."""
    index = error.position if isinstance(error.position, int) else 0
    line, column = line_and_column(text, index)
    return YamlUnreadable(line, "text YAML allows (no control characters other than tab and "
                                "line breaks)",
                          f"{name_char(chr(error.character))} at column {column}")


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
