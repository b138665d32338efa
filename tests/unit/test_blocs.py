"""Blocs from signed ties."""

from actorgraph.view.blocs import SignedTie, compute_blocs


def test_blocs_of_an_unbalanced_triangle_leave_the_weakest_tie_frustrated():
    ties = [SignedTie("a", "b", -3), SignedTie("b", "c", -2), SignedTie("a", "c", -1)]
    blocs = compute_blocs(["a", "b", "c", "d"], ties)
    assert blocs.frustration == 1
    assert blocs.assignment["d"] is None
    assert blocs.assignment["a"] != blocs.assignment["b"]


def test_smaller_parts_stay_unaligned():
    ties = [SignedTie("a", "b", 1), SignedTie("b", "c", -1), SignedTie("x", "y", 1)]
    blocs = compute_blocs(["a", "b", "c", "x", "y"], ties)
    assert blocs.assignment["x"] is None and blocs.assignment["y"] is None
    assert blocs.assignment["a"] == blocs.assignment["b"] != blocs.assignment["c"]
