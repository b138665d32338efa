"""Neo4j stopping in the middle of `actorgraph import-gdelt` (issue #13, finding 7).

The test runs its own Neo4j (the shared one must keep running), stops it once some batches are
committed, and checks what the command says against what the graph holds after a restart: the
batches it names as committed are there, none of the one being written, and running the same
command again completes the import.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from actorgraph.config import Neo4jConnection
from actorgraph.graph.connection import Database
from actorgraph.localdb import LocalNeo4j
from actorgraph.localdb.probe import free_port
from tests.gdelt_rows import KOR, SEOUL, USA, line

ROWS = 3000
BATCH = 20
WAIT_SECONDS = 180
STORED_ROWS = ("MATCH (c:Claim) WHERE c.gdelt_ids IS NOT NULL "
               "RETURN coalesce(sum(size(c.gdelt_ids)), 0) AS rows")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LocalNeo4j]:
    neo4j = LocalNeo4j(home=tmp_path / "neo4j", port=free_port(), heap="512m",
                       pagecache="128m")
    neo4j.start()
    try:
        yield neo4j
    finally:
        neo4j.stop()


def export_file(folder: Path) -> Path:
    """ROWS rows, each its own event (one day each) and its own article."""
    path = folder / "20250711120000.export.CSV"
    days = [f"2025{m:02d}{d:02d}" for m in range(1, 7) for d in range(1, 29)]  # before DATEADDED
    with path.open("w", encoding="utf-8") as f:
        for i in range(ROWS):
            a1, a2 = (USA, KOR) if i % 2 else (KOR, USA)
            f.write(line(1_000_000 + i, days[i % len(days)], a1, a2, "042", SEOUL,
                         url=f"https://news.example.com/{i}"))
    return path


def env_for(conn: Neo4jConnection) -> dict[str, str]:
    import os

    env = dict(os.environ)
    env.update(NEO4J_URI=conn.uri, NEO4J_USERNAME=conn.username,
               NEO4J_PASSWORD=conn.password or "")
    env.pop("NEO4J_DATABASE", None)
    return env


def stored_rows(conn: Neo4jConnection) -> int:
    with Database(conn) as db:
        return db.read(STORED_ROWS)[0]["rows"]


@pytest.mark.timeout(900)  # two Neo4j starts and two imports on a busy machine
def test_interrupted_import_says_what_was_committed_and_a_rerun_completes_it(
        server: LocalNeo4j, tmp_path: Path) -> None:
    export = export_file(tmp_path)
    conn = server.connection()
    command = [sys.executable, "-m", "actorgraph", "import-gdelt", str(export),
               "--batch-size", str(BATCH), "--no-progress"]
    child = subprocess.Popen(command, env=env_for(conn), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        with Database(conn) as db:
            while db.read(STORED_ROWS)[0]["rows"] < BATCH:  # the first batch committed
                assert child.poll() is None, "the import ended before Neo4j was stopped"
                assert time.monotonic() < deadline, "no batch was committed in time"
                time.sleep(0.1)
        server.stop()
        stdout, stderr = child.communicate(timeout=WAIT_SECONDS)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == 1, stderr
    assert stdout == ""
    message = stderr.strip().splitlines()[-1]
    found = re.fullmatch(  # the driver's reason varies with the moment of the stop
        rf"Error: Neo4j at {re.escape(conn.uri)} stopped answering during the import \(.+\)\. "
        rf"Of the ([\d,]+) rows read, (?:(\d+) batch(?:es)? with ([\d,]+) rows "
        r"(?:was committed and stays|were committed and stay) in the graph "
        rf"\({re.escape(str(export))}: \3 rows\)|no batch was committed); the batch being "
        rf"written \({BATCH} rows\) (was not committed|was sent for commit but never "
        r"confirmed), and "
        r"nothing after it was written\. Run the same command again to complete the import: "
        r"rows already stored are recognised by their GlobalEventID and not stored twice\.",
        message)
    assert found, stderr
    read, batches, committed = (int((g or "0").replace(",", "")) for g in found.groups()[:3])
    assert committed == batches * BATCH
    if batches == 0:
        # The server stored the first batch (the loop above saw it) but stopped before the
        # importer heard so: that batch's commit was sent and never confirmed.
        assert found.group(4) == "was sent for commit but never confirmed", message
    assert read <= ROWS

    server.start()
    in_flight = BATCH if found.group(4).startswith("was sent") else 0
    assert stored_rows(conn) in {committed, committed + in_flight}  # no half batch

    again = subprocess.run(command, env=env_for(conn), capture_output=True, text=True,
                           timeout=WAIT_SECONDS)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[:2] == [
        f"{export}: {ROWS} rows read, {ROWS} loaded, 0 rejected",
        f"Total: {ROWS} rows read = {ROWS} loaded + 0 rejected"]
    assert stored_rows(conn) == ROWS
