"""The Cypher console: run one user query, read-only, bounded in time and in rows.

Why three layers, each enough on its own for the common cases:

1. Text (`check_text`): a query too long or too deeply nested for Neo4j's parser is refused
   first (`check_size`). Then comments and string literals are lexed away, and the tokens are
   checked for more than one statement, administration and schema commands, `USE`,
   `CYPHER debug=...`, `LOAD CSV`, `CALL { ... } IN TRANSACTIONS` and procedure calls outside
   `ALLOWED_PROCEDURES`. Cheap, no round trip, and it can point at the line and column of the
   offending word. Parameters are checked for depth and size (`check_params`).
2. Plan (`explain` + `check_plan`): `EXPLAIN` plans the query without running it. Only a plan
   whose `query_type` is ``"r"`` passes, and whatever the type, the plan's operators are checked
   again (`LoadCSV`, `ProcedureCall` with its resolved procedure name, `AdministrationCommand`,
   `Show*`, `Terminate*`, `TransactionApply`/`TransactionForeach`). Operators cannot be fooled by
   odd spelling, whitespace, backticks or comments.
3. Execution: the EXPLAIN and the query run in one READ-mode explicit transaction that is never
   committed (it is rolled back after the rows are read), with a server-side timeout covering
   both. A watchdog thread also terminates the transaction when the timeout passes, because the
   server only checks its timeouts every `db.transaction.monitor.check.interval` (2 s by
   default), and cuts the query's connection `ABANDON_GRACE` later if it still runs (Neo4j does
   not interrupt a single long expression, nor a parser that never answers): `run_query`
   returns by its timeout whatever the server does. At most `limit + 1` rows and `max_bytes`
   bytes are read; the extra row only sets `truncated`.

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
    QueryFailed,
    QueryRefused,
    QueryTimedOut,
)
from actorgraph.graph.connection import Abort, Database, is_connection_lost, unavailable

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
# The same for the driver's connection log: when the watchdog cuts a connection, the driver
# logs the failed read as an error; the console reports the timeout instead.
logging.getLogger("neo4j.io").addHandler(logging.NullHandler())
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
                elif (i + 2 < len(stmt) and stmt[i].kind in ("ident", "qident")
                      and stmt[i + 1].kind == "punct" and stmt[i + 1].value == "="):
                    if stmt[i].value.lower().startswith("debug"):
                        raise QueryRefused(with_position(
                            f"Refused: the CYPHER option {stmt[i].value} returns the query "
                            "compiler's internals; the console only reads the graph",
                            text, position_at(text, stmt[i].offset)))
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


# Tokens that deepen Neo4j's syntax tree: each operator of a chain (`1+1+1`, `a.b.c`,
# `NOT NOT x`, `OR`, label and path punctuation) nests the tree one level further, as do
# brackets and CASE. Counted per bracket level, reset where a new expression starts.
_OPERATOR_PUNCT = frozenset("+-*/%^=<>.!|&:~")
_OPERATOR_WORDS = ("AND", "OR", "XOR", "NOT", "IN", "STARTS", "ENDS", "CONTAINS", "IS")
_EXPRESSION_STARTS = ("MATCH", "OPTIONAL", "WHERE", "RETURN", "WITH", "UNWIND", "ORDER", "BY",
                      "SKIP", "LIMIT", "AS", "WHEN", "THEN", "ELSE", "UNION", "CALL", "YIELD",
                      "CYPHER")


def text_limits() -> tuple[int, int]:
    """(ACTORGRAPH_QUERY_MAX_LENGTH, ACTORGRAPH_QUERY_MAX_DEPTH), both checked."""
    return (_positive_setting("ACTORGRAPH_QUERY_MAX_LENGTH"),
            _positive_setting("ACTORGRAPH_QUERY_MAX_DEPTH"))


def _positive_setting(name: str) -> int:
    value = config.get_int(name)
    if value < 1:
        raise ConfigError(f"{name} must be at least 1; found {value}")
    return value


def check_size(text: str) -> list[Token]:
    """Refuse a query longer than ACTORGRAPH_QUERY_MAX_LENGTH characters or nested deeper than
    ACTORGRAPH_QUERY_MAX_DEPTH; returns the tokens.

    Neo4j 5.26's parser recurses once per nesting level and per operator of a chain; a few
    hundred levels (`((((1))))`, `[[[[1]]]]`, `'a'+'a'+...`, `m.a.a.a...`, nested CASE)
    overflow its stack, and the server then never answers. The depth counted here is the
    number of open brackets and CASEs plus the operators of the expression being read at
    each of them, which over-estimates the syntax tree's depth, never under.
    """
    max_length, max_depth = text_limits()
    if not isinstance(text, str):
        raise QueryFailed(f"The query must be text; found {type(text).__name__}.")
    if len(text) > max_length:
        raise QueryRefused(
            f"Refused: the query is {len(text):,} characters long; the console accepts at most "
            f"{max_length:,} (ACTORGRAPH_QUERY_MAX_LENGTH)")
    tokens = tokenize(text)
    levels = [0]
    depth = 0  # len(levels) - 1 + sum(levels)
    for i, tok in enumerate(tokens):
        if tok.kind == "punct":
            value = tok.value
            if value in "([{":
                levels.append(0)
                depth += 1
            elif value in ")]}":
                if len(levels) > 1:
                    depth -= 1 + levels.pop()
            elif value in ",;":
                depth -= levels[-1]
                levels[-1] = 0
            elif value in _OPERATOR_PUNCT:
                levels[-1] += 1
                depth += 1
        elif tok.kind == "ident" and not _after_dot(tokens, i):
            if tok.is_word("CASE"):
                levels.append(0)
                depth += 1
            elif tok.is_word("END"):
                if len(levels) > 1:
                    depth -= 1 + levels.pop()
            elif tok.is_word(*_OPERATOR_WORDS):
                levels[-1] += 1
                depth += 1
            elif tok.is_word(*_EXPRESSION_STARTS):
                depth -= levels[-1]
                levels[-1] = 0
        if depth > max_depth:
            raise QueryRefused(with_position(
                f"Refused: the query nests brackets, CASE or chained operators more than "
                f"{max_depth} levels deep (ACTORGRAPH_QUERY_MAX_DEPTH), which Neo4j's parser "
                "may not survive; split the expression, or use IN [...] instead of a long "
                "OR chain", text, position_at(text, tok.offset)))
    return tokens


def check_text(text: str) -> list[Token]:
    """Refuse, from the text alone, what the console never runs. Returns the tokens.

    Raises `QueryRefused` (with the position of the offending word) or `QueryFailed` (empty
    query, EXPLAIN/PROFILE prefix). Overlong and too deeply nested text is refused first
    (`check_size`), so Neo4j's parser never sees it.
    """
    tokens = check_size(text)
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
        if tok.is_word("USE") and nxt is not None and _opens_use_clause(stmt, i, start):
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


def _opens_use_clause(stmt: Sequence[Token], i: int, start: int) -> bool:
    """True when the USE at stmt[i] starts a clause (at the start, after `{`, after UNION
    [ALL|DISTINCT], after any clause), not when it is a variable, label or property name."""
    nxt = stmt[i + 1]
    if nxt.kind not in ("ident", "qident") or _after_dot(stmt, i):
        return False
    if i == start:
        return True
    prev = stmt[i - 1]
    if prev.kind == "punct" and prev.value == "{":
        return True
    if prev.is_word("UNION", "ALL", "DISTINCT"):
        return True
    return not _in_expression(stmt, i)


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


def parse_param_value(raw: str, name: str | None = None) -> JSONValue:
    """A parameter typed by a person: JSON when it parses as JSON, else the text itself.

    `42` -> 42, `true` -> True, `null` -> None, `["KOR","JPN"]` -> list, `"42"` -> the string
    "42", `PRK` -> the string "PRK". NaN and Infinity are not JSON and stay strings.
    JSON nested deeper than ACTORGRAPH_QUERY_MAX_DEPTH is refused (`QueryRefused`) before it
    is parsed; `name` only names the parameter in that message.
    """
    _, max_depth = text_limits()
    if json_text_depth(raw) > max_depth:
        raise QueryRefused(_too_deep(name, max_depth))
    try:
        return json.loads(raw, parse_constant=_reject_constant)
    except RecursionError as e:  # not reached below the depth limit; kept as a backstop
        raise QueryRefused(_too_deep(name, max_depth)) from e
    except ValueError:
        return raw


def _too_deep(name: str | None, max_depth: int) -> str:
    which = f"Parameter ${name}" if name else "A parameter"
    return (f"Refused: {which} is nested more than {max_depth} levels deep "
            "(ACTORGRAPH_QUERY_MAX_DEPTH)")


def json_text_depth(raw: str) -> int:
    """The deepest bracket nesting of JSON text, strings skipped (an over-estimate is fine)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in raw:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def param_input_text(value: JSONValue) -> str:
    """The inverse of `parse_param_value`: what to put in an input so it parses back to `value`."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False) if parse_param_value(value) != value \
            else value
    return json.dumps(value, ensure_ascii=False)


def check_params(params: Mapping[str, Any] | None) -> dict[str, JSONValue]:
    """Parameters as JSON values (str keys; None, bool, int64, float, str, list, dict).

    Refused (`QueryRefused`): a value nested deeper than ACTORGRAPH_QUERY_MAX_DEPTH, or
    parameters larger than ACTORGRAPH_QUERY_MAX_PARAM_BYTES together (as JSON).
    """
    _, max_depth = text_limits()
    max_bytes = _positive_setting("ACTORGRAPH_QUERY_MAX_PARAM_BYTES")
    checked: dict[str, JSONValue] = {}
    total = 0
    for name, value in (params or {}).items():
        if not isinstance(name, str) or not name:
            raise QueryFailed(f"Parameter names must be non-empty strings; found {name!r}.")
        problem = _json_problem(value, max_depth)
        if problem == _TOO_DEEP:
            raise QueryRefused(_too_deep(name, max_depth))
        if problem:
            raise QueryFailed(f"Parameter ${name}: {problem}.")
        total += json_size(value) + len(name.encode("utf-8", "replace"))
        if total > max_bytes:
            raise QueryRefused(
                f"Refused: the parameters are larger than {max_bytes:,} bytes as JSON "
                f"(ACTORGRAPH_QUERY_MAX_PARAM_BYTES; the limit is reached at ${name})")
        checked[name] = value
    return checked


_TOO_DEEP = "too deep"


def _json_problem(value: Any, max_depth: int) -> str | None:
    """What makes `value` no JSON value the server can take, or None; iterative, so a deep
    value cannot exhaust Python's stack."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if item is None or isinstance(item, bool | str | float):
            continue
        if isinstance(item, int):
            if not INT64_MIN <= item <= INT64_MAX:
                return f"the integer {item} does not fit in 64 bits"
            continue
        if isinstance(item, list | tuple | dict) and depth > max_depth:
            return _TOO_DEEP
        if isinstance(item, list | tuple):
            stack.extend((v, depth + 1) for v in item)
            continue
        if isinstance(item, dict):
            for key in item:
                if not isinstance(key, str):
                    return f"map keys must be strings; found {key!r}"
            stack.extend((v, depth + 1) for v in item.values())
            continue
        return f"expected a JSON value; found {type(item).__name__}"
    return None


