"""Time from `db start` to Bolt ready, and the Neo4j process's memory at idle.

    .venv/bin/python benchmarks/localdb_start.py [--runs 3]

Each run starts a fresh local Neo4j (new home, free port; the jar folder is shared and already
fetched), measures wall time until Bolt answers, samples the JVM's resident memory after a few
seconds of idling, and stops it. Baseline in the same run: the JVM's bare start-up
(`java -version`), so the ratio shows what Neo4j itself adds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import psutil

from actorgraph.localdb import LocalNeo4j
from actorgraph.localdb.probe import free_port


def peak_rss_mb(pid: int, seconds: float = 5.0) -> float:
    proc = psutil.Process(pid)
    peak = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        peak = max(peak, proc.memory_info().rss)
        time.sleep(0.25)
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    LocalNeo4j(home=tempfile.mkdtemp()).install()  # jars fetched once, not timed
    t0 = time.perf_counter()
    subprocess.run(["java", "-version"], capture_output=True, check=True)
    jvm_baseline = time.perf_counter() - t0

    first_start, restart, idle_rss = [], [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as home:
            server = LocalNeo4j(home=Path(home), port=free_port())
            t0 = time.perf_counter()
            status = server.start()
            first_start.append(time.perf_counter() - t0)
            idle_rss.append(peak_rss_mb(status.pid))
            server.stop()
            t0 = time.perf_counter()
            server.start()
            restart.append(time.perf_counter() - t0)
            server.stop()

    med = statistics.median
    print(f"runs: {args.runs}")
    print(f"first start (fresh store, password set) to Bolt ready: median {med(first_start):.1f} s "
          f"(all: {', '.join(f'{t:.1f}' for t in first_start)})")
    print(f"restart (existing store) to Bolt ready: median {med(restart):.1f} s "
          f"(all: {', '.join(f'{t:.1f}' for t in restart)})")
    print(f"Neo4j JVM resident memory at idle (peak over 5 s): median {med(idle_rss):.0f} MB")
    print(f"baseline `java -version`: {jvm_baseline:.2f} s; "
          f"restart / baseline = {med(restart) / jvm_baseline:.0f}x")


if __name__ == "__main__":
    main()
