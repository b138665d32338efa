"""Ingesting annotated articles into a real Neo4j: identity, retraction, survival of facts other
articles state, all-or-nothing batches, and the `actorgraph ingest` command."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import neo4j
import pytest

from actorgraph.graph.connection import Database
from actorgraph.graph.write.writer import write_article, write_batch
from actorgraph.ingest.annotation.folders import load_articles
from actorgraph.records import IngestReport
from tests.graph_snapshot import snapshot, supporting_articles

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
ANN = "articles/sample-article/annotation.yaml"
KINDS = ("articles", "actors", "places", "assets", "sources", "events", "event_links",
         "relations", "claims")
CHILD_WAIT_SECONDS = 120

SECOND_ARTICLE = """\
article:
  id: second-article
  title: Allies drill off Jeju, a second report
  outlet: Example Gazette
  url: null
  language: en
  published: 2025-07-12

events:
  - id: air-drill-jeju
    kind: military_exercise
    title: Air exercise near Jeju (second report)
    date_text: on Friday
    place: jeju
    participants: [KOR, USA]
    modality: possible
    cameo: "150"
    evidence: ["A B-52H bomber took part."]

relations:
  - source: USA
    type: ALLIED_WITH
    target: KOR
    modality: possible
    evidence: ["South Korea, the United States and Japan"]
