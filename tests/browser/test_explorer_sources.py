"""Several sources per fact in the explorer (issue 8): the seed plus two invented reports that
place the same talks in two cities on two days (tests/fixtures/articles)."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import quote

import pytest

from actorgraph.graph.connection import Database
from tests.browser.conftest import wait_for_layout
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


GDELT_ROWS = ROOT / "tests" / "fixtures" / "gdelt" / "20191024143000.export.CSV"
"""Real GDELT 2.0 rows (tests/integration/test_gdelt_identity.py names their source)."""
POLICE = "gdelt-20181024-090-anon-cop-DEU"


@pytest.fixture(scope="module")
def seed_and_gdelt(neo4j_connection, neo4j_env):
    """The seed articles and 43 real GDELT rows, both through the CLI."""
    with Database(neo4j_connection) as db:
        clear_database(db)
        for command in (["ingest", str(ROOT / "data" / "articles")],
                        ["import-gdelt", "--no-progress", str(GDELT_ROWS)]):
            result = subprocess.run([sys.executable, "-m", "actorgraph", *command],
                                    env=neo4j_env, cwd=ROOT, capture_output=True, text=True,
                                    timeout=300)
            assert result.returncode == 0, result.stderr
        yield db


def drawn_ids(page) -> set[str]:
    return set(page.evaluate("() => window.cy.nodes(':visible').map(n => n.id())"))


def test_alliances_over_seed_and_gdelt_have_no_bare_role_or_region_and_a_source_filter(
        page, app_server, seed_and_gdelt):
    open_explorer(page, app_server.url + "/")
    shown = drawn_ids(page)
    assert {"cameo-eec", "cameo-uno", "USA"} <= shown
    assert not {i for i in shown if i.startswith(("cameo-eur", "cameo-afr", "cameo-gov",
                                                  "cameo-cop", "cameo-bus"))}
    legend = page.inner_text("#ex-legend")
    blocs = "\n".join(line for line in legend.splitlines() if line.startswith("Bloc "))
    assert blocs and not any(w in blocs for w in ("POLICE", "Europe", "Africa", "MINIST"))
    assert "coded by GDELT in" in legend and "GDELT document" in legend

    page.locator("#ex-source-kind label", has_text="GDELT documents").click()
    page.wait_for_function("() => window.location.search.includes('stype=gdelt')")
    wait_for_layout(page)
    assert "lavrov" not in drawn_ids(page) and "cameo-uno" in drawn_ids(page)
    page.locator("#ex-source-kind label", has_text="annotated articles").click()
    page.wait_for_function("() => window.location.search.includes('stype=article')")
    wait_for_layout(page)
    assert not {i for i in drawn_ids(page) if i.startswith("cameo-")}
    page.locator("#ex-source-kind label", has_text="both").click()
    page.wait_for_function("() => !window.location.search.includes('stype=')")


def test_a_gdelt_events_details_list_its_unidentified_participants(page, app_server,
                                                                   seed_and_gdelt):
    open_explorer(page, app_server.url + f"/?view=events&stype=gdelt&sel={POLICE}")
    page.locator("#ex-details h4", has_text="Unidentified participants").wait_for()
    assert page.inner_text("#ex-details .ag-unidentified") == (
        "an unidentified police officer (sender) — GDELT: POLICE, COP")


def test_a_ties_details_say_how_many_gdelt_events_and_documents_stand_behind_it(
        page, app_server, seed_and_gdelt):
    open_explorer(page, app_server.url + "/?sel=" + quote("tie:ARE|cameo-uno|+1"))
    page.locator("#ex-details h3", has_text="United Arab Emirates and United Nations").wait_for()
    panel = page.inner_text("#ex-details")
    assert "cooperative, from 3 shared event(s)" in panel
    assert "3 of the events, in 3 GDELT documents" in panel
