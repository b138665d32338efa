"""`actorgraph db migrate` on a store written by the last release of graph model 1.

The model-1 store is built in the test by that release's own code (`git archive` of
LAST_MODEL_1 into a temporary folder, run with it first on PYTHONPATH), from the seed, the
test articles and three GDELT files. After the upgrade it must be the very graph the current
writer builds from the same input, and the current writer must work on it.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from actorgraph.config import Neo4jConnection
from actorgraph.graph.connection import Database
from tests.conftest import clear_database
from tests.graph_snapshot import Snapshot, snapshot

ROOT = Path(__file__).resolve().parents[2]
LAST_MODEL_1 = "89a17cc"
"""main before graph model 2: its writer kept `articles` lists."""
GDELT = ROOT / "tests" / "fixtures" / "gdelt"
INPUTS: tuple[tuple[str, ...], ...] = (
    ("ingest", str(ROOT / "data" / "articles")),
    ("ingest", str(ROOT / "tests" / "fixtures" / "ingest" / "articles")),
    ("ingest", str(ROOT / "tests" / "fixtures" / "articles"), "--data-dir", str(ROOT / "data")),
    ("import-gdelt", "--no-progress", str(GDELT / "20250711120000.export.CSV"),
     str(GDELT / "20250711121500.export.CSV"), str(GDELT / "20191024143000.export.CSV")),
)
TIMEOUT = 300


@pytest.fixture(scope="module")
def model_1_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The source of the last model-1 release, as `git archive` gives it."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", LAST_MODEL_1, "src", "data"],
                             capture_output=True, timeout=120)
    if archive.returncode != 0:
        pytest.fail(f"commit {LAST_MODEL_1} (the last graph-model-1 release) is not in this "
                    f"clone's history, which the migration test builds its store with: "
                    f"{archive.stderr.decode(errors='replace').strip()}")
    root = tmp_path_factory.mktemp("model-1-release")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(root, filter="data")
    return root / "src"


def actorgraph(env: dict[str, str], *args: str,
               source: Path | None = None) -> subprocess.CompletedProcess:
    if source is not None:
        env = {**env, "PYTHONPATH": os.pathsep.join([str(source), env.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "actorgraph", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=TIMEOUT)


GDELT_REJECTS = "Error: 5 of 67 rows were rejected (listed above); the other 62 were loaded."
"""The GDELT fixtures hold five bad rows on purpose: import-gdelt loads the rest, exit 2."""


def build(env: dict[str, str], source: Path | None = None) -> None:
    for args in INPUTS:
        result = actorgraph(env, *args, source=source)
        if args[0] == "import-gdelt":
            assert (result.returncode, result.stderr.splitlines()[-1]) == (2, GDELT_REJECTS)
        else:
            assert result.returncode == 0, (args, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def current(neo4j_connection: Neo4jConnection, neo4j_env: dict[str, str]) -> Snapshot:
    """The graph the current writer builds from INPUTS."""
    with Database(neo4j_connection) as database:
        clear_database(database)
        build(neo4j_env)
        return snapshot(database)


def test_a_model_1_store_upgrades_to_the_graph_the_current_writer_builds(
        current: Snapshot, db: Database, neo4j_env: dict[str, str],
        model_1_release: Path) -> None:
    build(neo4j_env, source=model_1_release)
    assert db.read("MATCH (a:Actor {id: 'USA'}) RETURN a.articles IS NOT NULL AS lists") == [
        {"lists": True}]
    refused = actorgraph(neo4j_env, *INPUTS[0])
    assert refused.returncode == 2
    assert refused.stderr.strip().endswith(
        "holds graph model 1 (an earlier actorgraph wrote it); this release writes model 2. "
        "No data was written. Run `actorgraph db migrate` to upgrade it "
        "(docs/graph-model.md), then try again.")

    migrated = actorgraph(neo4j_env, "db", "migrate")
    assert migrated.returncode == 0, migrated.stderr
    lines = migrated.stdout.splitlines()
    assert lines[0] == "Upgraded the store from graph model 1 to 2:"
    assert lines[-1].endswith("relations recomputed from their claims")
    assert snapshot(db) == current
    assert db.read("MATCH (m:GraphModel) RETURN m.version AS version") == [{"version": 2}]

    again = actorgraph(neo4j_env, "db", "migrate")
    assert (again.returncode, again.stdout) == (
        0, "The store already holds graph model 2; nothing to do.\n")
    # the current writer works on the upgraded store: the same input changes nothing
    build(neo4j_env)
    assert snapshot(db) == current


def test_an_interrupted_upgrade_is_finished_by_running_it_again(
        current: Snapshot, db: Database, neo4j_env: dict[str, str],
        model_1_release: Path) -> None:
    from actorgraph.graph import migrate

    build(neo4j_env, source=model_1_release)
    # the first two steps, as if Neo4j had stopped after them
    with db.driver.session(database=db.name) as session:
        session.run(migrate.CLAIM_PUBLISHED).consume()
        session.run(migrate.ENTITY_MENTIONS.format(label="Actor")).consume()
    refused = actorgraph(neo4j_env, *INPUTS[0])
    assert refused.returncode == 2 and "holds graph model 1" in refused.stderr
    assert actorgraph(neo4j_env, "db", "migrate").returncode == 0
    assert snapshot(db) == current
