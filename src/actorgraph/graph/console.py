"""The Cypher console: run one user query, read-only, bounded in time and in rows.

Why three layers, each enough on its own for the common cases:

1. Text (`check_text`): comments and string literals are lexed away, then the tokens are
   checked for more than one statement, administration and schema commands, `USE`,
   `LOAD CSV`, `CALL { ... } IN TRANSACTIONS` and procedure calls outside `ALLOWED_PROCEDURES`.
   Cheap, no round trip, and it can point at the line and column of the offending word.
2. Plan (`explain` + `check_plan`): `EXPLAIN` plans the query without running it. Only a plan
   whose `query_type` is ``"r"`` passes, and whatever the type, the plan's operators are checked
   again (`LoadCSV`, `ProcedureCall` with its resolved procedure name, `AdministrationCommand`,
   `Show*`, `Terminate*`, `TransactionApply`/`TransactionForeach`). Operators cannot be fooled by
   odd spelling, whitespace, backticks or comments.
3. Execution: the query runs in a READ-mode explicit transaction that is never committed (it is
   rolled back after the rows are read), with a server-side timeout; the timeout covers the
   EXPLAIN and the run together. A watchdog thread also terminates the transaction when the
   timeout passes, because the server only checks its timeouts every
   `db.transaction.monitor.check.interval` (2 s by default). At most `limit + 1` rows are read;
   the extra row only sets `truncated`.

The local Neo4j adds its own limits (see `actorgraph.localdb.launcher.render_neo4j_conf`): file
URLs only inside the import folder, no unrestricted procedures, a server transaction timeout.

Allowed procedures (`ALLOWED_PROCEDURES`) are read-only introspection and full-text search.
`dbms.components` is not among them: it is a DBMS-mode procedure, its plan type is ``"s"``, and
the console accepts ``"r"`` only. Every `dbms.*` procedure is refused for the same reason.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import logging
import math
import re
import threading
import time
import uuid
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import neo4j
import neo4j.exceptions
import neo4j.graph
import neo4j.spatial
import neo4j.time

from actorgraph import config
from actorgraph.errors import (
    ConfigError,
    DatabaseUnavailable,
    QueryFailed,
    QueryRefused,
    QueryTimedOut,
)
from actorgraph.graph.db import Database

JSONValue = None | bool | int | float | str | list[Any] | dict[str, Any]

ALLOWED_PROCEDURES: frozenset[str] = frozenset({
    "db.labels",
    "db.relationshipTypes",
    "db.propertyKeys",
    "db.schema.visualization",
    "db.schema.nodeTypeProperties",
    "db.schema.relTypeProperties",
    "db.info",
    "db.ping",
    "db.index.fulltext.queryNodes",
    "db.index.fulltext.queryRelationships",
})
"""Procedures the console may call: they only read the graph's schema, data or indexes.

Procedures that plan as reads but change server state (`db.stats.collect`, `db.stats.clear`,
`db.resampleIndex`, `db.prepareForReplanning`, `db.clearQueryCaches`), or that wait
(`db.awaitIndexes`), are deliberately absent."""

# The driver logs every server notification to "neo4j.notifications"; with no logging set up,
# Python's last-resort handler would print them on stderr in the middle of CLI output. The
# console returns them in `ConsoleResult.notifications` instead; an application that configures
# logging still receives the records.
logging.getLogger("neo4j.notifications").addHandler(logging.NullHandler())
_log = logging.getLogger(__name__)

EXPLAIN_PREFIX = "EXPLAIN\n"
"""Prepended to plan the user's text; the newline keeps the user's columns unchanged."""

WATCHDOG_METADATA_KEY = "actorgraph_console"
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

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

# Words that open an administration or schema command (checked at the start of a statement).
_ADMIN_ALWAYS = {"SHOW", "TERMINATE", "GRANT", "DENY", "REVOKE", "ALTER", "RENAME", "DROP",
                 "ENABLE", "DEALLOCATE", "REALLOCATE", "DRYRUN"}
_START_STOP_OBJECTS = {"DATABASE", "DATABASES"}
_CREATE_ADMIN_OBJECTS = {"USER", "ROLE", "DATABASE", "COMPOSITE", "ALIAS", "SERVER"}
_CREATE_SCHEMA_OBJECTS = {"INDEX", "CONSTRAINT", "RANGE", "TEXT", "POINT", "LOOKUP", "FULLTEXT",
                          "VECTOR", "BTREE"}
_WRITE_WORDS = {"CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH"}


# ---------------------------------------------------------------------------------------------
# Positions and messages
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Position:
    """Where in the user's text: 1-based line and column, 0-based character offset."""

    line: int
    column: int
    offset: int

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}, offset {self.offset}"


