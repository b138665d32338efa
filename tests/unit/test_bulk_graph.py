"""The pure parts of the bulk path: CSV files by shape, fix-ups, the derived properties."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.graph.bulk.csv_files import (
    EMPTY_LIST,
    ONE_EMPTY_STRING,
    BulkValueError,
    _columns,
    _field,
    _shape,
    write_csv_files,
)
from actorgraph.graph.bulk.derived import event_properties, lead_order
from actorgraph.graph.bulk.load import fixup_statement
from actorgraph.graph.write.derived import contested_on


def test_each_shape_gets_its_own_file_and_lists_csv_cannot_hold_become_fixups(tmp_path: Path):
    nodes = [
        (("Actor", "State"), {"id": "USA", "name": 'The "US"', "aliases": ["a", ""],
                              "evidence_count": 3, "note": None}),
        (("Actor", "State"), {"id": "KOR", "name": "Korea", "aliases": [],
                              "evidence_count": 1}),
        (("Claim",), {"id": "c1", "gdelt_places": [""], "gdelt_goldsteins": [1.0, -2.5],
                      "gdelt_is_root_events": [True]}),
    ]
    rels = [("AT", ("Event", "e1"), ("Place", "p1"), {"evidence_count": 2})]
    files, fixups = write_csv_files(tmp_path, nodes, rels)
    texts = {f.path.name: f.path.read_text(encoding="utf-8") for f in files}
    assert texts == {
        "nodes-0000.csv": 'id:ID(Actor),:LABEL,aliases:string[],evidence_count:long,name:string\n'
                          '"USA","Actor\x1fState","a\x1f","3","The ""US"""\n',
        "nodes-0001.csv": "id:ID(Actor),:LABEL,evidence_count:long,name:string\n"
                          '"KOR","Actor\x1fState\x1f_actorgraph_fixup_0","1","Korea"\n',
        "nodes-0002.csv": "id:ID(Claim),:LABEL,gdelt_goldsteins:double[],"
                          "gdelt_is_root_events:boolean[]\n"
                          '"c1","Claim\x1f_actorgraph_fixup_1","1.0\x1f-2.5","true"\n',
        "relationships-0003.csv": ":START_ID(Event),:END_ID(Place),:TYPE,evidence_count:long\n"
                                  '"e1","p1","AT","2"\n',
    }
    assert [(f.label, f.assignments, f.marker, f.count) for f in fixups] == [
        ("Actor", (("aliases", EMPTY_LIST),), "_actorgraph_fixup_0", 1),
        ("Claim", (("gdelt_places", ONE_EMPTY_STRING),), "_actorgraph_fixup_1", 1),
    ]
    assert fixup_statement(fixups[1]) == (
        "MATCH (n:`_actorgraph_fixup_1`) WITH n LIMIT $chunk SET n.`gdelt_places` = [''] "
        "REMOVE n:`_actorgraph_fixup_1` RETURN count(n) AS n")


@pytest.mark.parametrize(("props", "message"), [
    ({"id": "x", "name": "a\x1fb"}, "holds U+001F, the bulk import's array delimiter"),
    ({"id": "x", "mixed": [1, "a"]}, "a list of mixed types (long, string)"),
    ({"id": "x", "big": 2**63}, "does not fit a Neo4j INTEGER"),
])
def test_values_the_files_cannot_carry_are_refused(tmp_path: Path, props: dict, message: str):
    with pytest.raises(BulkValueError) as refused:
        write_csv_files(tmp_path, [(("Thing",), props)], [])
    assert message in str(refused.value)


