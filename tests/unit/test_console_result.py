"""A console result as CSV, JSON and a dict, its graph's missing ends and its notices."""

from __future__ import annotations

import json

from actorgraph.graph.console.result import ConsoleResult


def test_result_csv_json_and_missing_endpoints() -> None:
    result = ConsoleResult(
        columns=["name", "tags", "n", "r"],
        rows=[["Kim, Jong Un", ["PRK", "leader"], None, None],
              ["B-52H", [], 1.5, {"id": "r1", "type": "USED", "start": "e1", "end": "a1",
                                  "properties": {}}]],
        truncated=True, limit=2, elapsed_ms=3.0,
        nodes=[{"id": "a1", "labels": ["Asset"], "properties": {}}],
        relationships=[{"id": "r1", "type": "USED", "start": "e1", "end": "a1",
                        "properties": {}}],
    )
    assert result.to_csv() == (
        'name,tags,n,r\n"Kim, Jong Un","[""PRK"", ""leader""]",,\n'
        'B-52H,[],1.5,"{""id"": ""r1"", ""type"": ""USED"", ""start"": ""e1"", ""end"": '
        '""a1"", ""properties"": {}}"\n')
    data = json.loads(result.to_json())
    assert data["columns"] == ["name", "tags", "n", "r"]
    assert data["rows"][0] == {"name": "Kim, Jong Un", "tags": ["PRK", "leader"], "n": None,
                               "r": None}
    assert data["truncated"] is True
    assert result.missing_endpoint_ids() == ["e1"]
    assert result.has_graph
    assert ConsoleResult.from_dict(result.to_dict()) == result


def test_truncation_notices_name_the_limit() -> None:
    base = {"columns": ["i"], "rows": [[1], [2]], "limit": 2, "elapsed_ms": 1.0}
    by_rows = ConsoleResult.from_dict(dict(base, truncated=True, truncated_by="rows"))
    assert by_rows.truncation_notice == ("only the first 2 rows are shown; the query returned "
                                         "more (raise --limit)")
    by_bytes = ConsoleResult.from_dict(dict(base, truncated=True, truncated_by="bytes",
                                            max_bytes=4_000_000))
    assert by_bytes.truncation_notice == (
        "only the first 2 rows are shown: the next row would pass the limit of 4,000,000 "
        "bytes (ACTORGRAPH_QUERY_MAX_BYTES)")
    assert ConsoleResult.from_dict(by_bytes.to_dict()) == by_bytes
    assert ConsoleResult.from_dict(dict(base, truncated=False)).truncation_notice is None
