"""`actorgraph export` against a real Neo4j (the seed article and two invented ones), images
drawn by Debian's Chromium: files, sizes, parsed contents and counts."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from actorgraph.export.data.cyjson import load_elements
from actorgraph.export.subgraph import view_subgraph
from actorgraph.graph.connection import Database
from tests.conftest import ROOT, clear_database
from tests.image_files import (
    PNG_MAGIC,
    SVG_NS,
    jpeg_size,
    png_size,
    svg_root,
    svg_size,
    svg_text,
)

ARTICLES = [ROOT / "data" / "articles", ROOT / "tests" / "fixtures" / "articles"]
WROTE = re.compile(r"^Wrote (\S+): (PNG|JPG|SVG), ([\d,]+) x ([\d,]+) px at ([\d.]+)x, "
                   r"(\d+) nodes, (\d+) edges$")


@pytest.fixture(scope="module")
def seeded(neo4j_connection, neo4j_env):
    """Three articles from two outlets and news.de, ingested with the CLI."""
    with Database(neo4j_connection) as db:
        clear_database(db)
        result = subprocess.run(
            [sys.executable, "-m", "actorgraph", "ingest", *map(str, ARTICLES),
             "--data-dir", str(ROOT / "data")],
            env=neo4j_env, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        yield db


def export(env: dict[str, str], *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "actorgraph", "export", *args], env=env,
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    if ok:
        assert result.returncode == 0, result.stderr
    return result


def wrote(stdout: str) -> dict[str, tuple[int, int, float, int, int]]:
    """file -> (width, height, scale, nodes, edges) from the 'Wrote ...' lines of images."""
    found = {}
    for line in stdout.splitlines():
        m = WROTE.match(line)
        if m:
            found[Path(m[1]).name] = (int(m[3].replace(",", "")), int(m[4].replace(",", "")),
                                      float(m[5]), int(m[6]), int(m[7]))
    return found


def edges_by_id(graph: nx.Graph) -> dict[str, dict]:
    """networkx keys parallel edges by their GraphML id, and keeps it as `id` otherwise."""
    if graph.is_multigraph():
        return {k: d for _, _, k, d in graph.edges(keys=True, data=True)}
    return {d["id"]: d for _, _, d in graph.edges(data=True)}


@pytest.fixture(scope="module")
def alliances(seeded, neo4j_env, tmp_path_factory) -> tuple[Path, str]:
    """One run, every format: images at 1x (hierarchical layout) and the data files."""
    folder = tmp_path_factory.mktemp("alliances")
    names = ["a.png", "a.jpg", "a.svg", "a.graphml", "a.json", "a.csv", "a.zip"]
    result = export(neo4j_env, "--view", "alliances", "--layout", "hierarchical",
                    *[arg for name in names for arg in ("--out", str(folder / name))])
    return folder, result.stdout


def test_png_and_jpg_sizes_follow_the_scale(seeded, alliances, neo4j_env, tmp_path):
    folder, stdout = alliances
    two = export(neo4j_env, "--view", "alliances", "--layout", "hierarchical", "--scale", "2",
                 "--out", str(tmp_path / "a2.png"), "--out", str(tmp_path / "a2.jpg"))
    w1, h1 = png_size((folder / "a.png").read_bytes())
    w2, h2 = png_size((tmp_path / "a2.png").read_bytes())
    assert w1 > 100 and h1 > 100
    assert (w2, h2) == (2 * w1, 2 * h1)
    assert jpeg_size((folder / "a.jpg").read_bytes()) == (w1, h1)
    assert jpeg_size((tmp_path / "a2.jpg").read_bytes()) == (w2, h2)
    expected = view_subgraph(seeded, "alliances")
    assert wrote(stdout)["a.png"] == (w1, h1, 1.0, expected.node_count, expected.edge_count)
    assert wrote(two.stdout)["a2.jpg"][:3] == (w2, h2, 2.0)


def test_the_same_command_draws_the_same_png(alliances, neo4j_env, tmp_path):
    folder, _ = alliances
    export(neo4j_env, "--view", "alliances", "--layout", "hierarchical",
           "--out", str(tmp_path / "again.png"))
    assert (tmp_path / "again.png").read_bytes() == (folder / "a.png").read_bytes()


def test_svg_parses_and_holds_every_node_label(seeded, alliances):
    folder, stdout = alliances
    data = (folder / "a.svg").read_bytes()
    text = svg_text(data)
    labels = [e["data"]["label"] for e in view_subgraph(seeded, "alliances").elements
              if "source" not in e["data"]]
    assert len(labels) > 5
    for label in labels:  # long labels wrap onto several <text> lines
        assert " ".join(label.split()) in text, label
    assert svg_size(data) == png_size((folder / "a.png").read_bytes())
    assert wrote(stdout)["a.svg"][:2] == tuple(int(v) for v in svg_size(data))


def test_data_files_hold_the_view_with_its_evidence(seeded, alliances):
    folder, stdout = alliances
    view = view_subgraph(seeded, "alliances")
    graph = nx.read_graphml(folder / "a.graphml")
    assert graph.number_of_nodes() == view.node_count
    assert graph.number_of_edges() == view.edge_count
    prk = graph.nodes["PRK"]
    assert prk["kind"] == "state" and prk["label"] == "North Korea"
    assert json.loads(prk["labels"]) == ["Actor", "State"]
    stored = seeded.read("MATCH (a:Article)-[:MENTIONS]->(:Actor {id: 'PRK'}) "
                         "RETURN collect(a.id) AS articles")[0]
    assert sorted(json.loads(prk["articles"])) == sorted(stored["articles"]) != []
    relation = seeded.read(
        "MATCH (:Actor)-[r]->(:Actor) WHERE type(r) IN ['SUPPORTS', 'ALLIED_WITH'] "
        "RETURN r.id AS id, r.evidence_count AS n, r.modality AS modality, "
        "COLLECT { MATCH (c:Claim {fact_id: r.id}) RETURN c.article_id } AS articles "
        "ORDER BY id LIMIT 1")[0]
    edge = edges_by_id(graph)[relation["id"]]
    assert (edge["evidence_count"], edge["modality"]) == (relation["n"], relation["modality"])
    assert sorted(json.loads(edge["articles"])) == sorted(relation["articles"])
    # the run drew the graph, so the JSON keeps the drawing's positions
    elements = load_elements((folder / "a.json").read_text())
    assert {e["data"]["id"] for e in elements} == {e["data"]["id"] for e in view.elements}
    nodes = [e for e in elements if "source" not in e["data"]]
    assert all(set(e["position"]) == {"x", "y"} for e in nodes)
    assert len({(e["position"]["x"], e["position"]["y"]) for e in nodes}) == len(nodes)
    assert (graph.nodes["PRK"]["x"], graph.nodes["PRK"]["y"]) == next(
        (e["position"]["x"], e["position"]["y"]) for e in nodes if e["data"]["id"] == "PRK")
    nodes_csv = (folder / "a-nodes.csv").read_text()
    rels_csv = (folder / "a-relationships.csv").read_text()
    node_rows = list(csv.reader(io.StringIO(nodes_csv)))
    assert node_rows[0][:2] == ["id:ID", ":LABEL"]
    assert "articles:string[]" in node_rows[0] and "evidence_count:int" in node_rows[0]
    assert len(node_rows) == view.node_count + 1
    rel_rows = list(csv.reader(io.StringIO(rels_csv)))
    assert rel_rows[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert len(rel_rows) == view.edge_count + 1
    with zipfile.ZipFile(folder / "a.zip") as zf:
        assert zf.read("a-nodes.csv").decode() == nodes_csv
        assert zf.read("a-relationships.csv").decode() == rels_csv
    assert "neo4j-admin database import full --nodes=a-nodes.csv " \
           "--relationships=a-relationships.csv" in stdout


def test_publication_svg_carries_title_legend_and_sources(alliances, neo4j_env, tmp_path):
    folder, _ = alliances
    export(neo4j_env, "--view", "alliances", "--layout", "hierarchical",
           "--title", "Who backs whom, July 2025", "--legend", "--sources",
           "--out", str(tmp_path / "pub.svg"))
    data = (tmp_path / "pub.svg").read_bytes()
    text = svg_text(data)
    title = next(t for t in svg_root(data).iter(f"{SVG_NS}text")
                 if t.text == "Who backs whom, July 2025")
    assert float(title.get("y")) < 30  # above the graph
    assert "State (" in text and "Person (" in text
    assert "Sources: 3 articles: " in text
    for outlet in ("news.de (1)", "The Example Gazette (1)", "Example Wire (1)"):
        assert outlet in text
    assert "Published 2025-07-" in text
    plain_w, plain_h = svg_size((folder / "a.svg").read_bytes())
    framed_w, framed_h = svg_size((tmp_path / "pub.svg").read_bytes())
    assert framed_w >= plain_w and framed_h > plain_h + 100


def test_query_export_holds_what_the_query_returned(seeded, neo4j_env, tmp_path):
    query = "MATCH (a:Actor {id: $actor})-[r]-(b:Actor) RETURN a, r, b"
    export(neo4j_env, "--query", query, "--param", "actor=PRK",
           "--out", str(tmp_path / "q.graphml"), "--out", str(tmp_path / "q.png"))
    expected = seeded.read("MATCH (a:Actor {id: 'PRK'})-[r]-(b:Actor) "
                           "RETURN count(DISTINCT r) AS rels, count(DISTINCT b) AS others")[0]
    graph = nx.read_graphml(tmp_path / "q.graphml")
    assert graph.number_of_edges() == expected["rels"]
    assert graph.number_of_nodes() == expected["others"] + 1
    assert graph.nodes["PRK"]["group"] == "actor"
    assert (tmp_path / "q.png").read_bytes()[:8] == PNG_MAGIC


def test_an_ego_network_holds_the_center_and_its_neighbours(seeded, neo4j_env, tmp_path):
    export(neo4j_env, "--center", "PRK", "--out", str(tmp_path / "ego.json"))
    elements = load_elements((tmp_path / "ego.json").read_text())
    ids = {e["data"]["id"] for e in elements if "source" not in e["data"]}
    neighbours = {r["id"] for r in seeded.read(
        "MATCH (:Actor {id: 'PRK'})--(m) WHERE m:Actor OR m:Event RETURN DISTINCT m.id AS id")}
    assert "PRK" in ids
    assert neighbours <= ids


@pytest.mark.parametrize(("args", "message"), [
    (["--center", "NO-SUCH-ID"],
     "Error: --center 'NO-SUCH-ID': no actor, event, place or asset has this id\n"),
    (["--query", "MATCH (a:Actor) RETURN a.name AS name"],
     "Error: the query returned no nodes, relationships or paths to export; return them "
     "(e.g. RETURN a, r, b) rather than their properties\n"),
    (["--query", "MATCH (a:Actor) DETACH DELETE a"], None),
])
def test_exports_that_cannot_be_made_say_why(seeded, neo4j_env, tmp_path, args, message):
    result = export(neo4j_env, *args, "--out", str(tmp_path / "x.png"), ok=False)
    assert result.returncode != 0
    if message is not None:
        assert result.stderr == message
    else:  # the console's guard refuses writes before anything runs
        assert "refused" in result.stderr.lower() or "read-only" in result.stderr.lower()
        assert seeded.read("MATCH (a:Actor) RETURN count(a) AS n")[0]["n"] > 0
    assert not (tmp_path / "x.png").exists()
