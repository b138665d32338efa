"""view/review.py: highlights of a draft, decisions -> annotation, problems at their facts."""

from __future__ import annotations

import pytest

from actorgraph.records import IngestReport
from actorgraph.view.review import (
    Span,
    actor_entry,
    apply_decisions,
    article_edit,
    draft_spans,
    evidence_spans,
    id_problem,
    problems_by_fact,
    segments,
)

TEXT = "Kim traf Putin. Dan Caine sprach. Kim traf Putin."
DRAFT = {
    "article": {"id": "a", "language": "de"},
    "events": [{"id": "a-meeting-1", "kind": "meeting", "participants": ["kim", "putin"],
                "modality": "asserted",
                "evidence": [{"quote": "Kim traf Putin.", "occurrence": 2}]},
               {"id": "a-statement-1", "kind": "statement",
                "participants": [{"actor": "dan-caine", "role": "speaker"}],
                "modality": "asserted", "evidence": ["Dan Caine sprach."]}],
    "relations": [{"source": "kim", "type": "ALLIED_WITH", "target": "putin",
                   "modality": "asserted", "evidence": [{"quote": "Kim traf Putin.",
                                                         "occurrence": 1}]}],
    "mentions": [{"text": "Dan Caine", "start": 16, "end": 25, "actor": "dan-caine",
                  "in_caption": False},
                 {"text": "Kim", "start": 0, "end": 3, "actor": None, "in_caption": False},
                 {"text": "wrong", "start": 0, "end": 5, "actor": "x", "in_caption": False}],
}


@pytest.mark.parametrize("value", ["", "../etc", "a/b", "a..b", "A-b", "a_b", "-a", "a-",
                                   "a--b", "a.b", "x" * 81, "é"])
def test_ids_that_could_leave_the_data_folder_are_refused(value):
    assert id_problem(value) is not None


@pytest.mark.parametrize("value", ["newsde-putin-im-visier", "a", "2025-07-11-x"])
def test_safe_ids_pass(value):
    assert id_problem(value) is None


def test_evidence_spans_follow_the_occurrence():
    assert evidence_spans([{"quote": "Kim traf Putin.", "occurrence": 2}], TEXT) == [(34, 49)]
    assert evidence_spans(["not there"], TEXT) == []


def test_segments_cover_the_text_with_its_highlights():
    pieces = segments(TEXT, draft_spans(DRAFT, TEXT))
    assert "".join(p.text for p in pieces) == TEXT
    marked = {p.text: (p.marks, p.labels) for p in pieces if p.marks}
    assert marked["Dan Caine"] == (("actor", "event"), ("E2",))
    assert marked["Kim"] == (("relation", "unknown"), ("R1",))  # the mention: no actor yet
    assert marked[" traf Putin."] == (("relation",), ("R1",))
    assert marked["Kim traf Putin."] == (("event",), ("E1",))


def test_rejected_facts_are_not_highlighted():
    spans = draft_spans(DRAFT, TEXT, rejected=frozenset({"events-0"}))
    assert all(s.label != "E1" for s in spans)


def test_a_mention_whose_text_is_not_at_its_offsets_is_left_out():
    assert not any(s.label == "x" for s in draft_spans(DRAFT, TEXT))


def test_segments_without_spans_is_the_text():
    assert [p.text for p in segments("abc", [])] == ["abc"]
    assert segments("abc", [Span(1, 2, "event", "E1")])[1].labels == ("E1",)


def test_decisions_reject_and_edit_facts():
    annotation, index_map = apply_decisions(DRAFT, {"events-0": False}, {
        "events-1": {"modality": "possible", "participants": ["dan-caine", "kim"],
                     "targets": ["putin"], "date": "2025-07", "place": "seoul",
                     "attributed_to": []},
        "relations-0": {"type": "OPPOSES", "attributed_to": ["tass"]}})
    assert [e["id"] for e in annotation["events"]] == ["a-statement-1"]
    event = annotation["events"][0]
    assert event["modality"] == "possible"
    assert event["participants"] == [{"actor": "dan-caine", "role": "speaker"}, "kim"]
    assert (event["targets"], event["date"], event["date_precision"], event["place"]) == (
        ["putin"], "2025-07", "month", "seoul")
    assert "attributed_to" not in event
    assert list(event) == ["id", "kind", "date", "date_precision", "place", "participants",
                           "targets", "modality", "evidence"]
    assert annotation["relations"][0]["type"] == "OPPOSES"
    assert annotation["relations"][0]["attributed_to"] == ["tass"]
    assert index_map == {"events-0": "events-1", "relations-0": "relations-0"}
    assert DRAFT["events"][1]["modality"] == "asserted"  # the draft itself is left alone


def test_a_cleared_date_drops_its_precision():
    event = {"id": "e", "kind": "visit", "date": "2025-07-11", "date_precision": "day",
             "participants": ["kim"], "evidence": []}
    annotation, _ = apply_decisions({"events": [event]}, {}, {"events-0": {"date": ""}})
    assert "date" not in annotation["events"][0]
    assert "date_precision" not in annotation["events"][0]


def test_problems_go_to_the_page_fact_they_name():
    problems = ["data/articles/a/annotation.yaml:22: events[0].date: expected a date",
                "data/articles/a/annotation.yaml:3: article.url: expected a URL",
                "data/articles/a/annotation.yaml:40: relations[0].modality: expected one"]
    placed = problems_by_fact(problems, {"events-0": "events-1",
                                         "relations-0": "relations-0"})
    assert placed == {"events-1": [problems[0]], "": [problems[1]],
                      "relations-0": [problems[2]]}


def test_the_report_reads_as_actorgraph_ingest_prints_it():
    report = IngestReport("a", created={"articles": 1, "events": 14, "claims": 1},
                          updated={"actors": 2}, removed={})
    assert report.describe() == ("a: created 1 article, 14 events, 1 claim; "
                                 "updated 2 actors; removed nothing")


def test_article_fields_and_the_precision_of_the_date():
    article = {"id": "x", "outlet": "unknown", "published": None,
               "published_precision": "unknown"}
    edited = article_edit(article, "a", " news.de ", "", "de", "2025-07")
    assert edited == {"id": "a", "outlet": "news.de", "published": "2025-07",
                      "published_precision": "month", "url": None, "language": "de"}
    assert article_edit(article, "a", "", "", "", "")["published_precision"] == "unknown"


def test_a_new_actor_entry():
    assert actor_entry("kim-yo-jong", " Kim Yo-jong ", "Kim Yo Jong, , Kim Yo-jong", "person",
                       "prk") == {"id": "kim-yo-jong", "name": "Kim Yo-jong", "kind": "person",
                                  "country": "PRK", "aliases": ["Kim Yo-jong", "Kim Yo Jong"]}
