"""GraphML exports without a database, read back by networkx."""

from __future__ import annotations

import io
import json

import networkx as nx

from actorgraph.export.data import graphml
from tests.export_elements import ELEMENTS


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
