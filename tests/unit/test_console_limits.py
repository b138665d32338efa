"""The settings that bound a console query, checked when they are read."""

from __future__ import annotations

import pytest

from actorgraph.errors import ConfigError
from actorgraph.graph.console.limits import resolve_limits


@pytest.mark.parametrize("timeout", [1e300, float("inf"), float("nan"), 0.0, -1.0, 86401.0])
def test_timeout_out_of_range_is_a_config_error(timeout: float) -> None:
    with pytest.raises(ConfigError) as info:
        resolve_limits(10, timeout)
    assert str(info.value) == ("The timeout (ACTORGRAPH_QUERY_TIMEOUT or --timeout) must be a "
                               f"positive number of seconds, at most 86400; found {timeout}")
