"""The explorer's shareable state: the URL query string, the page's store, and the changes its
controls make. Pure.

Everything a person would want a colleague to see lives in the URL: view, layout, filters,
hidden kinds, selected element, expansions, hidden nodes and the path pair. Lists repeat their
key (`exp=lavrov&exp=PRK`), so ids never need escaping beyond URL encoding. Unknown or
malformed values fall back to the defaults: a hand-edited URL shows a page, not an error.

The page keeps the state in a store as a dict (`to_dict` / `from_dict`); every control's change
is an action (`ExplorerState.apply`), so the page's callback and the export panel build the same
state from the same data.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any
from urllib.parse import parse_qs, urlencode

from actorgraph.records import MODALITIES
from actorgraph.view.elements import VIEWS
from actorgraph.view.layout import LAYOUTS

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SOURCE_KINDS: tuple[str, ...] = ("article", "gdelt")
"""The source-type filter: annotated articles or GDELT documents (`Article.kind`)."""
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
    source_kind: str | None = None  # "article" or "gdelt" only; None: both
    selected: str | None = None
    expand: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()  # nodes the user hid
    path: tuple[str, ...] = ()  # (source, target) actor ids

    def with_(self, **changes: object) -> ExplorerState:
        return replace(self, **changes)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> ExplorerState:
        """The state a store holds (`to_dict`, lists for tuples); missing fields: defaults."""
        if not data:
            return cls()
        values = {}
        for f in fields(cls):
            if f.name in data:
                value = data[f.name]
                values[f.name] = tuple(value) if isinstance(value, list) else value
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def apply(self, action: Mapping[str, Any]) -> ExplorerState | None:
        """The state after a control changed something; None when nothing is to change.

        Actions (`type` and its values): `expand`/`hide` a `node`, `undo` the last expansion,
        `reset` the exploration, `legend` toggles a `kind`, `pick` a search suggestion's `node`
        (`shown`: the ids drawn now), `select` an element's `id`, `path` from the actor `start`
        to the selected one, `clear-path`, and `filters` (the filter controls' values).
        """
        kind = action.get("type")
        node = action.get("node")
        if kind == "expand" and node:
            if node in self.expand:
                return None
            return self.with_(expand=(*self.expand, node), selected=node)
        if kind == "hide" and node:
            return self.with_(drop=(*self.drop, node), selected=None,
                              expand=tuple(e for e in self.expand if e != node))
        if kind == "undo":
            return self.with_(expand=self.expand[:-1]) if self.expand else None
        if kind == "reset":
            return self.with_(expand=(), drop=(), selected=None, path=())
        if kind == "legend":
            hidden = action["kind"]
            hide = tuple(k for k in self.hide if k != hidden) if hidden in self.hide \
                else (*self.hide, hidden)
            return self.with_(hide=hide)
        if kind == "pick":
            shown = set(action.get("shown") or ())
            expand = self.expand if node in shown or node in self.expand \
                else (*self.expand, node)
            drop = tuple(d for d in self.drop if d != node)
            return self.with_(selected=node, expand=expand, drop=drop)
        if kind == "select":
            return self.with_(selected=action.get("id"))
        if kind == "path":
            start = action.get("start")
            if not start or not self.selected or self.selected == start:
                return None
            return self.with_(path=(start, self.selected))
        if kind == "clear-path":
            return self.with_(path=())
        if kind == "filters":
            new = self._filtered(action)
            return None if new == self else new
        return None

    def _filtered(self, values: Mapping[str, Any]) -> ExplorerState:
        view = values.get("view")
        modal = tuple(m for m in MODALITIES if m in (values.get("modalities") or []))
        try:
            support = max(1, int(values.get("min_support") or 1))
        except (TypeError, ValueError):
            support = 1
        art, outlets, sources = (values.get(k) for k in ("articles", "outlets", "sources"))
        return self.with_(
            view=view if view in VIEWS else self.view, layout=values.get("layout") or self.layout,
            modalities=None if len(modal) == len(MODALITIES) else modal,
            articles=tuple(art) if art else None, outlets=tuple(outlets) if outlets else None,
            sources=tuple(sources) if sources else None, event_from=values.get("event_from"),
            event_to=values.get("event_to"), pub_from=values.get("pub_from"),
            pub_to=values.get("pub_to"), min_support=support,
            contested=bool(values.get("contested")),
            source_kind=_source_kind(values.get("source_kind")),
        )


def _source_kind(raw: object) -> str | None:
    return raw if isinstance(raw, str) and raw in SOURCE_KINDS else None


_KEYS: dict[str, str] = {
    "view": "view", "layout": "layout", "modalities": "mod", "hide": "hide",
    "articles": "art", "outlets": "outlet", "sources": "src", "event_from": "from",
    "event_to": "to", "pub_from": "pfrom", "pub_to": "pto", "min_support": "min",
    "contested": "contested", "source_kind": "stype",
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
        source_kind=_source_kind(one("stype")),
        selected=one("sel"),
        expand=tuple(dict.fromkeys(v for v in _values(params.get("exp")) if v)),
        drop=tuple(dict.fromkeys(v for v in _values(params.get("drop")) if v)),
        path=path if len(path) == 2 else (),
    )


def from_query(query: str) -> ExplorerState:
    """State from a query string, with or without the leading '?'."""
    parsed = parse_qs(query.lstrip("?"), keep_blank_values=True)
    return from_params({k: v[0] if len(v) == 1 else v for k, v in parsed.items()})
