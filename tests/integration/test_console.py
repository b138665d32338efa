"""The console against a real Neo4j: refusals leave the database untouched, runaway reads stop,
rows are capped, parameters are typed, values come back as JSON; and the CLI's exit codes."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from actorgraph.config import Neo4jConnection
from actorgraph.errors import QueryFailed, QueryRefused, QueryTimedOut
from actorgraph.graph.connection import Database, open_driver
from actorgraph.graph.console import plan_guard, values
from actorgraph.graph.console import run as console
from actorgraph.graph.console.run import run_query
from actorgraph.graph.console.text_guard import ALLOWED_PROCEDURES
from actorgraph.graph.schema import ensure_schema
from tests.conftest import clear_database

ALLOW_LIST = ", ".join(sorted(ALLOWED_PROCEDURES))

SEED_CYPHER = """
CREATE (prk:Actor:State {id: 'PRK', name: 'North Korea', name_de: 'Nordkorea'}),
       (rus:Actor:State {id: 'RUS', name: 'Russia', name_de: 'Russland'}),
       (usa:Actor:State {id: 'USA', name: 'United States'}),
       (kor:Actor:State {id: 'KOR', name: 'South Korea'}),
       (jpn:Actor:State {id: 'JPN', name: 'Japan'}),
       (lavrov:Actor:Person {id: 'lavrov', name: 'Sergey Lavrov', title: 'Foreign Minister',
                             country: 'RUS'}),
       (choe:Actor:Person {id: 'choe-son-hui', name: 'Choe Son Hui', title: 'Foreign Minister',
                           country: 'PRK'}),
       (b52:Asset {id: 'b-52h', name: 'B-52H'}),
       (jeju:Place {id: 'jeju', name: 'Jeju', lat: 33.5, lon: 126.5}),
       (ex:Event:MilitaryExercise {id: 'jeju-air-exercise', title: 'Air exercise near Jeju',
            date: date('2025-07-11'), date_precision: 'day', cameo: '150', goldstein: -7.2,
            modality: 'asserted'}),
       (dialogue:Event:Meeting {id: 'strategic-dialogue-2',
            title: 'Strategic dialogue, second round', date: date('2025-07-12'),
            date_precision: 'day', cameo: '046', goldstein: 7.0, modality: 'asserted'}),
       (chiefs:Event:Meeting {id: 'chiefs-of-defence-seoul',
            title: 'Chiefs of defence meet in Seoul', date: date('2025-07-10'),
            date_precision: 'day', cameo: '040', goldstein: 1.0, modality: 'asserted'}),
       (tech:Event {id: 'tech-transfer', title: 'Transfer of Russian military technology',
            cameo: '072', goldstein: 8.3, modality: 'feared'}),
       (visit:Event:Visit {id: 'kim-visit-russia', title: 'Kim Jong Un visits Russia',
            cameo: '042', goldstein: 1.9, modality: 'possible'}),
       (usa)-[:PARTICIPATED_IN {role: 'participant'}]->(ex),
       (kor)-[:PARTICIPATED_IN {role: 'participant'}]->(ex),
       (jpn)-[:PARTICIPATED_IN {role: 'participant'}]->(ex),
       (ex)-[:USED]->(b52), (ex)-[:AT]->(jeju), (ex)-[:DIRECTED_AT]->(prk),
       (lavrov)-[:PARTICIPATED_IN {role: 'guest'}]->(dialogue),
       (choe)-[:PARTICIPATED_IN {role: 'host'}]->(dialogue),
       (usa)-[:PARTICIPATED_IN {role: 'participant'}]->(chiefs),
       (kor)-[:PARTICIPATED_IN {role: 'host'}]->(chiefs),
       (jpn)-[:PARTICIPATED_IN {role: 'participant'}]->(chiefs),
       (rus)-[:PARTICIPATED_IN {role: 'participant'}]->(tech),
       (prk)-[:PARTICIPATED_IN {role: 'participant'}]->(tech),
       (prk)-[:SUPPORTS {means: 'troops', stance: 1, modality: 'asserted'}]->(rus),
       (rus)-[:SUPPORTS {means: 'technology', stance: 1, modality: 'feared'}]->(prk),
       (prk)-[:ALLIED_WITH {stance: 1, modality: 'asserted'}]->(rus),
       (usa)-[:ALLIED_WITH {stance: 1, modality: 'asserted'}]->(kor),
       (usa)-[:ALLIED_WITH {stance: 1, modality: 'asserted'}]->(jpn),
       (lavrov)-[:SERVES]->(rus), (choe)-[:SERVES]->(prk)
