"""The served dashboard's upkeep thread, with a real thread and a real result cache."""

from __future__ import annotations

import sys
import time

import pytest

from actorgraph.dashboard.upkeep import Upkeep, release_memory
from actorgraph.view.result_cache import ResultCache

BOUND = 10.0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_memory_is_handed_back_on_glibc():
    assert release_memory() is True


def test_expired_results_are_dropped_while_the_server_is_idle():
    cache = ResultCache(seconds=0.1)
    for key in range(10):
        cache.get(key, lambda key=key: [key] * 1000)
    upkeep = Upkeep(cache, interval=0.05).start()
    try:
        deadline = time.monotonic() + BOUND
        while (len(cache) or not upkeep.sweeps) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(cache) == 0
        assert upkeep.sweeps >= 1
        cache.get("fresh", lambda: "fresh")  # an entry younger than its seconds stays
        time.sleep(0.06)
        assert len(cache) == 1
    finally:
        upkeep.stop()
    assert not upkeep._thread.is_alive()