def json_size(value: JSONValue) -> int:
    """About the bytes `value` takes as JSON (UTF-8): exact for ASCII strings without
    escapes, a close estimate otherwise. Iterative, for values of any depth."""
    size = 0
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if item is None or item is True:
            size += 4
        elif item is False:
            size += 5
        elif isinstance(item, str):
            size += len(item.encode("utf-8", "replace")) + 2
        elif isinstance(item, int | float):
            size += len(repr(item))
        elif isinstance(item, Mapping):
            size += 2 + max(len(item) - 1, 0)
            for key, v in item.items():
                size += len(str(key).encode("utf-8", "replace")) + 3
                stack.append(v)
        elif isinstance(item, list | tuple):
            size += 2 + max(len(item) - 1, 0)
            stack.extend(item)
        else:
            size += len(str(item))
    return size


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
    max_bytes: int = 0
    truncated_by: str | None = None
    """Why the rows stop early: "rows" (the row limit) or "bytes" (the byte cap), or None."""

    @property
    def truncation_notice(self) -> str | None:
        """What was left out and which limit did it, for the CLI and the dashboard."""
        if not self.truncated:
            return None
        if self.truncated_by == "bytes":
            return (f"only the first {self.row_count} rows are shown: the next row would pass "
                    f"the limit of {self.max_bytes:,} bytes (ACTORGRAPH_QUERY_MAX_BYTES)")
        return (f"only the first {self.limit} rows are shown; the query returned more "
                "(raise --limit)")

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
                "relationships": self.relationships, "notifications": self.notifications,
                "max_bytes": self.max_bytes, "truncated_by": self.truncated_by}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ConsoleResult:
        return cls(columns=list(data["columns"]), rows=[list(r) for r in data["rows"]],
                   truncated=bool(data["truncated"]), limit=int(data["limit"]),
                   elapsed_ms=float(data["elapsed_ms"]), nodes=list(data.get("nodes", [])),
                   relationships=list(data.get("relationships", [])),
                   notifications=list(data.get("notifications", [])),
                   max_bytes=int(data.get("max_bytes", 0)),
                   truncated_by=data.get("truncated_by"))

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


