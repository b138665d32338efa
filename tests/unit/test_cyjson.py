"""Cytoscape.js JSON exports without a database: the cyjs shape, round trips, broken input."""

from __future__ import annotations

import json

import pytest

from actorgraph.errors import ExportFailed
from actorgraph.export.data import cyjson
from tests.export_elements import ELEMENTS


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