VALUES: list[object] = [
    "", "plain", 'say "hi"', "two\nlines", "Ünïcode — ✓", 0, -1, 2**63 - 1, -(2**63), 1.9,
    -0.0, 1e-05, float("nan"), True, False, ["a", "", "b"], ["", ""], ["x"], [1, 2], (3, 4),
    [1.5, 2.0], [True, False], [], [""], None,
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_the_one_pass_columns_are_the_reference_shape_and_fields(value: object):
    """`_columns` (the writer's fast path) against `_shape` and `_field`, value by value and
    all together."""
    for props in ({"value": value}, {f"v{i}": v for i, v in enumerate(VALUES)}):
        shape, fixes = _shape(props, "Thing 'x'")
        columns, fixups, texts = _columns(props, lambda: "Thing 'x'")
        assert (columns, fixups) == (shape, fixes)
        assert texts == [_field(props[k]) for k, _ in shape]


def test_the_common_values_never_reach_the_reference_path(monkeypatch: pytest.MonkeyPatch):
    """Every value above is one GDELT gives: the one pass handles them without `_shape`."""
    from actorgraph.graph.bulk import csv_files

    def reference(*_: object) -> None:
        raise AssertionError("the reference path ran")

    monkeypatch.setattr(csv_files, "_shape", reference)
    columns, _, texts = _columns({f"v{i}": v for i, v in enumerate(VALUES)}, lambda: "x")
    assert len(columns) == len(texts) == len([v for v in VALUES if v not in (None, [], [""])])


@pytest.mark.parametrize("value", [
    "a\x1fb", ["a\x1fb", "c"], [1, "a"], [1, True], 2**63, [2**63], {"a": 1}])
def test_the_one_pass_columns_refuse_what_the_reference_refuses(value: object):
    with pytest.raises(BulkValueError) as reference:
        _shape({"value": value}, "Thing 'x'")
    with pytest.raises(BulkValueError) as fast:
        _columns({"value": value}, lambda: "Thing 'x'")
    assert str(fast.value) == str(reference.value)


def claim(cid: str, published: str | None, **props: object) -> dict:
    return {"id": cid, "published": published, "modality": "asserted", **props}


def test_the_lead_claim_is_the_earliest_published_undated_last_ties_by_id():
    claims = [claim("b", "2025-07-02"), claim("z", None), claim("c", "2025-07-01"),
              claim("a", "2025-07-02")]
    assert [c["id"] for c in lead_order(claims)] == ["c", "a", "b", "z"]


def test_event_properties_come_from_the_lead_and_gdelt_figures_from_every_claim():
    claims = lead_order([
        claim("x/2", "2025-07-11", kind="visit", title="Later", date="2025-07-10",
              date_text=None, topics=[], gdelt_ids=[3], gdelt_avg_tones=[0.2],
              gdelt_num_mentions=[5], gdelt_num_sources=[1], gdelt_num_articles=[5],
              gdelt_dates_added=["2025-07-11T12:00:00"], gdelt_quad_classes=[2],
              gdelt_is_root_events=[False], place_path="KOR/", date_from="2025-07-10",
              date_to="2025-07-10"),
        claim("x/1", "2025-07-10", kind="visit", title="First", date="2025-07-10",
              topics=["talks"], gdelt_ids=[1, 2], gdelt_avg_tones=[0.1, 0.7],
              gdelt_num_mentions=[1, 2], gdelt_num_sources=[1, 1], gdelt_num_articles=[1, 2],
              gdelt_dates_added=["2025-07-10T00:00:00", "2025-07-10T00:15:00"],
              gdelt_quad_classes=[1, 1], gdelt_is_root_events=[False, True],
              place_path="PRK/", date_from="2025-07-10", date_to="2025-07-10"),
    ])
    assert event_properties("e", claims) == {
        "id": "e", "kind": "visit", "title": "First", "date": "2025-07-10", "topics": ["talks"],
        "evidence_count": 2, "modality": "asserted", "contested": True,
        "contested_on": ["place"], "gdelt_ids": [1, 2, 3], "num_mentions": 8,
        "num_sources": 3, "num_articles": 8, "avg_tone": (0.0 + 0.1 + 0.7 + 0.2) / 3,
        "date_added": "2025-07-10T00:00:00", "quad_class": 1, "is_root_event": True,
    }
    assert contested_on([claim("a", None, modality="denied"), claim("b", None)]) == ["modality"]
