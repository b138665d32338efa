"""Parameters: values typed by a person (`--param NAME=VALUE`, the console page's fields),
and the check of every parameter's depth and size before a query runs."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from actorgraph.errors import ParameterError, QueryFailed, QueryRefused
from actorgraph.graph.console.limits import positive_setting, text_limits
from actorgraph.graph.console.values import JSONValue, json_size

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


PARAM_OPTION = "--param"
"""The option whose `NAME=VALUE` pairs `parse_param_pairs` reads (named in its messages)."""


def parse_param_pairs(pairs: Sequence[str]) -> dict[str, JSONValue]:
    """Parameters from `NAME=VALUE` pairs (`$NAME=VALUE` too), as `--param` gives them; each
    VALUE typed by `parse_param_value`.

    A pair without `=` or without a name, and a name given twice (`a=1` and `$a=2` are the
    same `$a`), are refused with a `ParameterError` that names the pair; nothing is
    overwritten.
    """
    params: dict[str, JSONValue] = {}
    given: dict[str, str] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        name = name.strip()
        if name.startswith("$"):
            name = name[1:]
        if not sep or not name:
            raise ParameterError(f"Invalid value for '{PARAM_OPTION}': expected NAME=VALUE; "
                                 f"found {pair!r}")
        if name in params:
            raise ParameterError(f"Invalid value for '{PARAM_OPTION}': ${name} is given twice "
                                 f"({given[name]!r} and {pair!r})")
        params[name] = parse_param_value(raw, name)
        given[name] = pair
    return params


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_param_value(raw: str, name: str | None = None) -> JSONValue:
    """A parameter typed by a person: JSON when it parses as JSON, else the text itself.

    `42` -> 42, `true` -> True, `null` -> None, `["KOR","JPN"]` -> list, `"42"` -> the string
    "42", `PRK` -> the string "PRK". NaN and Infinity are not JSON and stay strings.
    JSON nested deeper than ACTORGRAPH_QUERY_MAX_DEPTH is refused (`QueryRefused`) before it
    is parsed; `name` only names the parameter in that message.
    """
    _, max_depth = text_limits()
    if json_text_depth(raw) > max_depth:
        raise QueryRefused(_too_deep(name, max_depth))
    try:
        return json.loads(raw, parse_constant=_reject_constant)
    except RecursionError as e:  # not reached below the depth limit; kept as a backstop
        raise QueryRefused(_too_deep(name, max_depth)) from e
    except ValueError:
        return raw


def _too_deep(name: str | None, max_depth: int) -> str:
    which = f"Parameter ${name}" if name else "A parameter"
    return (f"Refused: {which} is nested more than {max_depth} levels deep "
            "(ACTORGRAPH_QUERY_MAX_DEPTH)")


def json_text_depth(raw: str) -> int:
    """The deepest bracket nesting of JSON text, strings skipped (an over-estimate is fine)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in raw:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def param_input_text(value: JSONValue) -> str:
    """The inverse of `parse_param_value`: what to put in an input so it parses back to `value`."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False) if parse_param_value(value) != value \
            else value
    return json.dumps(value, ensure_ascii=False)


def check_params(params: Mapping[str, Any] | None) -> dict[str, JSONValue]:
    """Parameters as JSON values (str keys; None, bool, int64, float, str, list, dict).

    Refused (`QueryRefused`): a value nested deeper than ACTORGRAPH_QUERY_MAX_DEPTH, or
    parameters larger than ACTORGRAPH_QUERY_MAX_PARAM_BYTES together (as JSON).
    """
    _, max_depth = text_limits()
    max_bytes = positive_setting("ACTORGRAPH_QUERY_MAX_PARAM_BYTES")
    checked: dict[str, JSONValue] = {}
    total = 0
    for name, value in (params or {}).items():
        if not isinstance(name, str) or not name:
            raise QueryFailed(f"Parameter names must be non-empty strings; found {name!r}.")
        problem = _json_problem(value, max_depth)
        if problem == _TOO_DEEP:
            raise QueryRefused(_too_deep(name, max_depth))
        if problem:
            raise QueryFailed(f"Parameter ${name}: {problem}.")
        total += json_size(value) + len(name.encode("utf-8", "replace"))
        if total > max_bytes:
            raise QueryRefused(
                f"Refused: the parameters are larger than {max_bytes:,} bytes as JSON "
                f"(ACTORGRAPH_QUERY_MAX_PARAM_BYTES; the limit is reached at ${name})")
        checked[name] = value
    return checked


_TOO_DEEP = "too deep"


def _json_problem(value: Any, max_depth: int) -> str | None:
    """What makes `value` no JSON value the server can take, or None; iterative, so a deep
    value cannot exhaust Python's stack."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if item is None or isinstance(item, bool | str | float):
            continue
        if isinstance(item, int):
            if not INT64_MIN <= item <= INT64_MAX:
                return f"the integer {item} does not fit in 64 bits"
            continue
        if isinstance(item, list | tuple | dict) and depth > max_depth:
            return _TOO_DEEP
        if isinstance(item, list | tuple):
            stack.extend((v, depth + 1) for v in item)
            continue
        if isinstance(item, dict):
            for key in item:
                if not isinstance(key, str):
                    return f"map keys must be strings; found {key!r}"
            stack.extend((v, depth + 1) for v in item.values())
            continue
        return f"expected a JSON value; found {type(item).__name__}"
    return None
