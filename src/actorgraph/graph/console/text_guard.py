"""The text guard: what the console refuses from the query text alone, before Neo4j sees it.

A query too long or too deeply nested for Neo4j's parser is refused first (`check_size`). Then
the tokens (comments and string literals lexed away, `lexer`) are checked for more than one
statement, administration and schema commands, `USE`, `CYPHER debug=...`, `LOAD CSV`,
`CALL { ... } IN TRANSACTIONS` and procedure calls outside `ALLOWED_PROCEDURES`. Cheap, no
round trip, and it can point at the line and column of the offending word.
"""

from __future__ import annotations

from collections.abc import Sequence

from actorgraph.errors import QueryFailed, QueryRefused
from actorgraph.graph.console.lexer import (
    Token,
    position_at,
    split_statements,
    tokenize,
    with_position,
)
from actorgraph.graph.console.limits import text_limits

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


# Words that open an administration or schema command (checked at the start of a statement).
_ADMIN_ALWAYS = {"SHOW", "TERMINATE", "GRANT", "DENY", "REVOKE", "ALTER", "RENAME", "DROP",
                 "ENABLE", "DEALLOCATE", "REALLOCATE", "DRYRUN"}
_START_STOP_OBJECTS = {"DATABASE", "DATABASES"}
_CREATE_ADMIN_OBJECTS = {"USER", "ROLE", "DATABASE", "COMPOSITE", "ALIAS", "SERVER"}
_CREATE_SCHEMA_OBJECTS = {"INDEX", "CONSTRAINT", "RANGE", "TEXT", "POINT", "LOOKUP", "FULLTEXT",
                          "VECTOR", "BTREE"}
_WRITE_WORDS = {"CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH"}


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
