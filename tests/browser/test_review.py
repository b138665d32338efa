"""The Review page in the real app and Chromium (DejaVu alone): from an article's raw text to
a saved and ingested article, reviewed fact by fact; nothing written when it does not
validate; unknown people added to the registry; hostile text shown as text, never run.

The app runs with review on against a copy of data/ (`review_server`, `review_data`): the
repository's data/ is never written."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from actorgraph.graph.connection import Database
from tests.browser.conftest import wait_for_layout
from tests.conftest import ROOT, clear_database

SEED = ROOT / "data" / "articles" / "newsde-putin-im-visier" / "article.txt"
UNKNOWN = """Lawrow trifft nordkoreanischen Minister

Der nordkoreanische Verteidigungsminister No Kwang-chol traf am Montag den russischen \
Außenminister Sergej Lawrow in Pjöngjang. No Kwang-chol sagte, Nordkorea unterstütze \
Russland. Lawrow und No Kwang-chol vereinbarten eine engere Zusammenarbeit.
"""
PAYLOAD = "<script>window.__agPwned = 1</script><img src=x onerror=\"window.__agPwned = 2\">"


@pytest.fixture(scope="module")
def empty_db(neo4j_connection) -> Iterator[Database]:
    with Database(neo4j_connection) as db:
        clear_database(db)
        yield db


def control(page, fact: str, field: str):
    key = json.dumps({"fact": fact, "field": field, "type": "rv-edit"}, separators=(",", ":"))
    return page.locator(f"[id='{key}']")


def open_editor(page, fact: str) -> None:
    """Click the fact's Edit button; its controls are drawn."""
    key = json.dumps({"fact": fact, "type": "rv-edit-open"}, separators=(",", ":"))
    page.locator(f"[id='{key}']").click()
    control(page, fact, "modality").wait_for()


def pick(page, fact: str, field: str, option: str) -> None:
    control(page, fact, field).click()
    page.locator(".dash-dropdown-option", has_text=re.compile(f"^{option}$")).click()


def extract(page, url: str, text: str, article_id: str, published: str = "",
            language: str = "") -> None:
    page.goto(url + "/review")
    page.locator("#rv-text").fill(text)
    page.locator("#rv-id").fill(article_id)
    page.locator("#rv-published").fill(published)
    if language:
        page.locator("#rv-language").click()
        page.locator(".dash-dropdown-option", has_text=f"({language})").click()
    page.locator("#rv-extract").click()
    page.locator("#rv-status", has_text=f"Draft of {article_id}").wait_for()
    page.locator(".ag-review-fact").first.wait_for()


def save(page) -> str:
    page.locator("#rv-save").click()
    page.locator("#rv-status .ag-review-report, #rv-status .ag-review-problem, "
                 "#rv-status:has-text('Not saved')").first.wait_for()
    return page.locator("#rv-status").inner_text()


def saved(review_data: Path, article_id: str) -> dict:
    return yaml.safe_load((review_data / "articles" / article_id / "annotation.yaml")
                          .read_text(encoding="utf-8"))


def test_the_page_is_off_without_the_flag(page, app_server):
    page.goto(app_server.url + "/review")
    off = page.locator("#rv-off")
    off.wait_for()
    assert "actorgraph serve --review" in off.inner_text()
    assert "ACTORGRAPH_REVIEW=1" in off.inner_text()
    assert page.locator("#rv-save").count() == 0


def test_review_the_seed_from_its_text_to_the_explorer(page, review_server, review_data,
                                                       empty_db):
    extract(page, review_server.url, SEED.read_text(encoding="utf-8"), "review-seed",
            "2025-07-11")
    assert page.locator("#rv-outlet").input_value() == "news.de"  # prefilled by the extractor
    assert page.locator("#rv-language").inner_text().strip() == "German (de)"
    marks = page.locator("#rv-highlight mark")
    assert marks.count() > 10
    assert "Lawrow in Pjöngjang" in page.locator("#rv-highlight").inner_text()
    events = page.locator(".ag-review-fact[id^=rv-fact-events]").count()
    relations = page.locator(".ag-review-fact[id^=rv-fact-relations]").count()
    first_relation = page.locator("#rv-fact-relations-0 .ag-review-fact-title").inner_text()

    # Reject the first relation: its evidence is no longer highlighted as R1.
    page.locator("#rv-fact-relations-0 label", has_text="Reject").click()
    page.wait_for_function("() => ![...document.querySelectorAll('#rv-highlight mark')]"
                           ".some(m => (m.title || '').split(', ').includes('R1'))")
    # Hedge the first event.
    open_editor(page, "events-0")
    pick(page, "events-0", "modality", "possible")
    event_id = page.locator("#rv-fact-events-0 .ag-review-fact-title").inner_text()
    report = save(page)
    assert "Saved data/articles/review-seed and ingested it:" in report
    line = next(li for li in report.splitlines() if li.startswith("review-seed: created"))
    assert re.match(rf"review-seed: created 1 article, \d+ actors, .*\b{events} events, .*"
                    rf"\b{events + relations - 1} claims; updated nothing; removed nothing$",
                    line), line

    annotation = saved(review_data, "review-seed")
    assert len(annotation["events"]) == events
    assert len(annotation["relations"]) == relations - 1
    source, kind, target = first_relation.split(" · ")[2].split(" ")
    assert not any((r["source"], r["type"], r["target"]) == (source, kind, target)
                   for r in annotation["relations"])
    assert annotation["events"][0]["modality"] == "possible"
    assert (review_data / "articles" / "review-seed" / "article.txt").read_bytes() == \
        SEED.read_bytes()
    assert "event" in event_id

    # The explorer shows the new facts at once, the hedged event drawn hedged.
    hedged_id = annotation["events"][0]["id"]
    page.goto(review_server.url + "/?view=events")
    page.locator("#ex-counter-text").wait_for()
    wait_for_layout(page)
    drawn = page.evaluate("""id => {
        const n = window.cy.getElementById(id);
        return n.length ? {hedged: n.hasClass('hedged'),
                           style: n.style('border-style')} : null;
    }""", hedged_id)
    assert drawn == {"hedged": True, "style": "dashed"}

    # Re-opening the saved article loads its annotation for further review.
    page.goto(review_server.url + "/review")
    page.locator("#rv-open").click()
    page.locator(".dash-dropdown-option", has_text="review-seed").click()
    page.locator("#rv-status", has_text="Opened data/articles/review-seed").wait_for()
    # the status line can come before the fact cards are drawn: wait (bounded) for the cards
    page.locator(".ag-review-fact[id^=rv-fact-events]").first.wait_for()
    assert page.locator(".ag-review-fact[id^=rv-fact-relations]").count() == relations - 1
    assert page.locator("#rv-id").input_value() == "review-seed"
    open_editor(page, "events-0")
    assert "possible" in control(page, "events-0", "modality").inner_text()


