"""Parameters typed by a person (`--param NAME=VALUE`, the console page's fields) and the
check of their depth and size (no database)."""

from __future__ import annotations

import pytest

from actorgraph.errors import ParameterError, QueryFailed, QueryRefused
from actorgraph.graph.console.params import (
    check_params,
    json_text_depth,
    param_input_text,
    parse_param_pairs,
    parse_param_value,
)


@pytest.mark.parametrize("raw,value", [
    ("PRK", "PRK"), ("42", 42), ("-1.5", -1.5), ("true", True), ("false", False),
    ("null", None), ('["KOR", "JPN"]', ["KOR", "JPN"]), ('{"a": [1, {"b": null}]}',
                                                         {"a": [1, {"b": None}]}),
    ('"42"', "42"), ("", ""), ("NaN", "NaN"), ("Infinity", "Infinity"), ("2025-07-01",
                                                                          "2025-07-01"),
    ("[1, 2", "[1, 2"),
])
def test_param_values_parse_as_json_else_string(raw: str, value: object) -> None:
    assert parse_param_value(raw) == value
    assert type(parse_param_value(raw)) is type(value)
    assert parse_param_value(param_input_text(value)) == value


def test_param_input_text_quotes_only_strings_that_would_parse() -> None:
    assert param_input_text("PRK") == "PRK"
    assert param_input_text("42") == '"42"'
    assert param_input_text("true") == '"true"'
    assert param_input_text(42) == "42"
    assert param_input_text(["a", 1]) == '["a", 1]'


def test_check_params_rejects_what_json_cannot_hold() -> None:
    assert check_params({"a": [1, {"b": None}], "c": 1.5}) == {"a": [1, {"b": None}], "c": 1.5}
    with pytest.raises(QueryFailed) as info:
        check_params({"big": 2**64})
    assert str(info.value) == (
        "Parameter $big: the integer 18446744073709551616 does not fit in 64 bits.")
    with pytest.raises(QueryFailed) as info:
        check_params({"s": {1, 2}})
    assert str(info.value) == "Parameter $s: expected a JSON value; found set."


# -- deep parameters -----------------------------------------------------------------------


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


# -- NAME=VALUE pairs ----------------------------------------------------------------------


def test_pairs_are_typed_with_or_without_a_dollar() -> None:
    assert parse_param_pairs(["s=PRK", "$i=3", " l = [1,2]", 'q="3"', "e=", "t=a=b"]) == {
        "s": "PRK", "i": 3, "l": [1, 2], "q": "3", "e": "", "t": "a=b"}
    assert parse_param_pairs([]) == {}


@pytest.mark.parametrize("pair", ["no-equals-sign", "=1", "$=1", " =1"])
def test_a_pair_without_a_name_or_equals_sign_is_refused(pair: str) -> None:
    with pytest.raises(ParameterError) as info:
        parse_param_pairs(["a=1", pair])
    assert str(info.value) == f"Invalid value for '--param': expected NAME=VALUE; found {pair!r}"
    assert info.value.exit_code == 2


def test_a_name_given_twice_is_refused_not_overwritten() -> None:
    with pytest.raises(ParameterError) as info:
        parse_param_pairs(["a=1", "b=2", "$a=3"])
    assert str(info.value) == ("Invalid value for '--param': $a is given twice "
                               "('a=1' and '$a=3')")


def test_a_deep_pair_is_refused_with_its_name() -> None:
    with pytest.raises(QueryRefused) as info:
        parse_param_pairs(["x=" + "[" * 5000 + "]" * 5000])
    assert str(info.value) == ("Refused: Parameter $x is nested more than 100 levels deep "
                               "(ACTORGRAPH_QUERY_MAX_DEPTH)")


def test_a_run_before_the_parameter_fields_arrive_takes_the_picked_values() -> None:
    """An example fills the editor and its parameters in one answer; the fields come in a
    second. A Run clicked in between sends the example's values, not none; a field that is
    drawn wins, even when a person emptied it."""
    from actorgraph.dashboard.pages.console import run_params

    query = "MATCH (a:Actor {id: $actor})-[r]-(b) RETURN a, r, b LIMIT $n"
    picked = {"actor": "PRK", "n": 25, "unused": 1}
    assert run_params(query, [], [], picked) == {"actor": "PRK", "n": 25}
    drawn = [{"type": "console-param", "name": "actor"}, {"type": "console-param", "name": "n"}]
    assert run_params(query, drawn, ['"RUS"', ""], picked) == {"actor": "RUS"}
    assert run_params(query, [], [], None) == {}
