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


@dataclass
class _Agreeing:
    """What a version's claims say, summed up so that a claim is checked against the version in
    one step instead of against each of its claims (a hub event's 200 claims that all agree
    took 19,900 comparisons, about 55 ms of its details panel). The claims of a version agree
    pairwise, so: their date spans all overlap a claim's span exactly when the latest start is
    not after its end and the earliest end not before its start; their place paths form one
    chain of prefixes, so a path neither contains nor is contained by some of them exactly
    when that holds for the longest; and those with a modality are all denials or all not."""

    claims: list[Mapping]
    dates: tuple[str, str] | None = None  # the latest start and the earliest end of the spans
    longest_path: str | None = None
    denied: bool | None = None  # None: no claim of the version gives a modality

    def add(self, claim: Mapping, span: tuple[str, str] | None, path: str | None,
            denied: bool | None) -> None:
        self.claims.append(claim)
        if span:
            self.dates = span if self.dates is None else (max(self.dates[0], span[0]),
                                                          min(self.dates[1], span[1]))
        if path and (self.longest_path is None or len(path) > len(self.longest_path)):
            self.longest_path = path
        if denied is not None:
            self.denied = denied

    def conflicts(self, span: tuple[str, str] | None, path: str | None,
                  denied: bool | None) -> list[str]:
        """What a claim with this span, path and denial disagrees on with some claim here."""
        found = []
        if span and self.dates and (span[1] < self.dates[0] or self.dates[1] < span[0]):
            found.append("date")
        if path and self.longest_path and not (path.startswith(self.longest_path)
                                               or self.longest_path.startswith(path)):
            found.append("place")
        if denied is not None and self.denied is not None and denied != self.denied:
            found.append("modality")
        return found

    def conflicts_with(self, other: _Agreeing) -> list[str]:
        """What some claim here and some claim of `other` disagree on: the earliest end
        against the other's latest start (both ways), the two longest paths, the denials."""
        found = []
        if self.dates and other.dates and (self.dates[1] < other.dates[0]
                                           or other.dates[1] < self.dates[0]):
            found.append("date")
        if self.longest_path and other.longest_path \
                and not (self.longest_path.startswith(other.longest_path)
                         or other.longest_path.startswith(self.longest_path)):
            found.append("place")
        if self.denied is not None and other.denied is not None and self.denied != other.denied:
            found.append("modality")
        return found


def _denied(claim: Mapping) -> bool | None:
    modality = claim.get("modality")
    return (modality == DENIED) if modality else None


def versions(claims: Iterable[Mapping]) -> list[Version]:
    """Claims grouped into versions, in the order they come: a claim joins the first version
    it agrees with entirely, otherwise it starts a new one. One version: the sources agree.
    The same grouping as comparing each claim with every claim of each version
    (`disagreements`), in time linear in the claims for a given number of versions."""
    groups: list[_Agreeing] = []
    for claim in claims:
        span, path, denied = _span(claim), _place_path(claim), _denied(claim)
        for group in groups:
            if not group.conflicts(span, path, denied):
                break
        else:
            group = _Agreeing([])
            groups.append(group)
        group.add(claim, span, path, denied)
    order = ("date", "place", "modality")
    result = []
    for i, group in enumerate(groups):
        differ = {d for j, other in enumerate(groups) if j != i
                  for d in group.conflicts_with(other)}
        result.append(Version(tuple(group.claims), tuple(d for d in order if d in differ)))
    return result


def version_label(index: int) -> str:
    """Version A, B, ... Z, then 27, 28 ..."""
    return chr(ord("A") + index) if index < 26 else str(index + 1)
