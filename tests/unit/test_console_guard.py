"""The console's guard against hostile text (issue #13), without a database: length and depth
limits, deep and large parameters, USE after UNION, CYPHER debug options, huge timeouts, the
byte estimate and the truncation notices."""

from __future__ import annotations

import json

import pytest

from actorgraph.errors import ConfigError, QueryFailed, QueryRefused
from actorgraph.graph.console.run import (
    ConsoleResult,
    check_params,
    check_size,
    check_text,
    json_size,
    json_text_depth,
    parse_param_value,
    resolve_limits,
)

DEPTH = ("Refused: the query nests brackets, CASE or chained operators more than 100 levels "
         "deep (ACTORGRAPH_QUERY_MAX_DEPTH), which Neo4j's parser may not survive; split the "
         "expression, or use IN [...] instead of a long OR chain")


def refusal(text: str) -> str:
    with pytest.raises(QueryRefused) as info:
        check_text(text)
    return str(info.value)


# Shapes that overflowed Neo4j 5.26's parser at the sizes measured (the server never answered):
# parentheses, lists and maps ~300 deep, string concatenation ~250, property chains and nested
# CASE ~200, NOT chains ~500, OR chains of ~500 comparisons, `+` chains ~5,000.
@pytest.mark.parametrize("text,column", [
    ("RETURN " + "(" * 1500 + "1" + ")" * 1500, 108),
    ("RETURN " + "[" * 10000 + "1" + "]" * 10000, 108),
    ("RETURN " + "{a: " * 300 + "1" + "}" * 300, 208),
    ("RETURN 'a'" + " + 'a'" * 250, 612),
    ("WITH {a: 1} AS m RETURN m" + ".a" * 200, 226),
    ("RETURN " + "CASE WHEN true THEN " * 200 + "1" + " END" * 200, 2008),
    ("RETURN " + "NOT " * 500 + "true", 408),
    ("MATCH (n) WHERE " + " OR ".join(f"n.a = {i}" for i in range(500)) + " RETURN n", 407),
    ("RETURN 1" + "+1" * 1000, 209),
    ("RETURN " + "(" * 60 + "1" + " + 1" * 60 + ")" * 60, 230),
])
def test_deep_text_is_refused_at_the_level_that_passes_the_limit(text: str, column: int) -> None:
    assert refusal(text).splitlines()[0] == DEPTH + f" (line 1, column {column}, offset " \
        f"{column - 1})"


@pytest.mark.parametrize("text", [
    "RETURN " + "(" * 99 + "1" + ")" * 99,
    "RETURN [" + ", ".join(str(i) for i in range(10000)) + "]",
    "MATCH (n) WHERE " + " OR ".join(f"n.a = {i}" for i in range(30)) + " RETURN n",
    "MATCH (a)-[:R]->(b)-[:R]->(c)-[:R]->(d)-[:R]->(e) WHERE a.x = 1 AND b.y = 2 "
    "RETURN a, b, c, d, e ORDER BY a.name, b.name",
    "RETURN CASE WHEN 1 > 0 THEN 'a' ELSE CASE WHEN 2 > 1 THEN 'b' ELSE 'c' END END AS x",
])
def test_ordinary_text_passes_the_size_check(text: str) -> None:
    assert check_size(text)


def test_the_dashboards_examples_pass_the_guard() -> None:
    from actorgraph.view.console_examples import EXAMPLES

    for example in EXAMPLES:
        check_text(example["query"])
        check_params(example["params"])


def test_depth_and_length_limits_are_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "RETURN " + "(" * 150 + "1" + ")" * 150
    refusal(text)
    monkeypatch.setenv("ACTORGRAPH_QUERY_MAX_DEPTH", "200")
    assert check_text(text)
    monkeypatch.setenv("ACTORGRAPH_QUERY_MAX_LENGTH", "20")
    assert refusal("MATCH (n) RETURN n.name") == (
        "Refused: the query is 23 characters long; the console accepts at most 20 "
        "(ACTORGRAPH_QUERY_MAX_LENGTH)")
    monkeypatch.setenv("ACTORGRAPH_QUERY_MAX_LENGTH", "0")
    with pytest.raises(ConfigError) as info:
        check_text("RETURN 1")
    assert str(info.value) == "ACTORGRAPH_QUERY_MAX_LENGTH must be at least 1; found 0"


def test_brackets_inside_strings_and_comments_do_not_count() -> None:
    text = "RETURN '" + "(" * 5000 + "' AS s // " + "[" * 5000 + "\n"
    assert check_text(text)


# -- USE and CYPHER options ------------------------------------------------------------------

USE = "Refused: USE switches the database; the console reads the configured database only"


