"""The plan guard: `EXPLAIN` plans the query without running it, and the plan decides.

Only a plan whose `query_type` is ``"r"`` passes, and whatever the type, the plan's operators
are checked again (`LoadCSV`, `ProcedureCall` with its resolved procedure name,
`AdministrationCommand`, `Show*`, `Terminate*`, `TransactionApply`/`TransactionForeach`).
Operators cannot be fooled by odd spelling, whitespace, backticks or comments.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import neo4j

from actorgraph.errors import QueryRefused
from actorgraph.graph.console.lexer import Position, position_at, with_position
from actorgraph.graph.console.text_guard import ALLOWED_PROCEDURES, first_write_clause

EXPLAIN_PREFIX = "EXPLAIN\n"
"""Prepended to plan the user's text; the newline keeps the user's columns unchanged."""


# Plan operators refused whatever the plan's query type (names without the "@database" suffix).
REFUSED_OPERATORS = {
    "LoadCSV": "LOAD CSV reads files and URLs; the console only reads the graph",
    "AdministrationCommand": "administration commands are not run by the console",
    "SystemProcedureCall": "system procedures are not run by the console",
    "TransactionApply": "CALL { ... } IN TRANSACTIONS commits batches of its own; "
                        "the console runs one read transaction",
    "TransactionForeach": "CALL { ... } IN TRANSACTIONS commits batches of its own; "
                          "the console runs one read transaction",
}
REFUSED_OPERATOR_PREFIXES = {
    "Show": "SHOW commands list server metadata; the console only reads the graph",
    "Terminate": "TERMINATE commands stop other transactions; the console only reads the graph",
}


def plan_operators(plan: Mapping[str, Any] | None) -> list[tuple[str, str | None]]:
    """(operator type without "@db", Details) for every operator of an EXPLAIN plan."""
    out: list[tuple[str, str | None]] = []
    stack = [plan] if plan else []
    while stack:
        node = stack.pop()
        op = str(node.get("operatorType", "")).split("@", 1)[0]
        details = (node.get("args") or {}).get("Details")
        out.append((op, None if details is None else str(details)))
        stack.extend(reversed(list(node.get("children") or [])))
    return out


def plan_procedure_name(details: str | None) -> str | None:
    """`db.labels` from a ProcedureCall's Details ('db.labels() :: (label :: STRING)')."""
    if not details or "(" not in details:
        return None
    return details.split("(", 1)[0].strip() or None


def check_plan(query_type: str | None, plan: Mapping[str, Any] | None, text: str = "") -> None:
    """Refuse a plan that is not a pure read, or contains a refused operator or procedure."""
    for op, details in plan_operators(plan):
        if op in REFUSED_OPERATORS:
            raise QueryRefused(f"Refused: {REFUSED_OPERATORS[op]} (plan operator {op}).")
        for prefix, why in REFUSED_OPERATOR_PREFIXES.items():
            if op.startswith(prefix):
                raise QueryRefused(f"Refused: {why} (plan operator {op}).")
        if op == "ProcedureCall":
            name = plan_procedure_name(details)
            if name not in ALLOWED_PROCEDURES:
                raise QueryRefused(
                    f"Refused: procedure {name or '(unnamed)'} is not on the console's allow-list "
                    f"({', '.join(sorted(ALLOWED_PROCEDURES))}) (plan operator ProcedureCall).")
    if query_type == "r":
        return
    if query_type in ("rw", "w"):
        where = first_write_clause(text) if text else None
        pos = position_at(text, where[1]) if where else None
        lead = (f"Refused: the query writes to the database ({where[0]}; plan type "
                f"'{query_type}'); the console only reads") if where else (
                f"Refused: the query writes to the database (plan type '{query_type}'); "
                "the console only reads")
        raise QueryRefused(with_position(lead, text, pos))
    if query_type == "s":
        raise QueryRefused("Refused: the query changes the schema or administers the server "
                           "(plan type 's'); the console only reads the graph.")
    raise QueryRefused(f"Refused: the plan's query type is {query_type!r}; the console runs "
                       "only plans of type 'r' (read).")


def explain(session: neo4j.Session, text: str, params: Mapping[str, Any],
            timeout: float) -> tuple[str | None, dict[str, Any] | None]:
    """Plan `text` without running it: (summary.query_type, summary.plan)."""
    query = neo4j.Query(EXPLAIN_PREFIX + text, timeout=timeout)
    summary = session.run(query, dict(params)).consume()
    return summary.query_type, summary.plan


def plan_notifications(summary: neo4j.ResultSummary, text: str) -> list[str]:
    """The planner's warnings (cartesian products, deprecated syntax, unknown labels...) as
    one line each, positioned in the user's text."""
    notes = []
    for status in summary.gql_status_objects:
        if not status.is_notification or status.severity != neo4j.NotificationSeverity.WARNING:
            continue
        message = status.status_description.strip()
        where = status.position
        if where is not None and where.line > 1:
            pos = Position(line=where.line - 1, column=where.column,
                           offset=where.offset - len(EXPLAIN_PREFIX))
            message = f"{message} ({pos})"
        notes.append(message)
    return notes