def _timed_out(timeout: float, abandoned: bool = False) -> QueryTimedOut:
    if abandoned:
        return QueryTimedOut(
            f"Timed out: the console stopped waiting after {_seconds(timeout)} s, its limit "
            "(ACTORGRAPH_QUERY_TIMEOUT or --timeout), and dropped the connection. The server "
            "was told to stop the query, but it cannot interrupt a single long expression "
            "(such as reduce over a huge range) and may finish it in the background. "
            "Make the expression smaller.")
    return QueryTimedOut(
        f"Timed out: the query was stopped after {_seconds(timeout)} s, the console's "
        "limit (ACTORGRAPH_QUERY_TIMEOUT or --timeout). Narrow the MATCH or add a LIMIT.")


def _translate(error: neo4j.exceptions.Neo4jError, text: str, shift: int, timeout: float,
               watchdog_fired: bool, abandoned: bool = False) -> Exception:
    code = error.code or ""
    message, pos = _server_message(error, text, shift)
    if watchdog_fired or code.endswith("TransactionTimedOutClientConfiguration"):
        return _timed_out(timeout, abandoned)
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

TERMINATE_TIMEOUT = 10.0
"""Seconds the watchdog's own terminate query may take (server-side limit)."""

ABANDON_GRACE = 1.0
"""Seconds after the timeout the watchdog waits for a terminated query to end before it cuts
the query's connection: a single long expression (`reduce` over a huge range) is not
interrupted by termination on Neo4j 5.26, nor is a parser that never answers."""