def position_at(text: str, offset: int) -> Position:
    """The line and column of a character offset in `text`."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    line_start = text.rfind("\n", 0, offset) + 1
    return Position(line=line, column=offset - line_start + 1, offset=offset)


def excerpt(text: str, pos: Position, width: int = 100) -> str:
    """The line at `pos` (cut to `width` around the column) and a caret under the column."""
    lines = text.split("\n")
    if not 1 <= pos.line <= len(lines):
        return ""
    line = lines[pos.line - 1].rstrip("\r")
    col = min(max(pos.column - 1, 0), len(line))
    start = max(0, min(col - width // 2, len(line) - width)) if len(line) > width else 0
    shown = line[start:start + width]
    lead = "…" if start > 0 else ""
    tail = "…" if start + width < len(line) else ""
    pad = "".join("\t" if ch == "\t" else " " for ch in lead + shown[:col - start])
    return f"  {lead}{shown}{tail}\n  {pad}^"


def with_position(message: str, text: str, pos: Position | None) -> str:
    """`message (line L, column C, offset O)` plus the offending line, or just `message`."""
    if pos is None:
        return message
    shown = excerpt(text, pos)
    return f"{message} ({pos})" + (f"\n{shown}" if shown else "")


# ---------------------------------------------------------------------------------------------
# Text level: a small Cypher lexer and the checks built on it
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Token:
    """One lexical token. `kind`: ident, qident (backticked), string, number, param, punct."""

    kind: str
    value: str
    offset: int

    def is_word(self, *words: str) -> bool:
        """An unquoted identifier equal (ignoring case) to one of `words`."""
        return self.kind == "ident" and self.value.upper() in words


def _is_ident_start(ch: str) -> bool:
    return ch.isalpha() or ch == "_"


def _is_ident_part(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def tokenize(text: str) -> list[Token]:
    """Lex Cypher into tokens; comments and whitespace are dropped.

    Strings ('...' and "..." with backslash escapes) become single `string` tokens, so nothing
    inside them is mistaken for code. An unterminated string or comment runs to the end of the
    text (the server reports the syntax error).
    """
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif ch in "'\"":
            j, buf = i + 1, []
            while j < n and text[j] != ch:
                if text[j] == "\\" and j + 1 < n:
                    buf.append(text[j:j + 2])
                    j += 2
                else:
                    buf.append(text[j])
                    j += 1
            tokens.append(Token("string", "".join(buf), i))
            i = j + 1
        elif ch == "`":
            value, i2 = _read_backticked(text, i)
            tokens.append(Token("qident", value, i))
            i = i2
        elif ch == "$":
            j = i + 1
            if j < n and text[j] == "`":
                value, j = _read_backticked(text, j)
            else:
                while j < n and _is_ident_part(text[j]):
                    j += 1
                value = text[i + 1:j]
            if value:
                tokens.append(Token("param", value, i))
            else:
                tokens.append(Token("punct", "$", i))
            i = max(j, i + 1)
        elif _is_ident_start(ch):
            j = i + 1
            while j < n and _is_ident_part(text[j]):
                j += 1
            tokens.append(Token("ident", text[i:j], i))
            i = j
        elif ch.isdigit():
            j = i + 1
            while j < n and (_is_ident_part(text[j])
                             or (text[j] == "." and j + 1 < n and text[j + 1].isdigit())):
                j += 1
            tokens.append(Token("number", text[i:j], i))
            i = j
        else:
            tokens.append(Token("punct", ch, i))
            i += 1
    return tokens


def _read_backticked(text: str, start: int) -> tuple[str, int]:
    """The name inside backticks starting at `start` (`` `` `` is an escaped backtick)."""
    j, buf, n = start + 1, [], len(text)
    while j < n:
        if text[j] == "`":
            if j + 1 < n and text[j + 1] == "`":
                buf.append("`")
                j += 2
                continue
            return "".join(buf), j + 1
        buf.append(text[j])
        j += 1
    return "".join(buf), n


def split_statements(tokens: Sequence[Token]) -> list[list[Token]]:
    """Tokens grouped by top-level `;`; empty statements (a trailing `;`) are dropped."""
    statements: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.kind == "punct" and tok.value == ";":
            statements.append([])
        else:
            statements[-1].append(tok)
    return [s for s in statements if s]


def parameter_names(text: str) -> list[str]:
    """The distinct `$name` parameters of a query, in order of first use."""
    seen: dict[str, None] = {}
    for tok in tokenize(text):
        if tok.kind == "param":
            seen.setdefault(tok.value, None)
    return list(seen)


def procedure_calls(text: str) -> list[tuple[str, int]]:
    """(qualified name, offset of CALL) for each `CALL name...` in the text.

    `CALL {` and `CALL (` open subqueries and are skipped. Name parts may be backticked and
    separated from the dots by whitespace or comments, as Cypher allows.
    """
    return _procedure_calls(tokenize(text))


# After these, CALL/USE/... would be a variable's name, not a clause (`WITH call AS c`).
_EXPRESSION_WORDS = ("WITH", "RETURN", "AS", "WHERE", "AND", "OR", "XOR", "NOT", "IN",
                     "DISTINCT", "BY", "SET", "IS")
_EXPRESSION_PUNCT = set(",([{+-/%^=<>|")


def _in_expression(tokens: Sequence[Token], i: int) -> bool:
    """True when tokens[i] stands where an expression is expected, so it is a name."""
    if i == 0:
        return False
    prev = tokens[i - 1]
    return prev.is_word(*_EXPRESSION_WORDS) or (prev.kind == "punct"
                                               and prev.value in _EXPRESSION_PUNCT)


def _procedure_calls(tokens: Sequence[Token]) -> list[tuple[str, int]]:
    calls = []
    for i, tok in enumerate(tokens):
        if not tok.is_word("CALL") or _after_dot(tokens, i):
            continue
        if _in_expression(tokens, i) and not (tokens[i - 1].kind == "punct"
                                              and tokens[i - 1].value == "{"):
            continue
        j = i + 1
        if j >= len(tokens) or tokens[j].kind not in ("ident", "qident"):
            continue
        parts = [tokens[j].value]
        j += 1
        while (j + 1 < len(tokens) and tokens[j].kind == "punct" and tokens[j].value == "."
               and tokens[j + 1].kind in ("ident", "qident")):
            parts.append(tokens[j + 1].value)
            j += 2
        calls.append((".".join(parts), tok.offset))
    return calls


def _after_dot(tokens: Sequence[Token], i: int) -> bool:
    return i > 0 and tokens[i - 1].kind == "punct" and tokens[i - 1].value in (".", ":", "$")


def _skip_preparser(stmt: Sequence[Token], text: str) -> int:
    """Index of the first token after `CYPHER <options>`; refuses EXPLAIN and PROFILE."""
    i = 0
    while i < len(stmt):
        tok = stmt[i]
        if tok.is_word("EXPLAIN", "PROFILE"):
            raise QueryFailed(with_position(
                f"{tok.value.upper()} is not needed: the console plans every query itself and "
                "runs it once; remove it", text, position_at(text, tok.offset)))
        if tok.is_word("CYPHER"):
            i += 1
            while i < len(stmt):
                if stmt[i].kind == "number":
                    i += 1
                elif (i + 2 < len(stmt) and stmt[i].kind == "ident"
                      and stmt[i + 1].kind == "punct" and stmt[i + 1].value == "="):
                    i += 3
                else:
                    break
            continue
        break
    return i


def _admin_command(stmt: Sequence[Token], start: int) -> tuple[str, str] | None:
    """(command words, why) when the statement is an administration or schema command."""
    if start >= len(stmt):
        return None
    first = stmt[start]
    words = [first.value.upper()]
    for tok in stmt[start + 1:start + 4]:
        if tok.kind != "ident":
            break
        words.append(tok.value.upper())
    second = words[1] if len(words) > 1 else ""
    if first.is_word("CREATE"):
        obj_words = words[1:]
        if obj_words[:2] == ["OR", "REPLACE"]:
            obj_words = obj_words[2:]
        obj = obj_words[0] if obj_words else ""
        if obj in _CREATE_ADMIN_OBJECTS:
            return f"CREATE {obj}", "is an administration command"
        if obj in _CREATE_SCHEMA_OBJECTS:
            name = "INDEX" if obj not in ("INDEX", "CONSTRAINT") else obj
            return f"CREATE {name}", "changes the schema"
        return None
    if first.is_word("START", "STOP") and second in _START_STOP_OBJECTS:
        return f"{words[0]} {second}", "is an administration command"
    if first.is_word(*_ADMIN_ALWAYS):
        head = words[0]
        if head == "DROP" and second in ("INDEX", "CONSTRAINT"):
            return f"DROP {second}", "changes the schema"
        if head in ("GRANT", "DENY", "REVOKE", "DEALLOCATE", "REALLOCATE", "DRYRUN"):
            return head, "is an administration command"
        shown = f"{head} {second}".strip()
        if head == "SHOW":
            return shown, "lists server metadata"
        return shown, "is an administration command"
    return None


def check_text(text: str) -> list[Token]:
    """Refuse, from the text alone, what the console never runs. Returns the tokens.

    Raises `QueryRefused` (with the position of the offending word) or `QueryFailed` (empty
    query, EXPLAIN/PROFILE prefix).
    """
    tokens = tokenize(text)
    statements = split_statements(tokens)
    if not statements:
        raise QueryFailed("The query is empty: write one Cypher statement.")
    if len(statements) > 1:
        second = statements[1][0]
        raise QueryRefused(with_position(
            "Refused: the console runs one statement at a time; a second statement starts here",
            text, position_at(text, second.offset)))
    stmt = statements[0]
    start = _skip_preparser(stmt, text)
    admin = _admin_command(stmt, start)
    if admin is not None:
        words, why = admin
        raise QueryRefused(with_position(
            f"Refused: {words} {why}; the console only reads the graph",
            text, position_at(text, stmt[start].offset)))
    for i, tok in enumerate(stmt):
        nxt = stmt[i + 1] if i + 1 < len(stmt) else None
        if tok.is_word("USE") and nxt is not None and nxt.kind in ("ident", "qident") and (
                i == start or (stmt[i - 1].kind == "punct" and stmt[i - 1].value == "{")):
            raise QueryRefused(with_position(
                "Refused: USE switches the database; the console reads the configured "
                "database only", text, position_at(text, tok.offset)))
        if tok.is_word("LOAD") and nxt is not None and nxt.is_word("CSV") \
                and not _after_dot(stmt, i):
            raise QueryRefused(with_position(
                "Refused: LOAD CSV reads files and URLs; the console only reads the graph",
                text, position_at(text, tok.offset)))
        if (tok.is_word("IN") and i > 0 and stmt[i - 1].kind == "punct"
                and stmt[i - 1].value == "}" and _opens_in_transactions(stmt, i + 1)):
            raise QueryRefused(with_position(
                "Refused: CALL { ... } IN TRANSACTIONS commits batches of its own; the console "
                "runs one read transaction", text, position_at(text, tok.offset)))
    for name, offset in _procedure_calls(stmt):
        if name not in ALLOWED_PROCEDURES:
            raise QueryRefused(with_position(
                f"Refused: procedure {name} is not on the console's allow-list "
                f"({', '.join(sorted(ALLOWED_PROCEDURES))})",
                text, position_at(text, offset)))
    return tokens


def _opens_in_transactions(stmt: Sequence[Token], j: int) -> bool:
    """`IN [n|$n] [CONCURRENT] TRANSACTIONS` starting at index j (after IN)."""
    if j < len(stmt) and stmt[j].kind in ("number", "param"):
        j += 1
    if j < len(stmt) and stmt[j].is_word("CONCURRENT"):
        j += 1
    return j < len(stmt) and stmt[j].is_word("TRANSACTIONS")


def first_write_clause(text: str) -> tuple[str, int] | None:
    """(keyword, offset) of the first clause that looks like a write; for messages only.

    The plan decides whether a query writes; this only points the user at the likely place.
    """
    tokens = tokenize(text)
    for i, tok in enumerate(tokens):
        if not tok.is_word(*_WRITE_WORDS) or _after_dot(tokens, i):
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is None or (nxt.kind == "punct" and nxt.value in (":", ",", ")", "]", "}")):
            continue
        prev = tokens[i - 1] if i > 0 else None
        if prev is not None and prev.is_word("AS", "RETURN", "WITH", "IN"):
            continue
        if tok.is_word("DETACH") and nxt.is_word("DELETE"):
            return "DETACH DELETE", tok.offset
        return tok.value.upper(), tok.offset
    return None


# ---------------------------------------------------------------------------------------------
# Plan level
# ---------------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------------------------

def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_param_value(raw: str) -> JSONValue:
    """A parameter typed by a person: JSON when it parses as JSON, else the text itself.

    `42` -> 42, `true` -> True, `null` -> None, `["KOR","JPN"]` -> list, `"42"` -> the string
    "42", `PRK` -> the string "PRK". NaN and Infinity are not JSON and stay strings.
    """
    try:
        return json.loads(raw, parse_constant=_reject_constant)
    except ValueError:
        return raw


def param_input_text(value: JSONValue) -> str:
    """The inverse of `parse_param_value`: what to put in an input so it parses back to `value`."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False) if parse_param_value(value) != value \
            else value
    return json.dumps(value, ensure_ascii=False)