"""
"""A small graph in the shape of docs/DESIGN.md's model: 14 nodes, 20 relationships."""

SEED_SCHEMA = (
    "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
    "CREATE INDEX event_date IF NOT EXISTS FOR (e:Event) ON (e.date)",
)

RUNAWAY = "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y RETURN count(*) AS pairs"


def wipe(db: Database) -> None:
    """Empty the database. Plain DETACH DELETE: the shared `clear_database` uses
    CALL { } IN TRANSACTIONS through a managed transaction, which Neo4j rejects once there are
    nodes, so every test here leaves the database empty behind it."""
    db.write("MATCH (n) DETACH DELETE n")
    clear_database(db)


def seed(db: Database, schema: bool = False) -> None:
    """The seed graph (and, when asked, a constraint and an index for DROP to aim at)."""
    if schema:
        for statement in SEED_SCHEMA:
            db.write(statement)
        db.write("CALL db.awaitIndexes(60)")
    db.write(SEED_CYPHER)


def snapshot(db: Database) -> dict:
    """Counts, a checksum of every label, type and property, the schema, tokens and users."""
    nodes = db.read("MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, "
                    "properties(n) AS props ORDER BY id")
    rels = db.read("MATCH (a)-[r]->(b) RETURN elementId(r) AS id, type(r) AS type, "
                   "elementId(a) AS a, elementId(b) AS b, properties(r) AS props ORDER BY id")
    canonical = json.dumps(
        [[n["id"], sorted(n["labels"]), values.to_json_value(n["props"])] for n in nodes]
        + [[r["id"], r["type"], r["a"], r["b"], values.to_json_value(r["props"])]
           for r in rels], sort_keys=True)
    with open_driver(db.conn) as driver, driver.session(database="system") as session:
        users = sorted(r["user"] for r in session.run("SHOW USERS YIELD user RETURN user"))
    return {
        "counts": db.counts(),
        "checksum": hashlib.sha256(canonical.encode()).hexdigest(),
        "indexes": sorted(r["name"] for r in db.read(
            "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")),
        "constraints": sorted(r["name"] for r in db.read(
            "SHOW CONSTRAINTS YIELD name RETURN name")),
        "labels": sorted(r["label"] for r in db.read("CALL db.labels() YIELD label")),
        "types": sorted(r["relationshipType"] for r in db.read(
            "CALL db.relationshipTypes() YIELD relationshipType")),
        "users": users,
    }


def at(line: int, column: int, offset: int) -> str:
    return f" (line {line}, column {column}, offset {offset})"


def writes(word: str, plan_type: str, line: int, column: int, offset: int) -> str:
    return (f"Refused: the query writes to the database ({word}; plan type '{plan_type}'); "
            f"the console only reads{at(line, column, offset)}")


def not_allowed(name: str, line: int = 1, column: int = 1, offset: int = 0) -> str:
    return (f"Refused: procedure {name} is not on the console's allow-list ({ALLOW_LIST})"
            f"{at(line, column, offset)}")


def command(words: str, why: str) -> str:
    return f"Refused: {words} {why}; the console only reads the graph{at(1, 1, 0)}"


LOAD_CSV = "Refused: LOAD CSV reads files and URLs; the console only reads the graph"
IN_TX = ("Refused: CALL { ... } IN TRANSACTIONS commits batches of its own; the console runs "
         "one read transaction")
SECOND = "Refused: the console runs one statement at a time; a second statement starts here"
ADMIN = "is an administration command"
SCHEMA = "changes the schema"
LISTS = "lists server metadata"