WARM_UP_AFTER = 0.5
"""Seconds a query runs before the watchdog has the server compile its terminate query (when
that was not done for the driver yet): quick queries, most of them, cost no extra connection."""

FETCH_SIZE = 50
"""Rows the server sends per request. Rows beyond the byte cap that are already on their way
must still be read and dropped, so this bounds the waste (and the server's output buffers)
when rows are large."""


def _terminate_matching(driver: neo4j.Driver, database: str | None, token: str,
                        abort: Abort | None = None) -> None:
    """Terminate the transactions whose metadata carries `token` (none, for a fresh token).

    Runs in an explicit transaction so that `abort` can cut its connection when it hangs.
    """
    try:
        with driver.session(database=database) as session:
            tx = session.begin_transaction(timeout=TERMINATE_TIMEOUT)
            try:
                if abort is not None:
                    abort.attach(tx)
                tx.run(_TERMINATE_QUERY, token=token).consume()
            finally:
                if abort is not None:
                    abort.detach()
                tx.close()
    except Exception as e:  # the server's own timeout remains the backstop
        _log.debug("console watchdog could not terminate its transaction: %s", e)


def warm_up(db: Database, wait: float = 0.0) -> threading.Thread | None:
    """Have the server compile the watchdog's query now, in the background.

    A first compilation takes a second or more on a busy server; done ahead, the first
    timeout is as prompt as the later ones. Once per driver. Returns at once, or after at
    most `wait` seconds when the warm-up should be finished first. The work belongs to `db`:
    `db.close()` cancels it and waits for it before the driver closes.
    """
    if db.driver in _WARMED_DRIVERS:
        return None
    _WARMED_DRIVERS.add(db.driver)
    token = uuid.uuid4().hex
    job = db.in_background("console-watchdog-warm-up",
                           lambda abort: _terminate_matching(db.driver, db.name, token, abort))
    if wait > 0:
        job.thread.join(timeout=wait)
    return job.thread


