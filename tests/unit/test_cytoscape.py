"""A view as Cytoscape elements: classes and positions."""

from actorgraph.view.cytoscape import to_elements
from actorgraph.view.elements import build_view
from tests.unit.test_elements import korea_fragment


def test_hedged_facts_carry_the_hedged_class():
    graph = build_view(korea_fragment(), "everything", element_cap=1500)
    classes = {el["data"]["id"]: el["classes"] for el in to_elements(graph)}
    assert "hedged" in classes["USA-DETERS-RUS"].split()
    assert "hedged" in classes["transfer"].split()
    assert "hedged" not in classes["PRK-SUPPORTS-RUS"].split()
    assert "e-support" in classes["PRK-SUPPORTS-RUS"].split()
    assert "k-military_exercise" in classes["drill"].split()


def test_positions_are_kept_and_new_nodes_placed_near_their_neighbour():
    graph = build_view(korea_fragment(), "events", element_cap=1500)
    positions = {"USA": {"x": 10, "y": 20}, "drill": {"x": 200, "y": 200}}
    elements = to_elements(graph, positions=positions)
    by_id = {el["data"]["id"]: el for el in elements}
    assert by_id["USA"]["position"] == {"x": 10.0, "y": 20.0}
    assert all("position" in el for el in elements if "source" not in el["data"])
    jpn = by_id["JPN"]["position"]
    assert abs(jpn["x"] - 200) <= 200 and abs(jpn["y"] - 200) <= 200


def test_a_tie_label_says_how_many_gdelt_events_and_documents_stand_behind_it():
    from actorgraph.view.cytoscape import edge_label
    from tests.unit.test_elements import real_fragment

    graph = build_view(real_fragment(), "alliances", element_cap=1500)
    labels = {e.id: edge_label(e) for e in graph.edges}
    assert labels["tie:ARE|cameo-uno|+1"] == "3 shared events (3 GDELT, 3 documents)"
    annotated = build_view(korea_fragment(), "alliances", element_cap=1500)
    assert edge_label(next(e for e in annotated.edges if e.id == "tie:JPN|USA|+1")) == \
        "1 shared event"
