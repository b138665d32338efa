"""GDELT import and several sources per fact, on a real Neo4j."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import zipfile
from pathlib import Path

import neo4j
import pytest

from actorgraph.graph.connection import Database
from actorgraph.graph.read.dyads import dyad_months, top_dyads
from actorgraph.graph.write.writer import PipelinedWriter, write_batch
from actorgraph.ingest.annotation.folders import load_articles
from actorgraph.ingest.gdelt.importer import import_gdelt
from actorgraph.ingest.gdelt.records import article_id
from tests.conftest import clear_database
from tests.graph_snapshot import snapshot, supporting_articles

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
EXPORT_1 = FIXTURES / "gdelt" / "20250711120000.export.CSV"
EXPORT_2 = FIXTURES / "gdelt" / "20250711121500.export.CSV"
GDELT_1 = FIXTURES / "gdelt" / "20150101.export.CSV"
PYONGYANG_REPORT = FIXTURES / "articles" / "examplewire-lavrov-choe-pyongyang"
MOSCOW_REPORT = FIXTURES / "articles" / "examplegazette-lavrov-choe-moscow"

VISIT = "gdelt-20250710-042-USA-KOR"
TALKS = "gdelt-20250712-040-PRK-RUS"
URL_A = "https://news.example.com/2025/07/11/defence-secretary-in-seoul"
URL_B = "https://www.daily.example.org/world/asia/us-korea-talks"
URL_C = "https://wire.example.net/2025/07/12/lavrov-choe-talks"
URL_D = "https://www.gazette.example.com/moscow-talks-north-korea"
URL_F = "https://www.courier.example.org/russia-north-korea-moscow"


def run_import(db: Database, *paths: Path, batch_size: int = 5000):
    return import_gdelt(list(paths), lambda bundles: write_batch(db, bundles),
                        batch_size=batch_size)


def event(db: Database, event_id: str) -> dict:
    (row,) = db.read("MATCH (e:Event {id: $id}) RETURN properties(e) AS e, labels(e) AS labels",
                     id=event_id)
    return row["e"] | {"labels": sorted(row["labels"])}


def test_import_builds_one_event_per_happening_with_every_row_and_article(db):
    summary = run_import(db, EXPORT_1, EXPORT_2)
    assert (summary.read, summary.loaded, summary.rejected) == (24, 19, 5)

    counts = db.read("MATCH (a:Article {kind: 'gdelt'}) RETURN count(a) AS n")[0]["n"]
    assert counts == 8  # distinct SOURCEURLs of the 19 loaded rows
    claims = db.read("MATCH (c:Claim) WHERE c.gdelt_ids IS NOT NULL "
                     "RETURN count(c) AS claims, sum(size(c.gdelt_ids)) AS rows")
    assert claims == [{"claims": 17, "rows": 19}]  # one claim per (article, event)

    visit = event(db, VISIT)
    assert visit["labels"] == ["Event", "Visit"]
    assert sorted(supporting_articles(db, VISIT)) == sorted([
        article_id(URL_A), article_id(URL_B), article_id("https://example.com/seoul")])
    assert visit["evidence_count"] == 3
    assert visit["gdelt_ids"] == [1250000001, 1250000002, 1250000003, 1250000101]
    assert visit["num_mentions"] == 10 + 6 + 3 + 4
    assert (visit["cameo"], visit["goldstein"], visit["date"]) == ("042", 1.9, "2025-07-10")
    assert (visit["contested"], "contested_on" in visit) == (False, False)
    assert visit["date_added"] == "2025-07-11T12:00:00"
    roles = db.read("MATCH (a:Actor)-[p:PARTICIPATED_IN]->(:Event {id: $id}) "
                    "RETURN a.id AS actor, p.role AS role, p.role_codes AS codes "
                    "ORDER BY actor", id=VISIT)
    assert roles == [{"actor": "KOR", "role": "host", "codes": ["GOV"]},
                     {"actor": "USA", "role": "guest", "codes": ["GOV"]}]

    earlier_visit = event(db, "gdelt-20250620-042-KOR-USA")
    assert (earlier_visit["date"], earlier_visit["gdelt_ids"]) == (
        "2025-06-20", [1250000004, 1250000005])
    visit_claim = db.read(
        "MATCH (c:Claim {id: $id}) RETURN c.gdelt_ids AS ids, c.gdelt_event_codes AS codes, "
        "c.gdelt_num_mentions AS mentions, c.gdelt_actor1_codes AS actor1, "
        "c.gdelt_places AS places, c.date AS date, c.place AS place",
        id=f"{article_id(URL_A)}/event/{VISIT}")
    assert visit_claim == [{"ids": [1250000001, 1250000002], "codes": ["042", "043"],
                            "mentions": [10, 6], "actor1": ["USAGOV", "KORGOV"],
                            "places": ["gdelt-feature--716583"] * 2, "date": "2025-07-10",
                            "place": "gdelt-feature--716583"}]

    usa = db.read("MATCH (a:Actor {id: 'USA'}) RETURN a.wikidata AS q, a.name AS name")
    assert usa == [{"q": "Q30", "name": "United States"}]
    un = db.read("MATCH (a:Actor:Organization {id: 'cameo-uno'}) RETURN a.name AS name")
    assert un == [{"name": "United Nations"}]  # the codebook's name, not the row's
    seoul = db.read("MATCH (p:Place {id: 'gdelt-feature--716583'}) "
                    "RETURN p.country AS country, p.lat AS lat")
    assert seoul == [{"country": "KOR", "lat": 37.5664}]
    article = db.read("MATCH (a:Article {id: $id}) RETURN a.kind AS kind, a.url AS url, "
                      "a.outlet AS outlet, a.text AS text", id=article_id(URL_B))
    assert article == [{"kind": "gdelt", "url": URL_B, "outlet": "daily.example.org",
                        "text": ""}]


def test_the_same_talks_placed_in_two_cities_by_gdelt_rows_is_contested(db):
    run_import(db, EXPORT_1, EXPORT_2)
    talks = event(db, TALKS)
    assert (talks["contested"], talks["contested_on"]) == (True, ["place"])
    assert talks["evidence_count"] == 4
    places = db.read("MATCH (:Event {id: $id})-[r:AT]->(p:Place) "
                     "RETURN p.id AS place, r.evidence_count AS n ORDER BY place", id=TALKS)
    assert places == [{"place": "gdelt-feature--1281087", "n": 3},
                      {"place": "gdelt-feature--2960561", "n": 1}]
    assert [sorted(supporting_articles(db, TALKS, (TALKS, "AT", p["place"]))) for p in places] == [
        sorted([article_id(URL_C), article_id(URL_D),
                article_id("https://example.com/pyongyang")]), [article_id(URL_F)]]
    claims = db.read("MATCH (c:Claim {fact_id: $id}) RETURN c.gdelt_ids AS rows, "
                     "c.place AS place ORDER BY rows", id=TALKS)
    assert claims == [
        {"rows": [1250000009], "place": "gdelt-feature--1281087"},
        {"rows": [1250000010], "place": "gdelt-feature--1281087"},
        {"rows": [1250000011], "place": "gdelt-feature--2960561"},
        {"rows": [1250000102], "place": "gdelt-feature--1281087"},
    ]


def test_reimport_changes_nothing_whatever_the_batch_size(db):
    run_import(db, EXPORT_1, EXPORT_2)
    first = snapshot(db)
    run_import(db, EXPORT_1, EXPORT_2)
    assert snapshot(db) == first
    run_import(db, EXPORT_2, EXPORT_1, batch_size=3)
    assert snapshot(db) == first


def test_pipelined_import_stores_exactly_what_batch_by_batch_import_stores(
        db, neo4j_connection):
    with PipelinedWriter(db) as write:
        pipelined = import_gdelt([EXPORT_1, EXPORT_2], write, batch_size=3,
                                 finish=write.finish)
    stored = snapshot(db)
    clear_database(db)
    with Database(neo4j_connection) as fresh:  # a new object: the writer makes the schema again
        serial = run_import(fresh, EXPORT_1, EXPORT_2, batch_size=3)
        assert snapshot(fresh) == stored
    assert stored.nodes > 0
    assert pipelined.lines() == serial.lines()
    assert pipelined.created == serial.created and pipelined.updated == serial.updated


def test_pipelined_writer_returns_each_batch_report_once_after_it_committed(db):
    pyongyang, moscow = load_articles([PYONGYANG_REPORT, MOSCOW_REPORT],
                                     data_dir=ROOT / "data")
    with PipelinedWriter(db) as write:
        first = write([pyongyang])
        second = write([moscow])
        last = write.finish()
    assert first == []
    assert [r.article_id for r in second] == [pyongyang.article.id]
    assert [r.article_id for r in last] == [moscow.article.id]
    stored = db.read("MATCH (a:Article) RETURN a.id AS id ORDER BY id")
    assert [r["id"] for r in stored] == sorted([pyongyang.article.id, moscow.article.id])


def test_a_failed_pipelined_batch_raises_from_the_next_call(neo4j_connection):
    pyongyang, moscow = load_articles([PYONGYANG_REPORT, MOSCOW_REPORT],
                                     data_dir=ROOT / "data")
    missing = dataclasses.replace(neo4j_connection, database="nosuchdatabase")
    with Database(missing) as wrong:
        write = PipelinedWriter(wrong)
        assert write([pyongyang]) == []  # handed over; it fails in the writer thread
        with pytest.raises(neo4j.exceptions.ClientError, match="nosuchdatabase"):
            write([moscow])
        assert write.finish() == []  # the failed batch was reported once, nothing is left


def test_a_later_file_adds_to_an_earlier_import_without_retracting_it(db):
    run_import(db, EXPORT_1)
    assert event(db, VISIT)["evidence_count"] == 2
    run_import(db, EXPORT_2)
    visit = event(db, VISIT)
    assert visit["evidence_count"] == 3
    assert visit["gdelt_ids"] == [1250000001, 1250000002, 1250000003, 1250000101]


def test_two_articles_placing_one_meeting_in_two_cities_on_two_days_are_kept_side_by_side(db):
    bundles = load_articles([PYONGYANG_REPORT, MOSCOW_REPORT], data_dir=ROOT / "data")
    write_batch(db, bundles)
    talks = event(db, "rus-prk-strategic-dialogue-round-2")
    assert (talks["contested"], talks["contested_on"]) == (True, ["date", "place"])
    assert talks["evidence_count"] == 2
    assert talks["modality"] == "asserted"  # the most certain of asserted and reported
    claims = db.read(
        "MATCH (a:Article)-[:CLAIMS]->(c:Claim)-[:ABOUT]->(:Event {id: $id}) "
        "RETURN a.id AS article, c.date AS date, c.place AS place, c.modality AS modality, "
        "c.attributed_to AS attributed_to ORDER BY article",
        id="rus-prk-strategic-dialogue-round-2")
    assert claims == [
        {"article": "examplegazette-lavrov-choe-moscow", "date": "2025-07-11",
         "place": "moscow", "modality": "reported", "attributed_to": ["tass"]},
        {"article": "examplewire-lavrov-choe-pyongyang", "date": "2025-07-12",
         "place": "pyongyang", "modality": "asserted", "attributed_to": []},
    ]
    dialogue = "rus-prk-strategic-dialogue-round-2"
    places = [supporting_articles(db, dialogue, (dialogue, "AT", place))
              for place in ("moscow", "pyongyang")]
    assert places == [["examplegazette-lavrov-choe-moscow"],
                      ["examplewire-lavrov-choe-pyongyang"]]


def test_agreeing_reports_of_a_relation_are_one_edge_with_both_sources(db):
    bundles = load_articles([PYONGYANG_REPORT, MOSCOW_REPORT], data_dir=ROOT / "data")
    write_batch(db, bundles)
    rels = db.read("MATCH (:Actor {id: 'PRK'})-[r:SUPPORTS]->(:Actor {id: 'RUS'}) "
                   "RETURN r.id AS id, r.evidence_count AS n, "
                   "r.contested AS contested, r.modality AS modality")
    assert rels == [{"id": "PRK-SUPPORTS-RUS+munitions",
                     "n": 2, "contested": False, "modality": "asserted"}]
    # earliest published first: Moscow's report (12 July) before Pyongyang's (13 July)
    assert supporting_articles(db, rels[0]["id"], ("PRK", "SUPPORTS", "RUS")) == [
        "examplegazette-lavrov-choe-moscow", "examplewire-lavrov-choe-pyongyang"]


def test_contested_does_not_depend_on_the_order_articles_arrive_in(db):
    (moscow,) = load_articles([MOSCOW_REPORT], data_dir=ROOT / "data")
    (pyongyang,) = load_articles([PYONGYANG_REPORT], data_dir=ROOT / "data")
    write_batch(db, [moscow])
    assert event(db, "rus-prk-strategic-dialogue-round-2")["contested"] is False
    write_batch(db, [pyongyang])
    assert event(db, "rus-prk-strategic-dialogue-round-2")["contested_on"] == ["date", "place"]
    # Re-ingesting one report changes nothing; retracting it would end the dispute.
    write_batch(db, [moscow])
    assert event(db, "rus-prk-strategic-dialogue-round-2")["contested_on"] == ["date", "place"]


def test_dyad_balance_per_month_from_gdelt_events(db):
    run_import(db, EXPORT_1, EXPORT_2)
    months = dyad_months(db, "USA", "KOR")
    assert [(m.month, m.events, m.balance, m.weighted) for m in months] == [
        ("2025-06", 1, 1.9, 1.9),  # Seoul's delegation in Washington, one article
        ("2025-07", 1, 1.9, 1.9 * 3),  # the visit to Seoul, three articles
    ]
    usa_prk = dyad_months(db, "PRK", "USA")
    assert [(m.month, m.events, m.balance) for m in usa_prk] == [("2025-07", 1, -7.2)]
    top = top_dyads(db, limit=2)
    assert [(d["a"], d["b"], d["events"]) for d in top] == [("KOR", "USA", 2), ("CHN", "PHL", 1)]


# -- the command -------------------------------------------------------------------------------

def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "actorgraph", "import-gdelt", *args],
                          env=env, capture_output=True, text=True, timeout=240)


def test_cli_reports_every_rejected_line_and_exits_2(db, neo4j_env):
    result = cli(neo4j_env, str(EXPORT_1), "--no-progress")
    assert result.returncode == 2
    rejected = [line.split(" | ")[0] for line in result.stderr.splitlines()
                if line.startswith("rejected: ")]
    assert rejected == [
        f"rejected: {EXPORT_1}:18: expected 61 tab-separated fields, found 60",
        f"rejected: {EXPORT_1}:19: no actor: Actor1Code and Actor2Code are both empty",
        f"rejected: {EXPORT_1}:20: GoldsteinScale must be a number; found '1,0'",
        f"rejected: {EXPORT_1}:21: Day must be a date YYYYMMDD; found '20251341'",
        f"rejected: {EXPORT_1}:22: truncated last line: 21 of 61 fields and no line end "
        "(the file was cut off)",
    ]
    assert result.stderr.splitlines()[-1] == (
        "Error: 5 of 22 rows were rejected (listed above); the other 17 were loaded.")
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        f"{EXPORT_1}: 22 rows read, 17 loaded, 5 rejected (last line truncated)",
        "Total: 22 rows read = 17 loaded + 5 rejected",
        "Rejected: 1 wrong field count, 1 truncated last line, 1 no actor, 1 bad number, "
        "1 bad date",
        "Geo country codes without an ISO-3 code (kept, place has no country): PG (1 row)",
    ]
    assert lines[4] == (
        "Written: articles 6 created, 0 updated; events 12 created, 0 updated; claims 15 "
        "created, 0 updated; actors 10 created, 0 updated; places 9 created, 0 updated; "
        "event_links 35 created, 0 updated")
    assert len(lines) == 5
    assert db.read("MATCH (c:Claim) RETURN count(c) AS claims, sum(size(c.gdelt_ids)) AS rows"
                   ) == [{"claims": 15, "rows": 17}]


def test_cli_clean_zipped_file_exits_0_and_a_second_run_changes_nothing(db, neo4j_env, tmp_path):
    zipped = tmp_path / "20250711121500.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(EXPORT_2, EXPORT_2.name)
    first = cli(neo4j_env, str(zipped), "--no-progress")
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout.splitlines()[:2] == [
        f"{zipped}: 2 rows read, 2 loaded, 0 rejected",
        "Total: 2 rows read = 2 loaded + 0 rejected",
    ]
    before = snapshot(db)
    second = cli(neo4j_env, str(zipped), "--no-progress")
    assert second.returncode == 0
    assert second.stdout.splitlines()[-1] == "Written: nothing changed"
    assert snapshot(db) == before


def test_cli_refuses_gdelt_1_before_writing_anything(db, neo4j_env):
    result = cli(neo4j_env, str(EXPORT_2), str(GDELT_1))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: 1 problem found; nothing was written:\n"
        f"  - {GDELT_1}: this is a GDELT 1.0 events file (58 columns per line); actorgraph "
        "reads GDELT 2.0 events exports (61 columns, files named "
        "YYYYMMDDHHMMSS.export.CSV.zip from data.gdeltproject.org/gdeltv2/)\n")
    assert db.counts() == {"nodes": 0, "relationships": 0}


def test_cli_dry_run_writes_nothing(db, neo4j_env):
    result = cli(neo4j_env, str(EXPORT_2), "--dry-run")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"{EXPORT_2}: 2 rows read, 2 loaded, 0 rejected",
        "Total: 2 rows read = 2 loadable (dry run, nothing written) + 0 rejected",
    ]
    assert db.counts() == {"nodes": 0, "relationships": 0}