def check_params(params: Mapping[str, Any] | None) -> dict[str, JSONValue]:
    """Parameters as JSON values (str keys; None, bool, int64, float, str, list, dict)."""
    checked: dict[str, JSONValue] = {}
    for name, value in (params or {}).items():
        if not isinstance(name, str) or not name:
            raise QueryFailed(f"Parameter names must be non-empty strings; found {name!r}.")
        problem = _json_problem(value)
        if problem:
            raise QueryFailed(f"Parameter ${name}: {problem}.")
        checked[name] = value
    return checked


def _json_problem(value: Any) -> str | None:
    if value is None or isinstance(value, bool | str | float):
        return None
    if isinstance(value, int):
        if not INT64_MIN <= value <= INT64_MAX:
            return f"the integer {value} does not fit in 64 bits"
        return None
    if isinstance(value, list | tuple):
        for item in value:
            problem = _json_problem(item)
            if problem:
                return problem
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                return f"map keys must be strings; found {key!r}"
            problem = _json_problem(item)
            if problem:
                return problem
        return None
    return f"expected a JSON value; found {type(value).__name__}"


# ---------------------------------------------------------------------------------------------
# Values: driver types -> JSON-safe values
# ---------------------------------------------------------------------------------------------

@dataclass
class _GraphCollector:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    relationships: dict[str, dict[str, Any]] = field(default_factory=dict)


