"""The explorer's view queries on a real Neo4j: which events a view starts from, and that
Neo4j finds them through the index instead of sorting every event."""

from __future__ import annotations

import re

from actorgraph.graph.read import details_cypher, explorer_cypher
from actorgraph.graph.read import explorer as queries
from actorgraph.graph.read.explorer import FactFilters, view_fragment
from actorgraph.graph.read.explorer_cypher import EVENTS_VIEW
from actorgraph.graph.schema import NAME_SEARCH_INDEX, ensure_schema
from actorgraph.view import explorer as ev
from actorgraph.view.explorer_state import ExplorerState
from actorgraph.view.search import STOP_WORDS, candidate_query, suggest
from tests.query_plans import plan_operators

# Supporting articles per event, as the writer stores them (`articles`, `evidence_count`).
SUPPORT = {"E1": 1, "E2": 5, "E3": 2, "E4": 7, "E5": 2, "E6": 1}


def _fill(db) -> None:
    ensure_schema(db)
    rows = [{"id": event_id, "articles": [f"art{i}" for i in range(n)]}
            for event_id, n in SUPPORT.items()]
    db.write("""
        UNWIND $rows AS r
        CREATE (e:Event {id: r.id, kind: 'meeting', title: 'Event ' + r.id, date: '2024-05-01',
                         modality: 'asserted', articles: r.articles,
                         evidence_count: size(r.articles)})
        MERGE (a:Actor {id: 'A', name: 'Actor A', kind: 'state', articles: ['art0']})
        CREATE (a)-[:PARTICIPATED_IN {articles: r.articles}]->(e)""", rows=rows)
    # E1 is the most connected event, but reported by one article only.
    db.write("""
        UNWIND range(1, 5) AS i
        MATCH (e:Event {id: 'E1'})
        CREATE (:Actor {id: 'B' + i, name: 'Actor B' + i, kind: 'state', articles: ['art0']})
               -[:PARTICIPATED_IN {articles: ['art0']}]->(e)""")


def test_the_events_view_starts_from_the_most_reported_events_and_says_so(db):
    _fill(db)
    fragment = view_fragment(db, "events", FactFilters(), seed_limit=3)
    events = sorted(n.id for n in fragment.nodes.values() if n.group == "event")
    assert events == ["E2", "E4", "E5"]  # 7, 5, 2 articles: of the two with 2, the larger id
    assert fragment.truncated
    assert fragment.notices == [
        "More than 3 events match: the view starts from the 3 most reported, those with the "
        "most supporting articles (ACTORGRAPH_INITIAL_NODE_LIMIT)."]


def test_filters_apply_before_the_limit(db):
    _fill(db)
    fragment = view_fragment(db, "events", FactFilters(min_support=2), seed_limit=4)
    events = sorted(n.id for n in fragment.nodes.values() if n.group == "event")
    assert events == ["E2", "E3", "E4", "E5"]  # every event with 2 or more articles
    assert not fragment.truncated
    assert fragment.notices == []


def test_the_events_view_reads_the_index_in_order_without_sorting(db):
    _fill(db)
    operators = plan_operators(db, EVENTS_VIEW, **FactFilters().params(), seed_limit=300)
    names = [name for name, _ in operators]
    assert not {"Sort", "Top", "PartialSort", "PartialTop"} & set(names), names
    scans = [details for name, details in operators if name == "NodeIndexScan"]
    assert scans and "e:Event(evidence_count, id)" in scans[0], operators
    assert explorer_cypher.RELATION_PATTERN.startswith("ALLIED_WITH|")
    # The Everything view's relations find the same events the same way; their one ordering
    # is that of the (bounded) relations.
    operators = plan_operators(db, explorer_cypher.EVENT_ACTOR_RELATIONS,
                                **FactFilters().params(), seed_limit=300, relation_limit=1500)
    sorts = [details for name, details in operators
             if name in {"Sort", "Top", "PartialSort", "PartialTop"}]
    assert len(sorts) == 1 and "`r.id` ASC LIMIT $relation_limit" in sorts[0], operators
    scans = [details for name, details in operators if name == "NodeIndexScan"]
    assert scans and "e:Event(evidence_count, id)" in scans[0], operators


