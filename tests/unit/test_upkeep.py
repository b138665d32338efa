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
        while (len(cache) or not upkeep.releases) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(cache) == 0
        assert upkeep.releases == 1
        cache.get("fresh", lambda: "fresh")  # an entry younger than its seconds stays
        time.sleep(0.06)
        assert len(cache) == 1
    finally:
        upkeep.stop()
    assert not upkeep._thread.is_alive()


def test_memory_is_released_only_once_the_readers_are_gone():
    cache = ResultCache(seconds=0.05)
    upkeep = Upkeep(cache, interval=0.2).start()
    try:
        deadline = time.monotonic() + 1.5  # a reader asks every 20 ms for 1.5 s
        while time.monotonic() < deadline:
            cache.get(time.monotonic(), lambda: [0] * 1000)  # a new entry each time
            time.sleep(0.02)
        assert upkeep.releases == 0  # entries were swept, but the cache was never idle
        assert len(cache) < 20
        deadline = time.monotonic() + BOUND
        while not upkeep.releases and time.monotonic() < deadline:
            time.sleep(0.05)
        assert upkeep.releases == 1
    finally:
        upkeep.stop()
