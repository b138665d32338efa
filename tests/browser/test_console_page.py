"""The Console page in Chromium: saved queries, results as table and graph, downloads,
refusals, links that reproduce a result, Ctrl+Enter and typed parameters."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from actorgraph.graph.connection import Database
from tests.integration.test_console import seed, wipe


@pytest.fixture
def graph(db: Database) -> Iterator[Database]:
    """The seed graph in the Neo4j the app uses; removed afterwards."""
    seed(db)
    yield db
    wipe(db)


def open_console(page, app_server, query: str = "") -> None:
    page.goto(f"{app_server.url}/console{query}")
    page.wait_for_selector("#console-query")


def table_rows(page) -> list[list[str]]:
    return page.locator("#console-table tr:has(td)").evaluate_all(
        "rows => rows.map(r => Array.from(r.querySelectorAll('td')).map(td => td.innerText))")


def test_saved_query_runs_and_downloads_csv(page, app_server, graph: Database, tmp_path) -> None:
    open_console(page, app_server)
    page.click("#console-examples")
    page.get_by_text("Events the B-52H took part in", exact=True).click()
    page.wait_for_function(
        "() => document.querySelector('#console-query').value.includes('USED')")
    page.wait_for_selector("input[id*='console-param']")
    asset = page.locator("input[id*='console-param']")
    assert asset.count() == 1
    assert asset.input_value() == "b-52h"
    assert page.inner_text(".ag-console-param span") == "$asset"

    page.click("#console-run")
    page.wait_for_selector("#console-rowcount")
    assert page.inner_text("#console-rowcount") == "3 rows"
    assert page.inner_text("#console-graph-count") == " · graph: 5 nodes, 4 relationships"
    rows = table_rows(page)
    assert len(rows) == 3
    assert [r[0:3] for r in rows] == [
        ["Air exercise near Jeju", "2025-07-11", "Japan"],
        ["Air exercise near Jeju", "2025-07-11", "South Korea"],
        ["Air exercise near Jeju", "2025-07-11", "United States"],
    ]
    assert rows[0][3] == "(:Event:MilitaryExercise Air exercise near Jeju)"
    assert rows[0][4] == "[:USED]"
    assert page.locator("#console-graph-box").is_visible()
    assert page.locator("#console-graph canvas").count() >= 1

    with page.expect_download() as info:
        page.click("#console-csv")
    download = info.value
    assert download.suggested_filename == "actorgraph-query.csv"
    path = tmp_path / "rows.csv"
    download.save_as(path)
    parsed = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert parsed[0] == ["event", "date", "participant", "e", "used", "asset", "actor", "took"]
    assert len(parsed) - 1 == 3
    assert [r[2] for r in parsed[1:]] == ["Japan", "South Korea", "United States"]
    assert json.loads(parsed[1][5])["properties"] == {"id": "b-52h", "name": "B-52H"}

    with page.expect_download() as info:
        page.click("#console-json")
    data = json.loads(info.value.path().read_text(encoding="utf-8"))
    assert [r["participant"] for r in data["rows"]] == ["Japan", "South Korea", "United States"]
    assert data["truncated"] is False

    # The URL now reproduces the run.
    query = parse_qs(urlsplit(page.url).query)
    assert query["q"][0].startswith("MATCH (e:Event)-[used:USED]->(asset:Asset {id: $asset})")
    assert json.loads(query["p"][0]) == {"asset": "b-52h"}


def test_refused_query_shows_the_refusal(page, app_server, graph: Database) -> None:
    before = graph.counts()
    open_console(page, app_server)
    page.fill("#console-query", "MATCH (n) DETACH DELETE n")
    page.click("#console-run")
    page.wait_for_selector("#console-error")
    assert page.inner_text("#console-error") == (
        "Refused: the query writes to the database (DETACH DELETE; plan type 'w'); the console "
        "only reads (line 1, column 11, offset 10)\n"
        "  MATCH (n) DETACH DELETE n\n"
        "            ^")
    assert table_rows(page) == []
    assert not page.locator("#console-graph-box").is_visible()
    assert graph.counts() == before

    page.fill("#console-query", "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row")
    page.click("#console-run")
    page.wait_for_function("() => document.querySelector('#console-error')"
                           ".innerText.startsWith('Refused: LOAD CSV')")
    assert page.inner_text("#console-error").split("\n")[0] == (
        "Refused: LOAD CSV reads files and URLs; the console only reads the graph "
        "(line 1, column 1, offset 0)")


def test_link_runs_on_load(page, app_server, graph: Database) -> None:
    link = "?" + urlencode({
        "q": "MATCH (a:Actor)-[:PARTICIPATED_IN]->(m:Meeting {id: $meeting}) "
             "RETURN a.name AS name ORDER BY name",
        "p": json.dumps({"meeting": "chiefs-of-defence-seoul"}),
    })
    open_console(page, app_server, link)
    page.wait_for_selector("#console-rowcount")
    assert page.inner_text("#console-rowcount") == "3 rows"
    assert table_rows(page) == [["Japan"], ["South Korea"], ["United States"]]
    assert page.locator("input[id*='console-param']").input_value() == "chiefs-of-defence-seoul"
    assert not page.locator("#console-graph-box").is_visible()


def test_ctrl_enter_typed_parameters_and_history(page, app_server, graph: Database) -> None:
    open_console(page, app_server)
    page.fill("#console-query", "MATCH (s:State) WHERE s.id IN $ids AND size(s.name) > $min\n"
                                "RETURN s.id AS id, $flag AS flag ORDER BY id")
    page.wait_for_function("() => document.querySelectorAll(\"input[id*='console-param']\")"
                           ".length === 3")
    inputs = page.locator("input[id*='console-param']")
    inputs.nth(0).fill('["PRK", "RUS", "JPN"]')
    inputs.nth(1).fill("5")
    inputs.nth(2).fill("true")
    page.press("#console-query", "Control+Enter")
    page.wait_for_selector("#console-rowcount")
    assert page.inner_text("#console-rowcount") == "2 rows"
    assert table_rows(page) == [["PRK", "true"], ["RUS", "true"]]

    # History survives a reload (local storage) and brings the query and its values back.
    page.goto(f"{app_server.url}/console")
    page.wait_for_selector("#console-query")
    assert page.locator("#console-query").input_value() == ""
    page.click("#console-history-picker")
    page.get_by_text("MATCH (s:State) WHERE s.id IN $ids", exact=False).first.click()
    page.wait_for_function("() => document.querySelectorAll(\"input[id*='console-param']\")"
                           ".length === 3")
    assert [page.locator("input[id*='console-param']").nth(i).input_value()
            for i in range(3)] == ['["PRK", "RUS", "JPN"]', "5", "true"]