def _fill_actors(db) -> None:
    """Five actors named by 1-9 articles (`evidence_count`, as the writer counts MENTIONS);
    the hub X has the most links but is named by one article only."""
    ensure_schema(db)
    db.write("""
        UNWIND [['S1', 9], ['S2', 4], ['S3', 4], ['S4', 2], ['X', 1]] AS a
        CREATE (:Actor {id: a[0], name: 'Actor ' + a[0], kind: 'state', evidence_count: a[1]})
        WITH count(*) AS created
        MATCH (x:Actor {id: 'X'})
        UNWIND range(1, 6) AS i
        CREATE (x)-[:PARTICIPATED_IN {evidence_count: 1}]->
               (:Event {id: 'EX' + i, kind: 'meeting', title: 'Event ' + i,
                        modality: 'asserted', evidence_count: 1})""")


def test_the_alliances_view_starts_from_the_most_reported_actors_and_says_so(db):
    _fill_actors(db)
    fragment = view_fragment(db, "alliances", FactFilters(), seed_limit=3)
    actors = sorted(n.id for n in fragment.nodes.values() if n.group == "actor")
    assert actors == ["S1", "S2", "S3"]  # 9, 4, 4 articles; X has more links, one article
    assert fragment.truncated
    assert fragment.notices == [
        "More than 3 actors match: the view starts from the 3 most reported, those named by "
        "the most articles (ACTORGRAPH_INITIAL_NODE_LIMIT)."]


def test_the_alliances_view_reads_the_actor_index_in_order_without_sorting(db):
    _fill_actors(db)
    params = FactFilters().params() | {"seed_limit": 300}
    actors = plan_operators(db, explorer_cypher.ALLIANCE_ACTORS, **params,
                             relation_limit=1500)
    events = plan_operators(db, explorer_cypher.ALLIANCE_EVENTS, **params, event_limit=600)
    # The one ordering is that of the (bounded) relations among the seeds, not of actors.
    sorts = [details for name, details in actors + events
             if name in {"Sort", "Top", "PartialSort", "PartialTop"}]
    assert len(sorts) == 1 and "`r.id` ASC LIMIT $relation_limit" in sorts[0], actors
    for operators in (actors, events):
        assert "NodeByLabelScan" not in [name for name, _ in operators], operators
        scans = [details for name, details in operators if name == "NodeIndexScan"]
        assert scans and "a:Actor(evidence_count, id)" in scans[0], operators


def test_the_alliances_view_keeps_the_most_supported_relations_among_its_actors(db):
    """Among S1..S4 six relations with 1..6 articles, and one from S1 to X, which the view
    does not start from: a limit of 3 keeps the three most supported and says so."""
    _fill_actors(db)
    db.write("""
        UNWIND [['S1', 'S2', 1], ['S1', 'S3', 5], ['S1', 'S4', 2], ['S2', 'S3', 6],
                ['S2', 'S4', 3], ['S3', 'S4', 4], ['S1', 'X', 9]] AS r
        MATCH (a:Actor {id: r[0]}), (b:Actor {id: r[1]})
        CREATE (a)-[:COOPERATES_WITH {id: 'R' + r[2], modality: 'asserted',
                                      evidence_count: r[2]}]->(b)""")
    fragment = view_fragment(db, "alliances", FactFilters(), seed_limit=4, relation_limit=3)
    assert sorted(link.id for link in fragment.links.values()) == ["R4", "R5", "R6"]
    assert fragment.notices[-1] == (
        "More than 3 relations among the view's actors: it keeps the 3 most supported, those "
        "with the most supporting articles (ACTORGRAPH_ELEMENT_CAP).")
    fragment = view_fragment(db, "alliances", FactFilters(), seed_limit=4, relation_limit=6)
    assert sorted(link.id for link in fragment.links.values()) == [
        "R1", "R2", "R3", "R4", "R5", "R6"]
    assert not any("relations" in notice for notice in fragment.notices)
    # S2 and S3 are named by four articles each; the tie goes to S3 (ids descending), and S2,
    # though as reported as the last actor shown, is not shown: nor are its relations.
    fragment = view_fragment(db, "alliances", FactFilters(), seed_limit=2, relation_limit=6)
    assert sorted(n.id for n in fragment.nodes.values()) == ["S1", "S3"]
    assert [link.id for link in fragment.links.values()] == ["R5"]


# -- the details panel's facts of an actor ---------------------------------------------------

