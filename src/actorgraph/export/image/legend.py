"""The legend a publication image carries: the kinds of node and edge the image shows.

Entries come from `view/style.py` (THE stylesheet's looks, keyed by the `k-<kind>` and
`e-<edge kind>` classes the elements carry), in the same order and words as the explorer's
legend; kinds hidden by the stylesheet (`display: none`) are left out. Elements drawn with
another stylesheet (the console's graph uses its own) get entries from that stylesheet's
single-class rules instead (`node.Event` -> "Event" in its colour and shape).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from actorgraph.export.data.elements_io import classes_of, is_edge
from actorgraph.view.style import (
    BLOC_COLORS,
    CONTESTED_COLOR,
    EDGE_LOOKS,
    GDELT_COLOR,
    LEGEND_NODE_KINDS,
    UNALIGNED_COLOR,
)

HEDGED_NOTE = "dashed, faded: hedged (suspected, feared, possible, denied)"
CONTESTED_NOTE = "yellow halo: contested (sources disagree)"
GDELT_NOTE = "double border: coded by GDELT (no quotes)"
_SIMPLE_CLASS = re.compile(r"^(node|edge)?\.([A-Za-z0-9_-]+)$")
_IGNORED_CLASSES = frozenset({"hedged", "contested", "gdelt", "path", "expanded", "focus",
                              "relation", "link", "actor", "event", "place", "asset", "stub"})


@dataclass(frozen=True)
class LegendEntry:
    label: str
    kind: str  # "node" | "edge" | "note"
    color: str
    shape: str = "ellipse"
    line: str = "solid"
    arrow: str = "none"
    count: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _hidden_classes(stylesheet: Iterable[Mapping[str, Any]]) -> set[str]:
    hidden = set()
    for rule in stylesheet:
        match = _SIMPLE_CLASS.match(str(rule.get("selector", "")).strip())
        if match and (rule.get("style") or {}).get("display") == "none":
            hidden.add(match.group(2))
    return hidden


def _counts(elements: Iterable[Mapping[str, Any]], hidden: set[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for element in elements:
        classes = classes_of(element)
        if hidden.intersection(classes):
            continue
        counts.update(set(classes))
        counts["__edge__" if is_edge(element) else "__node__"] += 1
    return counts


def _humanize(name: str) -> str:
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).replace("_", " ").replace("-", " ")
    return spaced[:1].upper() + spaced[1:].lower()


def _from_stylesheet(counts: Counter[str],
                     stylesheet: Iterable[Mapping[str, Any]]) -> list[LegendEntry]:
    entries: dict[str, LegendEntry] = {}
    for rule in stylesheet:
        match = _SIMPLE_CLASS.match(str(rule.get("selector", "")).strip())
        if not match:
            continue
        group, cls = match.group(1), match.group(2)
        style = rule.get("style") or {}
        if cls in _IGNORED_CLASSES or not counts.get(cls) or style.get("display") == "none":
            continue
        if group == "edge" or ("line-color" in style and "background-color" not in style):
            entries[cls] = LegendEntry(_humanize(cls), "edge", str(style.get("line-color",
                                       "#999999")), line=str(style.get("line-style", "solid")),
                                       arrow=str(style.get("target-arrow-shape", "none")),
                                       count=counts[cls])
        elif "background-color" in style or "shape" in style:
            entries[cls] = LegendEntry(_humanize(cls), "node", str(style.get(
                "background-color", "#999999")), shape=str(style.get("shape", "ellipse")),
                count=counts[cls])
    return list(entries.values())


def legend_entries(elements: Iterable[Mapping[str, Any]],
                   stylesheet: Iterable[Mapping[str, Any]]) -> list[LegendEntry]:
    """What the image shows, in legend order: blocs, node kinds, edge kinds, then notes."""
    rules = list(stylesheet)
    counts = _counts(elements, _hidden_classes(rules))
    entries: list[LegendEntry] = []
    for i, color in enumerate(BLOC_COLORS):
        if counts.get(f"bloc-{i}"):
            entries.append(LegendEntry(f"Bloc {'ABCD'[i]}", "node", color,
                                       count=counts[f"bloc-{i}"]))
    if counts.get("bloc-none"):
        entries.append(LegendEntry("No signed tie", "node", UNALIGNED_COLOR,
                                   count=counts["bloc-none"]))
    for look in LEGEND_NODE_KINDS:
        if counts.get(f"k-{look.key}"):
            entries.append(LegendEntry(look.label, "node", look.color, shape=look.shape,
                                       count=counts[f"k-{look.key}"]))
    for edge in EDGE_LOOKS:
        if counts.get(f"e-{edge.key}"):
            entries.append(LegendEntry(edge.label, "edge", edge.color, line=edge.line,
                                       arrow=edge.arrow, count=counts[f"e-{edge.key}"]))
    if not entries:
        entries = _from_stylesheet(counts, rules)
    if counts.get("hedged"):
        entries.append(LegendEntry(HEDGED_NOTE, "note", "#6c757d", line="dashed"))
    if counts.get("contested"):
        entries.append(LegendEntry(CONTESTED_NOTE, "note", CONTESTED_COLOR))
    if counts.get("gdelt"):
        entries.append(LegendEntry(GDELT_NOTE, "note", GDELT_COLOR, line="double"))
    return entries
