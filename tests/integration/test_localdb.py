"""The local Neo4j through the CLI, as a user runs it: start, start again, status, stop."""

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from actorgraph.localdb import LocalNeo4j
from actorgraph.localdb.launcher import ENTRY_POINT
from actorgraph.localdb.probe import free_port


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    return subprocess.run([sys.executable, "-m", "actorgraph", *args], capture_output=True,
                          text=True, env={**base, **(env or {})}, timeout=240)


def our_jvms(home: Path) -> list[str]:
    out = subprocess.run(["ps", "-ww", "-eo", "pid,args"], capture_output=True, text=True).stdout
    return [line for line in out.splitlines()
            if ENTRY_POINT in line and f"--home-dir={home}" in line]


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("localdb")


def test_start_twice_status_stop(home: Path):
    port = str(free_port())
    args = ["--home", str(home), "--port", port]
    try:
        first = cli("db", "start", *args)
        assert first.returncode == 0, first.stderr
        assert "started" in first.stdout and f"bolt://127.0.0.1:{port}" in first.stdout
        assert "Neo4j 5.26." in first.stdout

        second = cli("db", "start", *args)
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stdout
        assert len(our_jvms(home.resolve())) == 1

        status = cli("db", "status", *args)
        assert status.returncode == 0
        assert status.stdout.startswith(f"running: bolt://127.0.0.1:{port} Neo4j 5.26.")

        password_file = home / "password"
        assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
        password = password_file.read_text().strip()
        for out in (first, second, status):
            assert password not in out.stdout + out.stderr
    finally:
        stopped = cli("db", "stop", *args)
    assert stopped.returncode == 0 and stopped.stdout.strip() == "Neo4j stopped"
    assert our_jvms(home.resolve()) == []

    again = cli("db", "stop", *args)
    assert again.returncode == 0 and again.stdout.strip() == "Neo4j was not running"

    after = cli("db", "status", *args)
    assert after.returncode == 1
    assert after.stdout.startswith(f"not running: bolt://127.0.0.1:{port}")


def test_taken_port_is_a_clear_error(tmp_path: Path):
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        result = cli("db", "start", "--home", str(tmp_path), "--port", str(port))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"Error: Port {port} on 127.0.0.1 is taken by another process, so the local Neo4j "
        "cannot bind Bolt there. Stop that process, or choose another port with "
        "ACTORGRAPH_NEO4J_PORT=<port> (or `actorgraph db start --port <port>`).")


def test_missing_java_names_the_fix(tmp_path: Path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(sys.executable)
    result = cli("db", "start", "--home", str(tmp_path / "h"), "--port", str(free_port()),
                 env={"PATH": str(bin_dir)})
    assert result.returncode == 1
    assert result.stderr.startswith(
        "Error: Java 17+ is needed to run the local Neo4j, and `java` is not on PATH.")
    assert "apt-get install -y openjdk-17-jdk-headless" in result.stderr


def test_too_old_java_names_the_fix(tmp_path: Path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "java"
    fake.write_text('#!/bin/sh\necho \'java version "1.8.0_392"\' >&2\n')
    fake.chmod(0o755)
    env = {"PATH": f"{bin_dir}:{os.environ['PATH']}"}
    result = cli("db", "start", "--home", str(tmp_path / "h"), "--port", str(free_port()),
                 env=env)
    assert result.returncode == 1
    assert "needs Java 17+; `java -version` reports 'java version \"1.8.0_392\"'" in result.stderr


def test_missing_maven_names_the_fix(tmp_path: Path):
    server = LocalNeo4j(home=tmp_path / "h", lib=tmp_path / "empty-lib", port=free_port())
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    java = subprocess.run(["which", "java"], capture_output=True, text=True).stdout.strip()
    (bin_dir / "java").symlink_to(java)
    old_path = os.environ["PATH"]
    os.environ["PATH"] = str(bin_dir)
    try:
        from actorgraph.errors import LocalNeo4jError

        with pytest.raises(LocalNeo4jError, match=r"^Maven is needed once to fetch Neo4j from "
                                                  r"Maven Central, and `mvn` is not on PATH"):
            server.start()
    finally:
        os.environ["PATH"] = old_path


def test_server_refuses_files_outside_the_import_folder(db):
    """Defence in depth: even a raw LOAD CSV cannot read /etc/passwd on the local server."""
    from neo4j.exceptions import ClientError

    with pytest.raises(ClientError) as err:
        db.read("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN count(row) AS n")
    assert "Couldn't load the external resource" in str(err.value)