def _count_reads(db, monkeypatch) -> list[str]:
    """The texts of the queries `db.read_maps` runs from now on, in order (the reads still
    go to Neo4j)."""
    reads: list[str] = []
    run = db.read_maps

    def counted(query: str, **params):
        reads.append(query)
        return run(query, **params)

    monkeypatch.setattr(db, "read_maps", counted)
    return reads


def _fill_hub(db) -> None:
    """Actor H took part in 30 of 40 events (event i has i % 7 + 1 articles) and was the
    target of one more; it has three relations. Actor L took part in two events, O in one."""
    ensure_schema(db)
    db.write("""
        CREATE (:Actor {id: 'H', name: 'Hub', kind: 'state'}),
               (:Actor {id: 'L', name: 'Leaf', kind: 'state'}),
               (:Actor {id: 'O', name: 'Other', kind: 'state'})
        WITH 1 AS one
        UNWIND range(1, 40) AS i
        CREATE (e:Event {id: 'E' + right('0' + i, 2), kind: 'meeting', title: 'Event ' + i,
                         modality: 'asserted', evidence_count: i % 7 + 1,
                         articles: [x IN range(1, i % 7 + 1) | 'art' + x]})
        WITH e, i
        MATCH (h:Actor {id: 'H'}), (l:Actor {id: 'L'}), (o:Actor {id: 'O'})
        FOREACH (_ IN CASE WHEN i <= 30 THEN [1] ELSE [] END |
                 CREATE (h)-[:PARTICIPATED_IN {articles: e.articles}]->(e))
        FOREACH (_ IN CASE WHEN i = 34 THEN [1] ELSE [] END |
                 CREATE (e)-[:DIRECTED_AT {articles: e.articles}]->(h))
        FOREACH (_ IN CASE WHEN i IN [3, 40] THEN [1] ELSE [] END |
                 CREATE (l)-[:PARTICIPATED_IN {articles: e.articles}]->(e))
        FOREACH (_ IN CASE WHEN i = 40 THEN [1] ELSE [] END |
                 CREATE (o)-[:PARTICIPATED_IN {articles: e.articles}]->(e))""")
    db.write("""
        MATCH (h:Actor {id: 'H'}), (o:Actor {id: 'O'}), (l:Actor {id: 'L'})
        CREATE (h)-[:ALLIED_WITH {id: 'R1', modality: 'asserted',
                 evidence_count: 9, articles: ['art1']}]->(o),
               (o)-[:OPPOSES {id: 'R2', modality: 'reported',
                 evidence_count: 7, articles: ['art1']}]->(h),
               (h)-[:SUPPORTS {id: 'R3', modality: 'asserted',
                 evidence_count: 1, articles: ['art1']}]->(l)""")


def test_the_facts_of_a_hub_are_its_most_supported_relations_and_events(db):
    _fill_hub(db)
    # 31 event links: 31² > 4 · 40 · 3, so the events come through the index `event_evidence`.
    facts = queries.facts_of_actor(db, "H", limit=3)
    assert [(f["fact_id"], f["fact_type"], f["support"]) for f in facts] == [
        ("R1", "relation", 9), ("R2", "relation", 7), ("E34", "event", 7)]
    assert facts[0]["title"] == "Hub allied with Other"
    # 31² <= 4 · 40 · 25: every event is read and sorted; the same order, ties by id descending.
    facts = queries.facts_of_actor(db, "H", limit=25)
    assert [f["fact_id"] for f in facts[:8]] == ["R1", "R2", "E34", "E27", "E20", "E13", "E06",
                                                "E26"]
    assert [f["support"] for f in facts[:8]] == [9, 7, 7, 7, 7, 7, 7, 6]
    # Through the index again (31² > 4 · 40 · 5), with the event H was the target of.
    facts = queries.facts_of_actor(db, "H", limit=5)
    assert [f["fact_id"] for f in facts] == ["R1", "R2", "E34", "E27", "E20"]
    assert [f["fact_id"] for f in queries.facts_of_actor(db, "L", limit=25)] == [
        "E40", "E03", "R3"]  # 6, 4 and 1 articles


# -- expansion, source filter, relations among actors ---------------------------------------

