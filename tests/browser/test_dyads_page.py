"""The dyads page in Chromium, on the GDELT fixtures imported through the CLI."""

from __future__ import annotations

import subprocess
import sys

import pytest

from actorgraph.graph.connection import Database
from tests.conftest import ROOT, clear_database

FIXTURES = ROOT / "tests" / "fixtures" / "gdelt"
BALANCE_Y = """() => {
    const plot = document.querySelector('#dyad-figure .js-plotly-plot');
    const line = plot && plot.data && plot.data.find(t => t.name === 'Balance');
    return line ? Array.from(line.y) : null;
}"""


@pytest.fixture(scope="module")
def gdelt_graph(neo4j_connection, neo4j_env):
    with Database(neo4j_connection) as db:
        clear_database(db)
        result = subprocess.run(
            [sys.executable, "-m", "actorgraph", "import-gdelt", "--no-progress",
             str(FIXTURES / "20250711121500.export.CSV"),
             str(FIXTURES / "20250711120000.export.CSV")],
            env=neo4j_env, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert result.returncode == 2, result.stderr  # the fixture has 5 bad lines
        yield db


def balance(page) -> list[float] | None:
    return page.evaluate(BALANCE_Y)


def test_the_most_active_dyad_is_shown_with_its_monthly_balance(gdelt_graph, page, app_server):
    page.goto(app_server.url + "/dyads")
    summary = page.locator("#dyad-summary")
    summary.get_by_text("South Korea – United States: 2 events in 2 months, balance +3.8"
                        ).wait_for()
    first_row = page.locator("#dyad-top-table tbody tr").first
    assert first_row.locator("td").all_inner_texts() == [
        "South Korea – United States", "2", "+3.8"]
    page.wait_for_function(f"() => JSON.stringify(({BALANCE_Y})()) === '[1.9,1.9]'")
    assert balance(page) == [1.9, 1.9]

    page.get_by_text("Weighted by supporting articles").click()
    page.wait_for_function(f"() => JSON.stringify(({BALANCE_Y})()) !== '[1.9,1.9]'")
    assert balance(page) == pytest.approx([1.9, 5.7])  # the July visit: three articles


def test_picking_another_actor_shows_that_dyad(gdelt_graph, page, app_server):
    page.goto(app_server.url + "/dyads")
    page.locator("#dyad-summary").get_by_text("South Korea – United States").wait_for()
    page.locator("#dyad-actor-a").click()
    page.locator(".dash-dropdown-search").fill("North")
    page.locator(".dash-dropdown-option", has_text="North Korea (PRK)").click()
    page.locator("#dyad-summary").get_by_text(
        "North Korea – United States: 1 event in 1 month, balance -7.2").wait_for()
    assert balance(page) == [-7.2]
