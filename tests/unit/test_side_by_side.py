"""`graph.connection.side_by_side`: two reads at once, in two threads, errors raised here."""

import threading

import pytest

from actorgraph.graph.connection import side_by_side


def test_both_results_come_back_and_the_second_ran_in_its_own_thread():
    here, beside = side_by_side(lambda: threading.current_thread().name,
                                lambda: threading.current_thread().name, "reads-beside")
    assert here == threading.current_thread().name
    assert beside.startswith("reads-beside") and beside != here


def test_the_two_run_at_the_same_time():
    both = threading.Barrier(2, timeout=5)  # broken (an error) unless both wait at once
    assert side_by_side(lambda: both.wait() + 10, lambda: both.wait() + 10, "x") in (
        (10, 11), (11, 10))


def test_an_error_beside_is_raised_to_the_caller():
    def fails() -> None:
        raise ValueError("Neo4j said no")

    with pytest.raises(ValueError, match="Neo4j said no"):
        side_by_side(lambda: 1, fails, "x")