# (query, first line of the refusal): writes, file reads, schema, administration, procedures,
# several statements, comments, odd case and whitespace.
CORPUS: list[tuple[str, str]] = [
    ("CREATE (n:Actor {id: 'XYZ', name: 'Nobody'})", writes("CREATE", "w", 1, 1, 0)),
    ("CREATE (a:Actor {id: 'A'})-[:ALLIED_WITH]->(b:Actor {id: 'B'}) RETURN a, b",
     writes("CREATE", "rw", 1, 1, 0)),
    ("MERGE (n:Actor {id: 'PRK'})", writes("MERGE", "w", 1, 1, 0)),
    ("MERGE (n:Actor {id: 'NEW'}) ON CREATE SET n.name = 'new' RETURN n",
     writes("MERGE", "rw", 1, 1, 0)),
    ("MATCH (a:Actor {id: 'PRK'}), (b:Actor {id: 'USA'}) MERGE (a)-[:ALLIED_WITH]->(b)",
     writes("MERGE", "w", 1, 52, 51)),
    ("MATCH (n:Actor {id: 'PRK'}) SET n.name = 'renamed'", writes("SET", "w", 1, 29, 28)),
    ("MATCH (n) SET n += {touched: true}", writes("SET", "w", 1, 11, 10)),
    ("MATCH (n:Actor) SET n:Suspect", writes("SET", "w", 1, 17, 16)),
    ("MATCH (n:Actor) REMOVE n.name", writes("REMOVE", "w", 1, 17, 16)),
    ("MATCH (n:Person) REMOVE n:Actor", writes("REMOVE", "w", 1, 18, 17)),
    ("MATCH (n:Place) DELETE n", writes("DELETE", "w", 1, 17, 16)),
    ("MATCH ()-[r:SUPPORTS]->() DELETE r", writes("DELETE", "w", 1, 27, 26)),
    ("MATCH (n) DETACH DELETE n", writes("DETACH DELETE", "w", 1, 11, 10)),
    ("MATCH (n) FOREACH (x IN [1] | SET n.y = x)", writes("FOREACH", "w", 1, 11, 10)),
    ("UNWIND [1, 2] AS i FOREACH (j IN [i] | CREATE (:Spy {j: j}))",
     writes("FOREACH", "w", 1, 20, 19)),
    ("MATCH (n) CALL (n) { SET n.touched = true } RETURN count(*) AS c",
     writes("SET", "rw", 1, 22, 21)),
    ("CALL () { CREATE (:Spy) }", writes("CREATE", "w", 1, 11, 10)),
    ("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS", IN_TX + at(1, 40, 39)),
    ("MATCH (n) CALL (n) { RETURN n.name AS x } IN TRANSACTIONS OF 10 ROWS RETURN x",
     IN_TX + at(1, 43, 42)),
    ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", LOAD_CSV + at(1, 1, 0)),
    ("LOAD CSV WITH HEADERS FROM 'http://127.0.0.1:9/actors.csv' AS row RETURN row",
     LOAD_CSV + at(1, 1, 0)),
    ("LOAD CSV FROM 'https://127.0.0.1:9/x.csv' AS row CREATE (:Spy {v: row[0]})",
     LOAD_CSV + at(1, 1, 0)),
    ("load csv from 'file:///actors.csv' as r return r", LOAD_CSV + at(1, 1, 0)),
    ("MATCH (n) WITH n CALL (n) { LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r } RETURN r",
     LOAD_CSV + at(1, 29, 28)),
    ("RETURN COUNT { LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r } AS c",
     LOAD_CSV + at(1, 16, 15)),
    ("CREATE INDEX actor_name FOR (a:Actor) ON (a.name)", command("CREATE INDEX", SCHEMA)),
    ("CREATE TEXT INDEX actor_text IF NOT EXISTS FOR (a:Actor) ON (a.name)",
     command("CREATE INDEX", SCHEMA)),
    ("CREATE FULLTEXT INDEX actor_fulltext FOR (a:Actor) ON EACH [a.name]",
     command("CREATE INDEX", SCHEMA)),
    ("DROP INDEX event_date", command("DROP INDEX", SCHEMA)),
    ("CREATE CONSTRAINT place_id FOR (p:Place) REQUIRE p.id IS UNIQUE",
     command("CREATE CONSTRAINT", SCHEMA)),
    ("DROP CONSTRAINT actor_id", command("DROP CONSTRAINT", SCHEMA)),
    ("SHOW USERS", command("SHOW USERS", LISTS)),
    ("SHOW DATABASES", command("SHOW DATABASES", LISTS)),
    ("SHOW TRANSACTIONS", command("SHOW TRANSACTIONS", LISTS)),
    ("SHOW SETTINGS", command("SHOW SETTINGS", LISTS)),
    ("SHOW INDEXES", command("SHOW INDEXES", LISTS)),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", command("TERMINATE TRANSACTIONS", ADMIN)),
    ("CREATE USER spy SET PASSWORD 'secret-secret'", command("CREATE USER", ADMIN)),
    ("ALTER USER neo4j SET PASSWORD 'hijacked-password'", command("ALTER USER", ADMIN)),
    ("CREATE DATABASE spy", command("CREATE DATABASE", ADMIN)),
    ("START DATABASE neo4j", command("START DATABASE", ADMIN)),
    ("STOP DATABASE neo4j", command("STOP DATABASE", ADMIN)),
    ("GRANT ROLE admin TO spy", command("GRANT", ADMIN)),
    ("CALL dbms.listConfig()", not_allowed("dbms.listConfig")),
    ("CALL dbms.components()", not_allowed("dbms.components")),
    ("CALL dbms.killConnections(['bolt-1'])", not_allowed("dbms.killConnections")),
    ("CALL dbms.security.createUser('spy', 'secret-secret', false)",
     not_allowed("dbms.security.createUser")),
    ("CALL db.createLabel('Spy')", not_allowed("db.createLabel")),
    ("CALL db.createProperty('spy')", not_allowed("db.createProperty")),
    ("CALL db.createRelationshipType('SPIES_ON')", not_allowed("db.createRelationshipType")),
    ("MATCH (n:Actor) CALL db.create.setNodeVectorProperty(n, 'embedding', [0.1, 0.2])",
     not_allowed("db.create.setNodeVectorProperty", 1, 17, 16)),
    ("CALL db.clearQueryCaches()", not_allowed("db.clearQueryCaches")),
    ("CALL db.stats.collect('QUERIES')", not_allowed("db.stats.collect")),
    ("MATCH (n) RETURN n; MATCH (m) DETACH DELETE m", SECOND + at(1, 21, 20)),
    ("RETURN 1 AS one;\nCREATE (:Spy)", SECOND + at(2, 1, 17)),
    ("/* harmless */ MATCH (n) // a comment\nDETACH DELETE n",
     writes("DETACH DELETE", "w", 2, 1, 38)),
    ("cReAtE (:Spy)", writes("CREATE", "w", 1, 1, 0)),
    ("  \n\tMeRgE\n(:Spy {id: 'odd'})  ", writes("MERGE", "w", 2, 2, 4)),
    ("CALL `dbms`.`listConfig`()", not_allowed("dbms.listConfig")),
    ("CALL db . createLabel ( 'Spy2' )", not_allowed("db.createLabel")),
    ("USE system SHOW USERS",
     "Refused: USE switches the database; the console reads the configured database only"
     + at(1, 1, 0)),
    ("MATCH (n:Actor) WITH n LIMIT 1 CREATE (n)-[:SPIES_ON]->(n)",
     writes("CREATE", "w", 1, 32, 31)),
]