_ZERO_FRACTION = re.compile(r"(\d{2}:\d{2}:\d{2})\.0+(?!\d)")


def _iso(value: Any) -> str:
    text = _ZERO_FRACTION.sub(r"\1", value.iso_format())
    tz = getattr(value, "tzinfo", None)
    zone = getattr(tz, "zone", None) or getattr(tz, "key", None)
    if zone and "/" in str(zone):
        text += f"[{zone}]"
    return text


def _point(value: neo4j.spatial.Point) -> dict[str, Any]:
    coords = list(value)
    if isinstance(value, neo4j.spatial.WGS84Point):
        keys = ["longitude", "latitude", "height"]
    elif isinstance(value, neo4j.spatial.CartesianPoint):
        keys = ["x", "y", "z"]
    else:
        return {"srid": value.srid, "coordinates": coords}
    out: dict[str, Any] = {"srid": value.srid}
    out.update(zip(keys, coords, strict=False))
    return out


def to_json_value(value: Any, graph: _GraphCollector | None = None) -> JSONValue:
    """A driver value as plain JSON: nodes, relationships and paths as dicts, temporals as
    ISO-8601 strings (a named zone in brackets), points as dicts, bytes as base64.

    Nodes and relationships met on the way are collected in `graph` (for drawing).
    """
    if value is None or isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return value
    if isinstance(value, neo4j.graph.Node):
        node = {"id": value.element_id, "labels": sorted(value.labels),
                "properties": _properties(value, graph)}
        if graph is not None:
            graph.nodes.setdefault(value.element_id, node)
        return node
    if isinstance(value, neo4j.graph.Relationship):
        rel = {"id": value.element_id, "type": value.type,
               "start": value.start_node.element_id if value.start_node is not None else None,
               "end": value.end_node.element_id if value.end_node is not None else None,
               "properties": _properties(value, graph)}
        if graph is not None:
            graph.relationships.setdefault(value.element_id, rel)
        return rel
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [to_json_value(n, graph) for n in value.nodes],
                "relationships": [to_json_value(r, graph) for r in value.relationships]}
    if isinstance(value, neo4j.time.Date | neo4j.time.Time | neo4j.time.DateTime
                  | neo4j.time.Duration):
        return _iso(value)
    if isinstance(value, neo4j.spatial.Point):
        return _point(value)
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Mapping):
        return {str(k): to_json_value(v, graph) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json_value(v, graph) for v in value]
    if hasattr(value, "isoformat"):  # datetime from a custom hydration hook
        return value.isoformat()
    return str(value)


