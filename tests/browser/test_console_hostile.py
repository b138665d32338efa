"""Hostile console input in the dashboard (issue #13), in Chromium against the real app: a
query the server cannot interrupt answers at the timeout and leaves the app usable, rows cut
at the byte cap say so, and a link with a parameter nested 5,000 deep is a message, not a
server error."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

import pytest

from tests.browser.conftest import RunningApp, start_app, stop_app
from tests.integration.test_console_hostile import LONG_EXPRESSION, timed_out_messages


@pytest.fixture(scope="module")
def strict_app(neo4j_env, tmp_path_factory) -> Iterator[RunningApp]:
    """The app with a 1 s console timeout and a 30-byte result cap."""
    env = dict(neo4j_env, ACTORGRAPH_QUERY_TIMEOUT="1", ACTORGRAPH_QUERY_MAX_BYTES="30")
    app = start_app(env, tmp_path_factory.mktemp("strict-app") / "app.log")
    yield app
    stop_app(app)


def run_in_console(page, app: RunningApp, query: str) -> None:
    page.goto(f"{app.url}/console")
    page.wait_for_selector("#console-query")
    page.fill("#console-query", query)
    page.click("#console-run")


def test_uninterruptible_query_answers_at_the_timeout(page, strict_app: RunningApp) -> None:
    run_in_console(page, strict_app, LONG_EXPRESSION)
    # Bounded wait (the expression alone runs for many seconds); not a timing assertion.
    page.wait_for_selector("#console-error", timeout=30_000)
    assert page.inner_text("#console-error") in timed_out_messages(1)
    assert page.locator("#console-rowcount").count() == 0
    # The worker and its connection were freed: the next queries run at once.
    for _ in range(3):
        page.fill("#console-query", "RETURN 1 AS one")
        page.click("#console-run")
        page.wait_for_selector("#console-rowcount")
        assert page.inner_text("#console-rowcount") == "1 row"
        page.fill("#console-query", LONG_EXPRESSION)
        page.click("#console-run")
        page.wait_for_selector("#console-error", timeout=30_000)


def test_rows_cut_at_the_byte_cap_say_so(page, strict_app: RunningApp) -> None:
    run_in_console(page, strict_app, "UNWIND range(1, 10) AS i RETURN i, 'abcdefgh' AS s")
    page.wait_for_selector("#console-truncated")
    assert page.inner_text("#console-rowcount") == "2 rows"
    assert page.inner_text("#console-truncated") == (
        " — truncated: the next row would pass the limit of 30 bytes "
        "(ACTORGRAPH_QUERY_MAX_BYTES)")


def test_deeply_nested_link_parameter_is_a_message(page, strict_app: RunningApp) -> None:
    link = "?" + urlencode({"q": "RETURN $x AS x", "p": "[" * 5000 + "]" * 5000})
    page.goto(f"{strict_app.url}/console{link}")
    page.wait_for_selector("#console-error")
    assert page.inner_text("#console-error") == (
        "The link's p= value is nested more than 100 levels deep (ACTORGRAPH_QUERY_MAX_DEPTH); "
        "the parameters were left empty.")
    assert page.locator("#console-rowcount").count() == 0