def test_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 40
    assert len({q for q, _ in CORPUS}) == len(CORPUS)


@pytest.fixture
def seeded(db: Database) -> Iterator[Database]:
    """The seed graph on a clean database, removed afterwards."""
    seed(db)
    yield db
    wipe(db)


@pytest.fixture(scope="class")
def corpus_db(neo4j_connection: Neo4jConnection) -> Iterator[tuple[Database, dict]]:
    """The seed graph with a constraint and an index, and its snapshot; removed after the class
    (one seed for all: a refusal that changed anything fails its own snapshot comparison)."""
    database = Database(neo4j_connection)
    wipe(database)
    seed(database, schema=True)
    baseline = snapshot(database)
    yield database, baseline
    wipe(database)
    database.close()


class TestRefusedCorpus:
    """Every corpus query is refused and the database stays exactly as seeded."""

    def test_baseline(self, corpus_db: tuple[Database, dict]) -> None:
        _, baseline = corpus_db
        assert baseline["counts"] == {"nodes": 14, "relationships": 20}
        assert baseline["constraints"] == ["actor_id"]
        assert "event_date" in baseline["indexes"]
        assert "Spy" not in baseline["labels"]
        assert "spy" not in baseline["users"]

    @pytest.mark.parametrize("query,message", CORPUS, ids=[q[:60] for q, _ in CORPUS])
    def test_refused_and_database_unchanged(self, corpus_db: tuple[Database, dict],
                                            query: str, message: str) -> None:
        database, baseline = corpus_db
        with pytest.raises(QueryRefused) as info:
            run_query(database, query, {}, limit=10, timeout=5)
        assert str(info.value).split("\n")[0] == message
        assert info.value.exit_code == 3
        assert snapshot(database) == baseline


