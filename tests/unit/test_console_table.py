"""A console result in the page's table: nodes, relationships and paths as short text, numbers
as numbers."""

from actorgraph.graph.console.run import ConsoleResult
from actorgraph.view.console_graph import display_name
from actorgraph.view.console_table import table_cell, table_data

PRK = {"id": "4:x:1", "labels": ["Actor", "State"], "properties": {"name": "North Korea"}}
TALKS = {"id": "4:x:2", "labels": ["Meeting"], "properties": {"title": "Talks", "id": "m1"}}
ALLY = {"id": "5:x:9", "type": "ALLIED_WITH", "start": "4:x:1", "end": "4:x:2",
        "properties": {}}
RESULT = ConsoleResult(columns=["a", "r", "n", "ok", "path", "other"],
                       rows=[[PRK, ALLY, 3, True, {"nodes": [PRK, TALKS], "relationships": []},
                              {"x": [1]}]],
                       truncated=False, limit=1000, elapsed_ms=1.0, nodes=[PRK, TALKS],
                       relationships=[ALLY])


def test_a_node_is_called_by_its_name_title_id_or_first_label():
    assert display_name(PRK) == "North Korea"
    assert display_name(TALKS) == "Talks"
    assert display_name({"id": "4:x:3", "labels": ["Place"], "properties": {"id": "jeju"}}) \
        == "jeju"
    assert display_name({"id": "4:x:4", "labels": ["Place"], "properties": {}}) == "Place"
    assert display_name({"id": "4:x:5", "labels": [], "properties": {}}) == "4:x:5"


def test_cells_are_short_text_and_numbers_stay_numbers():
    columns, rows = table_data(RESULT)
    assert columns[0] == {"name": "a", "id": "c0"}
    assert rows == [{"c0": "(:Actor:State North Korea)", "c1": "[:ALLIED_WITH]", "c2": 3,
                     "c3": "true", "c4": "path: North Korea - Talks", "c5": '{"x": [1]}'}]
    assert table_cell(None, RESULT) is None
    assert table_cell("text", RESULT) == "text"
