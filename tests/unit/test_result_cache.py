"""The explorer's result cache with real threads: identical concurrent requests share one
run of the query (its value or its exception), different keys run side by side, and the
entries still expire."""

from __future__ import annotations

import threading
import time

import pytest

from actorgraph.view.result_cache import ResultCache

THREADS = 20
BOUND = 10.0  # seconds any wait in these tests may take at most


class Loader:
    """A query stand-in that counts its runs and holds each run until released."""

    def __init__(self, result: object = None, error: Exception | None = None) -> None:
        self.calls = 0
        self.started = threading.Event()
        self.release = threading.Event()
        self.result = result if result is not None else {"rows": [1, 2, 3]}
        self.error = error
        self._lock = threading.Lock()

    def __call__(self) -> object:
        with self._lock:
            self.calls += 1
        self.started.set()
        assert self.release.wait(BOUND)
        if self.error is not None:
            raise self.error
        return self.result


def run_callers(cache: ResultCache, key: object, loader: Loader,
                count: int = THREADS) -> list[object]:
    """`count` threads call `cache.get(key, loader)` at once; the loader is released once
    every thread has asked. What each caller got: the value or the exception."""
    outcomes: list[object] = [None] * count
    asked = threading.Semaphore(0)

    def caller(i: int) -> None:
        asked.release()
        try:
            outcomes[i] = cache.get(key, loader)
        except Exception as e:
            outcomes[i] = e

    threads = [threading.Thread(target=caller, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for _ in range(count):
        assert asked.acquire(timeout=BOUND)
    assert loader.started.wait(BOUND)
    time.sleep(0.2)  # let the last callers reach get(); a late one would find the entry
    loader.release.set()
    for t in threads:
        t.join(BOUND)
        assert not t.is_alive()
    return outcomes


def test_twenty_concurrent_callers_share_one_run():
    cache = ResultCache()
    loader = Loader()
    outcomes = run_callers(cache, ("view", "alliances"), loader)
    assert loader.calls == 1
    assert all(o is loader.result for o in outcomes)


def test_a_failure_reaches_every_waiter_and_the_next_call_runs_again():
    cache = ResultCache()
    loader = Loader(error=ValueError("Neo4j said no"))
    outcomes = run_callers(cache, ("view", "events"), loader)
    assert loader.calls == 1
    assert all(isinstance(o, ValueError) and str(o) == "Neo4j said no" for o in outcomes)

    loader.error = None
    assert cache.get(("view", "events"), loader) is loader.result
    assert loader.calls == 2


def test_different_keys_run_side_by_side():
    cache = ResultCache()
    started = {"a": threading.Event(), "b": threading.Event()}
    saw_other: dict[str, bool] = {}

    def loader(name: str, other: str) -> str:
        started[name].set()
        saw_other[name] = started[other].wait(BOUND)
        return name

    results: dict[str, object] = {}
    threads = [threading.Thread(target=lambda n=n, o=o: results.__setitem__(
        n, cache.get(("key", n), lambda: loader(n, o)))) for n, o in (("a", "b"), ("b", "a"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(BOUND * 2)
    assert results == {"a": "a", "b": "b"}
    assert saw_other == {"a": True, "b": True}


def test_entries_expire_after_their_seconds():
    cache = ResultCache(seconds=0.05)
    calls = []
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 1
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 1
    time.sleep(0.1)
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 2


def test_without_caching_concurrent_callers_still_share_the_run_under_way():
    cache = ResultCache(seconds=0)
    loader = Loader()
    outcomes = run_callers(cache, "k", loader, count=5)
    assert all(o is loader.result for o in outcomes)
    assert loader.calls == 1
    cache.get("k", loader)  # nothing kept: runs again
    assert loader.calls == 2


def test_the_least_recently_used_entry_goes_first():
    cache = ResultCache(entries=2)
    cache.get("a", lambda: "a")
    cache.get("b", lambda: "b")
    cache.get("a", lambda: "a again")
    cache.get("c", lambda: "c")
    assert cache.get("a", lambda: "a new") == "a"
    assert cache.get("b", lambda: "b new") == "b new"


def test_a_waiter_gives_up_after_its_bound():
    cache = ResultCache(wait_seconds=0.2)
    loader = Loader()
    leader = threading.Thread(target=cache.get, args=("slow", loader))
    leader.start()
    assert loader.started.wait(BOUND)
    with pytest.raises(TimeoutError, match=r"the query for 'slow' did not finish within 0.2 s"):
        cache.get("slow", loader)
    loader.release.set()
    leader.join(BOUND)
    assert loader.calls == 1


def test_clear_forgets_the_run_under_way():
    cache = ResultCache()
    old = Loader(result="before the ingest")
    leader = threading.Thread(target=cache.get, args=("view", old))
    leader.start()
    assert old.started.wait(BOUND)
    cache.clear()
    assert cache.get("view", lambda: "after the ingest") == "after the ingest"
    old.release.set()
    leader.join(BOUND)
    assert cache.get("view", lambda: "again") == "after the ingest"


def test_a_page_load_clears_only_when_the_store_changed():
    cache = ResultCache()
    assert cache.clear_if_changed((10, 20)) is True  # the first page load knows nothing yet
    assert cache.get("view", lambda: "ten nodes") == "ten nodes"
    assert cache.clear_if_changed((10, 20)) is False  # another reader, nothing written
    assert cache.get("view", lambda: "read again") == "ten nodes"
    assert cache.clear_if_changed((11, 21)) is True  # an ingest added a node
    assert cache.get("view", lambda: "eleven nodes") == "eleven nodes"
    cache.clear()  # an explicit clear keeps the mark: the same counts clear nothing more
    assert cache.get("view", lambda: "after the review") == "after the review"
    assert cache.clear_if_changed((11, 21)) is False
    assert cache.get("view", lambda: "read again") == "after the review"


def test_a_sweep_drops_only_the_expired_entries():
    cache = ResultCache(seconds=0.2)
    cache.get("old", lambda: "old")
    time.sleep(0.3)
    cache.get("new", lambda: "new")
    assert len(cache) == 2
    assert cache.sweep() == 1
    assert len(cache) == 1
    assert cache.get("new", lambda: "computed again") == "new"
    assert cache.get("old", lambda: "computed again") == "computed again"
    assert cache.sweep() == 0