# The plan layer alone (text checks bypassed): what EXPLAIN shows cannot be hidden by spelling.
PLAN_ONLY: list[tuple[str, str]] = [
    ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
     "Refused: LOAD CSV reads files and URLs; the console only reads the graph "
     "(plan operator LoadCSV)."),
    ("RETURN COUNT { LOAD CSV FROM 'file:///x.csv' AS r RETURN r } AS c",
     "Refused: LOAD CSV reads files and URLs; the console only reads the graph "
     "(plan operator LoadCSV)."),
    ("CALL `dbms` . listConfig() YIELD name RETURN name",
     f"Refused: procedure dbms.listConfig is not on the console's allow-list ({ALLOW_LIST}) "
     "(plan operator ProcedureCall)."),
    ("CALL db.prepareForReplanning()",
     f"Refused: procedure db.prepareForReplanning is not on the console's allow-list "
     f"({ALLOW_LIST}) (plan operator ProcedureCall)."),
    ("SHOW SETTINGS",
     "Refused: SHOW commands list server metadata; the console only reads the graph "
     "(plan operator ShowSettings)."),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
     "Refused: TERMINATE commands stop other transactions; the console only reads the graph "
     "(plan operator TerminateTransactions)."),
    ("SHOW CURRENT USER",
     "Refused: administration commands are not run by the console "
     "(plan operator AdministrationCommand)."),
    ("MATCH (n) CALL (n) { RETURN n.name AS x } IN TRANSACTIONS RETURN x",
     "Refused: CALL { ... } IN TRANSACTIONS commits batches of its own; the console runs one "
     "read transaction (plan operator TransactionApply)."),
    ("CREATE INDEX spy_index FOR (n:Spy) ON (n.x)",
     "Refused: the query changes the schema or administers the server (plan type 's'); "
     "the console only reads the graph."),
    ("MATCH (n) SET n.x = 1",
     "Refused: the query writes to the database (SET; plan type 'w'); the console only reads "
     "(line 1, column 11, offset 10)"),
]


@pytest.mark.parametrize("query,message", PLAN_ONLY, ids=[q[:50] for q, _ in PLAN_ONLY])
def test_plan_check_alone_refuses(db: Database, query: str, message: str) -> None:
    with db.driver.session(database=db.name, default_access_mode=neo4j.READ_ACCESS) as session:
        query_type, plan = plan_guard.explain(session, query, {}, timeout=5)
    with pytest.raises(QueryRefused) as info:
        plan_guard.check_plan(query_type, plan, query)
    assert str(info.value).split("\n")[0] == message


@pytest.mark.parametrize("procedure", sorted(ALLOWED_PROCEDURES))
def test_allowed_procedures_plan_as_reads(db: Database, procedure: str) -> None:
    args = "('actor_names', 'korea')" if procedure.startswith("db.index.fulltext") else "()"
    with db.driver.session(database=db.name, default_access_mode=neo4j.READ_ACCESS) as session:
        query_type, plan = plan_guard.explain(session, f"CALL {procedure}{args}", {}, timeout=5)
    assert query_type == "r"
    plan_guard.check_plan(query_type, plan)


def test_allowed_procedure_runs(seeded: Database) -> None:
    db = seeded
    result = run_query(db, "CALL db.labels() YIELD label RETURN label ORDER BY label")
    assert result.rows == [["Actor"], ["Asset"], ["Event"], ["Meeting"], ["MilitaryExercise"],
                           ["Person"], ["Place"], ["State"], ["Visit"]]
    ensure_schema(db)  # the explorer's name index, which every ingest creates
    found = run_query(db, "CALL db.index.fulltext.queryNodes('name_search', $q) YIELD node "
                          "WHERE node:Actor RETURN node.id AS id ORDER BY id", {"q": "korea"})
    assert found.rows == [["KOR"], ["PRK"]]


def test_server_itself_confines_load_csv(db: Database, neo4j_connection: Neo4jConnection) -> None:
    """Defence in depth: a raw driver session (no console) cannot read /etc/passwd either;
    file:/// URLs resolve inside the server's import folder."""
    with open_driver(neo4j_connection) as driver, driver.session() as session:
        import_dir = session.run(
            "CALL dbms.listConfig('server.directories.import') YIELD value RETURN value"
        ).single()["value"]
        with pytest.raises(neo4j.exceptions.ClientError) as info:
            session.run("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row").consume()
        assert info.value.code == "Neo.ClientError.Statement.ExternalResourceFailed"
        assert info.value.message == ("Cannot load from URL 'file:///etc/passwd': Couldn't load "
                                      "the external resource at: file:///etc/passwd ()")
        Path(import_dir, "console-probe.csv").write_text("PRK,North Korea\n", encoding="utf-8")
        try:
            rows = session.run("LOAD CSV FROM 'file:///console-probe.csv' AS row "
                               "RETURN row").data()
        finally:
            Path(import_dir, "console-probe.csv").unlink()
        assert rows == [{"row": ["PRK", "North Korea"]}]
        unrestricted = session.run(
            "CALL dbms.listConfig('dbms.security.procedures.unrestricted') YIELD value "
            "RETURN value").single()["value"]
        assert unrestricted == ""


def warmed(db: Database) -> Database:
    """The server compiles the watchdog's query once, as the dashboard has it do at start: on
    a fresh server on a busy machine that first compilation alone can take 1-2 s."""
    console.warm_up(db, wait=30)
    return db


