"""The served app shows the server it talks to and what the database holds."""

import re


def test_status_line_shows_version_and_counts(page, app_server, db):
    db.write("CREATE (:Actor:State {id: 'ZZA', name: 'Testland'})"
             "-[:ALLIED_WITH {id: 'x'}]->(:Actor:State {id: 'ZZB', name: 'Otherland'})")
    page.goto(app_server.url + "/")
    status = page.locator("#db-status")
    status.wait_for()
    page.wait_for_function(
        "() => document.querySelector('#db-status').innerText.includes('relationships')")
    text = status.inner_text()
    assert re.search(r"Neo4j 5\.26\.\d+ at bolt://127\.0\.0\.1:\d+", text), text
    assert "2 nodes, 1 relationships" in text
