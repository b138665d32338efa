"""Several sources per fact in the explorer (issue 8): the seed plus two invented reports that
place the same talks in two cities on two days (tests/fixtures/articles)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from actorgraph.graph.connection import Database
from tests.browser.test_explorer import click_node, drawn, open_explorer
from tests.conftest import ROOT, clear_database

TALKS = "rus-prk-strategic-dialogue-round-2"


@pytest.fixture(scope="module")
def reports(neo4j_connection, neo4j_env):
    """The seed and the two conflicting reports, ingested through the CLI."""
    with Database(neo4j_connection) as db:
        clear_database(db)
        result = subprocess.run(
            [sys.executable, "-m", "actorgraph", "ingest", "--data-dir", str(ROOT / "data"),
             str(ROOT / "data" / "articles"), str(ROOT / "tests" / "fixtures" / "articles")],
            env=neo4j_env, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        yield db


def test_talks_placed_in_two_cities_show_their_conflicting_versions(page, app_server, reports):
    open_explorer(page, app_server.url + "/?view=events")
    assert page.evaluate("id => window.cy.getElementById(id).hasClass('contested')", TALKS)
    click_node(page, TALKS)
    page.locator("#ex-details h3", has_text="strategic dialogue").wait_for()
    panel = page.locator("#ex-details")
    assert "contested" in panel.inner_text().lower()
    line = panel.locator(".ag-contested-line").inner_text()
    assert "3 conflicting versions, on date, place" in line
    versions = panel.locator(".ag-version").all_inner_texts()
    assert len(versions) == 3
    assert any("2025-07-11 · moscow" in v and "The Example Gazette (citing TASS)" in v
               for v in versions)
    assert any("2025-07-12 · pyongyang" in v and "Example Wire" in v for v in versions)


def test_contested_only_keeps_the_facts_whose_sources_disagree(page, app_server, reports):
    open_explorer(page, app_server.url + "/?view=events")
    total = reports.read("MATCH (e:Event) RETURN count(e) AS n")[0]["n"]
    contested = reports.read("MATCH (e:Event) WHERE e.contested RETURN count(e) AS n")[0]["n"]
    assert drawn(page, ".event") == total > contested == 1
    page.locator("#ex-contested label", has_text="contested only").click()
    page.wait_for_function("n => window.cy.nodes('.event').length === n", arg=contested)
    assert page.evaluate("id => window.cy.getElementById(id).length", TALKS) == 1
    page.wait_for_function("() => window.location.search.includes('contested=1')")
    assert "yellow halo: contested" in page.inner_text("#ex-legend")