def _fill_claims(db) -> None:
    """X took part in X1 (a claim attributed to source S), X2 (a claim in the article's own
    voice) and X3 (no claim)."""
    ensure_schema(db)
    db.write("""
        CREATE (x:Actor {id: 'X', name: 'X', kind: 'state'}),
               (s:Source {id: 'S', name: 'Spokesperson'})
        WITH x, s
        UNWIND ['X1', 'X2', 'X3'] AS id
        CREATE (x)-[:PARTICIPATED_IN {articles: ['art1']}]->
               (:Event {id: id, kind: 'meeting', title: id, modality: 'asserted',
                        evidence_count: 1, articles: ['art1']})""")
    db.write("""
        MATCH (s:Source {id: 'S'})
        CREATE (:Claim {id: 'c1', fact_id: 'X1', article_id: 'art1'})-[:ATTRIBUTED_TO]->(s),
               (:Claim {id: 'c2', fact_id: 'X2', article_id: 'art1'})""")


def _neighbours(db, sources) -> list[str]:
    fragment = queries.expansion(db, "X", FactFilters(sources=sources), 10, [], view="events")
    return sorted(n.id for n in fragment.nodes.values() if n.id != "X")


def test_the_source_filter_of_an_expansion(db):
    _fill_claims(db)
    assert _neighbours(db, None) == ["X1", "X2", "X3"]
    assert _neighbours(db, ("S",)) == ["X1"]
    assert _neighbours(db, (queries.OWN_VOICE,)) == ["X2"]
    assert _neighbours(db, ("S", queries.OWN_VOICE)) == ["X1", "X2"]
    assert _neighbours(db, ()) == []


def _operator_rows(op: dict) -> list[tuple[str, int]]:
    """(operator, rows) of a profiled plan, depth first."""
    return [(op["operatorType"].split("@")[0], op.get("rows", 0))] + [
        pair for child in op.get("children", []) for pair in _operator_rows(child)]


def _operators(op: dict) -> list[str]:
    return [op["operatorType"].split("@")[0]] + [
        name for child in op.get("children", []) for name in _operators(child)]


def test_without_a_source_filter_an_expansion_looks_up_no_claims(db):
    _fill_claims(db)
    for view, text in explorer_cypher.EXPANSION_QUERIES.items():
        with db.driver.session(database=db.name) as session:
            params = FactFilters().params() | {"id": "X", "limit": 10, "exclude": [],
                                               "scan_limit": 100}
            plan = session.run("PROFILE " + text, **params).consume().profile
        operators = _operators(plan)
        # The claim lookups sit in CASE branches, not in semi-applies run for every link.
        assert not [name for name in operators if "SemiApply" in name], (view, operators)
        assert "|".join(explorer_cypher.EXPANSION_LINK_TYPES[view]) in text


def test_the_everything_view_draws_the_relations_among_the_actors_of_its_events(db):
    """The five events with 7 articles have H alone; the next, E40 (6), brings O and L."""
    _fill_hub(db)

    def relations(seed_limit: int) -> list[str]:
        fragment = view_fragment(db, "everything", FactFilters(), seed_limit=seed_limit)
        actors = sorted(n.id for n in fragment.nodes.values() if n.group == "actor")
        among = db.read_maps(explorer_cypher.RELATIONS_AMONG, ids=actors, relation_limit=100,
                             **FactFilters().params())[0]["relations"]
        found = sorted(link.id for link in fragment.links.values()
                       if link.type in queries.RELATION_TYPES)
        assert found == sorted(r["id"] for r in among), (actors, found)
        return found

    assert relations(5) == []
    assert relations(6) == ["R1", "R2", "R3"]
    assert relations(50) == ["R1", "R2", "R3"]


def test_the_everything_view_keeps_the_most_supported_relations(db):
    _fill_hub(db)
    fragment = view_fragment(db, "everything", FactFilters(), seed_limit=50, relation_limit=2)
    relations = sorted(link.id for link in fragment.links.values()
                       if link.type in queries.RELATION_TYPES)
    assert relations == ["R1", "R2"]  # 9 and 7 articles; R3 (1) is cut
    assert fragment.truncated
    assert fragment.notices[-1] == (
        "More than 2 relations among the view's actors: it keeps the 2 most supported, those "
        "with the most supporting articles (ACTORGRAPH_ELEMENT_CAP).")
    fragment = view_fragment(db, "everything", FactFilters(), seed_limit=50, relation_limit=3)
    assert len([link for link in fragment.links.values()
                if link.type in queries.RELATION_TYPES]) == 3
    assert fragment.notices == []


