"""Graph records -> what one view draws (`ViewGraph`). Pure: no database, no Dash.

The view queries (`graph/read/explorer.py`) return a `Fragment` (`graph/read/fragment.py`):
nodes (actors, events, places, assets) and links (relationships as stored). `build_view` turns
fragments into what one view draws:

- `alliances`: actors only; actor-actor relations plus ties implied by shared events (two
  participants of one event: cooperative; a participant and the event's target: hostile when
  the event's Goldstein score is negative, else neutral), actors coloured by bloc
  (`view/blocs.py`). Regions (GDELT's EUR, AFR ...) are places people speak of, not parties:
  they imply no tie and join no bloc; GDELT's bare roles are no nodes at all. Each tie counts
  the GDELT events and documents behind it;
- `events`: actors and the events they took part in or were targeted by (and event sequences);
- `everything`: actors, events, places, assets and every relationship among them.

A view shows facts and the nodes they touch: an actor without a visible fact is not drawn
unless it was asked for (expanded, searched, on a path). Above the element cap the most
connected nodes are kept, and the view says so in `notices`. `view/cytoscape.py` turns a
`ViewGraph` into Cytoscape elements.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from actorgraph.graph.read.fragment import TIE, Fragment, Link, Node
from actorgraph.records import RELATION_TYPES
from actorgraph.view.blocs import Blocs, SignedTie, compute_blocs
from actorgraph.view.style import RELATION_EDGE_KIND

VIEWS: tuple[str, ...] = ("alliances", "events", "everything")
VIEW_LABELS: dict[str, str] = {
    "alliances": "Alliances", "events": "Events", "everything": "Everything",
}
NODE_GROUPS: tuple[str, ...] = ("actor", "event", "place", "asset")
MODALITY_ORDER: tuple[str, ...] = (
    "asserted", "reported", "habitual", "planned", "possible", "suspected", "feared", "denied",
)
"""Most certain first (the writer's order)."""

RELATION_WORDS: dict[str, str] = {
    "ALLIED_WITH": "allied with", "COOPERATES_WITH": "cooperates with", "SUPPORTS": "supports",
    "OPPOSES": "opposes", "DETERS": "deters", "LEADS": "leads", "MEMBER_OF": "member of",
    "SERVES": "serves", "SPEAKS_FOR": "speaks for", "PARTICIPATED_IN": "took part in",
    "DIRECTED_AT": "directed at", "AT": "at", "USED": "used", "FOLLOWS": "follows",
}
NO_BLOC_KINDS: frozenset[str] = frozenset({"region"})
"""Actor kinds that never take part in an implied tie or a bloc."""
STRUCTURAL_TIE_WEIGHT = 0.5
HEDGED_TIE_FACTOR = 0.5


def edge_kind(link: Link) -> str:
    """The kind of line a link is drawn as (the stylesheet's `e-<kind>` classes)."""
    if link.type == TIE:
        return {1: "tie_positive", -1: "tie_hostile"}.get(link.sign, "tie_neutral")
    return RELATION_EDGE_KIND.get(link.type, "participation")


def most_certain(modalities: Iterable[str | None]) -> str | None:
    present = {m for m in modalities if m}
    for modality in MODALITY_ORDER:
        if modality in present:
            return modality
    return None


def _sign(value: float | None) -> int:
    if value is None or value == 0:
        return 0
    return 1 if value > 0 else -1


def implied_ties(fragment: Fragment) -> list[Link]:
    """Actor-actor ties implied by shared events (see the module docstring)."""
    participants: dict[str, list[str]] = defaultdict(list)
    targets: dict[str, list[str]] = defaultdict(list)
    for link in fragment.links.values():
        if not _takes_sides(fragment, link.source if link.type == "PARTICIPATED_IN"
                            else link.target):
            continue
        if link.type == "PARTICIPATED_IN":
            participants[link.target].append(link.source)
        elif link.type == "DIRECTED_AT":
            targets[link.source].append(link.target)
    pairs: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for event_id, actors in participants.items():
        event = fragment.nodes.get(event_id)
        if event is None:
            continue
        actors = sorted(set(actors))
        for i, a in enumerate(actors):
            for b in actors[i + 1:]:
                pairs[(a, b, 1)].append(event_id)
        # A target is who an event deters or addresses: hostile when the event is (negative
        # Goldstein), otherwise neutral - consulting about North Korea is not siding with it.
        sign = -1 if _sign(event.goldstein) < 0 else 0
        for a in actors:
            for t in sorted(set(targets.get(event_id, ()))):
                if t != a:
                    key = (a, t, sign) if a < t else (t, a, sign)
                    pairs[key].append(event_id)
    ties = []
    for (a, b, sign), events in sorted(pairs.items()):
        events = sorted(set(events))
        gdelt = [fragment.nodes[e] for e in events if fragment.nodes[e].gdelt]
        ties.append(Link(
            id=f"tie:{a}|{b}|{sign:+d}", source=a, target=b, type=TIE,
            modality=most_certain(fragment.nodes[e].modality for e in events),
            evidence_count=len(events), events=tuple(events), sign=sign,
            gdelt_events=len(gdelt),
            gdelt_documents=sum(max(1, e.evidence_count) for e in gdelt),
        ))
    return ties


def _takes_sides(fragment: Fragment, actor_id: str) -> bool:
    node = fragment.nodes.get(actor_id)
    return node is None or node.kind not in NO_BLOC_KINDS


def project(fragment: Fragment, view: str) -> tuple[dict[str, Node], dict[str, Link]]:
    """The nodes and edges `view` draws from a fragment, before caps and hiding."""
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; expected one of {', '.join(VIEWS)}")
    if view == "alliances":
        nodes = {i: n for i, n in fragment.nodes.items() if n.group == "actor"}
        edges = {i: e for i, e in fragment.links.items() if e.type in RELATION_TYPES}
        edges.update({t.id: t for t in implied_ties(fragment)})
    elif view == "events":
        nodes = {i: n for i, n in fragment.nodes.items() if n.group in ("actor", "event")}
        edges = {i: e for i, e in fragment.links.items()
                 if e.type in ("PARTICIPATED_IN", "DIRECTED_AT", "FOLLOWS")}
    else:
        nodes = dict(fragment.nodes)
        edges = {i: e for i, e in fragment.links.items() if e.type != TIE}
    edges = {i: e for i, e in edges.items() if e.source in nodes and e.target in nodes}
    return nodes, edges


@dataclass
class ViewGraph:
    view: str
    nodes: list[Node]
    edges: list[Link]
    blocs: Blocs | None = None
    notices: list[str] = field(default_factory=list)
    capped: bool = False
    path_nodes: frozenset[str] = frozenset()
    path_edges: frozenset[str] = frozenset()
    expanded: frozenset[str] = frozenset()

    def degree(self) -> dict[str, int]:
        deg: dict[str, int] = defaultdict(int)
        for e in self.edges:
            deg[e.source] += 1
            deg[e.target] += 1
        return deg


def _edges_among(edges: list[Link], keep: set[str]) -> int:
    return sum(1 for e in edges if e.source in keep and e.target in keep)


def cap_elements(nodes: dict[str, Node], edges: dict[str, Link], cap: int,
                 pinned: Iterable[str] = ()) -> tuple[dict[str, Node], dict[str, Link], bool]:
    """Keep the most connected nodes so that nodes + edges <= cap. Pinned nodes go first."""
    if len(nodes) + len(edges) <= cap:
        return nodes, edges, False
    pinned = set(pinned)
    deg: dict[str, int] = defaultdict(int)
    for e in edges.values():
        deg[e.source] += 1
        deg[e.target] += 1
    ranked = sorted(nodes.values(),
                    key=lambda n: (n.id not in pinned, -deg[n.id], -n.degree, n.id))
    edge_list = list(edges.values())
    lo, hi = 0, len(ranked)
    while lo < hi:  # the largest k whose top-k nodes and their edges fit
        mid = (lo + hi + 1) // 2
        keep = {n.id for n in ranked[:mid]}
        if mid + _edges_among(edge_list, keep) <= cap:
            lo = mid
        else:
            hi = mid - 1
    keep = {n.id for n in ranked[:lo]}
    kept_nodes = {i: n for i, n in nodes.items() if i in keep}
    kept_edges = {i: e for i, e in edges.items() if e.source in keep and e.target in keep}
    return kept_nodes, kept_edges, True


def signed_ties(edges: Iterable[Link]) -> list[SignedTie]:
    """Edges as signed weights for the bloc computation (see docs/explorer.md)."""
    ties = []
    for e in edges:
        stance = e.stance
        if e.type in RELATION_TYPES and stance == 0:
            weight = STRUCTURAL_TIE_WEIGHT  # a minister serves, a leader leads: same side
        else:
            weight = stance * max(1, e.evidence_count)
        if e.hedged:
            weight *= HEDGED_TIE_FACTOR
        if weight:
            ties.append(SignedTie(e.source, e.target, weight))
    return ties


def _path_marks(view: str, paths: Iterable[list[str]], nodes: Mapping[str, Node],
                edges: Mapping[str, Link]) -> tuple[frozenset[str], frozenset[str]]:
    marked_nodes: set[str] = set()
    pairs: set[frozenset[str]] = set()
    for path in paths:
        seq = [n for n in path if n in nodes]
        marked_nodes.update(seq)
        pairs.update(frozenset((a, b)) for a, b in itertools.pairwise(seq))
    marked_edges = {i for i, e in edges.items() if frozenset((e.source, e.target)) in pairs}
    return frozenset(marked_nodes), frozenset(marked_edges)


def build_view(fragment: Fragment, view: str, *, element_cap: int,
               keep: Iterable[str] = (), hidden_nodes: Iterable[str] = (),
               expanded: Iterable[str] = (), paths: Iterable[list[str]] = ()) -> ViewGraph:
    """What `view` draws: projected, hidden nodes removed, isolated actors dropped, capped."""
    nodes, edges = project(fragment, view)
    hidden = set(hidden_nodes)
    keep = set(keep) - hidden
    nodes = {i: n for i, n in nodes.items() if i not in hidden}
    edges = {i: e for i, e in edges.items() if e.source in nodes and e.target in nodes}
    touched = {e.source for e in edges.values()} | {e.target for e in edges.values()}
    nodes = {i: n for i, n in nodes.items()
             if i in touched or i in keep or n.group == "event"}
    paths = [list(p) for p in paths]
    path_ids = {n for p in paths for n in p}
    nodes, edges, capped = cap_elements(nodes, edges, element_cap, pinned=keep | path_ids)
    notices = list(fragment.notices)
    if capped:
        notices.append(
            f"The view is larger than the element cap ({element_cap:,}): showing the "
            f"{len(nodes):,} most connected nodes and the {len(edges):,} edges among them.")
    blocs = None
    if view == "alliances":
        sides = {i for i, n in nodes.items() if n.kind not in NO_BLOC_KINDS}
        blocs = compute_blocs(sorted(sides), signed_ties(
            e for e in edges.values() if e.source in sides and e.target in sides))
    path_nodes, path_edges = _path_marks(view, paths, nodes, edges)
    return ViewGraph(
        view=view, nodes=sorted(nodes.values(), key=lambda n: n.id),
        edges=sorted(edges.values(), key=lambda e: e.id), blocs=blocs, notices=notices,
        capped=capped or fragment.truncated, path_nodes=path_nodes, path_edges=path_edges,
        expanded=frozenset(i for i in expanded if i in nodes),
    )


def kind_counts(graph: ViewGraph) -> dict[str, int]:
    """How many nodes of each kind and edges of each edge kind the view holds."""
    counts: dict[str, int] = defaultdict(int)
    for node in graph.nodes:
        counts[node.kind] += 1
    for edge in graph.edges:
        counts[edge_kind(edge)] += 1
    return dict(counts)


def visible_counts(graph: ViewGraph, hidden_kinds: Iterable[str]) -> dict[str, int]:
    """What is drawn once hidden kinds are hidden: nodes by group, and edges."""
    hidden = set(hidden_kinds)
    shown = {n.id for n in graph.nodes if n.kind not in hidden}
    counts = {group: 0 for group in NODE_GROUPS}
    for node in graph.nodes:
        if node.id in shown:
            counts[node.group] += 1
    counts["edges"] = sum(1 for e in graph.edges if edge_kind(e) not in hidden
                          and e.source in shown and e.target in shown)
    return counts
