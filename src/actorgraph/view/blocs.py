"""Alliance blocs: a two-bloc partition of actors from signed ties (structural balance).

Input: signed, weighted ties between actors (+ cooperative, - hostile). Output: each actor's
bloc (0 or 1) or None when it has no signed tie. The partition minimises *frustration*: the
weight of positive ties that cross blocs plus negative ties inside a bloc. That is Heider's
structural balance ("the enemy of my enemy is my friend"), the reading news about alliances
invites: who stands with whom against whom. Communities of the positive graph alone would
ignore hostility, which is half of what the articles say.

Exact minimisation is NP-hard; per connected component we start from a signed breadth-first
two-colouring (exact when the component is balanced) and improve it by single-actor moves
until no move lowers the frustration. Deterministic: the same ties give the same blocs.
Only the largest connected part of the signed graph is split into blocs (bloc 0 is the side of
its most strongly tied actor); actors of smaller parts stay unaligned, since the sides of two
unconnected parts cannot be matched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

MAX_SWEEPS = 50


@dataclass(frozen=True)
class SignedTie:
    a: str
    b: str
    weight: float  # > 0 cooperative, < 0 hostile


@dataclass(frozen=True)
class Blocs:
    assignment: dict[str, int | None]
    frustration: float
    """Weight of ties the partition leaves unbalanced (0 for a perfectly balanced graph)."""

    def members(self, bloc: int) -> list[str]:
        return sorted(a for a, b in self.assignment.items() if b == bloc)


def _adjacency(ties: Iterable[SignedTie]) -> dict[str, dict[str, float]]:
    adj: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for tie in ties:
        if tie.a == tie.b or tie.weight == 0:
            continue
        adj[tie.a][tie.b] += tie.weight
        adj[tie.b][tie.a] += tie.weight
    # Pairs whose signs cancel out carry no information.
    return {a: {b: w for b, w in nbrs.items() if w != 0} for a, nbrs in adj.items()}


def _components(adj: dict[str, dict[str, float]]) -> list[list[str]]:
    seen: set[str] = set()
    components = []
    for start in sorted(adj):
        if start in seen or not adj[start]:
            continue
        stack, comp = [start], []
        seen.add(start)
        while stack:
            node = stack.pop()
            comp.append(node)
            for nbr in adj[node]:
                if nbr not in seen:
                    seen.add(nbr)
                    stack.append(nbr)
        components.append(sorted(comp))
    return components


def _strength(adj: dict[str, dict[str, float]], node: str) -> float:
    return sum(abs(w) for w in adj[node].values())


def _two_colour(adj: dict[str, dict[str, float]], comp: list[str]) -> dict[str, int]:
    root = max(comp, key=lambda n: (_strength(adj, n), n))
    side = {root: 0}
    queue = [root]
    while queue:
        node = queue.pop(0)
        # Strongest ties first, so an unbalanced component keeps its strongest ties balanced.
        for nbr, w in sorted(adj[node].items(), key=lambda kv: (-abs(kv[1]), kv[0])):
            if nbr not in side:
                side[nbr] = side[node] if w > 0 else 1 - side[node]
                queue.append(nbr)
    return side


def _gain(adj: dict[str, dict[str, float]], side: dict[str, int], node: str) -> float:
    """How much frustration drops if `node` changes side."""
    gain = 0.0
    for nbr, w in adj[node].items():
        same = side[nbr] == side[node]
        frustrated_now = (w > 0 and not same) or (w < 0 and same)
        gain += abs(w) if frustrated_now else -abs(w)
    return gain


def frustration(ties: Iterable[SignedTie], assignment: dict[str, int | None]) -> float:
    total = 0.0
    for a, nbrs in _adjacency(ties).items():
        for b, w in nbrs.items():
            if a < b and assignment.get(a) is not None and assignment.get(b) is not None:
                same = assignment[a] == assignment[b]
                if (w > 0 and not same) or (w < 0 and same):
                    total += abs(w)
    return total


def compute_blocs(actors: Iterable[str], ties: Iterable[SignedTie]) -> Blocs:
    """Each actor's bloc (0, 1) or None (no signed tie); see the module docstring."""
    ties = list(ties)
    adj = _adjacency(ties)
    assignment: dict[str, int | None] = {a: None for a in actors}
    components = _components(adj)
    components.sort(key=lambda c: (-len(c), c[0]))
    # Blocs are only comparable within one connected part: the largest part gets blocs, the
    # actors of smaller parts stay unaligned (their sides would carry an arbitrary label).
    for comp in components[:1]:
        side = _two_colour(adj, comp)
        for _ in range(MAX_SWEEPS):
            moved = False
            for node in comp:
                if _gain(adj, side, node) > 1e-9:
                    side[node] = 1 - side[node]
                    moved = True
            if not moved:
                break
        anchor = max(comp, key=lambda n: (_strength(adj, n), n))
        flip = side[anchor] != 0
        for node in comp:
            assignment[node] = (1 - side[node]) if flip else side[node]
    return Blocs(assignment=assignment, frustration=frustration(ties, assignment))