"""


def counts(**kinds: int) -> dict[str, int]:
    return {kind: kinds.get(kind, 0) for kind in KINDS}


NOTHING = counts()
FIRST_INGEST = counts(articles=1, actors=8, places=3, assets=1, sources=1, events=4,
                      event_links=14, relations=3, claims=7)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target


def add_second_article(data: Path) -> None:
    folder = data / "articles" / "second-article"
    folder.mkdir()
    shutil.copy(data / "articles/sample-article/article.txt", folder / "article.txt")
    (folder / "annotation.yaml").write_text(SECOND_ARTICLE, encoding="utf-8")


def edit(data: Path, old: str, new: str) -> None:
    path = data / ANN
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def ingest(db: Database, *folders: Path) -> list[IngestReport]:
    return write_batch(db, load_articles(list(folders)))


def test_ingesting_three_times_changes_nothing(db: Database, data: Path) -> None:
    [first] = ingest(db, data / "articles")
    assert (first.article_id, first.created, first.updated, first.removed) == (
        "sample-article", FIRST_INGEST, NOTHING, NOTHING)
    after_first = snapshot(db)
    # 1 article + 8 actors + 3 places + 1 asset + 1 source + 4 events + 7 claims and the
    # :GraphModel node; 31 facts, claims and attributions and the article's 13 MENTIONS
    assert (after_first.nodes, after_first.relationships) == (26, 44)
    for _ in range(2):
        [again] = ingest(db, data / "articles")
        assert (again.created, again.updated, again.removed) == (NOTHING, NOTHING, NOTHING)
        assert snapshot(db) == after_first


def test_what_the_graph_holds_for_an_article(db: Database, data: Path) -> None:
    ingest(db, data / "articles")
    [drill] = db.read(
        "MATCH (e:Event {id: 'air-drill-jeju'}) RETURN labels(e) AS labels, e.date AS date, "
        "e.date_precision AS precision, e.modality AS modality, e.goldstein AS goldstein, "
        "e.cameo_label AS label, e.evidence_count AS evidence")
    assert drill == {"labels": ["Event", "MilitaryExercise"], "date": "2025-07-11",
                     "precision": "day", "modality": "reported", "goldstein": -7.2,
                     "label": "Demonstrate military or police power, not specified below",
                     "evidence": 1}
    assert supporting_articles(db, "air-drill-jeju") == ["sample-article"]
    # no property of a node or relationship lists articles: support is claims and mentions
    assert db.read("MATCH (n) WHERE n.articles IS NOT NULL RETURN n.id AS id") == []
    assert db.read("MATCH ()-[r]->() WHERE r.articles IS NOT NULL RETURN r.id AS id") == []
    mentioned = db.read("MATCH (:Article {id: 'sample-article'})-[:MENTIONS]->(n) "
                        "RETURN n.id AS id, n.evidence_count AS n ORDER BY id")
    assert [m["id"] for m in mentioned] == [
        "JPN", "KOR", "PRK", "RUS", "USA", "b-52h", "choe-son-hui", "jeju", "kor-mnd",
        "lavrov", "moscow", "pyongyang", "yonhap"]
    assert {m["n"] for m in mentioned} == {1}
    roles = db.read("MATCH (a:Actor)-[r:PARTICIPATED_IN]->(:Event {id: 'air-drill-jeju'}) "
                    "RETURN a.id AS actor, r.role AS role ORDER BY actor")
    assert roles == [{"actor": "JPN", "role": "participant"},
                     {"actor": "KOR", "role": "organiser"},
                     {"actor": "USA", "role": "participant"}]
    [claim] = db.read(
        "MATCH (:Article {id: 'sample-article'})-[:CLAIMS]->(c:Claim)-[:ABOUT]->"
        "(:Event {id: 'air-drill-jeju'}) MATCH (c)-[t:ATTRIBUTED_TO]->(x) "
        "RETURN c.quotes AS quotes, c.starts AS starts, c.ends AS ends, "
        "collect([t.position, x.id]) AS chain")
    text = (data / "articles/sample-article/article.txt").read_text(encoding="utf-8")
    assert [text[s:e] for s, e in zip(claim["starts"], claim["ends"], strict=True)] == \
        claim["quotes"] == [
            "South Korea, the United States and Japan held a joint air exercise off Jeju on "
            "Friday", "A B-52H bomber took part."]
    assert claim["chain"] == [[0, "kor-mnd"]]
    [support] = db.read("MATCH (:Actor {id: 'PRK'})-[r:SUPPORTS]->(:Actor {id: 'RUS'}) "
                        "RETURN properties(r) AS props")
    assert support["props"] == {
        "id": "PRK-SUPPORTS-RUS+troops", "stance": 1, "means": ["troops"],
        "modality": "reported", "evidence_count": 1,
        "contested": False}
    [week] = db.read("MATCH (e:Event {id: 'prk-troops-to-russia'}) "
                     "RETURN e.date AS date, e.date_precision AS precision")
    assert week == {"date": "2025-06-30", "precision": "week"}
    found = db.read("CALL db.index.fulltext.queryNodes('name_search', 'Lawrow') YIELD node "
                    "RETURN node.id AS id")
    assert found == [{"id": "lavrov"}]


def test_an_edit_retracts_what_the_article_no_longer_states(db: Database, data: Path) -> None:
    ingest(db, data / "articles")
    # drop a participant, a whole event (with its place, link and FOLLOWS) and a relation
    edit(data, "      - USA\n      - JPN\n", "      - USA\n")
    edit(data, """  - id: dialogue-round-2
    kind: visit
    title: Lavrov to visit Pyongyang
    place: pyongyang
    participants:
      - {actor: lavrov, role: guest}
    modality: planned
    cameo: "042"
    follows: dialogue-round-1
    evidence: ["Lavrov will visit Pyongyang."]
""", "")
    edit(data, """  - source: PRK
    type: OPPOSES
    target: KOR
    modality: asserted
    evidence:
      - quote: "North Korea"
        occurrence: 1
      - "condemned the drill"
