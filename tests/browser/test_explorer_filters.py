"""The explorer's article and outlet filters with many articles, in Chromium: the drop-down
lists at most ACTORGRAPH_FILTER_OPTIONS choices, typing finds the matching articles, and what
is picked stays listed and filters the graph."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from actorgraph.graph.connection import Database
from tests.browser.conftest import RunningApp, start_app, stop_app
from tests.browser.test_explorer import open_explorer
from tests.browser.test_layout import audit, click_centre

CAP = 10
BULLETINS = 120
SEED_TITLE = "Wladimir Putin im Visier"


@pytest.fixture(scope="module")
def many_articles(seeded: Database) -> Database:
    """The seed and 120 more articles (no facts), newer than the seed one."""
    seeded.write("""
        UNWIND range(0, $n - 1) AS i
        CREATE (:Article {id: 'bulletin-' + i, title: 'Bulletin ' + right('00' + i, 3),
                          outlet: 'Wire ' + (i % 15),
                          published: toString(date('2025-08-01') + duration({days: i})),
                          kind: 'article'})""", n=BULLETINS)
    return seeded


@pytest.fixture(scope="module")
def capped_app(neo4j_env, many_articles, tmp_path_factory) -> Iterator[RunningApp]:
    env = {**neo4j_env, "ACTORGRAPH_FILTER_OPTIONS": str(CAP)}
    app = start_app(env, tmp_path_factory.mktemp("capped-app") / "app.log")
    yield app
    stop_app(app)


def listed(page) -> list[str]:
    return page.locator(".dash-dropdown-content .dash-dropdown-option").all_inner_texts()


def wait_listed(page, predicate_js: str) -> None:
    page.wait_for_function(f"""() => {{
        const texts = [...document.querySelectorAll(
            '.dash-dropdown-content .dash-dropdown-option')].map(o => o.innerText.trim());
        return ({predicate_js})(texts);
    }}""")


def test_typing_in_the_articles_filter_finds_articles_and_never_lists_more_than_the_cap(
        page, capped_app):
    page.font_set = "dejavu"  # audit() names the page by its font set
    open_explorer(page, capped_app.url + "/")
    click_centre(page.locator("#ex-articles"))
    page.locator(".dash-dropdown-content").wait_for()
    wait_listed(page, "t => t.length > 0")
    newest = listed(page)
    assert len(newest) == CAP
    assert newest[0] == "Bulletin 119 (Wire 14)"  # the newest first

    click_centre(page.locator(".dash-dropdown-search"))
    page.keyboard.type("bulletin 11")
    wait_listed(page, "t => t.length > 0 && t.every(x => x.includes('11'))")
    found = listed(page)
    # Eleven titles contain "11" (011, 110-119): the cap keeps ten, the newest.
    assert len(found) == CAP
    assert found[0] == "Bulletin 119 (Wire 14)"
    checked = audit(page, ".dash-dropdown-content")
    assert any("Bulletin 11" in name for name in checked)

    page.locator(".dash-dropdown-search").fill("")
    page.keyboard.type("Putin")
    wait_listed(page, f"t => t.length === 1 && t[0].startsWith('{SEED_TITLE}')")
    audit(page, ".dash-dropdown-content")
    click_centre(page.locator(".dash-dropdown-content .dash-dropdown-option",
                              has_text=SEED_TITLE))
    page.wait_for_function(
        "() => window.location.search.includes('newsde-putin-im-visier')")

    # Searched again: the ten newest matches ("00": 000-009 and 100); the picked article
    # stays chosen, and listed first once the search box is emptied.
    page.locator(".dash-dropdown-search").fill("")
    page.keyboard.type("bulletin 00")
    wait_listed(page, "t => t.length > 0 && t.every(x => x.startsWith('Bulletin'))")
    assert listed(page) == ["Bulletin 100 (Wire 10)"] + [f"Bulletin 00{i} (Wire {i})"
                                                         for i in range(9, 0, -1)]
    assert SEED_TITLE in page.inner_text("#ex-articles")
    page.locator(".dash-dropdown-search").fill("")
    wait_listed(page, "t => t.includes('Bulletin 119 (Wire 14)')")  # the newest again
    found = listed(page)
    assert found[0].startswith(SEED_TITLE)
    assert found[1:] == [f"Bulletin {i} (Wire {i % 15})" for i in range(119, 109, -1)]


def test_the_outlets_filter_lists_at_most_the_cap_and_finds_a_typed_outlet(page, capped_app):
    page.font_set = "dejavu"
    open_explorer(page, capped_app.url + "/")
    click_centre(page.locator("#ex-outlets"))
    page.locator(".dash-dropdown-content").wait_for()
    wait_listed(page, "t => t.length > 0")
    assert len(listed(page)) == CAP  # 16 outlets: 15 wires and news.de
    # Playwright's click waits until the box stops moving (the list above it fills in).
    page.locator(".dash-dropdown-search").click()
    page.keyboard.type("news")
    wait_listed(page, "t => t.length === 1 && t[0] === 'news.de'")
    assert listed(page) == ["news.de"]
    audit(page, ".dash-dropdown-content")
