"""`actorgraph import-gdelt --bulk`: neo4j-admin import into the local Neo4j's empty store.

The bulk path stops and restarts the server, so these tests run their own Neo4j (the shared
one of conftest.py keeps running), and they run the command as a user does, as a subprocess
that finds the server through ACTORGRAPH_NEO4J_HOME and ACTORGRAPH_NEO4J_PORT.

The equality test is what keeps graph/bulk/derived.py (the Python twin of the writer's Cypher
refresh) honest: the same files, in the same batches, imported online and with --bulk, give
the same snapshot of every node and relationship with every property.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from actorgraph.graph.bulk.csv_files import FIXUP_MARKER, write_csv_files
from actorgraph.graph.connection import Database
from actorgraph.localdb import LocalNeo4j
from actorgraph.localdb.admin_import import run_admin_import
from actorgraph.localdb.probe import free_port
from tests.conftest import clear_database
from tests.gdelt_rows import (
    KOR,
    MOSCOW,
    NO_GEO,
    PRK,
    RUS,
    SEOUL,
    USA,
    actor,
    line,
)
from tests.graph_snapshot import snapshot_lines

ROOT = Path(__file__).resolve().parents[2]
GDELT = ROOT / "tests" / "fixtures" / "gdelt"
EXPORT_1 = GDELT / "20250711120000.export.CSV"
EXPORT_2 = GDELT / "20250711121500.export.CSV"
REAL = GDELT / "20191024143000.export.CSV"
BATCH = "3"  # small batches: documents and claims span batches, rows merge across them


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNeo4j]:
    neo4j = LocalNeo4j(home=tmp_path_factory.mktemp("bulk") / "neo4j", port=free_port(),
                       heap="512m", pagecache="128m")
    neo4j.start()
    try:
        yield neo4j
    finally:
        neo4j.stop()


@pytest.fixture
def env(server: LocalNeo4j) -> dict[str, str]:
    """The CLI on the private server, as the local Neo4j (no NEO4J_URI)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(ACTORGRAPH_NEO4J_HOME=str(server.home), ACTORGRAPH_NEO4J_PORT=str(server.port),
               ACTORGRAPH_NEO4J_LIB=str(server.lib_root), ACTORGRAPH_NEO4J_HEAP=server.heap,
               ACTORGRAPH_NEO4J_PAGECACHE=server.pagecache)
    return env


@pytest.fixture
def empty(server: LocalNeo4j) -> LocalNeo4j:
    server.start()
    with Database(server.connection()) as db:
        clear_database(db)
    return server


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "actorgraph", "import-gdelt", *args,
                           "--no-progress"], env=env, capture_output=True, text=True,
                          timeout=600)


def graph(server: LocalNeo4j) -> list[str]:
    with Database(server.connection()) as db:  # a new driver: the store may be new
        return snapshot_lines(db)


def hostile_file(folder: Path) -> Path:
    """Rows whose values test the CSV files: quotes, commas, a backslash, non-ASCII, a name
    that is only a quote; a row without a place (its claim's `gdelt_places` is `['']`), a bare
    role without a name (`unidentified_names` `['']`); one document over several batches and
    a GlobalEventID that EXPORT_1 has too (the later file's row replaces it)."""
    odd = actor("USAGOV", 'THE "HAWKS", A\\B — Ünïcode', "USA", type1="GOV")
    bare = actor("GOV", "", "", type1="GOV")
    quote = actor("KOR", '"', "KOR")
    path = folder / "20250712000000.export.CSV"
    url = 'https://news.example.com/q?a="1",b=2'
    with path.open("w", encoding="utf-8") as f:
        f.write(line(1250000001, "20250710", USA, KOR, "042", SEOUL, added="20250712000000",
                     url="https://news.example.com/2025/07/11/defence-secretary-in-seoul",
                     mentions=99))
        f.write(line(1260000001, "20250711", odd, quote, "036", SEOUL,
                     added="20250712000000", url=url))
        f.write(line(1260000002, "20250711", bare, PRK, "112", NO_GEO,
                     added="20250712000000", url=url))
        f.write(line(1260000003, "20250711", RUS, PRK, "040", MOSCOW,
                     added="20250712000000", url=url, tone=0.1))
        f.write(line(1260000004, "20250711", PRK, RUS, "040", NO_GEO,
                     added="20250712000000", url=url, tone=0.2))
        f.write(line(1260000005, "20250709", bare, KOR, "010", NO_GEO,
                     added="20250712000000", url="https://other.example.org/x"))
    return path


def later_file(folder: Path) -> Path:
    """A file imported online on top of the bulk store: new reports of stored events, new
    rows of a stored document, a new event."""
    path = folder / "20250713000000.export.CSV"
    with path.open("w", encoding="utf-8") as f:
        f.write(line(1270000001, "20250710", USA, KOR, "042", SEOUL, added="20250713000000",
                     url="https://late.example.com/visit"))
        f.write(line(1270000002, "20250711", RUS, PRK, "040", SEOUL, added="20250713000000",
                     url='https://news.example.com/q?a="1",b=2'))
        f.write(line(1270000003, "20250712", PRK, USA, "190", NO_GEO, added="20250713000000",
                     url="https://late.example.com/fight"))
    return path