def _properties(entity: neo4j.graph.Entity, graph: _GraphCollector | None) -> dict[str, Any]:
    return {k: to_json_value(entity[k], graph) for k in sorted(entity.keys())}


def cell_text(value: JSONValue) -> str:
    """A value as one CSV or table cell: strings as they are, None empty, the rest as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# The result
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ConsoleResult:
    """Rows of one console query, JSON-safe, plus the graph elements found in them."""

    columns: list[str]
    rows: list[list[JSONValue]]
    truncated: bool
    limit: int
    elapsed_ms: float
    nodes: list[dict[str, Any]] = field(default_factory=list)
    relationships: list[dict[str, Any]] = field(default_factory=list)
    notifications: list[str] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def has_graph(self) -> bool:
        """True when the rows hold nodes, relationships or paths worth drawing."""
        return bool(self.nodes or self.relationships)

    def records(self) -> list[dict[str, JSONValue]]:
        """Rows as {column: value} dicts."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def missing_endpoint_ids(self) -> list[str]:
        """Ids of relationship ends that are not among the nodes (e.g. `RETURN r` alone)."""
        known = {n["id"] for n in self.nodes}
        missing: dict[str, None] = {}
        for rel in self.relationships:
            for end in (rel["start"], rel["end"]):
                if end is not None and end not in known:
                    missing.setdefault(end, None)
        return list(missing)

    def to_dict(self) -> dict[str, Any]:
        return {"columns": self.columns, "rows": self.rows, "truncated": self.truncated,
                "limit": self.limit, "elapsed_ms": self.elapsed_ms, "nodes": self.nodes,
                "relationships": self.relationships, "notifications": self.notifications}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ConsoleResult:
        return cls(columns=list(data["columns"]), rows=[list(r) for r in data["rows"]],
                   truncated=bool(data["truncated"]), limit=int(data["limit"]),
                   elapsed_ms=float(data["elapsed_ms"]), nodes=list(data.get("nodes", [])),
                   relationships=list(data.get("relationships", [])),
                   notifications=list(data.get("notifications", [])))

    def to_csv(self) -> str:
        """A header line, then one line per row (nested values as JSON)."""
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow([cell_text(v) for v in row])
        return buf.getvalue()

    def to_json(self) -> str:
        """{"columns", "rows" (one object per row), "truncated"}: stable, no timings."""
        return json.dumps({"columns": self.columns, "rows": self.records(),
                           "truncated": self.truncated}, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------------------------
# Running a query
# ---------------------------------------------------------------------------------------------

_SERVER_POSITION = re.compile(r"\s*\(line (\d+), column (\d+) \(offset: (\d+)\)\)")


def _server_message(error: neo4j.exceptions.Neo4jError, text: str,
                    shift: int) -> tuple[str, Position | None]:
    """The first line of the server's message and its position mapped onto the user's text.

    `shift` is the number of lines prepended to the user's text (1 for EXPLAIN_PREFIX).
    """
    raw = (error.message or str(error)).strip()
    first = raw.split("\n", 1)[0]
    match = _SERVER_POSITION.search(first)
    pos = None
    if match:
        first = (first[:match.start()] + first[match.end():]).strip()
        line, column, offset = (int(g) for g in match.groups())
        line -= shift
        offset -= len(EXPLAIN_PREFIX) if shift else 0
        if line >= 1 and offset >= 0:
            pos = Position(line=line, column=column, offset=offset)
    return first.rstrip("."), pos


def _seconds(value: float) -> str:
    return f"{value:g}"


def _translate(error: neo4j.exceptions.Neo4jError, text: str, shift: int, timeout: float,
               watchdog_fired: bool) -> Exception:
    code = error.code or ""
    message, pos = _server_message(error, text, shift)
    if code.endswith("TransactionTimedOutClientConfiguration") or (
            code.endswith(".Transaction.Terminated") and watchdog_fired):
        return QueryTimedOut(
            f"Timed out: the query was stopped after {_seconds(timeout)} s, the console's "
            "limit (ACTORGRAPH_QUERY_TIMEOUT or --timeout). Narrow the MATCH or add a LIMIT.")
    if code.endswith(".Transaction.TransactionTimedOut"):
        return QueryTimedOut(
            "Timed out: the server stopped the query at its own transaction time limit "
            "(db.transaction.timeout). Narrow the MATCH or add a LIMIT.")
    if code.endswith(".Transaction.Terminated"):
        return QueryFailed("The query was terminated on the server by another session.")
    if code == "Neo.ClientError.Statement.AccessMode":
        return QueryRefused(with_position(
            f"Refused by the server: {message} (the console only reads)", text, pos))
    if code.startswith("Neo.ClientError.Security."):
        return QueryRefused(with_position(f"Refused by the server: {message}", text, pos))
    if code == "Neo.ClientError.Statement.SyntaxError":
        return QueryFailed(with_position(f"Syntax error: {message}", text, pos))
    if code == "Neo.ClientError.Statement.ParameterMissing":
        names = message.split(":", 1)[-1].split(",")
        shown = ", ".join(f"${n.strip()}" for n in names if n.strip())
        return QueryFailed(f"Missing parameter value: {shown}. Give every $name a value.")
    return QueryFailed(with_position(f"Query failed ({code}): {message}", text, pos))


_WARMED_DRIVERS: weakref.WeakSet[neo4j.Driver] = weakref.WeakSet()

_TERMINATE_QUERY = (
    "SHOW TRANSACTIONS YIELD transactionId AS txId, metaData "
    f"WHERE metaData.{WATCHDOG_METADATA_KEY} = $token "
    "TERMINATE TRANSACTIONS txId YIELD transactionId, message RETURN transactionId, message")


def _terminate_matching(driver: neo4j.Driver, database: str | None, token: str) -> None:
    """Terminate the transactions whose metadata carries `token` (none, for a fresh token)."""
    try:
        with driver.session(database=database) as session:
            session.run(neo4j.Query(_TERMINATE_QUERY, timeout=10.0), token=token).consume()
    except Exception as e:  # the server's own timeout remains the backstop
        _log.debug("console watchdog could not terminate its transaction: %s", e)


def warm_up(db: Database, wait: float = 0.0) -> None:
    """Have the server compile the watchdog's query now, in the background.

    A first compilation takes a second or more on a busy server; done ahead, the first
    timeout is as prompt as the later ones. Once per driver. Returns at once, or after at
    most `wait` seconds when the warm-up should be finished first.
    """
    thread = _Watchdog.warm(db.driver, db.name)
    if thread is not None and wait > 0:
        thread.join(timeout=wait)


class _Watchdog:
    """Terminates the console's transactions (the EXPLAIN and the run) when the timeout passes.

    The server enforces the transaction timeout too, but only every
    `db.transaction.monitor.check.interval` (2 s by default); this makes the stop prompt.
    The transactions are found by a random token in their metadata, so nothing else is
    touched. Failures are ignored: the server's own timeout still applies.
    """

    def __init__(self, driver: neo4j.Driver, database: str | None, timeout: float) -> None:
        self.token = uuid.uuid4().hex
        self.fired = threading.Event()
        self._done = threading.Event()
        self._driver = driver
        self._database = database
        self._timeout = timeout
        self._deadline = 0.0
        self._thread = threading.Thread(target=self._watch, name="console-watchdog",
                                        daemon=True)

    @staticmethod
    def warm(driver: neo4j.Driver, database: str | None) -> threading.Thread | None:
        """Compile the terminate query once per driver, with a token that matches nothing."""
        if driver in _WARMED_DRIVERS:
            return None
        _WARMED_DRIVERS.add(driver)
        thread = threading.Thread(target=_terminate_matching,
                                  args=(driver, database, uuid.uuid4().hex),
                                  name="console-watchdog-warm-up", daemon=True)
        thread.start()
        return thread

    def __enter__(self) -> _Watchdog:
        self._deadline = time.monotonic() + self._timeout
        self.warm(self._driver, self._database)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()

    @property
    def metadata(self) -> dict[str, str]:
        """Transaction metadata that lets the watchdog find the console's transactions."""
        return {WATCHDOG_METADATA_KEY: self.token, "app": "actorgraph console"}

    def _watch(self) -> None:
        if self._done.wait(max(0.0, self._deadline - time.monotonic())):
            return
        self.fired.set()
        _terminate_matching(self._driver, self._database, self.token)


def explain(session: neo4j.Session, text: str, params: Mapping[str, Any],
            timeout: float) -> tuple[str | None, dict[str, Any] | None]:
    """Plan `text` without running it: (summary.query_type, summary.plan)."""
    summary = _explain_summary(session, text, params, timeout)
    return summary.query_type, summary.plan


def _explain_summary(session: neo4j.Session, text: str, params: Mapping[str, Any],
                     timeout: float, metadata: dict[str, str] | None = None
                     ) -> neo4j.ResultSummary:
    query = neo4j.Query(EXPLAIN_PREFIX + text, timeout=timeout, metadata=metadata)
    return session.run(query, dict(params)).consume()


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


def resolve_limits(limit: int | None, timeout: float | None) -> tuple[int, float]:
    """The row limit and timeout to use: the arguments, else the settings; both checked."""
    if limit is None:
        limit = config.get_int("ACTORGRAPH_QUERY_ROW_LIMIT")
    if timeout is None:
        timeout = config.get_float("ACTORGRAPH_QUERY_TIMEOUT")
    if limit < 1:
        raise ConfigError(f"The row limit (ACTORGRAPH_QUERY_ROW_LIMIT or --limit) must be at "
                          f"least 1; found {limit}")
    if not timeout > 0 or math.isinf(timeout):
        raise ConfigError(f"The timeout (ACTORGRAPH_QUERY_TIMEOUT or --timeout) must be a "
                          f"positive number of seconds; found {timeout}")
    return limit, timeout


def run_query(db: Database, text: str, params: Mapping[str, Any] | None = None, *,
              limit: int | None = None, timeout: float | None = None) -> ConsoleResult:
    """Run one user query safely and return its rows (see the module docstring for how).

    `limit` and `timeout` default to ACTORGRAPH_QUERY_ROW_LIMIT and ACTORGRAPH_QUERY_TIMEOUT.
    Raises `QueryRefused`, `QueryTimedOut`, `QueryFailed`, `DatabaseUnavailable` or
    `ConfigError`; never returns failure as data.
    """
    limit, timeout = resolve_limits(limit, timeout)
    checked = check_params(params)
    check_text(text)
    started = time.monotonic()
    deadline = started + timeout  # for planning and running together
    shift = 1
    watchdog = _Watchdog(db.driver, db.name, timeout)
    try:
        with watchdog, db.driver.session(database=db.name,
                                         default_access_mode=neo4j.READ_ACCESS) as session:
            summary = _explain_summary(session, text, checked, timeout, watchdog.metadata)
            check_plan(summary.query_type, summary.plan, text)
            notifications = plan_notifications(summary, text)
            shift = 0
            remaining = max(deadline - time.monotonic(), 0.001)
            columns, rows, truncated, graph = _fetch(session, text, checked, limit,
                                                     remaining, watchdog.metadata)
    except neo4j.exceptions.Neo4jError as e:
        raise _translate(e, text, shift, timeout, watchdog.fired.is_set()) from e
    except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired) as e:
        raise DatabaseUnavailable(
            f"Neo4j at {db.conn.display_uri} does not answer: {e}") from e
    except neo4j.exceptions.DriverError as e:
        raise QueryFailed(f"Query failed: {type(e).__name__}: {e}") from e
    elapsed_ms = round((time.monotonic() - started) * 1000, 1)
    return ConsoleResult(columns=columns, rows=rows, truncated=truncated, limit=limit,
                         elapsed_ms=elapsed_ms, nodes=list(graph.nodes.values()),
                         relationships=list(graph.relationships.values()),
                         notifications=notifications)


def _fetch(session: neo4j.Session, text: str, params: Mapping[str, Any], limit: int,
           timeout: float, metadata: dict[str, str]
           ) -> tuple[list[str], list[list[JSONValue]], bool, _GraphCollector]:
    """Read at most limit + 1 rows in a READ transaction that is rolled back, never committed.

    Rows are converted while the transaction is open: a relationship's end nodes are only
    resolvable then. The extra row is not converted; it only sets `truncated`.
    """
    rows: list[list[JSONValue]] = []
    graph = _GraphCollector()
    truncated = False
    tx = session.begin_transaction(timeout=timeout, metadata=metadata)
    try:
        result = tx.run(text, dict(params))
        columns = list(result.keys())
        for record in result:
            if len(rows) == limit:
                truncated = True
                break
            rows.append([to_json_value(v, graph) for v in record.values()])
    finally:
        tx.close()  # rolls back: a console query never commits
    return columns, rows, truncated, graph
