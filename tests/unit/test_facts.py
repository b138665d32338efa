"""What a claim keeps: date spans, place paths, GDELT rows as parallel lists (no database)."""

from __future__ import annotations

import pytest

from actorgraph.graph.write.facts import (
    GDELT_FIELDS,
    date_span,
    gdelt_claim_lists,
    gdelt_claim_rows,
    place_path,
)
from actorgraph.records import GdeltFacts, Place


@pytest.mark.parametrize(("value", "precision", "span"), [
    ("2025-07-11", "day", ("2025-07-11", "2025-07-11")),
    ("2025-07-07", "week", ("2025-07-07", "2025-07-13")),
    ("2025-02", "month", ("2025-02-01", "2025-02-28")),
    ("2024-02", "month", ("2024-02-01", "2024-02-29")),
    ("2025", "year", ("2025-01-01", "2025-12-31")),
    ("2025-07-11", "unknown", None),
    (None, "day", None),
])
def test_date_span(value, precision, span):
    assert date_span(value, precision) == span


def test_place_paths_contain_finer_places():
    assert place_path(Place(id="seoul", name="Seoul", country="KOR")) == "KOR/seoul/"
    assert place_path(Place(id="x", name="X")) == "x/"
    assert place_path(Place(id="gdelt-country-kor", name="South Korea", country="KOR",
                            path="KOR/")) == "KOR/"


def facts(gid: int, place: str | None) -> GdeltFacts:
    return GdeltFacts(global_event_id=gid, event_code="042", quad_class=1, goldstein=1.9,
                      num_mentions=gid % 7, num_sources=1, num_articles=2, avg_tone=-1.5,
                      date_added="2025-07-11T12:00:00", is_root_event=True,
                      actor1_code="USAGOV", actor2_code="", place=place,
                      place_path="KOR/" if place else None)


def test_gdelt_rows_become_parallel_lists_ordered_by_global_event_id_without_nulls():
    lists = gdelt_claim_lists(gdelt_claim_rows((facts(12, None), facts(5, "gdelt-country-kor"))))
    assert set(lists) == {prop for _, prop in GDELT_FIELDS}
    assert lists["gdelt_ids"] == [5, 12]
    assert lists["gdelt_places"] == ["gdelt-country-kor", ""]
    assert lists["gdelt_num_mentions"] == [5, 5]
    assert lists["gdelt_actor2_codes"] == ["", ""]
    assert all(None not in values for values in lists.values())
