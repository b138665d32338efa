"""The seed articles (data/articles) into a real Neo4j with the CLI: three ingests, one graph."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from actorgraph.graph.connection import Database
from tests.graph_snapshot import snapshot

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"


def ingest(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "actorgraph", "ingest", str(ARTICLES)],
                          env=env, capture_output=True, text=True, timeout=300)


def test_ingesting_the_seed_three_times_gives_one_graph(db: Database,
                                                        neo4j_env: dict[str, str]) -> None:
    first = ingest(neo4j_env)
    assert (first.returncode, first.stderr) == (0, "")
    folders = sorted(p.parent.name for p in ARTICLES.glob("*/annotation.yaml"))
    assert [line.split(":")[0] for line in first.stdout.splitlines()] == folders
    after_first = snapshot(db)
    events = set()
    for folder in folders:
        annotation = yaml.safe_load((ARTICLES / folder / "annotation.yaml").read_text())
        events |= {e["id"] for e in annotation["events"]}
    assert db.read("MATCH (e:Event) RETURN count(e) AS n") == [{"n": len(events)}]
    assert db.read("MATCH (a:Article) RETURN count(a) AS n") == [{"n": len(folders)}]
    for _ in range(2):
        again = ingest(neo4j_env)
        assert again.returncode == 0
        assert again.stdout.splitlines() == [
            f"{folder}: created nothing; updated nothing; removed nothing" for folder in folders]
        assert snapshot(db) == after_first
