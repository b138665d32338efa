"""Driver values as JSON-safe values and their size as JSON (no database)."""

from __future__ import annotations

import json

import neo4j.spatial
import neo4j.time
import pytest
import pytz

from actorgraph.graph.console.values import json_size, to_json_value


def test_temporal_spatial_and_odd_values_become_json() -> None:
    berlin = pytz.timezone("Europe/Berlin")
    values = [
        neo4j.time.Date(2025, 7, 1),
        neo4j.time.DateTime(2025, 7, 1, 10, 0, 0, tzinfo=pytz.FixedOffset(540)),
        berlin.localize(neo4j.time.DateTime(2025, 7, 1, 10, 0, 0)),
        neo4j.time.DateTime(2025, 7, 1, 10, 0, 0, 500_000_000),
        neo4j.time.Time(10, 30, 0),
        neo4j.time.Duration(days=3, hours=2),
        neo4j.spatial.WGS84Point((126.5, 33.5)),
        neo4j.spatial.CartesianPoint((1.0, 2.0, 3.0)),
        float("nan"), float("inf"), b"\x00\x01", {"k": [neo4j.time.Date(2025, 1, 2)]},
    ]
    assert [to_json_value(v) for v in values] == [
        "2025-07-01",
        "2025-07-01T10:00:00+09:00",
        "2025-07-01T10:00:00+02:00[Europe/Berlin]",
        "2025-07-01T10:00:00.500000000",
        "10:30:00",
        "P3DT2H",
        {"srid": 4326, "longitude": 126.5, "latitude": 33.5},
        {"srid": 9157, "x": 1.0, "y": 2.0, "z": 3.0},
        "NaN", "Infinity", "AAE=", {"k": ["2025-01-02"]},
    ]
    json.dumps([to_json_value(v) for v in values], allow_nan=False)


@pytest.mark.parametrize("value", [
    None, True, False, 0, -12345678901234, 2.5, "", "abc", "Nordkorea ü 한국",
    [1, "a", None], {"a": [1, 2, {"b": "c"}], "d": True}, [[[[]]]], {},
])
def test_json_size_is_the_length_of_the_json(value: object) -> None:
    assert json_size(value) == len(json.dumps(value, ensure_ascii=False, separators=(",", ":"))
                                   .encode("utf-8"))