""", "")
    [report] = ingest(db, data / "articles")
    assert report.created == NOTHING
    # the exercise's claim no longer names JPN among the participants
    assert report.updated == counts(claims=1)
    assert report.removed == counts(actors=1, places=1, events=1, event_links=4, relations=1,
                                    claims=2)
    assert db.read("MATCH (a:Actor {id: 'JPN'}) RETURN a") == []
    assert db.read("MATCH (p:Place {id: 'pyongyang'}) RETURN p") == []
    assert db.read("MATCH ()-[r:OPPOSES]->() RETURN r") == []
    assert db.read("MATCH ()-[r:FOLLOWS]->() RETURN r") == []
    assert db.read("MATCH (e:Event) RETURN e.id AS id ORDER BY id") == [
        {"id": "air-drill-jeju"}, {"id": "dialogue-round-1"}, {"id": "prk-troops-to-russia"}]
    # 12 MENTIONS less the JPN and Pyongyang ones among the relationships
    assert (snapshot(db).nodes, snapshot(db).relationships) == (21, 34)
    # and ingesting the edited annotation again changes nothing
    before = snapshot(db)
    [again] = ingest(db, data / "articles")
    assert (again.created, again.updated, again.removed) == (NOTHING, NOTHING, NOTHING)
    assert snapshot(db) == before


def test_a_changed_modality_and_date_update_the_fact(db: Database, data: Path) -> None:
    ingest(db, data / "articles")
    edit(data, "    modality: planned\n", "    modality: possible\n")
    edit(data, "date_text: in November", "date_text: im November")
    [report] = ingest(db, data / "articles")
    # the visit's modality (event and claim); the dialogue's date_text (event and claim);
    # "im November" is not English, so its date becomes unknown
    assert report.updated == counts(events=2, claims=2)
    assert report.created == report.removed == NOTHING
    rows = db.read("MATCH (e:Event) WHERE e.id IN ['dialogue-round-1', 'dialogue-round-2'] "
                   "RETURN e.id AS id, e.modality AS modality, e.date AS date ORDER BY id")
    assert rows == [{"id": "dialogue-round-1", "modality": "asserted", "date": None},
                    {"id": "dialogue-round-2", "modality": "possible", "date": None}]


def test_facts_another_article_states_survive_a_retraction(db: Database, data: Path) -> None:
    add_second_article(data)
    reports = ingest(db, data / "articles")
    assert [r.article_id for r in reports] == ["sample-article", "second-article"]
    # the second article adds a claim and its own version of two facts, nothing else
    assert reports[1].created == counts(articles=1, claims=2)
    [drill] = db.read("MATCH (e:Event {id: 'air-drill-jeju'}) RETURN "
                      "e.modality AS modality, e.evidence_count AS n, e.title AS title")
    # the most certain modality of the two claims; the title of the lead claim, the first
    # published article's
    assert drill == {"modality": "reported", "n": 2, "title": "Joint air exercise off Jeju"}
    assert supporting_articles(db, "air-drill-jeju") == ["sample-article", "second-article"]

    # the first article stops stating the exercise and the alliance
    edit(data, """  - source: USA
    type: ALLIED_WITH
    target: KOR
    modality: asserted
    evidence:
      - quote: "South Korea, the United States and Japan"