@pytest.mark.timeout(900)
def test_bulk_gives_the_same_graph_as_the_online_import(empty: LocalNeo4j, env, tmp_path):
    files = [str(EXPORT_1), str(EXPORT_2), str(REAL), str(hostile_file(tmp_path))]
    online = cli(env, *files, "--batch-size", BATCH)
    assert online.returncode == 2, online.stderr  # the fixtures' rejected lines
    online_graph = graph(empty)
    assert len(online_graph) > 300

    with Database(empty.connection()) as db:
        clear_database(db)
    bulk = cli(env, "--bulk", *files, "--batch-size", BATCH)
    assert bulk.returncode == 2, bulk.stderr
    # The same accounting of every line, and what was written.
    assert bulk.stdout.splitlines()[:-2] == online.stdout.splitlines()[:-1]
    assert bulk.stderr.count("rejected: ") == online.stderr.count("rejected: ") == 5
    assert bulk.stdout.splitlines()[-1].startswith(
        "Bulk import (neo4j-admin database import full): ")
    assert graph(empty) == online_graph
    with Database(empty.connection()) as db:  # the fix-ups' marker labels are gone
        labels = [r["label"] for r in db.read("CALL db.labels() YIELD label RETURN label")]
    assert labels and not [label for label in labels if label.startswith(FIXUP_MARKER)]

    # The bulk store takes later files online, and re-importing a file changes nothing.
    later = str(later_file(tmp_path))
    on_top = cli(env, later)
    assert on_top.returncode == 0, on_top.stderr
    assert on_top.stdout.splitlines()[-1].startswith("Written: articles 2 created")
    stored = graph(empty)
    again = cli(env, later)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[-1] == "Written: nothing changed"
    # (REAL's documents span batches of 3: the online writer reports the links a batch
    # creates and a later one removes again, so only the graph is compared)
    assert cli(env, str(REAL), "--batch-size", BATCH).returncode == 0
    assert graph(empty) == stored

    # ... and gives the same graph as the online import of all five files.
    with Database(empty.connection()) as db:
        clear_database(db)
    assert cli(env, *files, "--batch-size", BATCH).returncode == 2
    assert cli(env, later).returncode == 0
    assert graph(empty) == stored


def test_bulk_refuses_a_database_that_is_not_empty(empty: LocalNeo4j, env):
    assert cli(env, str(EXPORT_2)).returncode == 0
    before = graph(empty)
    with Database(empty.connection()) as db:
        nodes = db.counts()["nodes"]
    result = cli(env, "--bulk", str(REAL))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (
        f"Error: --bulk imports into an empty database only, and the local Neo4j at "
        f"{empty.uri} holds {nodes} nodes; "
        "nothing was written. Import these files online (the same command without --bulk), "
        "or start from an empty store.")
    assert graph(empty) == before
    assert empty.running_pid() is not None  # never stopped


def test_bulk_refuses_a_remote_database(empty: LocalNeo4j, env):
    remote = dict(env, NEO4J_URI="bolt://db.example.org:7687", NEO4J_PASSWORD="secret")
    result = cli(remote, "--bulk", str(REAL))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "Error: --bulk runs neo4j-admin on this machine's local Neo4j only, and NEO4J_URI is "
        "set (bolt://db.example.org:7687); nothing was written. Unset NEO4J_URI to bulk-import "
        "into the local Neo4j, or import online (the same command without --bulk).")
    assert graph(empty) == []


FIDELITY = {
    "text": ['"', "", " padded ", "a,b", 'say "hi"', "back\\slash", "two\nlines", "crlf\r\n",
             "Ünïcode — ✓"],
    "ints": [0, -1, 2**63 - 1, -(2**63)],
    "floats": [0.0, -0.0, 1.9, 1e-05, 123456789.125, -7.2],
    "lists": [["a", "", "b"], ["", ""], ["x"], ['"q"', "c,d"], [1, 2], [1.5, 2.0], [True, False],
              [], [""]],
}


def test_every_value_shape_reads_back_as_the_writer_stores_it(empty: LocalNeo4j, tmp_path):
    """The CSV fidelity findings of graph/bulk/csv_files.py, on the real neo4j-admin: each value
    imported with the CSV files (and the fix-ups) reads back as Cypher stores it."""
    from actorgraph.graph.bulk.load import apply_fixups

    values: list[object] = [*FIDELITY["text"], *FIDELITY["ints"], *FIDELITY["floats"],
                            *FIDELITY["lists"], True, False]
    nodes = [(("Thing",), {"id": f"n{i}", "value": v}) for i, v in enumerate(values)]
    files, fixups = write_csv_files(tmp_path / "csv", nodes, [])
    empty.stop()
    try:
        run_admin_import(empty, [f.path for f in files], [], [f.path for f in files
                                                             if f.multiline], "U+001F")
    finally:
        empty.start()
    with Database(empty.connection()) as db:
        db.write("CREATE CONSTRAINT thing_id IF NOT EXISTS FOR (n:Thing) REQUIRE n.id IS UNIQUE")
        apply_fixups(db, fixups)
        rows = db.read("MATCH (n:Thing) RETURN n.id AS id, n.value AS value, "
                       "valueType(n.value) AS type")
        expected = {f"n{i}": v for i, v in enumerate(values)}
        stored = {r["id"]: r["value"] for r in rows}
        assert stored == expected
        types = {r["id"]: r["type"] for r in rows}
        online = {f"n{i}": db.write("RETURN valueType($v) AS t", v=v)[0]["t"]
                  for i, v in enumerate(values)}
        assert types == online
        clear_database(db)