class _Watchdog:
    """Stops the console's transaction (the EXPLAIN and the run) when the timeout passes.

    At the timeout it terminates the transaction on the server (found by a random token in
    its metadata, so nothing else is touched): the server enforces the transaction timeout
    too, but only every `db.transaction.monitor.check.interval`. When the query still has not
    ended `ABANDON_GRACE` seconds later, it cuts the query's connection (`attach`): the
    waiting caller gets its answer at once and the connection is discarded, whatever the
    server is still doing. Leaving the `with` block waits for the watchdog's own work, so
    nothing runs on the driver after the block.
    """

    def __init__(self, driver: neo4j.Driver, database: str | None, timeout: float) -> None:
        self.token = uuid.uuid4().hex
        self.fired = threading.Event()
        self.abandoned = threading.Event()
        self._done = threading.Event()
        self._driver = driver
        self._database = database
        self._timeout = timeout
        self._deadline = 0.0
        self._query_abort = Abort()
        self._thread = threading.Thread(target=self._watch, name="console-watchdog",
                                        daemon=True)

    def __enter__(self) -> _Watchdog:
        self._deadline = time.monotonic() + self._timeout
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._query_abort.detach()
        self._done.set()
        self._thread.join(3 * TERMINATE_TIMEOUT + ABANDON_GRACE + 5.0)

    @property
    def metadata(self) -> dict[str, str]:
        """Transaction metadata that lets the watchdog find the console's transactions."""
        return {WATCHDOG_METADATA_KEY: self.token, "app": "actorgraph console"}

    def attach(self, tx: neo4j.Transaction) -> None:
        """The query's transaction: its connection is cut if it outlives the grace period."""
        self._query_abort.attach(tx)

    def _watch(self) -> None:
        warm = None
        if self._driver not in _WARMED_DRIVERS and not self._done.wait(
                min(WARM_UP_AFTER, self._timeout / 2)):
            warm = _Warming(self._driver, self._database)
        try:
            if not self._done.wait(max(0.0, self._deadline - time.monotonic())):
                self._stop_query()
        finally:
            if warm is not None:
                warm.finish(wait=0.0 if not self.fired.is_set() else TERMINATE_TIMEOUT)

    def _stop_query(self) -> None:
        self.fired.set()
        terminate_abort = Abort()
        terminator = threading.Thread(
            target=_terminate_matching,
            args=(self._driver, self._database, self.token, terminate_abort),
            name="console-watchdog-terminate", daemon=True)
        terminator.start()
        if not self._done.wait(ABANDON_GRACE):
            self.abandoned.set()
            self._query_abort.fire()
        terminator.join(TERMINATE_TIMEOUT)
        if terminator.is_alive():
            terminate_abort.fire()
            terminator.join(5.0)


class _Warming:
    """The watchdog's terminate query compiling on the server, in a thread of its own."""

    def __init__(self, driver: neo4j.Driver, database: str | None) -> None:
        self._driver = driver
        self.abort = Abort()
        self.thread = threading.Thread(
            target=self._run, args=(database, uuid.uuid4().hex),
            name="console-watchdog-warm-up", daemon=True)
        self.thread.start()

    def _run(self, database: str | None, token: str) -> None:
        _terminate_matching(self._driver, database, token, self.abort)
        if not self.abort.fired.is_set():
            _WARMED_DRIVERS.add(self._driver)

    def finish(self, wait: float) -> None:
        """Let it end within `wait` seconds, else cut its connection; then join it."""
        self.thread.join(wait)
        if self.thread.is_alive():
            self.abort.fire()
            self.thread.join(TERMINATE_TIMEOUT)


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


MAX_TIMEOUT = 86400.0
"""The longest timeout accepted, in seconds (a day); the server's own limit is far lower."""


@dataclass(frozen=True)
class Limits:
    """What bounds one console query: rows, seconds, result bytes."""

    rows: int
    timeout: float
    max_bytes: int


def resolve_limits(limit: int | None, timeout: float | None) -> tuple[int, float]:
    """The row limit and timeout to use: the arguments, else the settings; both checked."""
    if limit is None:
        limit = config.get_int("ACTORGRAPH_QUERY_ROW_LIMIT")
    if timeout is None:
        timeout = config.get_float("ACTORGRAPH_QUERY_TIMEOUT")
    if limit < 1:
        raise ConfigError(f"The row limit (ACTORGRAPH_QUERY_ROW_LIMIT or --limit) must be at "
                          f"least 1; found {limit}")
    if not 0 < timeout <= MAX_TIMEOUT:
        raise ConfigError(f"The timeout (ACTORGRAPH_QUERY_TIMEOUT or --timeout) must be a "
                          f"positive number of seconds, at most {MAX_TIMEOUT:g}; "
                          f"found {timeout}")
    return limit, timeout


def resolve_max_bytes(max_bytes: int | None = None) -> int:
    """The result byte cap: the argument, else ACTORGRAPH_QUERY_MAX_BYTES; at least 1."""
    if max_bytes is None:
        return _positive_setting("ACTORGRAPH_QUERY_MAX_BYTES")
    if max_bytes < 1:
        raise ConfigError(f"The result byte cap (ACTORGRAPH_QUERY_MAX_BYTES) must be at least "
                          f"1; found {max_bytes}")
    return max_bytes