def test_relations_are_read_only_among_the_actors_asked_for(db, monkeypatch):
    _fill_hub(db)
    relations = sorted(link.id for link in queries.nodes_with_context(db, ["H", "O"])
                       .links.values() if link.type in queries.RELATION_TYPES)
    assert relations == ["R1", "R2"]  # H's relation R3 goes to L, which was not asked for
    fragment = queries.expansion(db, "H", FactFilters(), 50, [], view="alliances")
    assert {"L", "O"} <= set(fragment.nodes)
    assert sorted(link.id for link in fragment.links.values()
                  if link.type in queries.RELATION_TYPES) == ["R1", "R2", "R3"]
    fragment = queries.expansion(db, "H", FactFilters(modalities=("reported",)), 50, [],
                                 view="alliances")
    assert [link.id for link in fragment.links.values()
            if link.type in queries.RELATION_TYPES] == ["R2"]
    # The events view draws no relation: its expansion reads none (one query, not two).
    reads = _count_reads(db, monkeypatch)
    fragment = queries.expansion(db, "H", FactFilters(), 50, ["O"], view="events")
    assert "E01" in fragment.nodes
    assert [link for link in fragment.links.values()
            if link.type in queries.RELATION_TYPES] == []
    assert reads == [explorer_cypher.EXPANSION_QUERIES["events"]]


def test_search_entries_come_most_connected_first(db):
    _fill_hub(db)
    entries = queries.search_entries(db)
    assert [(e["id"], e["group"], e["kind"], e["name"], e["degree"]) for e in entries] == [
        ("H", "actor", "state", "Hub", 34), ("L", "actor", "state", "Leaf", 3),
        ("O", "actor", "state", "Other", 3)]
    assert entries[0]["aliases"] == [] and entries[0]["name_de"] is None


def _fill_names(db) -> None:
    """Actors and places named as the writer stores them (`search_text`: every name and
    alias); Lavrov has the most links."""
    ensure_schema(db)
    db.write("""
        CREATE (l:Actor {id: 'lavrov', kind: 'person', name: 'Sergey Lavrov',
                         name_de: 'Sergej Lawrow', aliases: ['Lawrow'],
                         search_text: 'Sergey Lavrov | Sergej Lawrow | Lawrow'}),
               (:Actor {id: 'no-kwang-chol', kind: 'person', name: 'No Kwang-chol',
                        aliases: [], search_text: 'No Kwang-chol'}),
               (:Actor {id: 'kor-mnd', kind: 'ministry', name: 'Ministry of National Defense',
                        name_de: 'Südkoreanisches Verteidigungsministerium', aliases: [],
                        search_text: 'Ministry of National Defense | '
                                     + 'Südkoreanisches Verteidigungsministerium'}),
               (:Place {id: 'pyongyang', name: 'Pyongyang', name_de: 'Pjöngjang'}),
               (:Place {id: 'jeju', name: 'Jeju', name_de: 'Jeju'})
        WITH l UNWIND range(1, 3) AS i
        CREATE (l)-[:PARTICIPATED_IN]->(:Event {id: 'E' + i})""")


def test_search_reads_its_candidates_from_the_name_index_folded_like_the_search_box(db):
    _fill_names(db)

    def found(text: str) -> list[str]:
        ev.CACHE.clear()
        return [s.id for s in suggest(ev.search_entries(db, text), text)]

    assert found("Lawrow") == ["lavrov"]
    assert found("lavr") == ["lavrov"]
    assert found("pjongjang") == ["pyongyang"]  # a place, by its German name, ö folded
    assert found("sudkorean") == ["kor-mnd"]  # ü folded
    assert found("verteidigungs") == ["kor-mnd"]  # the start of a word
    assert found("teidigung") == ["kor-mnd"]  # inside a word
    assert found("No Kwang") == ["no-kwang-chol"]  # "no" is no term of the index
    assert found("ministry of nat") == ["kor-mnd"]
    assert found("Jeju") == ["jeju"]
    assert found("zzz") == []
    [entry] = [e for e in ev.search_entries(db, "lawrow") if e.id == "lavrov"]
    assert (entry.group, entry.kind, entry.degree) == ("actor", "person", 3)
    assert entry.names == ("Sergey Lavrov", "Sergej Lawrow", "Lawrow")


