"""GDELT actors as GDELT codes them, on a real Neo4j: real GDELT 2.0 rows through
`actorgraph import-gdelt`, the alliance view over them, and the correction of a store that was
imported with the old mapping (one node per bare role), as docs/gdelt.md says it.

The rows: tests/fixtures/gdelt/20191024143000.export.CSV, 43 lines verbatim of GDELT's
http://data.gdeltproject.org/gdeltv2/20191024143000.export.CSV.zip, as kept in the public
repository arekziobrowski/gdelt-big-data (logs/20191024143000.export.CSV).
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

from actorgraph.dashboard.components.details import unidentified_words
from actorgraph.graph.read import explorer as queries
from actorgraph.graph.write.writer import write_batch
from actorgraph.ingest.gdelt.records import article_id
from actorgraph.records import Actor, ArticleRecords, Participation
from actorgraph.view.explorer import CACHE, Limits, load_view
from actorgraph.view.explorer_state import ExplorerState
from tests.conftest import clear_database
from tests.graph_snapshot import snapshot
from tests.unit.test_gdelt_records import REAL, real_bundles

ROOT = Path(__file__).resolve().parents[2]
DOCS = (ROOT / "docs" / "gdelt.md").read_text(encoding="utf-8")
POLICE = "gdelt-20181024-090-anon-cop-DEU"
POLICE_URL = ("https://www.bgdailynews.com/news/international/germany-arrests-people-suspected-"
              "of-trafficking-syrians/article_824a692c-a4e9-577a-bdfa-bd01d220bb84.html")


def import_cli(env: dict[str, str], *paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "actorgraph", "import-gdelt", "--no-progress",
                           *map(str, paths)], env=env, capture_output=True, text=True,
                          timeout=240)


def test_real_rows_give_states_groups_and_regions_and_no_node_for_a_bare_role(db, neo4j_env):
    result = import_cli(neo4j_env, REAL)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == f"{REAL}: 43 rows read, 43 loaded, 0 rejected"

    actors = db.read("MATCH (a:Actor) WHERE NOT a:State RETURN a.id AS id, a.kind AS kind, "
                     "a.name AS name, labels(a) AS labels ORDER BY id")
    assert [(a["id"], a["kind"], a["name"]) for a in actors] == [
        ("cameo-afr", "region", "Africa"),
        ("cameo-eec", "organization", "European Union"),
        ("cameo-eur", "region", "Europe"),
        ("cameo-sad", "organization", "Southern African Development Community"),
        ("cameo-tal", "organization", "Taliban"),
        ("cameo-uno", "organization", "United Nations"),
    ]
    assert sorted(next(a for a in actors if a["id"] == "cameo-eur")["labels"]) == [
        "Actor", "Region"]
    states = db.read("MATCH (a:State) RETURN count(a) AS n")[0]["n"]
    assert states == 9

    claim = db.read("MATCH (c:Claim {id: $id}) RETURN c.unidentified_codes AS codes, "
                    "c.unidentified_roles AS roles, c.unidentified_words AS words, "
                    "c.unidentified_names AS names",
                    id=f"{article_id(POLICE_URL)}/event/{POLICE}")
    assert claim == [{"codes": ["COP"], "roles": ["sender"], "words": ["police officer"],
                      "names": ["POLICE"]}]
    # The details panel's words for them.
    rows = queries.unidentified_of_event(db, POLICE, None)
    assert [unidentified_words(r) for r in rows] == [
        "an unidentified police officer (sender) — GDELT: POLICE, COP"]
    deal = queries.unidentified_of_event(db, "gdelt-20191024-057-anon-bus-anon-gov", None)
    assert [unidentified_words(r) for r in deal] == [
        "an unidentified business actor — GDELT: PRODUCER, BUS",
        "an unidentified government official — GDELT: PRESIDENT, GOV"]
    assert db.read("MATCH (:Actor)-[p:PARTICIPATED_IN]->(:Event {id: $id}) "
                   "RETURN count(p) AS n", id="gdelt-20191024-057-anon-bus-anon-gov") == [
        {"n": 0}]


def test_the_alliance_view_of_real_rows_has_states_and_organisations_in_its_blocs(db, neo4j_env):
    assert import_cli(neo4j_env, REAL).returncode == 0
    CACHE.clear()
    limits = Limits(expand=50, initial_nodes=500, element_cap=1500)
    graph = load_view(db, ExplorerState(), limits).graph
    kinds = {n.id: n.kind for n in graph.nodes}
    assert set(kinds.values()) == {"state", "organization"}
    assert graph.blocs is not None and set(graph.blocs.assignment) == set(kinds)
    tie = next(e for e in graph.edges if e.id == "tie:ARE|cameo-uno|+1")
    assert (len(tie.events), tie.gdelt_events, tie.gdelt_documents) == (3, 3, 3)
    CACHE.clear()
    annotated_only = load_view(db, ExplorerState(source_kind="article"), limits).graph
    assert annotated_only.nodes == [] and annotated_only.edges == []
    CACHE.clear()
    gdelt_only = load_view(db, ExplorerState(source_kind="gdelt"), limits).graph
    assert {n.id for n in gdelt_only.nodes} == set(kinds)


def old_mapping(bundle: ArticleRecords) -> ArticleRecords:
    """The bundle as the old mapping wrote it: one organisation node `cameo-<code>` per bare
    role, named after the row's Actor1Name, regions as organisations named the same way."""
    actors = {a.id: a for a in bundle.actors}
    names: dict[str, str] = {}
    events = []
    for event in bundle.events:
        for p in event.participants:
            if p.actor.startswith("cameo-") and p.name:
                names.setdefault(p.actor, p.name)
        extra = []
        for u in event.unidentified:
            node = f"cameo-{u.code.lower()}"
            actors.setdefault(node, Actor(id=node, name=u.name or u.code, kind="organization"))
            extra.append(Participation(actor=node, role=u.role, codes=(u.code,), name=u.name))
        events.append(dataclasses.replace(
            event, id=event.id.replace("-anon-", "-cameo-"), unidentified=(),
            participants=(*event.participants, *extra)))
    old_actors = tuple(
        dataclasses.replace(a, kind="organization", name=names.get(a.id, a.name))
        if a.id.startswith("cameo-") else a for a in actors.values())
    return dataclasses.replace(bundle, actors=old_actors, events=tuple(events))


def correction_statements() -> list[str]:
    section = DOCS.split("## Correcting a store imported with the old mapping")[1]
    section = section.split("\n## ")[0]
    return re.findall(r"```cypher\n(.*?)```", section, flags=re.S)


def test_an_old_store_is_corrected_by_reimporting_and_the_documented_cypher(db, neo4j_env):
    assert import_cli(neo4j_env, REAL).returncode == 0
    fresh = snapshot(db)
    clear_database(db)

    write_batch(db, [old_mapping(b) for b in real_bundles()])
    old = {r["id"] for r in db.read("MATCH (a:Actor) RETURN a.id AS id")}
    assert {"cameo-cop", "cameo-gov", "cameo-bus"} <= old
    assert import_cli(neo4j_env, REAL).returncode == 0
    statements = correction_statements()
    assert len(statements) == 2
    for statement in statements:
        db.write(statement)

    actors = {r["id"] for r in db.read("MATCH (a:Actor) RETURN a.id AS id")}
    assert not {"cameo-cop", "cameo-gov", "cameo-bus"} & actors
    assert db.read("MATCH (e:Event) WHERE e.id CONTAINS '-cameo-cop-' OR "
                   "e.id CONTAINS '-cameo-gov' RETURN count(e) AS n") == [{"n": 0}]
    assert snapshot(db) == fresh