@pytest.mark.parametrize("text", [
    "MATCH (n) RETURN n UNION USE neo4j MATCH (n) RETURN n",
    "MATCH (n) RETURN n UNION ALL USE neo4j MATCH (n) RETURN n",
    "MATCH (n) RETURN n UNION DISTINCT USE `neo4j` MATCH (n) RETURN n",
    "CALL () { USE neo4j MATCH (n) RETURN n } RETURN n",
    "MATCH (m) WITH m USE neo4j MATCH (n) RETURN n",
])
def test_use_is_refused_wherever_it_opens_a_clause(text: str) -> None:
    assert refusal(text).splitlines()[0].startswith(USE + " (line 1")


@pytest.mark.parametrize("text", [
    "WITH 1 AS use RETURN use",
    "MATCH (use) RETURN use.name",
    "MATCH (n:USE) RETURN n",
    "MATCH (n) RETURN n.use AS use",
    "UNWIND [1] AS use RETURN use AS x",
])
def test_use_as_a_name_passes(text: str) -> None:
    assert check_text(text)


@pytest.mark.parametrize("text,word,column", [
    ("CYPHER debug=tostring RETURN 1", "debug", 8),
    ("CYPHER 5 debug=ast RETURN 1", "debug", 10),
    ("cypher runtime=slotted DEBUG = logicalPlan RETURN 1", "DEBUG", 24),
])
def test_cypher_debug_options_are_refused(text: str, word: str, column: int) -> None:
    assert refusal(text).splitlines()[0] == (
        f"Refused: the CYPHER option {word} returns the query compiler's internals; the "
        f"console only reads the graph (line 1, column {column}, offset {column - 1})")


def test_other_cypher_options_pass() -> None:
    assert check_text("CYPHER 5 runtime=slotted RETURN 1")


# -- parameters ------------------------------------------------------------------------------

def nested(depth: int) -> list:
    value: list = []
    for _ in range(depth - 1):
        value = [value]
    return value


def test_deep_parameter_text_is_refused_before_parsing() -> None:
    with pytest.raises(QueryRefused) as info:
        parse_param_value("[" * 5000 + "]" * 5000, "x")
    assert str(info.value) == ("Refused: Parameter $x is nested more than 100 levels deep "
                               "(ACTORGRAPH_QUERY_MAX_DEPTH)")
    assert parse_param_value("[" * 100 + "]" * 100) == nested(100)
    assert parse_param_value('"[[[[["') == "[[[[["
    assert json_text_depth('["[[[", {"a": [1]}]') == 3


def test_deep_and_large_parameter_values_are_refused() -> None:
    assert check_params({"x": nested(100)}) == {"x": nested(100)}
    with pytest.raises(QueryRefused) as info:
        check_params({"x": nested(5000)})
    assert str(info.value) == ("Refused: Parameter $x is nested more than 100 levels deep "
                               "(ACTORGRAPH_QUERY_MAX_DEPTH)")
    with pytest.raises(QueryRefused) as info:
        check_params({"a": "x" * 600_000, "b": "y" * 600_000})
    assert str(info.value) == ("Refused: the parameters are larger than 1,000,000 bytes as JSON "
                               "(ACTORGRAPH_QUERY_MAX_PARAM_BYTES; the limit is reached at $b)")
    with pytest.raises(QueryFailed) as info:
        check_params({"x": [1, {"a": 2**70}]})
    assert str(info.value) == f"Parameter $x: the integer {2**70} does not fit in 64 bits."


def test_deep_link_parameters_are_a_message_not_an_error() -> None:
    from actorgraph.dashboard.pages.console import parse_url_params

    assert parse_url_params("[" * 5000 + "]" * 5000) == ({}, (
        "The link's p= value is nested more than 100 levels deep "
        "(ACTORGRAPH_QUERY_MAX_DEPTH); the parameters were left empty."))
    assert parse_url_params('{"a": 1}') == ({"a": 1}, None)


# -- timeouts, sizes, notices ----------------------------------------------------------------

@pytest.mark.parametrize("timeout", [1e300, float("inf"), float("nan"), 0.0, -1.0, 86401.0])
def test_timeout_out_of_range_is_a_config_error(timeout: float) -> None:
    with pytest.raises(ConfigError) as info:
        resolve_limits(10, timeout)
    assert str(info.value) == ("The timeout (ACTORGRAPH_QUERY_TIMEOUT or --timeout) must be a "
                               f"positive number of seconds, at most 86400; found {timeout}")


@pytest.mark.parametrize("value", [
    None, True, False, 0, -12345678901234, 2.5, "", "abc", "Nordkorea ü 한국",
    [1, "a", None], {"a": [1, 2, {"b": "c"}], "d": True}, [[[[]]]], {},
])
def test_json_size_is_the_length_of_the_json(value: object) -> None:
    assert json_size(value) == len(json.dumps(value, ensure_ascii=False, separators=(",", ":"))
                                   .encode("utf-8"))


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
