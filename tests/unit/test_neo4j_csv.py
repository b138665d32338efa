"""neo4j-admin CSV exports without a database: headers, labels, cells, two files or a zip."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from actorgraph.errors import ExportFailed
from actorgraph.export.data import neo4j_csv
from tests.export_elements import ELEMENTS


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