def test_the_search_query_asks_the_index_and_reads_no_label(db):
    _fill_names(db)
    operators = plan_operators(db, details_cypher.SEARCH_CANDIDATES, index=NAME_SEARCH_INDEX,
                                search=candidate_query("lawrow"), limit=ev.SEARCH_CANDIDATES)
    names = {name for name, _ in operators}
    assert "ProcedureCall" in names, operators
    assert not {"NodeByLabelScan", "AllNodesScan", "Sort", "Top"} & names, operators


def test_the_stop_words_are_those_the_index_leaves_out(db):
    """STOP_WORDS must be the analyzer's: a required stop word would find nothing, a word
    wrongly listed would only be asked for less strictly."""
    ensure_schema(db)
    db.write("UNWIND $words AS w CREATE (:Actor {id: w, name: w + ' qqq'})",
             words=[*sorted(STOP_WORDS), "von", "nord"])
    for word in sorted(STOP_WORDS):
        assert queries.search_candidates(db, word, 5) == [], word
    for word in ("von", "nord"):
        assert [e["id"] for e in queries.search_candidates(db, word, 5)] == [word]


def test_a_store_without_the_name_index_is_searched_by_reading_every_name(db):
    _fill_names(db)
    db.write(f"DROP INDEX {NAME_SEARCH_INDEX}")
    assert queries.search_candidates(db, candidate_query("lawrow"), 5) is None
    ev.CACHE.clear()
    assert [s.id for s in suggest(ev.search_entries(db, "Lawrow"), "Lawrow")] == ["lavrov"]


def test_the_claims_of_facts_are_the_first_by_article_date_however_many_each_fact_has(db):
    """F1 is claimed by six articles, F2 by two: a limit of 3 gives the first three claims in
    article order over both facts, not three of each and not the first fact's alone."""
    ensure_schema(db)
    db.write("""
        UNWIND range(1, 6) AS i
        CREATE (a:Article {id: 'A' + i, published: '2025-01-0' + (7 - i), kind: 'article'})
        CREATE (:Claim {id: 'F1@A' + i, fact_id: 'F1', fact_type: 'event', article_id: a.id,
                        published: a.published, quotes: ['q' + i]})
        WITH a, i WHERE i IN [2, 5]
        CREATE (:Claim {id: 'F2@A' + i, fact_id: 'F2', fact_type: 'event', article_id: a.id,
                        published: a.published, quotes: ['r' + i]})""")
    db.write("MATCH (c:Claim {id: 'F2@A5'}) "
             "CREATE (c)-[:ATTRIBUTED_TO {position: 0}]->(:Source {id: 'S', name: 'Envoy'})")

    def claims(article_ids, limit):
        found, articles = queries.claims_of_facts(db, ["F1", "F2", "none"], article_ids, limit)
        assert set(articles) == {c["article_id"] for c in found}  # each claim's article, once
        return [(c["article_id"], c["fact_id"], c["attributed"]) for c in found]

    # A6 is the oldest article (2025-01-01), A1 the newest.
    assert claims(None, 3) == [("A6", "F1", []), ("A5", "F1", []), ("A5", "F2", ["Envoy"])]
    assert claims(None, 50)[-1] == ("A1", "F1", [])
    assert len(claims(None, 50)) == 8
    assert claims(["A2", "A1"], 2) == [("A2", "F1", []), ("A2", "F2", [])]
    # Only the claims kept reach their attributions and articles (5 read: 3 of F1, 2 of F2).
    with db.driver.session(database=db.name) as session:
        plan = session.run("PROFILE " + details_cypher.CLAIMS_OF_FACTS,
                           fact_ids=["F1", "F2"], article_ids=None, limit=3).consume().profile
    rows = {name: r for name, r in _operator_rows(plan)}
    assert rows["OptionalExpand(All)"] == 3 and rows["NodeUniqueIndexSeek"] == 3, rows