def run_query(db: Database, text: str, params: Mapping[str, Any] | None = None, *,
              limit: int | None = None, timeout: float | None = None,
              max_bytes: int | None = None) -> ConsoleResult:
    """Run one user query safely and return its rows (see the module docstring for how).

    `limit`, `timeout` and `max_bytes` default to ACTORGRAPH_QUERY_ROW_LIMIT,
    ACTORGRAPH_QUERY_TIMEOUT and ACTORGRAPH_QUERY_MAX_BYTES. Returns by the timeout (plus
    `ABANDON_GRACE`) whatever the server does. Raises `QueryRefused`, `QueryTimedOut`,
    `QueryFailed`, `DatabaseUnavailable` or `ConfigError`; never returns failure as data.
    """
    limit, timeout = resolve_limits(limit, timeout)
    max_bytes = resolve_max_bytes(max_bytes)
    checked = check_params(params)
    check_text(text)
    started = time.monotonic()
    shift = 1
    watchdog = _Watchdog(db.driver, db.name, timeout)
    try:
        with watchdog, db.driver.session(database=db.name, fetch_size=FETCH_SIZE,
                                         default_access_mode=neo4j.READ_ACCESS) as session:
            # One READ transaction, never committed, for the plan and the run: its server
            # timeout covers both, and the watchdog can cut its one connection.
            tx = session.begin_transaction(timeout=timeout, metadata=watchdog.metadata)
            try:
                watchdog.attach(tx)
                summary = tx.run(EXPLAIN_PREFIX + text, dict(checked)).consume()
                check_plan(summary.query_type, summary.plan, text)
                notifications = plan_notifications(summary, text)
                shift = 0
                fetched = _fetch(tx, text, checked, limit, max_bytes)
            finally:
                watchdog._query_abort.detach()
                _close_quietly(tx, watchdog)
    except neo4j.exceptions.Neo4jError as e:
        raise _translate(e, text, shift, timeout, watchdog.fired.is_set(),
                         watchdog.abandoned.is_set()) from e
    except (neo4j.exceptions.DriverError, OSError) as e:
        if watchdog.fired.is_set():
            raise _timed_out(timeout, watchdog.abandoned.is_set()) from e
        if is_connection_lost(e):
            raise unavailable(db.conn, e) from e
        raise QueryFailed(f"Query failed: {type(e).__name__}: {e}") from e
    if watchdog.fired.is_set():  # rows that came after the timeout are not shown
        raise _timed_out(timeout, watchdog.abandoned.is_set())
    columns, rows, truncated_by, graph = fetched
    elapsed_ms = round((time.monotonic() - started) * 1000, 1)
    return ConsoleResult(columns=columns, rows=rows, truncated=truncated_by is not None,
                         limit=limit, elapsed_ms=elapsed_ms, nodes=list(graph.nodes.values()),
                         relationships=list(graph.relationships.values()),
                         notifications=notifications, max_bytes=max_bytes,
                         truncated_by=truncated_by)


def _close_quietly(tx: neo4j.Transaction, watchdog: _Watchdog) -> None:
    """Roll back (a console query never commits); on a cut connection there is nothing to
    roll back, and the caller reports the timeout rather than this."""
    try:
        tx.close()
    except (neo4j.exceptions.DriverError, OSError):
        if not watchdog.fired.is_set():
            raise


def _fetch(tx: neo4j.Transaction, text: str, params: Mapping[str, Any], limit: int,
           max_bytes: int
           ) -> tuple[list[str], list[list[JSONValue]], str | None, _GraphCollector]:
    """Read at most `limit` rows and `max_bytes` bytes (as JSON) of them.

    Rows are converted while the transaction is open: a relationship's end nodes are only
    resolvable then. One more row only tells that there were more ("rows"); a row that would
    pass the byte cap is dropped and stops the reading ("bytes").
    """
    rows: list[list[JSONValue]] = []
    graph = _GraphCollector()
    truncated_by: str | None = None
    size = 0
    result = tx.run(text, dict(params))
    columns = list(result.keys())
    for record in result:
        if len(rows) == limit:
            truncated_by = "rows"
            break
        row_graph = _GraphCollector()
        row = [to_json_value(v, row_graph) for v in record.values()]
        size += json_size(row)
        if size > max_bytes:
            truncated_by = "bytes"
            break
        rows.append(row)
        graph.nodes.update({k: v for k, v in row_graph.nodes.items() if k not in graph.nodes})
        graph.relationships.update({k: v for k, v in row_graph.relationships.items()
                                    if k not in graph.relationships})
    return columns, rows, truncated_by, graph