def test_runaway_read_is_stopped_within_timeout_plus_one_second(db: Database) -> None:
    warmed(db)
    timeout = 2.0
    started = time.monotonic()
    with pytest.raises(QueryTimedOut) as info:
        run_query(db, RUNAWAY, timeout=timeout)
    elapsed = time.monotonic() - started
    assert str(info.value) == (
        "Timed out: the query was stopped after 2 s, the console's limit "
        "(ACTORGRAPH_QUERY_TIMEOUT or --timeout). Narrow the MATCH or add a LIMIT.")
    assert info.value.exit_code == 4
    assert elapsed <= timeout + 1.0
    # Stopped on the server too, not just abandoned by the client.
    deadline = time.monotonic() + 5
    still_running = ["not checked"]
    while time.monotonic() < deadline:
        still_running = db.read("SHOW TRANSACTIONS YIELD currentQuery "
                                "WHERE currentQuery STARTS WITH 'UNWIND range(1, 100000)' "
                                "RETURN currentQuery")
        if not still_running:
            break
        time.sleep(0.1)
    assert still_running == []


def test_watchdog_terminates_promptly_without_the_servers_timeout(db: Database) -> None:
    """The watchdog alone (the transaction's own server timeout is far away) stops the query;
    the server would only notice its timeouts every 2 s."""
    warmed(db)
    started = time.monotonic()
    with console._Watchdog(db.driver, db.name, 1.0) as watchdog, db.driver.session(
            database=db.name, default_access_mode=neo4j.READ_ACCESS) as session:
        tx = session.begin_transaction(timeout=60, metadata=watchdog.metadata)
        try:
            with pytest.raises(neo4j.exceptions.ClientError) as info:
                tx.run(RUNAWAY).consume()
        finally:
            tx.close()
    assert info.value.code == "Neo.ClientError.Transaction.Terminated"
    assert watchdog.fired.is_set()
    assert time.monotonic() - started <= 1.0 + 1.0


