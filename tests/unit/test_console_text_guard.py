"""The console's text guard (no database): one statement, LOAD CSV, procedures outside the
allow-list, administration and schema commands, USE, IN TRANSACTIONS, EXPLAIN/PROFILE, and
hostile text (issue #13): length and depth limits, USE after UNION, CYPHER debug options."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.errors import ConfigError, QueryFailed, QueryRefused
from actorgraph.graph.console.lexer import split_statements
from actorgraph.graph.console.params import check_params
from actorgraph.graph.console.text_guard import (
    ALLOWED_PROCEDURES,
    check_size,
    check_text,
    first_write_clause,
    procedure_calls,
)

ALLOW_LIST = ", ".join(sorted(ALLOWED_PROCEDURES))


def refusal(text: str) -> str:
    with pytest.raises(QueryRefused) as info:
        check_text(text)
    return str(info.value)


# -- statements ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "MATCH (n) RETURN n",
    "MATCH (n) RETURN n;",
    "MATCH (n) RETURN n ;  \n",
    "MATCH (n) RETURN n; // done",
    "MATCH (n) WHERE n.name = 'a;b' RETURN n",
    'MATCH (n) WHERE n.name = "a;b" RETURN n',
    "MATCH (n) // first; second\nRETURN n",
    "MATCH (n) /* ; MATCH (m) DELETE m; */ RETURN n",
    "MATCH (n) WHERE n.quote = 'it\\'s; fine' RETURN n",
    "MATCH (`odd;name`) RETURN `odd;name`",
])
def test_one_statement_passes(text: str) -> None:
    assert len(split_statements(check_text(text))) == 1


def test_two_statements_are_refused_at_the_second() -> None:
    assert refusal("MATCH (n) RETURN n; MATCH (m) RETURN m") == (
        "Refused: the console runs one statement at a time; a second statement starts here "
        "(line 1, column 21, offset 20)\n"
        "  MATCH (n) RETURN n; MATCH (m) RETURN m\n"
        "                      ^")


def test_second_statement_after_comment_and_newline() -> None:
    text = "RETURN 1 AS x; /* hidden */\n  detach delete n"
    assert refusal(text) == (
        "Refused: the console runs one statement at a time; a second statement starts here "
        "(line 2, column 3, offset 30)\n"
        "    detach delete n\n"
        "    ^")


def test_empty_query_fails() -> None:
    for text in ("", "   \n ", "// only a comment", ";"):
        with pytest.raises(QueryFailed) as info:
            check_text(text)
        assert str(info.value) == "The query is empty: write one Cypher statement."


# -- LOAD CSV --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,pos", [
    ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "line 1, column 1, offset 0"),
    ("load csv from 'file:///etc/passwd' as row return row", "line 1, column 1, offset 0"),
    ("LoAd\n\t CsV WITH HEADERS FROM 'http://127.0.0.1:1/x.csv' AS r RETURN r",
     "line 1, column 1, offset 0"),
    ("LOAD/* x */CSV FROM 'file:///x' AS r RETURN r", "line 1, column 1, offset 0"),
    ("LOAD\u00a0CSV FROM 'file:///x' AS r RETURN r", "line 1, column 1, offset 0"),
    ("MATCH (n) CALL (n) {\n  LOAD CSV FROM 'file:///x' AS r RETURN r\n} RETURN r",
     "line 2, column 3, offset 23"),
    ("RETURN COUNT { LOAD CSV FROM 'file:///x' AS r RETURN r } AS c",
     "line 1, column 16, offset 15"),
])
def test_load_csv_is_refused(text: str, pos: str) -> None:
    message = refusal(text)
    assert message.startswith(
        f"Refused: LOAD CSV reads files and URLs; the console only reads the graph ({pos})\n")


@pytest.mark.parametrize("text", [
    "RETURN 'LOAD CSV FROM x' AS s",
    'RETURN "load csv" AS s',
    "// LOAD CSV FROM 'file:///etc/passwd'\nRETURN 1",
    "/* LOAD CSV */ RETURN 1",
    "MATCH (n) RETURN n.load AS csv",
    "MATCH (`LOAD CSV`) RETURN 1",
])
def test_load_csv_in_strings_comments_or_names_passes(text: str) -> None:
    check_text(text)


# -- procedures ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("CALL db.labels()", [("db.labels", 0)]),
    ("call   db.labels", [("db.labels", 0)]),
    ("CALL `db`.`labels`()", [("db.labels", 0)]),
    ("CALL db . /* c */ schema\n.visualization()", [("db.schema.visualization", 0)]),
    ("CALL dbms.listConfig() YIELD name RETURN name", [("dbms.listConfig", 0)]),
    ("MATCH (n) OPTIONAL CALL db.info() YIELD id RETURN id", [("db.info", 19)]),
    ("CALL { MATCH (n) RETURN n } RETURN n", []),
    ("MATCH (n) CALL (n) { RETURN n.x AS x } RETURN x", []),
    ("RETURN 'CALL dbms.listConfig()' AS s", []),
    ("// CALL dbms.listConfig()\nRETURN 1", []),
    ("MATCH (n) RETURN n.call AS c", []),
    ("CALL db.labels() YIELD label CALL db.createLabel('x') RETURN label",
     [("db.labels", 0), ("db.createLabel", 29)]),
])
def test_procedure_names_are_found(text: str, expected: list[tuple[str, int]]) -> None:
    assert procedure_calls(text) == expected


def test_allowed_procedure_passes() -> None:
    check_text("CALL db.labels() YIELD label RETURN label ORDER BY label")
    check_text("CALL `db`.`schema`.`visualization`()")


@pytest.mark.parametrize("text,name", [
    ("CALL dbms.listConfig()", "dbms.listConfig"),
    ("CALL dbms.components()", "dbms.components"),
    ("cAlL DbMs . KillConnections(['x'])", "DbMs.KillConnections"),
    ("CALL `dbms`.`security`.`createUser`('a','b',false)", "dbms.security.createUser"),
    ("CALL db.createLabel('Spy')", "db.createLabel"),
    ("CALL db.stats.clear('QUERIES')", "db.stats.clear"),
    ("WITH * CALL dbms.listConfig() YIELD name RETURN name", "dbms.listConfig"),
    ("CALL db.clearQueryCaches()", "db.clearQueryCaches"),
    ("CALL apoc.load.json('file:///etc/passwd')", "apoc.load.json"),
])
def test_other_procedures_are_refused(text: str, name: str) -> None:
    offset = text.upper().index("CALL")
    assert refusal(text) == (
        f"Refused: procedure {name} is not on the console's allow-list ({ALLOW_LIST}) "
        f"(line 1, column {offset + 1}, offset {offset})\n  {text}\n  {' ' * offset}^")


# -- administration, schema, USE, IN TRANSACTIONS, EXPLAIN/PROFILE ---------------------------

@pytest.mark.parametrize("text,words,why", [
    ("SHOW USERS", "SHOW USERS", "lists server metadata"),
    ("show databases", "SHOW DATABASES", "lists server metadata"),
    ("SHOW TRANSACTIONS", "SHOW TRANSACTIONS", "lists server metadata"),
    ("SHOW INDEXES", "SHOW INDEXES", "lists server metadata"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TERMINATE TRANSACTIONS",
     "is an administration command"),
    ("CREATE USER bob SET PASSWORD 'secret'", "CREATE USER", "is an administration command"),
    ("CREATE OR REPLACE DATABASE spy", "CREATE DATABASE", "is an administration command"),
    ("create role analyst", "CREATE ROLE", "is an administration command"),
    ("ALTER CURRENT USER SET PASSWORD FROM 'a' TO 'b'", "ALTER CURRENT",
     "is an administration command"),
    ("START DATABASE neo4j", "START DATABASE", "is an administration command"),
    ("STOP DATABASE neo4j", "STOP DATABASE", "is an administration command"),
    ("GRANT ROLE admin TO bob", "GRANT", "is an administration command"),
    ("DENY READ {*} ON GRAPH * TO bob", "DENY", "is an administration command"),
    ("REVOKE ROLE admin FROM bob", "REVOKE", "is an administration command"),
    ("CREATE INDEX actor_name FOR (a:Actor) ON (a.name)", "CREATE INDEX", "changes the schema"),
    ("CREATE TEXT INDEX t FOR (a:Actor) ON (a.name)", "CREATE INDEX", "changes the schema"),
    ("CREATE CONSTRAINT c FOR (a:Actor) REQUIRE a.id IS UNIQUE", "CREATE CONSTRAINT",
     "changes the schema"),
    ("DROP INDEX actor_name", "DROP INDEX", "changes the schema"),
    ("DROP CONSTRAINT c IF EXISTS", "DROP CONSTRAINT", "changes the schema"),
    ("CYPHER 5 SHOW USERS", "SHOW USERS", "lists server metadata"),
])
def test_administration_and_schema_commands_are_refused(text: str, words: str, why: str) -> None:
    message = refusal(text)
    assert message.split("\n")[0].startswith(
        f"Refused: {words} {why}; the console only reads the graph (line 1, column ")


def test_create_of_nodes_is_left_to_the_plan() -> None:
    check_text("CREATE (user:Person {name: 'x'})")  # a write: the plan refuses it, not the text
    assert first_write_clause("CREATE (user:Person {name: 'x'})") == ("CREATE", 0)


def test_use_is_refused() -> None:
    assert refusal("USE system MATCH (n) RETURN n") == (
        "Refused: USE switches the database; the console reads the configured database only "
        "(line 1, column 1, offset 0)\n  USE system MATCH (n) RETURN n\n  ^")
    assert refusal("CALL { USE other MATCH (n) RETURN n } RETURN n").startswith(
        "Refused: USE switches the database; the console reads the configured database only "
        "(line 1, column 8, offset 7)")
    check_text("MATCH (use:Event) RETURN use")


@pytest.mark.parametrize("text", [
    "MATCH (n) CALL (n) { RETURN n.x AS y } IN TRANSACTIONS RETURN y",
    "MATCH (n) CALL (n) { RETURN n.x AS y } IN TRANSACTIONS OF 10 ROWS RETURN y",
    "MATCH (n) CALL (n) { RETURN n.x AS y } in 3 concurrent transactions RETURN y",
    "MATCH (n) CALL (n) { RETURN n.x AS y } IN CONCURRENT TRANSACTIONS RETURN y",
])
def test_in_transactions_is_refused(text: str) -> None:
    assert refusal(text).startswith(
        "Refused: CALL { ... } IN TRANSACTIONS commits batches of its own; the console runs one "
        "read transaction (line 1, column 40, offset 39)")


@pytest.mark.parametrize("text", ["EXPLAIN MATCH (n) RETURN n", "PROFILE MATCH (n) RETURN n",
                                  "CYPHER 5 profile MATCH (n) RETURN n"])
def test_explain_and_profile_fail_with_a_hint(text: str) -> None:
    with pytest.raises(QueryFailed) as info:
        check_text(text)
    word = "EXPLAIN" if "EXPLAIN" in text else "PROFILE"
    assert str(info.value).split("\n")[0].startswith(
        f"{word} is not needed: the console plans every query itself and runs it once; "
        "remove it (line 1, column ")


def test_read_queries_of_the_domain_pass() -> None:
    for text in [
        "MATCH (t:Event) WITH collect(t.id) AS transactions "
        "MATCH (e:Event) WHERE e.id IN transactions RETURN e",
        "RETURN {use: 1, call: 2, load: 3} AS m",
        "WITH 1 AS call RETURN call + 1 AS x",
        "WITH 1 AS call WITH call AS c RETURN c",
        "MATCH (a:Actor {id: 'PRK'})-[r:ALLIED_WITH|COOPERATES_WITH|SUPPORTS]-(b:Actor) "
        "RETURN a, r, b",
        "MATCH p = (:Actor)-[:PARTICIPATED_IN]->(e:Event)-[:USED]->(:Asset {id: $asset}) "
        "RETURN p",
        "MATCH (e:Event) WHERE e.modality IN ['feared', 'suspected', 'possible'] RETURN e",
        "CYPHER 5 MATCH (n) RETURN count(n) AS nodes",
        "MATCH (show:Event), (grant:Person) RETURN show, grant",
    ]:
        check_text(text)


DEPTH = ("Refused: the query nests brackets, CASE or chained operators more than 100 levels "
         "deep (ACTORGRAPH_QUERY_MAX_DEPTH), which Neo4j's parser may not survive; split the "
         "expression, or use IN [...] instead of a long OR chain")


# -- length and depth ----------------------------------------------------------------------


# Shapes that overflowed Neo4j 5.26's parser at the sizes measured (the server never answered):
# parentheses, lists and maps ~300 deep, string concatenation ~250, property chains and nested
# CASE ~200, NOT chains ~500, OR chains of ~500 comparisons, `+` chains ~5,000.
@pytest.mark.parametrize("text,column", [
    ("RETURN " + "(" * 1500 + "1" + ")" * 1500, 108),
    ("RETURN " + "[" * 10000 + "1" + "]" * 10000, 108),
    ("RETURN " + "{a: " * 300 + "1" + "}" * 300, 208),
    ("RETURN 'a'" + " + 'a'" * 250, 612),
    ("WITH {a: 1} AS m RETURN m" + ".a" * 200, 226),
    ("RETURN " + "CASE WHEN true THEN " * 200 + "1" + " END" * 200, 2008),
    ("RETURN " + "NOT " * 500 + "true", 408),
    ("MATCH (n) WHERE " + " OR ".join(f"n.a = {i}" for i in range(500)) + " RETURN n", 407),
    ("RETURN 1" + "+1" * 1000, 209),
    ("RETURN " + "(" * 60 + "1" + " + 1" * 60 + ")" * 60, 230),
])
def test_deep_text_is_refused_at_the_level_that_passes_the_limit(text: str, column: int) -> None:
    assert refusal(text).splitlines()[0] == DEPTH + f" (line 1, column {column}, offset " \
        f"{column - 1})"


@pytest.mark.parametrize("text", [
    "RETURN " + "(" * 99 + "1" + ")" * 99,
    "RETURN [" + ", ".join(str(i) for i in range(10000)) + "]",
    "MATCH (n) WHERE " + " OR ".join(f"n.a = {i}" for i in range(30)) + " RETURN n",
    "MATCH (a)-[:R]->(b)-[:R]->(c)-[:R]->(d)-[:R]->(e) WHERE a.x = 1 AND b.y = 2 "
    "RETURN a, b, c, d, e ORDER BY a.name, b.name",
    "RETURN CASE WHEN 1 > 0 THEN 'a' ELSE CASE WHEN 2 > 1 THEN 'b' ELSE 'c' END END AS x",
])
def test_ordinary_text_passes_the_size_check(text: str) -> None:
    assert check_size(text)


def test_the_dashboards_examples_pass_the_guard() -> None:
    from actorgraph.view.console_examples import EXAMPLES

    for example in EXAMPLES:
        check_text(example["query"])
        check_params(example["params"])


def test_depth_and_length_limits_are_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "RETURN " + "(" * 150 + "1" + ")" * 150
    refusal(text)
    monkeypatch.setenv("ACTORGRAPH_QUERY_MAX_DEPTH", "200")
    assert check_text(text)
    monkeypatch.setenv("ACTORGRAPH_QUERY_MAX_LENGTH", "20")
    assert refusal("MATCH (n) RETURN n.name") == (
        "Refused: the query is 23 characters long; the console accepts at most 20 "
        "(ACTORGRAPH_QUERY_MAX_LENGTH)")
    monkeypatch.setenv("ACTORGRAPH_QUERY_MAX_LENGTH", "0")
    with pytest.raises(ConfigError) as info:
        check_text("RETURN 1")
    assert str(info.value) == "ACTORGRAPH_QUERY_MAX_LENGTH must be at least 1; found 0"


def test_brackets_inside_strings_and_comments_do_not_count() -> None:
    text = "RETURN '" + "(" * 5000 + "' AS s // " + "[" * 5000 + "\n"
    assert check_text(text)


# -- USE and CYPHER options ------------------------------------------------------------------

USE = "Refused: USE switches the database; the console reads the configured database only"


@pytest.mark.parametrize("text", [
    "MATCH (n) RETURN n UNION USE neo4j MATCH (n) RETURN n",
    "MATCH (n) RETURN n UNION ALL USE neo4j MATCH (n) RETURN n",
    "MATCH (n) RETURN n UNION DISTINCT USE `neo4j` MATCH (n) RETURN n",
    "CALL () { USE neo4j MATCH (n) RETURN n } RETURN n",
    "MATCH (m) WITH m USE neo4j MATCH (n) RETURN n",
])
def test_use_is_refused_wherever_it_opens_a_clause(text: str) -> None:
    assert refusal(text).splitlines()[0].startswith(USE + " (line 1")


@pytest.mark.parametrize("text", [
    "WITH 1 AS use RETURN use",
    "MATCH (use) RETURN use.name",
    "MATCH (n:USE) RETURN n",
    "MATCH (n) RETURN n.use AS use",
    "UNWIND [1] AS use RETURN use AS x",
])
def test_use_as_a_name_passes(text: str) -> None:
    assert check_text(text)


@pytest.mark.parametrize("text,word,column", [
    ("CYPHER debug=tostring RETURN 1", "debug", 8),
    ("CYPHER 5 debug=ast RETURN 1", "debug", 10),
    ("cypher runtime=slotted DEBUG = logicalPlan RETURN 1", "DEBUG", 24),
])
def test_cypher_debug_options_are_refused(text: str, word: str, column: int) -> None:
    assert refusal(text).splitlines()[0] == (
        f"Refused: the CYPHER option {word} returns the query compiler's internals; the "
        f"console only reads the graph (line 1, column {column}, offset {column - 1})")


def test_other_cypher_options_pass() -> None:
    assert check_text("CYPHER 5 runtime=slotted RETURN 1")


def test_user_docs_list_the_allow_list_and_exit_codes() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "console.md").read_text("utf-8")
    for name in ALLOWED_PROCEDURES:
        assert f"| `{name}` |" in docs
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 4 |"):
        assert code in docs
    assert "ACTORGRAPH_QUERY_TIMEOUT" in docs and "ACTORGRAPH_QUERY_ROW_LIMIT" in docs
