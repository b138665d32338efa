"""The console's plan guard on synthetic plans in the driver's shape (no database)."""

from __future__ import annotations

import pytest

from actorgraph.errors import QueryRefused
from actorgraph.graph.console.plan_guard import check_plan
from actorgraph.graph.console.text_guard import ALLOWED_PROCEDURES

ALLOW_LIST = ", ".join(sorted(ALLOWED_PROCEDURES))


def plan(*ops: tuple[str, str | None]) -> dict:
    root: dict = {}
    node = root
    for i, (op, details) in enumerate(ops):
        node.update({"operatorType": f"{op}@neo4j", "args": {"Details": details} if details
                     else {}, "children": []})
        if i + 1 < len(ops):
            child: dict = {}
            node["children"].append(child)
            node = child
    return root


def test_plan_with_load_csv_is_refused_even_as_a_read() -> None:
    with pytest.raises(QueryRefused) as info:
        check_plan("r", plan(("ProduceResults", "row"), ("LoadCSV", "row")))
    assert str(info.value) == ("Refused: LOAD CSV reads files and URLs; the console only reads "
                               "the graph (plan operator LoadCSV).")


def test_plan_procedure_outside_allow_list_is_refused() -> None:
    check_plan("r", plan(("ProduceResults", "label"),
                         ("ProcedureCall", "db.labels() :: (label :: STRING)")))
    with pytest.raises(QueryRefused) as info:
        check_plan("r", plan(("ProduceResults", ""), ("EmptyResult", None),
                             ("ProcedureCall", "db.prepareForReplanning() :: ()")))
    assert str(info.value) == (
        f"Refused: procedure db.prepareForReplanning is not on the console's allow-list "
        f"({ALLOW_LIST}) (plan operator ProcedureCall).")


def test_plan_types_other_than_read_are_refused() -> None:
    with pytest.raises(QueryRefused) as info:
        check_plan("rw", plan(("ProduceResults", "n"), ("Create", "(n:X)")),
                   "MATCH (a)\nCREATE (n:X) RETURN n")
    assert str(info.value) == (
        "Refused: the query writes to the database (CREATE; plan type 'rw'); the console only "
        "reads (line 2, column 1, offset 10)\n  CREATE (n:X) RETURN n\n  ^")
    with pytest.raises(QueryRefused) as info:
        check_plan("s", plan(("CreateIndex", "RANGE INDEX i FOR (:X) ON (a)")))
    assert str(info.value) == ("Refused: the query changes the schema or administers the server "
                               "(plan type 's'); the console only reads the graph.")
    with pytest.raises(QueryRefused) as info:
        check_plan("r", plan(("ProduceResults", "x"), ("ShowSettings", "allSettings")))
    assert str(info.value) == ("Refused: SHOW commands list server metadata; the console only "
                               "reads the graph (plan operator ShowSettings).")
