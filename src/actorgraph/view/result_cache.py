"""A small time-limited LRU cache of query results, shared by the web server's threads, in
which identical requests at the same moment share one query ("single flight").

`ResultCache.get(key, compute)` answers from a fresh entry when there is one. Otherwise the
first caller for `key` runs `compute` and every caller that asks for the same key meanwhile
waits for that run, at most `wait_seconds`, and gets its value, or its exception. A failed
run stores nothing, so the next call runs `compute` again. Different keys never wait for each
other. `clear()` forgets the entries and the runs under way: a caller after it starts a new
run, and a run that began before it stores nothing. `clear_if_changed(mark)` does so only when
`mark` (what the store holds, say its counts) differs from the one given last: a page load
then shows what was written since without making every page load of every reader a miss.
`sweep()` drops the entries that have expired, which would otherwise stay (and hold their
memory) until newer ones push them out: the server calls it when idle (`dashboard/upkeep.py`).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

CACHE_SECONDS = 10.0
CACHE_ENTRIES = 64
WAIT_SECONDS = 60.0
"""How long a caller waits for another thread's run of the same query before giving up
(TimeoutError, which the explorer reports as Neo4j not answering)."""


class _Flight:
    """One run of `compute` under way, and what it gave."""

    __slots__ = ("done", "error", "value")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: object = None
        self.error: BaseException | None = None


class ResultCache:
    """Results by key for `seconds` (at most `entries` of them, least recently used out
    first); concurrent callers of one key share one computation."""

    def __init__(self, seconds: float = CACHE_SECONDS, entries: int = CACHE_ENTRIES,
                 wait_seconds: float = WAIT_SECONDS) -> None:
        self.seconds = seconds
        self.entries = entries
        self.wait_seconds = wait_seconds
        self._data: OrderedDict[Hashable, tuple[float, object]] = OrderedDict()
        self._flights: dict[Hashable, _Flight] = {}
        self._generation = 0
        self._mark: Hashable = None
        self._lock = threading.Lock()
        self.last_asked = time.monotonic()
        """When `get` was last called (time.monotonic()): how long the cache has been idle."""

    def get(self, key: Hashable, compute: Callable[[], object]) -> object:
        """The value for `key`: cached, shared with a run under way, or computed now."""
        now = self.last_asked = time.monotonic()
        with self._lock:
            hit = self._data.get(key)
            if hit is not None and now - hit[0] < self.seconds:
                self._data.move_to_end(key)
                return hit[1]
            flight = self._flights.get(key)
            leader = flight is None
            if flight is None:
                flight = self._flights[key] = _Flight()
            generation = self._generation
        if not leader:
            return self._wait(flight, key)
        try:
            value = compute()
        except BaseException as e:
            flight.error = e
            self._land(key, flight)
            raise
        flight.value = value
        with self._lock:
            if generation == self._generation:
                self._data[key] = (now, value)
                self._data.move_to_end(key)
                while len(self._data) > self.entries:
                    self._data.popitem(last=False)
        self._land(key, flight)
        return value

    def _land(self, key: Hashable, flight: _Flight) -> None:
        with self._lock:
            if self._flights.get(key) is flight:
                del self._flights[key]
        flight.done.set()

    def _wait(self, flight: _Flight, key: Hashable) -> object:
        if not flight.done.wait(self.wait_seconds):
            raise TimeoutError(f"the query for {repr(key)[:120]} did not finish within "
                               f"{self.wait_seconds:g} s")
        if flight.error is not None:
            raise flight.error
        return flight.value

    def clear(self) -> None:
        with self._lock:
            self._forget()

    def sweep(self) -> int:
        """Drop the entries older than `seconds`; how many were dropped."""
        now = time.monotonic()
        with self._lock:
            stale = [key for key, (stored, _) in self._data.items()
                     if now - stored >= self.seconds]
            dropped = [self._data.pop(key) for key in stale]
        del dropped  # the values are freed here, outside the lock
        return len(stale)

    def __len__(self) -> int:
        with self._lock:
            return len(self._data)

    def clear_if_changed(self, mark: Hashable) -> bool:
        """Clear when `mark` differs from the last one given; True when it did."""
        with self._lock:
            if mark == self._mark:
                return False
            self._mark = mark
            self._forget()
            return True

    def _forget(self) -> None:
        self._data.clear()
        self._flights.clear()
        self._generation += 1