""", "")
    text = (data / ANN).read_text(encoding="utf-8")
    start = text.index("  - id: air-drill-jeju")
    end = text.index("  - id: prk-troops-to-russia")
    (data / ANN).write_text(text[:start] + text[end:], encoding="utf-8")
    [report] = ingest(db, data / "articles/sample-article")
    assert report.removed == counts(actors=2, assets=1, event_links=3, claims=2)
    assert report.updated == counts(actors=1, places=1, events=1, event_links=3, relations=1)
    [drill] = db.read("MATCH (e:Event {id: 'air-drill-jeju'}) RETURN "
                      "e.modality AS modality, e.evidence_count AS n, e.title AS title")
    assert drill == {"modality": "possible", "n": 1,
                     "title": "Air exercise near Jeju (second report)"}
    assert supporting_articles(db, "air-drill-jeju") == ["second-article"]
    [alliance] = db.read("MATCH (:Actor {id: 'USA'})-[r:ALLIED_WITH]->(:Actor {id: 'KOR'}) "
                         "RETURN r.id AS id, r.modality AS modality, r.evidence_count AS n")
    assert (alliance["modality"], alliance["n"]) == ("possible", 1)
    assert supporting_articles(db, alliance["id"], ("USA", "ALLIED_WITH", "KOR")) == [
        "second-article"]
    roles = db.read("MATCH (a:Actor)-[r:PARTICIPATED_IN]->(:Event {id: 'air-drill-jeju'}) "
                    "RETURN a.id AS actor, r.role AS role, r.evidence_count AS n "
                    "ORDER BY actor")
    assert roles == [{"actor": "KOR", "role": "participant", "n": 1},
                     {"actor": "USA", "role": "participant", "n": 1}]
    assert [supporting_articles(db, "air-drill-jeju", (actor, "PARTICIPATED_IN", None))
            for actor in ("KOR", "USA")] == [["second-article"], ["second-article"]]
    # the first article still names South Korea (North Korea opposes it), no longer the US
    assert db.read("MATCH (a:Actor) WHERE a.id IN ['KOR', 'USA'] "
                   "RETURN a.id AS id, a.evidence_count AS n ORDER BY id") == [
        {"id": "KOR", "n": 2}, {"id": "USA", "n": 1}]
    assert db.read("MATCH (n) WHERE n.id IN ['JPN', 'kor-mnd', 'b-52h'] RETURN n") == []


def test_re_ingesting_in_another_order_changes_nothing(db: Database, data: Path) -> None:
    add_second_article(data)
    ingest(db, data / "articles")
    before = snapshot(db)
    for folder in ("second-article", "sample-article"):
        [report] = ingest(db, data / "articles" / folder)
        assert (report.created, report.updated, report.removed) == (NOTHING, NOTHING, NOTHING)
    assert snapshot(db) == before


class InjectedFailure(RuntimeError):
    pass


def test_a_failure_just_before_commit_leaves_the_database_as_before(db: Database,
                                                                      data: Path) -> None:
    ingest(db, data / "articles")
    before = snapshot(db)
    add_second_article(data)
    edit(data, "    modality: planned\n", "    modality: possible\n")
    bundles = load_articles([data / "articles"])
    seen: list[int] = []

    def fail(tx) -> None:
        # everything has been written inside the transaction by now
        seen.append(tx.run("MATCH (a:Article) RETURN count(a) AS n").single()["n"])
        raise InjectedFailure("late failure")

    with pytest.raises(InjectedFailure):
        write_batch(db, bundles, before_commit=fail)
    assert seen == [2]
    assert snapshot(db) == before


def test_a_failing_statement_late_in_the_transaction_rolls_back(db: Database,
                                                                 data: Path) -> None:
    add_second_article(data)
    bundles = load_articles([data / "articles"])

    def failing_statement(tx) -> None:
        tx.run("UNWIND [1, 0] AS x RETURN 1 / x AS y").consume()

    empty = snapshot(db)
    with pytest.raises(neo4j.exceptions.Neo4jError, match="/ by zero"):
        write_batch(db, bundles, before_commit=failing_statement)
    assert snapshot(db) == empty
    report = write_article(db, bundles[0])
    assert report.created == FIRST_INGEST


CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from actorgraph import config
    from actorgraph.graph.connection import Database
    from actorgraph.graph.write.writer import write_batch
    from actorgraph.ingest.annotation.folders import load_articles

    def wait_to_be_killed(tx):
        print("written, not committed", flush=True)
        time.sleep(float(sys.argv[2]))
        raise SystemExit("the parent did not kill this process")

    db = Database(config.configured_connection())
    write_batch(db, load_articles([Path(sys.argv[1])]), before_commit=wait_to_be_killed)
""")


def test_a_killed_client_leaves_the_database_as_before(db: Database, data: Path,
                                                       neo4j_env: dict[str, str]) -> None:
    ingest(db, data / "articles")
    before = snapshot(db)
    add_second_article(data)
    edit(data, "    modality: planned\n", "    modality: possible\n")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data / "articles"), str(CHILD_WAIT_SECONDS)],
        env=neo4j_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()  # bounded: the child exits after CHILD_WAIT_SECONDS
        assert line == "written, not committed\n", child.stderr.read()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert snapshot(db) == before
    # the server rolled the transaction back and released its locks: the same write succeeds
    reports = ingest(db, data / "articles")
    assert reports[0].updated == counts(events=1, claims=1)
    # what the second article adds to facts the first one states is reported with it
    assert reports[1].created == counts(articles=1, claims=2)
    assert reports[1].updated == counts(actors=2, places=1, events=1, event_links=3,
                                        relations=1)


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "actorgraph", "ingest", *args], env=env,
                          capture_output=True, text=True, timeout=300)


