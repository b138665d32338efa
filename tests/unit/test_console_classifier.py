"""The console's text-level checks, parameters and value conversion (no database)."""

from __future__ import annotations

import json
from pathlib import Path

import neo4j.spatial
import neo4j.time
import pytest
import pytz

from actorgraph.errors import QueryFailed, QueryRefused
from actorgraph.graph.console.run import (
    ALLOWED_PROCEDURES,
    ConsoleResult,
    Position,
    check_params,
    check_plan,
    check_text,
    first_write_clause,
    param_input_text,
    parameter_names,
    parse_param_value,
    position_at,
    procedure_calls,
    split_statements,
    to_json_value,
    tokenize,
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


# -- tokens and parameters -------------------------------------------------------------------

def test_tokenizer_keeps_strings_and_backticks_whole() -> None:
    tokens = tokenize("MATCH (`a``b`) WHERE a.x = 'x // y' /* c */ RETURN $p, $`q r`")
    assert [(t.kind, t.value) for t in tokens] == [
        ("ident", "MATCH"), ("punct", "("), ("qident", "a`b"), ("punct", ")"),
        ("ident", "WHERE"), ("ident", "a"), ("punct", "."), ("ident", "x"), ("punct", "="),
        ("string", "x // y"), ("ident", "RETURN"), ("param", "p"), ("punct", ","),
        ("param", "q r"),
    ]


def test_parameter_names_in_order_without_strings_or_comments() -> None:
    text = ("MATCH (a:Actor {id: $actor}) WHERE a.note <> '$notparam' // $comment\n"
            "AND a.score > $min RETURN a, $actor, $0, $`two words`")
    assert parameter_names(text) == ["actor", "min", "0", "two words"]


@pytest.mark.parametrize("raw,value", [
    ("PRK", "PRK"), ("42", 42), ("-1.5", -1.5), ("true", True), ("false", False),
    ("null", None), ('["KOR", "JPN"]', ["KOR", "JPN"]), ('{"a": [1, {"b": null}]}',
                                                         {"a": [1, {"b": None}]}),
    ('"42"', "42"), ("", ""), ("NaN", "NaN"), ("Infinity", "Infinity"), ("2025-07-01",
                                                                          "2025-07-01"),
    ("[1, 2", "[1, 2"),
])
def test_param_values_parse_as_json_else_string(raw: str, value: object) -> None:
    assert parse_param_value(raw) == value
    assert type(parse_param_value(raw)) is type(value)
    assert parse_param_value(param_input_text(value)) == value


def test_param_input_text_quotes_only_strings_that_would_parse() -> None:
    assert param_input_text("PRK") == "PRK"
    assert param_input_text("42") == '"42"'
    assert param_input_text("true") == '"true"'
    assert param_input_text(42) == "42"
    assert param_input_text(["a", 1]) == '["a", 1]'


def test_check_params_rejects_what_json_cannot_hold() -> None:
    assert check_params({"a": [1, {"b": None}], "c": 1.5}) == {"a": [1, {"b": None}], "c": 1.5}
    with pytest.raises(QueryFailed) as info:
        check_params({"big": 2**64})
    assert str(info.value) == (
        "Parameter $big: the integer 18446744073709551616 does not fit in 64 bits.")
    with pytest.raises(QueryFailed) as info:
        check_params({"s": {1, 2}})
    assert str(info.value) == "Parameter $s: expected a JSON value; found set."


# -- plan level (synthetic plans in the driver's shape) --------------------------------------

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


# -- positions, values, results --------------------------------------------------------------

def test_position_at() -> None:
    text = "MATCH (n)\n  RETURN m"
    assert position_at(text, 0) == Position(1, 1, 0)
    assert position_at(text, 12) == Position(2, 3, 12)
    assert str(Position(2, 3, 12)) == "line 2, column 3, offset 12"


def test_temporal_spatial_and_odd_values_become_json() -> None:
    berlin = pytz.timezone("Europe/Berlin")
    values = [
        neo4j.time.Date(2025, 7, 1),
        neo4j.time.DateTime(2025, 7, 1, 10, 0, 0, tzinfo=pytz.FixedOffset(540)),
        berlin.localize(neo4j.time.DateTime(2025, 7, 1, 10, 0, 0)),
        neo4j.time.DateTime(2025, 7, 1, 10, 0, 0, 500_000_000),
        neo4j.time.Time(10, 30, 0),
        neo4j.time.Duration(days=3, hours=2),
        neo4j.spatial.WGS84Point((126.5, 33.5)),
        neo4j.spatial.CartesianPoint((1.0, 2.0, 3.0)),
        float("nan"), float("inf"), b"\x00\x01", {"k": [neo4j.time.Date(2025, 1, 2)]},
    ]
    assert [to_json_value(v) for v in values] == [
        "2025-07-01",
        "2025-07-01T10:00:00+09:00",
        "2025-07-01T10:00:00+02:00[Europe/Berlin]",
        "2025-07-01T10:00:00.500000000",
        "10:30:00",
        "P3DT2H",
        {"srid": 4326, "longitude": 126.5, "latitude": 33.5},
        {"srid": 9157, "x": 1.0, "y": 2.0, "z": 3.0},
        "NaN", "Infinity", "AAE=", {"k": ["2025-01-02"]},
    ]
    json.dumps([to_json_value(v) for v in values], allow_nan=False)


def test_result_csv_json_and_missing_endpoints() -> None:
    result = ConsoleResult(
        columns=["name", "tags", "n", "r"],
        rows=[["Kim, Jong Un", ["PRK", "leader"], None, None],
              ["B-52H", [], 1.5, {"id": "r1", "type": "USED", "start": "e1", "end": "a1",
                                  "properties": {}}]],
        truncated=True, limit=2, elapsed_ms=3.0,
        nodes=[{"id": "a1", "labels": ["Asset"], "properties": {}}],
        relationships=[{"id": "r1", "type": "USED", "start": "e1", "end": "a1",
                        "properties": {}}],
    )
    assert result.to_csv() == (
        'name,tags,n,r\n"Kim, Jong Un","[""PRK"", ""leader""]",,\n'
        'B-52H,[],1.5,"{""id"": ""r1"", ""type"": ""USED"", ""start"": ""e1"", ""end"": '
        '""a1"", ""properties"": {}}"\n')
    data = json.loads(result.to_json())
    assert data["columns"] == ["name", "tags", "n", "r"]
    assert data["rows"][0] == {"name": "Kim, Jong Un", "tags": ["PRK", "leader"], "n": None,
                               "r": None}
    assert data["truncated"] is True
    assert result.missing_endpoint_ids() == ["e1"]
    assert result.has_graph
    assert ConsoleResult.from_dict(result.to_dict()) == result


def test_user_docs_list_the_allow_list_and_exit_codes() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "console.md").read_text("utf-8")
    for name in ALLOWED_PROCEDURES:
        assert f"| `{name}` |" in docs
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 4 |"):
        assert code in docs
    assert "ACTORGRAPH_QUERY_TIMEOUT" in docs and "ACTORGRAPH_QUERY_ROW_LIMIT" in docs