def test_timeout_setting_is_used(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACTORGRAPH_QUERY_TIMEOUT", "1.5")
    with pytest.raises(QueryTimedOut) as info:
        run_query(db, RUNAWAY)
    assert str(info.value).startswith("Timed out: the query was stopped after 1.5 s,")


@pytest.mark.parametrize("limit,rows,truncated", [(9, 9, True), (10, 10, False),
                                                  (11, 10, False), (1, 1, True)])
def test_truncation_is_flagged_at_the_limit(db: Database, limit: int, rows: int,
                                            truncated: bool) -> None:
    result = run_query(db, "UNWIND range(1, 10) AS i RETURN i", limit=limit)
    assert result.row_count == rows
    assert result.rows == [[i] for i in range(1, rows + 1)]
    assert result.truncated is truncated
    assert result.limit == limit


def test_row_limit_setting_and_huge_results(db: Database,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACTORGRAPH_QUERY_ROW_LIMIT", "5")
    result = run_query(db, "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y "
                           "RETURN x, y")
    assert result.rows == [[1, 1], [1, 2], [1, 3], [1, 4], [1, 5]]
    assert result.truncated is True


@pytest.mark.parametrize("value,type_name", [
    ("North Korea", "STRING NOT NULL"),
    ("x'}) DETACH DELETE n //", "STRING NOT NULL"),
    (42, "INTEGER NOT NULL"),
    (-(2**63), "INTEGER NOT NULL"),
    (2.5, "FLOAT NOT NULL"),
    (True, "BOOLEAN NOT NULL"),
    (None, "NULL"),
    (["KOR", "JPN"], "LIST<STRING NOT NULL> NOT NULL"),
    ([1, "a", None], "LIST<STRING | INTEGER> NOT NULL"),
    ({"actor": "PRK", "since": 2024, "tags": ["x"]}, "MAP NOT NULL"),
])
def test_parameters_round_trip_typed(seeded: Database, value: object, type_name: str) -> None:
    db = seeded
    before = db.counts()
    result = run_query(db, "RETURN $v AS v, valueType($v) AS t", {"v": value})
    assert result.columns == ["v", "t"]
    assert result.rows == [[value, type_name]]
    assert db.counts() == before


def test_parameters_from_the_cli_parser_are_typed(db: Database) -> None:
    from actorgraph.graph.console.params import parse_param_pairs

    params = parse_param_pairs(("s=PRK", "i=3", "f=0.5", "b=false", "n=null", "l=[1,2]",
                                'm={"a":1}', 'q="3"'))
    result = run_query(db, "RETURN valueType($s) AS s, valueType($i) AS i, valueType($f) AS f, "
                           "valueType($b) AS b, valueType($n) AS n, valueType($l) AS l, "
                           "valueType($m) AS m, valueType($q) AS q", params)
    assert result.records() == [{
        "s": "STRING NOT NULL", "i": "INTEGER NOT NULL", "f": "FLOAT NOT NULL",
        "b": "BOOLEAN NOT NULL", "n": "NULL", "l": "LIST<INTEGER NOT NULL> NOT NULL",
        "m": "MAP NOT NULL", "q": "STRING NOT NULL"}]


def test_nodes_relationships_and_paths_become_json(seeded: Database) -> None:
    db = seeded
    ids = db.read("MATCH (a:Actor {id: 'USA'})-[r:ALLIED_WITH]->(b:Actor {id: 'KOR'}) "
                  "RETURN elementId(a) AS a, elementId(r) AS r, elementId(b) AS b")[0]
    result = run_query(db, "MATCH p = (a:Actor {id: 'USA'})-[r:ALLIED_WITH]->(b:Actor {id: 'KOR'}) "
                           "RETURN a, r, p")
    usa = {"id": ids["a"], "labels": ["Actor", "State"],
           "properties": {"id": "USA", "name": "United States"}}
    kor = {"id": ids["b"], "labels": ["Actor", "State"],
           "properties": {"id": "KOR", "name": "South Korea"}}
    rel = {"id": ids["r"], "type": "ALLIED_WITH", "start": ids["a"], "end": ids["b"],
           "properties": {"modality": "asserted", "stance": 1}}
    assert result.rows == [[usa, rel, {"nodes": [usa, kor], "relationships": [rel]}]]
    assert result.nodes == [usa, kor]
    assert result.relationships == [rel]
    assert result.missing_endpoint_ids() == []
    json.dumps(result.to_dict(), allow_nan=False)


def test_relationship_alone_reports_its_missing_ends(seeded: Database) -> None:
    db = seeded
    result = run_query(db, "MATCH (:Event {id: 'jeju-air-exercise'})-[r:USED]->() RETURN r")
    assert result.nodes == []
    assert len(result.relationships) == 1
    rel = result.relationships[0]
    assert result.missing_endpoint_ids() == [rel["start"], rel["end"]]


def test_temporal_and_spatial_values_become_iso_strings_and_dicts(db: Database) -> None:
    result = run_query(db, "RETURN date('2025-07-11') AS d, "
                           "datetime('2025-07-11T09:30:00+09:00') AS dt, "
                           "datetime('2025-07-11T09:30:00[Asia/Seoul]') AS zoned, "
                           "localdatetime('2025-07-11T09:30') AS ldt, time('09:30+09:00') AS t, "
                           "duration('P1DT2H') AS du, "
                           "point({longitude: 126.5, latitude: 33.5}) AS jeju, "
                           "point({x: 1, y: 2}) AS xy")
    assert result.records() == [{
        "d": "2025-07-11", "dt": "2025-07-11T09:30:00+09:00",
        "zoned": "2025-07-11T09:30:00+09:00[Asia/Seoul]", "ldt": "2025-07-11T09:30:00",
        "t": "09:30:00+09:00", "du": "P1DT2H",
        "jeju": {"srid": 4326, "longitude": 126.5, "latitude": 33.5},
        "xy": {"srid": 7203, "x": 1.0, "y": 2.0},
    }]


def test_syntax_error_names_the_position_in_the_users_text(db: Database) -> None:
    with pytest.raises(QueryFailed) as info:
        run_query(db, "MATCH (a:Actor)\nWHERE a.id = 'PRK'\nRETURN b")
    assert str(info.value) == ("Syntax error: Variable `b` not defined "
                               "(line 3, column 8, offset 42)\n"
                               "  RETURN b\n"
                               "         ^")
    assert info.value.exit_code == 1


def test_missing_parameter_and_runtime_errors_are_one_message(db: Database) -> None:
    with pytest.raises(QueryFailed) as info:
        run_query(db, "MATCH (a:Actor {id: $actor}) RETURN a LIMIT $n", {"n": 1})
    assert str(info.value) == "Missing parameter value: $actor. Give every $name a value."
    with pytest.raises(QueryFailed) as info:
        run_query(db, "UNWIND [1, 0] AS d RETURN 10 / d AS q")
    assert str(info.value) == "Query failed (Neo.ClientError.Statement.ArithmeticError): / by zero"


# -- CLI ---------------------------------------------------------------------------------------

def cli(neo4j_env: dict[str, str], tmp_path: Path, *args: str,
        stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "actorgraph", "query", *args], env=neo4j_env,
                          cwd=tmp_path, capture_output=True, text=True, input=stdin, timeout=120)


def test_cli_table(seeded: Database, neo4j_env: dict[str, str], tmp_path: Path) -> None:
    run = cli(neo4j_env, tmp_path, "MATCH (a:State) WHERE a.id IN $ids "
              "RETURN a.id AS id, a.name AS name, a.name_de AS de ORDER BY id",
              "--param", 'ids=["PRK", "RUS", "USA"]')
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout == ("id  | name          | de\n"
                          "----+---------------+----------\n"
                          "PRK | North Korea   | Nordkorea\n"
                          "RUS | Russia        | Russland\n"
                          "USA | United States |\n"
                          "(3 rows)\n")


def test_cli_csv_json_and_stdin(seeded: Database, neo4j_env: dict[str, str],
                                tmp_path: Path) -> None:
    query = ("MATCH (e:Event)-[:USED]->(:Asset {id: $asset}) "
             "RETURN e.title AS event, e.date AS date, e.goldstein AS goldstein")
    run = cli(neo4j_env, tmp_path, query, "-p", "asset=b-52h", "--format", "csv")
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout == "event,date,goldstein\nAir exercise near Jeju,2025-07-11,-7.2\n"
    run = cli(neo4j_env, tmp_path, "-", "-p", "asset=b-52h", "--format", "json", stdin=query)
    assert (run.returncode, run.stderr) == (0, "")
    assert json.loads(run.stdout) == {
        "columns": ["event", "date", "goldstein"],
        "rows": [{"event": "Air exercise near Jeju", "date": "2025-07-11", "goldstein": -7.2}],
        "truncated": False}


def test_cli_truncation_warning(db: Database, neo4j_env: dict[str, str], tmp_path: Path) -> None:
    run = cli(neo4j_env, tmp_path, "UNWIND range(1, 5) AS i RETURN i", "--limit", "3",
              "--format", "csv")
    assert run.returncode == 0
    assert run.stdout == "i\n1\n2\n3\n"
    assert run.stderr == ("Warning: only the first 3 rows are shown; the query returned more "
                          "(raise --limit).\n")


def test_cli_refused_exit_3(seeded: Database, neo4j_env: dict[str, str], tmp_path: Path) -> None:
    db = seeded
    before = db.counts()
    run = cli(neo4j_env, tmp_path, "MATCH (n) DETACH DELETE n")
    assert run.returncode == 3
    assert run.stdout == ""
    assert run.stderr == ("Error: Refused: the query writes to the database (DETACH DELETE; "
                          "plan type 'w'); the console only reads (line 1, column 11, offset 10)\n"
                          "  MATCH (n) DETACH DELETE n\n"
                          "            ^\n")
    assert db.counts() == before
    run = cli(neo4j_env, tmp_path, "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row")
    assert run.returncode == 3
    assert run.stderr == ("Error: Refused: LOAD CSV reads files and URLs; the console only "
                          "reads the graph (line 1, column 1, offset 0)\n"
                          "  LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row\n"
                          "  ^\n")


def test_cli_timed_out_exit_4(db: Database, neo4j_env: dict[str, str], tmp_path: Path) -> None:
    run = cli(neo4j_env, tmp_path, RUNAWAY, "--timeout", "1")
    assert run.returncode == 4
    assert run.stdout == ""
    assert run.stderr == ("Error: Timed out: the query was stopped after 1 s, the console's "
                          "limit (ACTORGRAPH_QUERY_TIMEOUT or --timeout). Narrow the MATCH or "
                          "add a LIMIT.\n")


def test_cli_other_failures_exit_1(db: Database, neo4j_env: dict[str, str],
                                   tmp_path: Path) -> None:
    run = cli(neo4j_env, tmp_path, "MATCH (n RETURN n")
    assert run.returncode == 1
    assert run.stderr == ("Error: Syntax error: Invalid input 'RETURN': expected a graph "
                          "pattern, a parameter, ')', ':', 'IS', 'WHERE' or '{' "
                          "(line 1, column 10, offset 9)\n"
                          "  MATCH (n RETURN n\n"
                          "           ^\n")
    run = cli(neo4j_env, tmp_path, "RETURN $missing AS m")
    assert run.returncode == 1
    assert run.stderr == "Error: Missing parameter value: $missing. Give every $name a value.\n"


def test_cli_bad_param_is_a_usage_error(neo4j_env: dict[str, str], tmp_path: Path) -> None:
    run = cli(neo4j_env, tmp_path, "RETURN 1", "--param", "no-equals-sign")
    assert run.returncode == 2
    assert run.stderr.endswith(
        "Error: Invalid value for '--param': expected NAME=VALUE; found 'no-equals-sign'\n")
