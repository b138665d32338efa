"""THE stylesheet: how every kind of node and edge looks, in the app and in every image export.

Pure data, no Dash server state, so the export code can import it. Elements carry classes
(`actor k-state`, `event k-meeting hedged`, `e-support`); this module maps classes to looks with
class selectors only, never per-element styles. Legend entries (`LEGEND_NODE_KINDS`,
`LEGEND_EDGE_KINDS`) use the same keys the elements carry in `data.kind` / `data.edge_kind`, and
hiding a kind is one more `display: none` rule for its class.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from actorgraph.view import fonts


@dataclass(frozen=True)
class KindLook:
    key: str
    label: str
    color: str
    shape: str = "ellipse"


# Actor kinds: shape tells the kind, so that in the alliance view the fill can tell the bloc.
ACTOR_LOOKS: tuple[KindLook, ...] = (
    KindLook("state", "State", "#3b6fb6", "round-rectangle"),
    KindLook("person", "Person", "#8e6bbf", "ellipse"),
    KindLook("organization", "Organisation", "#2a9d8f", "hexagon"),
    KindLook("military_force", "Military force", "#7a5c3e", "diamond"),
    KindLook("region", "Region", "#8d99ae", "octagon"),  # a CAMEO region (GDELT): no bloc
)

# Events: one shape per family, one colour per kind.
_FORCE, _TALK, _WORD, _GIVE = "star", "round-triangle", "round-tag", "vee"
EVENT_LOOKS: tuple[KindLook, ...] = (
    KindLook("military_exercise", "Military exercise", "#d1495b", _FORCE),
    KindLook("deployment", "Deployment", "#b5179e", _FORCE),
    KindLook("missile_test", "Missile test", "#e76f51", _FORCE),
    KindLook("threat", "Threat", "#9d0208", _FORCE),
    KindLook("coercion", "Coercion", "#6a040f", _FORCE),
    KindLook("assault", "Assault", "#c1121f", _FORCE),
    KindLook("fight", "Fight", "#780000", _FORCE),
    KindLook("meeting", "Meeting", "#2f9e44", _TALK),
    KindLook("dialogue", "Dialogue", "#40916c", _TALK),
    KindLook("visit", "Visit", "#74c69d", _TALK),
    KindLook("statement", "Statement", "#e9c46a", _WORD),
    KindLook("demand", "Demand", "#f4a261", _WORD),
    KindLook("pledge", "Pledge", "#c9a227", _WORD),
    KindLook("protest", "Protest", "#bc6c25", _WORD),
    KindLook("transfer", "Transfer", "#6c757d", _GIVE),
    KindLook("cooperation", "Cooperation", "#52b788", _GIVE),
)
OTHER_LOOKS: tuple[KindLook, ...] = (
    KindLook("place", "Place", "#577590", "pentagon"),
    KindLook("asset", "Asset", "#9c6644", "barrel"),
)
LEGEND_NODE_KINDS: tuple[KindLook, ...] = ACTOR_LOOKS + EVENT_LOOKS + OTHER_LOOKS
FALLBACK_EVENT_LOOK = KindLook("event", "Event", "#adb5bd", "round-tag")


@dataclass(frozen=True)
class EdgeLook:
    key: str
    label: str
    color: str
    arrow: str = "triangle"
    line: str = "solid"


EDGE_LOOKS: tuple[EdgeLook, ...] = (
    EdgeLook("alliance", "Alliance", "#2b9348", "none"),
    EdgeLook("cooperates", "Cooperation", "#80b918"),
    EdgeLook("support", "Support", "#007f5f"),
    EdgeLook("opposition", "Opposition / deterrence", "#d62828", "tee"),
    EdgeLook("office", "Office (leads, serves, member of, speaks for)", "#8d99ae", "triangle",
             "solid"),
    EdgeLook("participation", "Took part in", "#9aa5b1"),
    EdgeLook("target", "Directed at", "#e85d04", "triangle"),
    EdgeLook("location", "Took place at", "#b8c0c8", "none"),
    EdgeLook("asset_use", "Used", "#b8c0c8", "none"),
    EdgeLook("sequence", "Follows", "#495057", "triangle"),
    EdgeLook("tie_positive", "Shared event, cooperative", "#52b788", "none"),
    EdgeLook("tie_hostile", "Shared event, hostile", "#f77f00", "none"),
    EdgeLook("tie_neutral", "Shared event, neutral", "#adb5bd", "none"),
)
LEGEND_EDGE_KINDS = EDGE_LOOKS

RELATION_EDGE_KIND: dict[str, str] = {
    "ALLIED_WITH": "alliance", "COOPERATES_WITH": "cooperates", "SUPPORTS": "support",
    "OPPOSES": "opposition", "DETERS": "opposition", "LEADS": "office", "MEMBER_OF": "office",
    "SERVES": "office", "SPEAKS_FOR": "office", "PARTICIPATED_IN": "participation",
    "DIRECTED_AT": "target", "AT": "location", "USED": "asset_use", "FOLLOWS": "sequence",
}

BLOC_COLORS: tuple[str, ...] = ("#1d4e89", "#c1121f", "#2a9d8f", "#e9a03b")
UNALIGNED_COLOR = "#adb5bd"
SELECTED_COLOR = "#ffb703"
PATH_COLOR = "#7b2cbf"
CONTESTED_COLOR = "#ffd60a"
GDELT_COLOR = "#0b7285"

EDGE_WEIGHT_RANGE = (1, 8)
"""`data.weight` (supporting articles, shared events or |Goldstein|) mapped to 1.5-9 px."""
NODE_DEGREE_RANGE = (0, 12)


def _node_rules(looks: Iterable[KindLook]) -> list[dict]:
    return [{"selector": f".k-{look.key}",
             "style": {"background-color": look.color, "shape": look.shape}}
            for look in looks]


def _edge_rules() -> list[dict]:
    rules = []
    for look in EDGE_LOOKS:
        rules.append({"selector": f".e-{look.key}", "style": {
            "line-color": look.color, "target-arrow-color": look.color,
            "target-arrow-shape": look.arrow, "line-style": look.line,
        }})
    return rules


def base_stylesheet() -> list[dict]:
    """Every rule that does not depend on what the user hid or chose."""
    lo, hi = NODE_DEGREE_RANGE
    wlo, whi = EDGE_WEIGHT_RANGE
    rules: list[dict] = [
        {"selector": "node", "style": {
            "label": "data(label)", "font-size": 11, "font-family": fonts.SANS,
            "color": "#1b1f24", "text-valign": "bottom", "text-halign": "center",
            "text-margin-y": 4, "text-wrap": "wrap", "text-max-width": 130,
            "text-outline-color": "#ffffff", "text-outline-width": 2,
            "min-zoomed-font-size": 7,
            "width": f"mapData(degree, {lo}, {hi}, 22, 54)",
            "height": f"mapData(degree, {lo}, {hi}, 22, 54)",
            "background-color": FALLBACK_EVENT_LOOK.color, "border-width": 1,
            "border-color": "#ffffff",
        }},
        {"selector": "node.event", "style": {"font-size": 9, "text-max-width": 110,
                                             "color": "#3d4750"}},
        {"selector": "node.place, node.asset", "style": {"font-size": 9, "color": "#3d4750"}},
        {"selector": "edge", "style": {
            "curve-style": "bezier", "width": f"mapData(weight, {wlo}, {whi}, 1.5, 9)",
            "line-color": "#c0c6cc", "target-arrow-color": "#c0c6cc",
            "target-arrow-shape": "triangle", "arrow-scale": 0.8, "opacity": 0.85,
            "label": "", "font-size": 8, "font-family": fonts.SANS, "color": "#555",
            "text-rotation": "autorotate",
            "text-background-color": "#ffffff", "text-background-opacity": 0.8,
            "text-background-padding": 1, "min-zoomed-font-size": 8,
        }},
        {"selector": "edge.relation", "style": {"label": "data(label)"}},
    ]
    rules += _node_rules(ACTOR_LOOKS) + _node_rules(EVENT_LOOKS) + _node_rules(OTHER_LOOKS)
    rules += _edge_rules()
    rules += [
        {"selector": ".bloc-none", "style": {"background-color": UNALIGNED_COLOR}},
        *[{"selector": f".bloc-{i}", "style": {"background-color": color}}
          for i, color in enumerate(BLOC_COLORS)],
        # Hedged facts: dashed and faded, for events (nodes) and relations (edges) alike.
        {"selector": "edge.hedged", "style": {"line-style": "dashed", "opacity": 0.45,
                                              "line-dash-pattern": [6, 4]}},
        {"selector": "node.hedged", "style": {"background-opacity": 0.4, "border-style": "dashed",
                                              "border-width": 2, "border-color": "#6c757d"}},
        {"selector": ".contested", "style": {"underlay-color": CONTESTED_COLOR,
                                             "underlay-opacity": 0.35, "underlay-padding": 4}},
        # GDELT-coded events: a double border (they are never hedged, so it does not clash).
        {"selector": "node.gdelt", "style": {"border-style": "double", "border-width": 4,
                                             "border-color": GDELT_COLOR}},
        {"selector": "node.path", "style": {"border-width": 4, "border-color": PATH_COLOR}},
        {"selector": "edge.path", "style": {"line-color": PATH_COLOR,
                                            "target-arrow-color": PATH_COLOR, "opacity": 1,
                                            "z-index": 9}},
        {"selector": "node.expanded", "style": {"border-width": 3, "border-color": "#343a40"}},
        {"selector": "node:selected, node.focus", "style": {
            "border-width": 5, "border-color": SELECTED_COLOR, "font-weight": "bold",
            "z-index": 10}},
        {"selector": "edge:selected", "style": {"line-color": SELECTED_COLOR,
                                                "target-arrow-color": SELECTED_COLOR,
                                                "opacity": 1, "label": "data(label)"}},
    ]
    return rules


def stylesheet(hidden_kinds: Iterable[str] = ()) -> list[dict]:
    """The stylesheet with every hidden node or edge kind set to `display: none`."""
    known = {look.key for look in LEGEND_NODE_KINDS} | {look.key for look in EDGE_LOOKS}
    hidden = sorted(k for k in set(hidden_kinds) if k in known)
    rules = base_stylesheet()
    for key in hidden:
        prefix = "k" if key in {look.key for look in LEGEND_NODE_KINDS} else "e"
        rules.append({"selector": f".{prefix}-{key}", "style": {"display": "none"}})
    return rules


def node_look(kind: str) -> KindLook:
    for look in LEGEND_NODE_KINDS:
        if look.key == kind:
            return look
    return FALLBACK_EVENT_LOOK


def edge_look(kind: str) -> EdgeLook:
    for look in EDGE_LOOKS:
        if look.key == kind:
            return look
    return EdgeLook(kind, kind, "#c0c6cc")
