"""Which sources of one fact agree and which conflict. Pure: claims (dicts) in, groups out.

The writer marks a fact `contested` when two of its claims disagree (docs/gdelt.md): on the
date (two date spans that do not overlap: 11 July vs 12 July; "July" and "11 July" agree), on
the place (two containment paths neither of which holds the other: Seoul vs Pyongyang; South
Korea and Seoul agree) or on the modality (one claim denies what another states). The details
panel shows such a fact as versions: each version is a set of claims that agree with one
another, and the versions conflict. Nothing here decides which version is right.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

DENIED = "denied"


def _span(claim: Mapping) -> tuple[str, str] | None:
    start, end = claim.get("date_from"), claim.get("date_to")
    if start and end:
        return str(start), str(end)
    date = claim.get("date")
    if not date:
        return None
    date = str(date)
    return ({4: date + "-01-01", 7: date + "-01"}.get(len(date), date[:10]),
            {4: date + "-12-31", 7: date + "-31"}.get(len(date), date[:10]))


def _place_path(claim: Mapping) -> str | None:
    path = claim.get("place_path")
    if path:
        return str(path)
    place = claim.get("place")
    return f"{place}/" if place else None


def disagreements(a: Mapping, b: Mapping) -> list[str]:
    """What two claims of one fact disagree on: a subset of date, place, modality (in order)."""
    found = []
    span_a, span_b = _span(a), _span(b)
    if span_a and span_b and (span_a[1] < span_b[0] or span_b[1] < span_a[0]):
        found.append("date")
    path_a, path_b = _place_path(a), _place_path(b)
    if path_a and path_b and not (path_a.startswith(path_b) or path_b.startswith(path_a)):
        found.append("place")
    mod_a, mod_b = a.get("modality"), b.get("modality")
    if mod_a and mod_b and (mod_a == DENIED) != (mod_b == DENIED):
        found.append("modality")
    return found


@dataclass(frozen=True)
class Version:
    """Claims that agree with one another; `conflicts_on` is what sets them apart from the
    other versions."""

    claims: tuple[Mapping, ...]
    conflicts_on: tuple[str, ...] = ()

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(str(c.get("article_id")) for c in self.claims))


def versions(claims: Iterable[Mapping]) -> list[Version]:
    """Claims grouped into versions, in the order they come: a claim joins the first version
    it agrees with entirely, otherwise it starts a new one. One version: the sources agree."""
    groups: list[list[Mapping]] = []
    for claim in claims:
        for group in groups:
            if not any(disagreements(claim, other) for other in group):
                group.append(claim)
                break
        else:
            groups.append([claim])
    result = []
    for i, group in enumerate(groups):
        differ: list[str] = []
        for j, other in enumerate(groups):
            if i == j:
                continue
            for a in group:
                for b in other:
                    differ += [d for d in disagreements(a, b) if d not in differ]
        order = ("date", "place", "modality")
        result.append(Version(tuple(group), tuple(d for d in order if d in differ)))
    return result


def version_label(index: int) -> str:
    """Version A, B, ... Z, then 27, 28 ..."""
    return chr(ord("A") + index) if index < 26 else str(index + 1)