def test_a_hub_expansion_reads_at_most_the_scan_limit_of_links_and_says_so(db):
    _fill_hub(db)  # H: 30 participations and one DIRECTED_AT, 31 event links

    def expand(limit: int, scan_limit: int) -> tuple[list[str], list[str]]:
        fragment = queries.expansion(db, "H", FactFilters(), limit, [], view="events",
                                     scan_limit=scan_limit)
        events = sorted(n.id for n in fragment.nodes.values() if n.group == "event")
        return events, fragment.notices

    events, notices = expand(limit=100, scan_limit=1000)
    assert len(events) == 31 and notices == []
    events, notices = expand(limit=5, scan_limit=1000)
    assert len(events) == 5
    assert notices == ["H has more than 5 neighbours not shown yet: the expansion added the 5 "
                       "most connected (ACTORGRAPH_EXPAND_LIMIT)."]
    events, notices = expand(limit=5, scan_limit=10)
    assert len(events) == 5
    assert notices == ["H has more than 10 links: the expansion read the first 10 Neo4j "
                       "holds (ACTORGRAPH_EXPAND_SCAN) and added the 5 most connected of "
                       "their nodes (ACTORGRAPH_EXPAND_LIMIT)."]
    events, notices = expand(limit=100, scan_limit=10)
    assert len(events) == 10
    assert notices[0].startswith("H has more than 10 links: ") and "added the 10 " in notices[0]


def test_the_sources_and_the_event_dates_of_the_filters(db):
    ensure_schema(db)
    db.write("""
        CREATE (tass:Source {id: 'tass', name: 'TASS'}), (quiet:Source {id: 'quiet'}),
               (kim:Actor {id: 'kim', name: 'Kim Yo Jong', kind: 'leader'}),
               (:Actor {id: 'nobody', name: 'Nobody', kind: 'state'})
        WITH tass, kim
        UNWIND range(1, 5) AS i
        CREATE (c:Claim {id: 'c' + i, fact_id: 'E' + i, article_id: 'a'})
        CREATE (:Event {id: 'E' + i, date: '2025-0' + i, kind: 'meeting'})
        CREATE (c)-[:ATTRIBUTED_TO {position: 0}]->(tass)
        WITH c, i, kim WHERE i <= 2
        CREATE (c)-[:ATTRIBUTED_TO {position: 1}]->(kim)""")
    db.write("CREATE (:Event {id: 'undated', kind: 'meeting'}), "
             "(:Event {id: 'E0', kind: 'meeting', date: '2024'})")
    assert queries.sources(db) == [{"id": "tass", "name": "TASS", "claims": 5},
                                   {"id": "kim", "name": "Kim Yo Jong", "claims": 2}]
    assert queries.sources(db, limit=1) == [{"id": "tass", "name": "TASS", "claims": 5}]
    assert queries.event_date_range(db) == ("2024", "2025-05")
    # Two index ends, not an aggregation over every event.
    dates_plan = [name for name, _ in plan_operators(db, details_cypher.EVENT_DATE_RANGE)]
    assert "EagerAggregation" not in dates_plan and "NodeByLabelScan" not in dates_plan
    assert dates_plan.count("NodeIndexScan") == 2, dates_plan


def test_a_path_is_drawn_with_the_view_and_a_missing_one_is_said(db):
    """O and L share event E40 and are both tied to H: the Alliances view marks O, H and L
    (E40 is no node there); Z has no link at all."""
    _fill_hub(db)
    db.write("CREATE (:Actor {id: 'Z', name: 'Zed', kind: 'state'})")
    limits = ev.Limits(expand=10, initial_nodes=50, element_cap=500)
    ev.CACHE.clear()
    loaded = ev.load_view(db, ExplorerState(view="alliances", path=("O", "L")), limits)
    assert loaded.graph.path_nodes == {"H", "L", "O"}
    assert {"E40", "H", "L", "O"} <= set(loaded.fragment.nodes)
    assert not [n for n in loaded.graph.notices if n.startswith("No connection")]
    loaded = ev.load_view(db, ExplorerState(view="events", path=("O", "Z")), limits)
    assert loaded.graph.path_nodes == frozenset()
    assert loaded.graph.notices[-1] == "No connection between O and Z within 6 steps."


