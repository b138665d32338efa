"""The settings that bound one console query: the text's length and depth, the parameters'
bytes, the rows, the seconds and the result's bytes; each checked when it is read."""

from __future__ import annotations

from dataclasses import dataclass

from actorgraph import config
from actorgraph.errors import ConfigError


def text_limits() -> tuple[int, int]:
    """(ACTORGRAPH_QUERY_MAX_LENGTH, ACTORGRAPH_QUERY_MAX_DEPTH), both checked."""
    return (positive_setting("ACTORGRAPH_QUERY_MAX_LENGTH"),
            positive_setting("ACTORGRAPH_QUERY_MAX_DEPTH"))


def positive_setting(name: str) -> int:
    """The integer setting `name`; at least 1, else a `ConfigError`."""
    value = config.get_int(name)
    if value < 1:
        raise ConfigError(f"{name} must be at least 1; found {value}")
    return value


MAX_TIMEOUT = 86400.0
"""The longest timeout accepted, in seconds (a day); the server's own limit is far lower."""


@dataclass(frozen=True)
class Limits:
    """What bounds one console query: rows, seconds, result bytes."""

    rows: int
    timeout: float
    max_bytes: int


def resolve_limits(limit: int | None, timeout: float | None) -> tuple[int, float]:
    """The row limit and timeout to use: the arguments, else the settings; both checked."""
    if limit is None:
        limit = config.get_int("ACTORGRAPH_QUERY_ROW_LIMIT")
    if timeout is None:
        timeout = config.get_float("ACTORGRAPH_QUERY_TIMEOUT")
    if limit < 1:
        raise ConfigError(f"The row limit (ACTORGRAPH_QUERY_ROW_LIMIT or --limit) must be at "
                          f"least 1; found {limit}")
    if not 0 < timeout <= MAX_TIMEOUT:
        raise ConfigError(f"The timeout (ACTORGRAPH_QUERY_TIMEOUT or --timeout) must be a "
                          f"positive number of seconds, at most {MAX_TIMEOUT:g}; "
                          f"found {timeout}")
    return limit, timeout


def resolve_max_bytes(max_bytes: int | None = None) -> int:
    """The result byte cap: the argument, else ACTORGRAPH_QUERY_MAX_BYTES; at least 1."""
    if max_bytes is None:
        return positive_setting("ACTORGRAPH_QUERY_MAX_BYTES")
    if max_bytes < 1:
        raise ConfigError(f"The result byte cap (ACTORGRAPH_QUERY_MAX_BYTES) must be at least "
                          f"1; found {max_bytes}")
    return max_bytes
