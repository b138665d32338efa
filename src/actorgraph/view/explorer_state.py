"""The explorer's shareable state <-> the URL query string. Pure.

Everything a person would want a colleague to see lives in the URL: view, layout, filters,
hidden kinds, selected element, expansions, hidden nodes and the path pair. Lists repeat their
key (`exp=lavrov&exp=PRK`), so ids never need escaping beyond URL encoding. Unknown or
malformed values fall back to the defaults: a hand-edited URL shows a page, not an error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from urllib.parse import parse_qs, urlencode

from actorgraph.records import MODALITIES
from actorgraph.view.elements import VIEWS

LAYOUTS: tuple[str, ...] = ("force", "hierarchical", "concentric", "grid", "map")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_LIST = 200


@dataclass(frozen=True)
class ExplorerState:
    view: str = "alliances"
    layout: str = "force"
    modalities: tuple[str, ...] | None = None  # None: all modalities
    hide: tuple[str, ...] = ()  # node and edge kinds hidden from the legend
    articles: tuple[str, ...] | None = None
    outlets: tuple[str, ...] | None = None
    sources: tuple[str, ...] | None = None
    event_from: str | None = None
    event_to: str | None = None
    pub_from: str | None = None
    pub_to: str | None = None
    min_support: int = 1
    contested: bool = False  # contested facts only (sources disagree)
    selected: str | None = None
    expand: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()  # nodes the user hid
    path: tuple[str, ...] = ()  # (source, target) actor ids

    def with_(self, **changes: object) -> ExplorerState:
        return replace(self, **changes)


_KEYS: dict[str, str] = {
    "view": "view", "layout": "layout", "modalities": "mod", "hide": "hide",
    "articles": "art", "outlets": "outlet", "sources": "src", "event_from": "from",
    "event_to": "to", "pub_from": "pfrom", "pub_to": "pto", "min_support": "min",
    "contested": "contested",
    "selected": "sel", "expand": "exp", "drop": "drop", "path": "path",
}
DEFAULT = ExplorerState()


def to_query(state: ExplorerState) -> str:
    """The query string (without '?') holding every value that differs from the default."""
    pairs: list[tuple[str, str]] = []
    for f in fields(ExplorerState):
        value = getattr(state, f.name)
        if value == getattr(DEFAULT, f.name):
            continue
        key = _KEYS[f.name]
        if isinstance(value, tuple):
            if not value:  # an empty filter list: "none allowed"
                pairs.append((key, ""))
            pairs.extend((key, str(v)) for v in value)
        elif isinstance(value, bool):
            pairs.append((key, "1" if value else "0"))
        elif value is not None:
            pairs.append((key, str(value)))
    return urlencode(pairs)


def _values(raw: object) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, (list, tuple)):
        return [str(v) for v in raw][:MAX_LIST]
    return [str(raw)]


def _day(raw: object) -> str | None:
    values = _values(raw)
    return values[0] if values and _ISO_DAY.match(values[0]) else None


def _filter_list(raw: object, allowed: tuple[str, ...] | None = None) -> tuple[str, ...] | None:
    if raw is None:
        return None
    values = [v for v in _values(raw) if v]
    if allowed is not None:
        values = [v for v in values if v in allowed]
    return tuple(dict.fromkeys(values))


def from_params(params: Mapping[str, object]) -> ExplorerState:
    """State from parsed query parameters (Dash passes them to the page layout like this)."""
    def one(key: str) -> str | None:
        values = _values(params.get(key))
        return values[0] if values and values[0] else None

    view = one("view")
    layout = one("layout")
    try:
        min_support = max(1, min(1000, int(one("min") or 1)))
    except ValueError:
        min_support = 1
    path = tuple(v for v in _values(params.get("path")) if v)[:2]
    return ExplorerState(
        view=view if view in VIEWS else DEFAULT.view,
        layout=layout if layout in LAYOUTS else DEFAULT.layout,
        modalities=_filter_list(params.get("mod"), MODALITIES),
        hide=tuple(dict.fromkeys(v for v in _values(params.get("hide")) if v)),
        articles=_filter_list(params.get("art")),
        outlets=_filter_list(params.get("outlet")),
        sources=_filter_list(params.get("src")),
        event_from=_day(params.get("from")), event_to=_day(params.get("to")),
        pub_from=_day(params.get("pfrom")), pub_to=_day(params.get("pto")),
        min_support=min_support,
        contested=one("contested") in ("1", "true", "yes"),
        selected=one("sel"),
        expand=tuple(dict.fromkeys(v for v in _values(params.get("exp")) if v)),
        drop=tuple(dict.fromkeys(v for v in _values(params.get("drop")) if v)),
        path=path if len(path) == 2 else (),
    )


def from_query(query: str) -> ExplorerState:
    """State from a query string, with or without the leading '?'."""
    parsed = parse_qs(query.lstrip("?"), keep_blank_values=True)
    return from_params({k: v[0] if len(v) == 1 else v for k, v in parsed.items()})
