"""A served dashboard gives back the memory a burst of readers made it take.

Under load the explorer's result cache fills with views (up to `CACHE_ENTRIES`), and the
server's threads take memory from the C allocator for their requests. Both stay after the
readers are gone: expired entries remain until newer ones replace them, and glibc keeps the
pages it handed out in its per-thread arenas. Measured with `benchmarks/serve_load.py` on the
1M-relationship graph: RSS 155 MB before a 50-client minute, 171 MB after it and still 171 MB
30 s later; with this upkeep 154, 171 and 167 MB. What stays (about 13 MB) is, as far as we
know (not measured part by part), outside the cache: the driver's pooled connections keep
receive buffers sized by the largest result they carried, and Python keeps a small-object
arena while any object in it lives.

`Upkeep` is a daemon thread that, every `interval` seconds, drops the cache's expired entries
and, once nobody has asked the cache for anything for `interval` seconds (the readers are
gone) and something was dropped since the last release, collects garbage and asks glibc to
return its free pages to the system (`malloc_trim`; on a C library without it only the
collection runs). A busy server is not slowed: a full collection and a trim hold up the other
threads (the GIL, the allocator's locks), so they wait for a quiet moment; the sweep itself
takes the cache's lock for a scan of at most `CACHE_ENTRIES` entries.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import threading
import time
from collections.abc import Callable

from actorgraph.view.result_cache import ResultCache

log = logging.getLogger(__name__)

UPKEEP_SECONDS = 10.0


def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # no such library, or a C library without it (musl)
        return None
    if trim is not None:
        trim.argtypes = [ctypes.c_size_t]
        trim.restype = ctypes.c_int
    return trim


_TRIM = _malloc_trim()


def release_memory() -> bool:
    """Collect garbage, then hand the allocator's free pages back to the system; True when
    the C library could do the second part."""
    gc.collect()
    if _TRIM is None:
        return False
    _TRIM(0)
    return True


class Upkeep:
    """Sweeps `cache` every `interval` seconds and releases memory when the cache has been
    idle that long and entries were dropped since the last release. `start()` once; `stop()`
    ends the thread (it is a daemon anyway)."""

    def __init__(self, cache: ResultCache, interval: float = UPKEEP_SECONDS) -> None:
        self.cache = cache
        self.interval = interval
        self.releases = 0
        """Times memory was released."""
        self._dropped = 0  # entries swept since the last release
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="actorgraph-upkeep",
                                        daemon=True)

    def start(self) -> Upkeep:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(self.interval + 5)

    def _run(self) -> None:
        while not self._stopped.wait(self.interval):
            try:
                self._dropped += self.cache.sweep()
                idle = time.monotonic() - self.cache.last_asked >= self.interval
                if self._dropped and idle:
                    self._dropped = 0
                    self.releases += 1
                    release_memory()
            except Exception:  # the upkeep must never take the server down
                log.exception("upkeep: sweeping the result cache failed")