def test_cli_ingest_prints_what_changed(db: Database, data: Path,
                                        neo4j_env: dict[str, str]) -> None:
    first = run_cli(neo4j_env, str(data / "articles"))
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout == (
        "sample-article: created 1 article, 8 actors, 3 places, 1 asset, 1 source, 4 events, "
        "14 event links, 3 relations, 7 claims; updated nothing; removed nothing\n")
    again = run_cli(neo4j_env, str(data / "articles"))
    assert again.stdout == "sample-article: created nothing; updated nothing; removed nothing\n"
    as_json = run_cli(neo4j_env, str(data / "articles"), "--json")
    assert json.loads(as_json.stdout) == [{"article_id": "sample-article", "created": NOTHING,
                                           "updated": NOTHING, "removed": NOTHING}]


def test_cli_refuses_a_corrupted_annotation_and_writes_nothing(
        db: Database, data: Path, neo4j_env: dict[str, str]) -> None:
    assert run_cli(neo4j_env, str(data / "articles")).returncode == 0
    before = snapshot(db)
    add_second_article(data)  # valid, but must not be written either
    edit(data, "kind: military_exercise", "kind: exercise")
    edit(data, '"A B-52H bomber took part."', '"A B-52 bomber took part."')
    result = run_cli(neo4j_env, str(data / "articles"))
    assert result.returncode == 2
    assert result.stdout == ""
    ann = data / ANN
    assert result.stderr == (
        "Error: 2 problems found; nothing was written:\n"
        f"  - {ann}:13: events[0].kind: expected one of military_exercise, meeting, statement, "
        "deployment, visit, dialogue, missile_test, transfer, demand, pledge, cooperation, "
        "threat, protest, coercion, assault, fight; found 'exercise'\n"
        f"  - {ann}:28: events[0].evidence[1]: expected a quote that occurs verbatim in "
        "article.txt; found 'A B-52 bomber took part.' nowhere; closest passage (article.txt "
        "line 3): 'A B-52H bomber took part.'\n")
    assert snapshot(db) == before


def test_cli_dry_run_json_does_not_touch_neo4j(data: Path, neo4j_env: dict[str, str]) -> None:
    nowhere = dict(neo4j_env, NEO4J_URI="bolt://127.0.0.1:9")  # nothing listens there
    one = run_cli(nowhere, str(data / "articles/sample-article"), "--dry-run", "--json")
    assert (one.returncode, one.stderr) == (0, "")
    records = json.loads(one.stdout)
    assert set(records) == {"article", "actors", "events", "relations", "places", "assets",
                            "sources"}
    assert records["article"]["id"] == "sample-article"
    assert "text" not in records["article"]
    assert [a["id"] for a in records["actors"]] == [
        "KOR", "USA", "JPN", "PRK", "kor-mnd", "RUS", "lavrov", "choe-son-hui"]
    drill = records["events"][0]
    assert set(drill) >= {"id", "kind", "title", "date", "date_precision", "date_text", "place",
                          "participants", "roles", "targets", "assets", "modality",
                          "attributed_to", "cameo", "goldstein", "follows", "topics",
                          "evidence"}
    assert drill["roles"] == {"KOR": "organiser", "USA": "participant", "JPN": "participant"}
    assert drill["evidence"][1] == {"quote": "A B-52H bomber took part.", "start": 176,
                                    "end": 201}
    assert records["relations"][0]["id"] == "PRK-SUPPORTS-RUS+troops"
    add_second_article(data)
    several = run_cli(nowhere, str(data / "articles"), "--dry-run", "--json")
    assert several.returncode == 0
    assert [r["article"]["id"] for r in json.loads(several.stdout)] == [
        "sample-article", "second-article"]
    plain = run_cli(nowhere, str(data / "articles"), "--dry-run")
    assert plain.stdout.splitlines() == [
        "sample-article: valid: 4 events, 3 relations, 8 actors, 7 claims (dry run: nothing "
        "written)",
        "second-article: valid: 1 event, 1 relation, 2 actors, 2 claims (dry run: nothing "
        "written)"]
