"""`neo4j-admin database import full` on the local Neo4j's store, from the Maven jars.

There is no neo4j tarball (launcher.py): neo4j-admin is its Java main class
(`launcher.ADMIN_ENTRY_POINT`), run from the jar folder with NEO4J_HOME and NEO4J_CONF set to
the server's home, as `set-initial-password` is. The server must be stopped. The caller
checks that the database is empty before it asks for `--overwrite-destination`.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from actorgraph.errors import LocalNeo4jError
from actorgraph.localdb.launcher import ADMIN_ENTRY_POINT, LocalNeo4j

DATABASE = "neo4j"
"""The local server's default database, the one every actorgraph command uses."""
LOG_NAME = "bulk-import.log"
MAX_OFF_HEAP = "25%"
"""neo4j-admin's own default is 90% of the machine's memory; the machine is shared."""
TAIL_LINES = 25


@dataclass(frozen=True)
class AdminImportRun:
    seconds: float
    log: Path
    summary: str
    """neo4j-admin's closing lines ("IMPORT DONE in ...", what it imported)."""


def admin_import_command(server: LocalNeo4j, java: str, nodes: Sequence[Path],
                         relationships: Sequence[Path], multiline: Sequence[Path],
                         array_delimiter: str, report_file: Path) -> list[str]:
    """The java command line: every file its own group, so each keeps its own header."""
    cmd = [java, "-cp", f"{server.jars_dir}/*", ADMIN_ENTRY_POINT, "database", "import",
           "full", DATABASE, "--overwrite-destination=true",
           f"--array-delimiter={array_delimiter}", "--bad-tolerance=0", "--strict=true",
           "--skip-bad-relationships=false", "--skip-duplicate-nodes=false",
           "--ignore-empty-strings=false", "--trim-strings=false",
           "--normalize-types=true", f"--max-off-heap-memory={MAX_OFF_HEAP}",
           f"--report-file={report_file}"]
    if multiline:
        cmd += ["--multiline-fields=true"]
    cmd += [f"--nodes={path}" for path in nodes]
    cmd += [f"--relationships={path}" for path in relationships]
    return cmd


def run_admin_import(server: LocalNeo4j, nodes: Sequence[Path], relationships: Sequence[Path],
                     multiline: Sequence[Path], array_delimiter: str) -> AdminImportRun:
    """Import the files into the stopped server's store, replacing it. Raises LocalNeo4jError
    with the tail of neo4j-admin's output when it fails (the server is left stopped)."""
    if server.running_pid() is not None:
        raise LocalNeo4jError("neo4j-admin import needs the local Neo4j stopped; it is running")
    java = server.check_java()
    server.install()
    log = server.home / "logs" / LOG_NAME
    log.parent.mkdir(parents=True, exist_ok=True)
    cmd = admin_import_command(server, java, nodes, relationships, multiline, array_delimiter,
                               server.home / "logs" / "bulk-import.report")
    env = {"NEO4J_HOME": str(server.home), "NEO4J_CONF": str(server.home / "conf")}
    t0 = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        result = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=server.home,
                                env=dict(os.environ, **env), stdin=subprocess.DEVNULL)
    seconds = time.perf_counter() - t0
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    if result.returncode != 0:
        tail = "\n".join(lines[-TAIL_LINES:])
        raise LocalNeo4jError(f"neo4j-admin database import full failed (exit "
                              f"{result.returncode}); its last lines ({log}):\n{tail}")
    done = [i for i, line in enumerate(lines) if line.startswith("IMPORT DONE")]
    summary = "\n".join(lines[done[-1]:]) if done else "\n".join(lines[-6:])
    return AdminImportRun(seconds, log, summary.strip())
