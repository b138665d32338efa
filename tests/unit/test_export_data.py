"""Data exports without a database: GraphML read back by networkx, Cytoscape.js JSON round
trips, neo4j-admin CSV headers and cells."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from actorgraph.errors import ExportFailed
from actorgraph.export.data import cyjson, graphml, neo4j_csv

ELEMENTS = [
    {"data": {"id": "PRK", "label": "North Korea", "kind": "state", "group": "actor",
              "degree": 2, "labels": ["Actor", "State"], "articles": ["a1", "a2"],
              "evidence_count": 2},
     "classes": "actor k-state bloc-0", "position": {"x": 10.5, "y": -3.0}},
    {"data": {"id": "RUS", "label": "Russia", "kind": "state", "group": "actor", "degree": 2,
              "labels": ["Actor", "State"], "articles": ["a1"], "evidence_count": 1},
     "classes": "actor k-state bloc-0", "position": {"x": 120.0, "y": 40.25}},
    {"data": {"id": "ex1", "label": "Air exercise near Jeju", "kind": "military_exercise",
              "group": "event", "degree": 1, "modality": "asserted", "articles": ["a2"],
              "evidence_count": 1, "date": "2025-07-11"},
     "classes": "event k-military_exercise"},
    {"data": {"id": "PRK-SUPPORTS-RUS+troops", "source": "PRK", "target": "RUS",
              "type": "SUPPORTS", "edge_kind": "support", "label": "supports",
              "weight": 1.0, "modality": "reported", "articles": ["a1"], "evidence_count": 1,
              "contested": False},
     "classes": "relation e-support"},
    {"data": {"id": "RUS-SUPPORTS-PRK+technology", "source": "RUS", "target": "PRK",
              "type": "SUPPORTS", "edge_kind": "support", "label": "supports", "weight": 2.5,
              "modality": "feared", "articles": ["a1", "a2"], "evidence_count": 2},
     "classes": "relation e-support hedged"},
    {"data": {"id": "PRK-PARTICIPATED_IN-ex1", "source": "PRK", "target": "ex1",
              "type": "PARTICIPATED_IN", "edge_kind": "participation",
              "label": "took part in", "weight": 1.0, "articles": ["a2"],
              "evidence_count": 1},
     "classes": "link e-participation"},
    # A second edge between the same two nodes, in the same direction: a multigraph.
    {"data": {"id": "PRK-OPPOSES-RUS", "source": "PRK", "target": "RUS", "type": "OPPOSES",
              "edge_kind": "opposition", "label": "opposes", "weight": 1.0,
              "modality": "denied", "articles": ["a3"], "evidence_count": 1},
     "classes": "relation e-opposition hedged"},
]


def read_graphml(data: bytes) -> nx.Graph:
    return nx.read_graphml(io.BytesIO(data))


def test_graphml_read_by_networkx_has_every_node_edge_and_attribute():
    graph = read_graphml(graphml.to_graphml(ELEMENTS, name="alliances"))
    assert graph.is_directed() and graph.is_multigraph()
    assert graph.number_of_nodes() == 3
    assert graph.number_of_edges() == 4
    prk = graph.nodes["PRK"]
    assert prk["kind"] == "state"
    assert prk["label"] == "North Korea"
    assert prk["evidence_count"] == 2 and isinstance(prk["evidence_count"], int)
    assert json.loads(prk["articles"]) == ["a1", "a2"]
    assert json.loads(prk["labels"]) == ["Actor", "State"]
    assert (prk["x"], prk["y"]) == (10.5, -3.0)
    assert graph.nodes["ex1"]["date"] == "2025-07-11"
    assert "x" not in graph.nodes["ex1"]  # no position: no coordinates
    between = graph.get_edge_data("PRK", "RUS")
    by_id = {d["type"]: d for d in between.values()}
    assert set(by_id) == {"SUPPORTS", "OPPOSES"}
    assert by_id["SUPPORTS"]["modality"] == "reported"
    assert by_id["SUPPORTS"]["contested"] is False
    assert by_id["OPPOSES"]["evidence_count"] == 1
    assert graph.get_edge_data("RUS", "PRK")["RUS-SUPPORTS-PRK+technology"]["weight"] == 2.5


def test_graphml_declares_types_per_attribute():
    text = graphml.to_graphml(ELEMENTS).decode()
    assert '<key id="n_evidence_count" for="node" attr.name="evidence_count" ' \
           'attr.type="long" />' in text
    assert 'attr.name="weight" attr.type="double"' in text
    assert 'attr.name="contested" attr.type="boolean"' in text
    assert 'attr.name="articles" attr.type="string"' in text
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>")


def test_graphml_mixed_column_falls_back_to_a_type_that_holds_every_value():
    elements = [{"data": {"id": "a", "score": 1}}, {"data": {"id": "b", "score": 2.5}},
                {"data": {"id": "c", "note": "x"}}, {"data": {"id": "d", "note": 3}}]
    graph = read_graphml(graphml.to_graphml(elements))
    assert graph.nodes["a"]["score"] == 1.0 and graph.nodes["b"]["score"] == 2.5
    assert graph.nodes["c"]["note"] == "x" and graph.nodes["d"]["note"] == "3"


def test_json_round_trips_and_has_the_cyjs_shape():
    text = cyjson.dumps(ELEMENTS, name="alliances")
    doc = json.loads(text)
    assert doc["format_version"] == "1.0"
    assert doc["target_cytoscapejs_version"] == "~3.28"
    assert doc["data"]["name"] == "alliances"
    assert [n["data"]["id"] for n in doc["elements"]["nodes"]] == ["PRK", "RUS", "ex1"]
    assert len(doc["elements"]["edges"]) == 4
    assert cyjson.load_elements(text) == ELEMENTS
    # the flat list (what dash-cytoscape takes) and the bare {nodes, edges} object load too
    assert cyjson.load_elements(json.dumps(ELEMENTS)) == ELEMENTS
    assert cyjson.load_elements(doc["elements"]) == ELEMENTS


def test_json_load_names_the_broken_element():
    broken = [{"data": {"id": "a"}}, {"data": {"id": "e", "source": "a", "target": "zz"}}]
    with pytest.raises(ExportFailed, match="edge 'e': its target 'zz' is not a node"):
        cyjson.load_elements(json.dumps(broken))
    with pytest.raises(ExportFailed, match="element 1: expected a 'data' object with an 'id'"):
        cyjson.load_elements(json.dumps([{"data": {"id": "a"}}, {"classes": "x"}]))


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_headers_follow_neo4j_admin_import():
    pair = neo4j_csv.to_neo4j_csv(ELEMENTS)
    nodes, rels = rows(pair.nodes), rows(pair.relationships)
    assert nodes[0] == ["id:ID", ":LABEL", "label", "kind", "group", "degree:int",
                        "articles:string[]", "evidence_count:int", "modality", "date"]
    assert rels[0] == [":START_ID", ":END_ID", ":TYPE", "id", "edge_kind", "label",
                       "weight:double", "modality", "articles:string[]",
                       "evidence_count:int", "contested:boolean"]
    assert (pair.node_count, pair.relationship_count) == (3, 4)
    assert nodes[1][:2] == ["PRK", "Actor;State"]
    assert nodes[1][6] == "a1;a2"
    assert rels[1][:3] == ["PRK", "RUS", "SUPPORTS"]
    assert rels[1][-1] == "false"
    assert rels[2][-1] == ""  # no value: no property


def test_csv_labels_come_from_group_and_kind_without_neo4j_labels():
    elements = [{"data": {"id": "x", "group": "event", "kind": "meeting"}},
                {"data": {"id": "y", "group": "actor", "kind": "military_force"}},
                {"data": {"id": "z", "group": "place", "kind": "place"}},
                {"data": {"id": "w"}}]
    nodes = rows(neo4j_csv.to_neo4j_csv(elements).nodes)
    assert [r[1] for r in nodes[1:]] == ["Event;Meeting", "Actor;MilitaryForce", "Place", "Node"]


def test_csv_refuses_an_array_item_holding_the_delimiter():
    elements = [{"data": {"id": "x", "topics": ["nuclear; missiles"]}}]
    with pytest.raises(ExportFailed, match="node 'x': topics item 'nuclear; missiles' "
                                           "contains the array delimiter ';'"):
        neo4j_csv.to_neo4j_csv(elements)


def test_csv_writes_two_files_or_one_zip(tmp_path: Path):
    pair = neo4j_csv.to_neo4j_csv(ELEMENTS)
    written = neo4j_csv.write(pair, tmp_path / "graph.csv")
    assert [p.name for p in written] == ["graph-nodes.csv", "graph-relationships.csv"]
    assert written[0].read_text() == pair.nodes
    (zipped,) = neo4j_csv.write(pair, tmp_path / "graph.zip")
    with zipfile.ZipFile(zipped) as zf:
        assert zf.namelist() == ["graph-nodes.csv", "graph-relationships.csv"]
        assert zf.read("graph-relationships.csv").decode() == pair.relationships