def test_readers_of_one_state_share_one_built_graph(db, monkeypatch):
    """The second reader of a state gets the graph the first one built, without a read; a
    state that differs only in hidden kinds or layout, or selects a drawn node, gets it too;
    another filter is built again, and so is a selection the cap left out (it is pinned)."""
    _fill_hub(db)
    limits = ev.Limits(expand=10, initial_nodes=50, element_cap=500)
    ev.CACHE.clear()
    reads = _count_reads(db, monkeypatch)
    first = ev.load_view(db, ExplorerState(view="events"), limits)
    assert len(reads) == 1 and "H" in {n.id for n in first.graph.nodes}
    again = ev.load_view(db, ExplorerState(view="events", hide=("place",),
                                           layout="grid"), limits)
    assert again is first and len(reads) == 1
    assert again.elements is first.elements  # made once, for every reader
    assert {e["data"]["id"] for e in first.elements} >= {"H", "E01"}
    picked = ev.load_view(db, ExplorerState(view="events", selected="H"), limits)
    assert picked is first and len(reads) == 1
    filtered = ev.load_view(db, ExplorerState(view="events", min_support=7), limits)
    assert len(reads) == 2
    assert {n.id for n in filtered.graph.nodes if n.group == "event"} == {
        "E06", "E13", "E20", "E27", "E34"}


def test_a_second_page_load_of_a_state_reads_only_the_store_counts(db, monkeypatch):
    """The page's first drawing and its filters' options, asked twice within the cache's
    lifetime: the second time Neo4j is asked only whether the store changed (its counts)."""
    from actorgraph.dashboard import state as app_state
    from actorgraph.dashboard.pages import explorer_callbacks as page

    _fill_hub(db)
    ev.CACHE.clear()
    monkeypatch.setattr(app_state, "_database", db)
    state = ExplorerState(view="events", selected="H")
    first = page.first_page(state)
    reads = _count_reads(db, monkeypatch)
    second = page.first_page(state)
    assert reads == []
    assert second[("ex-graph", "elements")] == first[("ex-graph", "elements")]
    assert second[("ex-sources", "options")] == first[("ex-sources", "options")]
    assert "H" in {e["data"]["id"] for e in second[("ex-graph", "elements")]}


def test_the_status_line_version_comes_from_the_driver_s_pool(db):
    """The version the status line shows is the one a fresh driver's query gives (the probe
    `db status` uses), without opening a driver of its own."""
    from actorgraph.localdb.probe import server_version

    assert db.version() == server_version(db.conn)
    assert re.fullmatch(r"5\.26\.\d+", db.version())


def test_a_selection_the_cap_left_out_is_drawn_and_a_drawn_one_changes_nothing(db):
    """At a cap of 20 elements the events view keeps the hub H and its best-connected events;
    E35 (no participant) is left out. Selecting E35 pins it into the graph; selecting H, drawn
    anyway, gives the very graph of no selection."""
    _fill_hub(db)
    limits = ev.Limits(expand=10, initial_nodes=50, element_cap=20)
    ev.CACHE.clear()
    plain = ev.load_view(db, ExplorerState(view="events"), limits)
    drawn = {n.id for n in plain.graph.nodes}
    assert "H" in drawn and "E35" not in drawn and "E35" in plain.fragment.nodes
    assert ev.load_view(db, ExplorerState(view="events", selected="H"), limits) is plain
    pinned = ev.load_view(db, ExplorerState(view="events", selected="E35"), limits)
    assert "E35" in {n.id for n in pinned.graph.nodes}
    assert len(pinned.graph.nodes) + len(pinned.graph.edges) <= 20
    ev.CACHE.clear()
    built = ev._load_view(db, ExplorerState(view="events", selected="H"), limits, ev.CACHE)
    assert built.graph == plain.graph  # what pinning a drawn node would have built


def test_a_selection_sends_no_stylesheet_and_a_hidden_kind_does(db, monkeypatch):
    """Cytoscape styles every element again for each stylesheet it is given, equal or not:
    the drawing sends one only with the first drawing and when the hidden kinds change."""
    from dash import no_update

    from actorgraph.dashboard import state as app_state
    from actorgraph.dashboard.pages import explorer_callbacks as page
    from actorgraph.view.style import stylesheet

    _fill_hub(db)
    ev.CACHE.clear()
    monkeypatch.setattr(app_state, "_database", db)
    styles = page.DRAWING.index(("ex-graph", "stylesheet"))
    key = page.DRAWING.index(("ex-render-key", "data"))
    first = page.draw(ExplorerState(view="events"), "up", None, None)
    assert first[styles] == stylesheet(())
    picked = page.draw(ExplorerState(view="events", selected="H"), "up", None, first[key])
    assert picked[styles] is no_update and picked[0] is no_update  # nor the elements
    hidden = page.draw(ExplorerState(view="events", selected="H", hide=("place",)), "up",
                       None, picked[key])
    assert hidden[styles] == stylesheet(("place",))
