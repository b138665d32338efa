"""Console results become elements in the app's stylesheet vocabulary."""

from __future__ import annotations

from actorgraph.graph.console.result import ConsoleResult
from actorgraph.view.console_graph import elements_from_result

RESULT = ConsoleResult(
    columns=["a", "r", "b"], rows=[], truncated=False, limit=1000, elapsed_ms=1.0,
    nodes=[
        {"id": "4:x:1", "labels": ["Actor", "State"],
         "properties": {"id": "PRK", "name": "North Korea", "kind": "state",
                        "articles": ["a1"]}},
        {"id": "4:x:2", "labels": ["Event", "Meeting"],
         "properties": {"id": "m1", "title": "Talks", "kind": "meeting",
                        "modality": "feared", "evidence_count": 2}},
        {"id": "4:x:3", "labels": ["Article"],
         "properties": {"id": "a1", "title": "An article", "text": "long text " * 100}},
    ],
    relationships=[
        {"id": "5:x:9", "type": "PARTICIPATED_IN", "start": "4:x:1", "end": "4:x:2",
         "properties": {"role": "guest", "articles": ["a1"]}},
        {"id": "5:x:10", "type": "ALLIED_WITH", "start": "4:x:1", "end": "4:x:77",
         "properties": {"id": "PRK-ALLIED_WITH-RUS", "modality": "asserted",
                        "evidence_count": 3}},
    ],
)


def test_console_results_become_elements_the_stylesheet_knows():
    elements = elements_from_result(RESULT)
    by_id = {e["data"]["id"]: e for e in elements}
    assert list(by_id) == ["PRK", "m1", "a1", "4:x:77", "5:x:9", "PRK-ALLIED_WITH-RUS"]
    assert by_id["PRK"]["classes"] == "actor k-state"
    assert by_id["PRK"]["data"]["labels"] == ["Actor", "State"]
    assert by_id["PRK"]["data"]["label"] == "North Korea"
    assert by_id["m1"]["classes"] == "event k-meeting hedged"
    assert "text" not in by_id["a1"]["data"]
    assert by_id["4:x:77"]["classes"] == "stub"
    link = by_id["5:x:9"]
    assert (link["data"]["source"], link["data"]["target"]) == ("PRK", "m1")
    assert link["classes"] == "link e-participation"
    rel = by_id["PRK-ALLIED_WITH-RUS"]
    assert rel["data"]["target"] == "4:x:77"
    assert rel["classes"] == "relation e-alliance"
    assert rel["data"]["weight"] == 3.0
    assert by_id["PRK"]["data"]["degree"] == 2