def test_a_validation_problem_is_shown_at_its_fact_and_nothing_is_written(
        page, review_server, review_data):
    extract(page, review_server.url, SEED.read_text(encoding="utf-8"), "review-invalid")
    open_editor(page, "events-1")
    control(page, "events-1", "date").fill("im Sommer irgendwann")
    report = save(page)
    assert "Not saved: 1 problem (shown at their facts); nothing was written." in report
    problem = page.locator("#rv-fact-events-1 .ag-review-problem")
    expected = (f"{review_data}/articles/review-invalid/annotation.yaml:")
    assert problem.inner_text().startswith(expected)
    assert ("events[1].date: expected a date like 2025-07-11, 2025-07 or 2025, or null; "
            "found 'im Sommer irgendwann'") in problem.inner_text()
    assert page.locator("#rv-fact-events-0 .ag-review-problem").count() == 0
    assert not (review_data / "articles" / "review-invalid").exists()
    assert not [p for p in review_data.iterdir() if p.name.startswith(".review-")]


def test_an_unknown_person_is_added_to_the_registry_from_the_page(page, review_server,
                                                                  review_data, empty_db):
    extract(page, review_server.url, UNKNOWN, "review-unknown", "2025-07-14", "de")
    candidate = page.locator(".ag-review-candidate", has_text="No Kwang-chol")
    candidate.wait_for()
    open_editor(page, "events-0")
    assert "no-kwang-chol" not in control(page, "events-0", "participants").inner_text()
    candidate.get_by_role("button", name="Fill the form").click()
    page.wait_for_function("() => document.querySelector('#rv-new-id').value === "
                           "'no-kwang-chol'")
    assert page.locator("#rv-new-country").input_value() == "PRK"
    page.locator("#rv-new-aliases").fill("No Kwang Chol")
    page.locator("#rv-new-add").click()
    page.locator("#rv-new-message", has_text="Added no-kwang-chol").wait_for()
    actors = yaml.safe_load((review_data / "actors.yaml").read_text(encoding="utf-8"))
    added = next(a for a in actors if a["id"] == "no-kwang-chol")
    assert added == {"id": "no-kwang-chol", "name": "No Kwang-chol", "kind": "person",
                     "country": "PRK", "aliases": ["No Kwang-chol", "No Kwang Chol"]}
    # The draft is made again: the person is no longer unknown but a participant.
    page.locator(".ag-review-candidates-none, #rv-candidates", has_text="None in this draft")\
        .wait_for()
    open_editor(page, "events-0")
    participants = control(page, "events-0", "participants")
    participants.click()
    page.locator(".dash-dropdown-option", has_text="No Kwang-chol (no-kwang-chol)").wait_for()
    page.keyboard.press("Escape")
    report = save(page)
    assert re.search(r"review-unknown: created 1 article, \d+ actors?\b", report), report
    event = saved(review_data, "review-unknown")["events"][0]
    assert "no-kwang-chol" in json.dumps(event["participants"])


def test_hostile_text_names_and_quotes_are_shown_as_text(page, review_server, review_data):
    text = (f"Kim Jong Un trifft Wladimir Putin {PAYLOAD}\n\nKim Jong Un traf am Montag "
            f"Wladimir Putin in Pjöngjang und sagte {PAYLOAD}. Die beiden vereinbarten "
            "eine engere Zusammenarbeit gegen die USA.\n")
    extract(page, review_server.url, text, "review-hostile", "2025-07-14", "de")
    page.locator("#rv-new-id").fill("hostile-name")
    page.locator("#rv-new-name").fill(PAYLOAD)
    page.locator("#rv-new-aliases").fill(PAYLOAD)
    page.locator("#rv-new-add").click()
    message = page.locator("#rv-new-message")
    message.wait_for()
    page.locator("#rv-status", has_text="Draft of review-hostile").wait_for()
    page.locator(".ag-review-fact").first.wait_for()
    open_editor(page, "events-0")
    control(page, "events-0", "participants").click()
    page.locator(".dash-dropdown-option", has_text="hostile-name").first.wait_for()
    option = page.locator(".dash-dropdown-option", has_text="hostile-name").first.inner_text()
    assert PAYLOAD in option
    page.keyboard.press("Escape")
    assert PAYLOAD in page.locator("#rv-highlight").inner_text()
    assert PAYLOAD in page.locator(".ag-review-quote").all_inner_texts()[0] + "".join(
        page.locator(".ag-review-quote").all_inner_texts())
    save(page)
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.__agPwned") is None
    assert page.locator("#rv-highlight img, #rv-facts img, #rv-highlight script").count() == 0
