"""Views of the explorer (projection, ties, caps, counts): pure functions on small hand-made
graphs."""

from actorgraph.view.elements import (
    Fragment,
    Link,
    Node,
    build_view,
    cap_elements,
    implied_ties,
    kind_counts,
    visible_counts,
)


def actor(i: str, kind: str = "state") -> Node:
    return Node(id=i, group="actor", kind=kind, label=i.title())


def event(i: str, goldstein: float | None, modality: str = "asserted") -> Node:
    return Node(id=i, group="event", kind="military_exercise", label=i, goldstein=goldstein,
                modality=modality)


def took_part(a: str, e: str) -> Link:
    return Link(id=f"{a}-PARTICIPATED_IN-{e}", source=a, target=e, type="PARTICIPATED_IN")


def aimed(e: str, a: str) -> Link:
    return Link(id=f"{e}-DIRECTED_AT-{a}", source=e, target=a, type="DIRECTED_AT")


def relation(a: str, t: str, b: str, modality: str = "asserted", count: int = 1) -> Link:
    return Link(id=f"{a}-{t}-{b}", source=a, target=b, type=t, modality=modality,
                evidence_count=count)


def korea_fragment() -> Fragment:
    f = Fragment()
    for a in ("USA", "JPN", "KOR", "PRK", "RUS"):
        f.add_node(actor(a))
    f.add_node(actor("lavrov", "person"))
    f.add_node(event("drill", -7.2))
    f.add_node(event("transfer", 4.0, modality="feared"))
    for a in ("USA", "JPN", "KOR"):
        f.add_link(took_part(a, "drill"))
    f.add_link(aimed("drill", "PRK"))
    f.add_link(took_part("RUS", "transfer"))
    f.add_link(took_part("PRK", "transfer"))
    f.add_link(relation("PRK", "SUPPORTS", "RUS", count=2))
    f.add_link(relation("lavrov", "SERVES", "RUS"))
    f.add_link(relation("USA", "DETERS", "RUS", modality="suspected"))
    return f


def test_shared_events_become_signed_ties():
    ties = {(t.source, t.target, t.sign): t for t in implied_ties(korea_fragment())}
    assert ties[("JPN", "USA", 1)].events == ("drill",)  # exercising together: cooperative
    assert ties[("PRK", "USA", -1)].events == ("drill",)  # the drill's target: hostile
    assert ties[("PRK", "RUS", 1)].modality == "feared"
    assert len(ties) == 3 + 3 + 1  # three co-participant pairs, three against PRK, one pair


def test_alliance_view_draws_actors_only_and_two_blocs():
    graph = build_view(korea_fragment(), "alliances", element_cap=1500)
    assert {n.group for n in graph.nodes} == {"actor"}
    assert graph.blocs is not None
    blocs = graph.blocs.assignment
    assert blocs["USA"] == blocs["JPN"] == blocs["KOR"]
    assert blocs["PRK"] == blocs["RUS"] == blocs["lavrov"] != blocs["USA"]
    assert graph.blocs.frustration == 0


def test_events_view_draws_actors_and_events_without_relations():
    graph = build_view(korea_fragment(), "events", element_cap=1500)
    assert {n.group for n in graph.nodes} == {"actor", "event"}
    assert {e.type for e in graph.edges} == {"PARTICIPATED_IN", "DIRECTED_AT"}
    assert "lavrov" not in {n.id for n in graph.nodes}  # no event: not drawn


def test_an_asked_for_actor_is_drawn_even_without_a_fact():
    graph = build_view(korea_fragment(), "events", element_cap=1500, keep=["lavrov"])
    assert "lavrov" in {n.id for n in graph.nodes}


def test_hidden_nodes_and_their_edges_are_gone():
    graph = build_view(korea_fragment(), "everything", element_cap=1500, hidden_nodes=["PRK"])
    assert "PRK" not in {n.id for n in graph.nodes}
    assert all("PRK" not in (e.source, e.target) for e in graph.edges)


def test_cap_keeps_the_most_connected_nodes_and_says_so():
    f = Fragment()
    f.add_node(actor("hub"))
    for i in range(30):
        f.add_node(actor(f"a{i:02d}"))
        f.add_link(relation("hub", "ALLIED_WITH", f"a{i:02d}"))
    graph = build_view(f, "alliances", element_cap=21)
    assert len(graph.nodes) + len(graph.edges) <= 21
    assert "hub" in {n.id for n in graph.nodes}
    assert graph.capped
    assert "element cap (21)" in graph.notices[0]


def test_cap_is_a_no_op_under_the_cap():
    nodes = {"a": actor("a"), "b": actor("b")}
    edges = {"e": relation("a", "ALLIED_WITH", "b")}
    assert cap_elements(nodes, edges, 3) == (nodes, edges, False)


def test_counts_per_kind_and_visible_counts_follow_hidden_kinds():
    graph = build_view(korea_fragment(), "events", element_cap=1500)
    counts = kind_counts(graph)
    assert counts["state"] == 5 and counts["military_exercise"] == 2
    shown = visible_counts(graph, hidden_kinds=["military_exercise"])
    assert shown["event"] == 0 and shown["actor"] == 5 and shown["edges"] == 0


def real_fragment() -> Fragment:
    """The real GDELT rows of tests/fixtures/gdelt/20191024143000.export.CSV (see
    test_gdelt_records.py) as the explorer's reads would return them."""
    from tests.unit.test_gdelt_records import real_bundles

    f = Fragment()
    support: dict[str, int] = {}
    for bundle in real_bundles():
        for a in bundle.actors:
            f.add_node(Node(id=a.id, group="actor", kind=a.kind, label=a.name))
        for e in bundle.events:
            support[e.id] = support.get(e.id, 0) + 1
            for p in e.participants:
                f.add_link(took_part(p.actor, e.id))
    for bundle in real_bundles():
        for e in bundle.events:
            f.add_node(Node(id=e.id, group="event", kind=e.kind, label=e.title,
                            goldstein=e.goldstein, modality=e.modality,
                            evidence_count=support[e.id], gdelt=True))
    return f


def test_real_gdelt_rows_regions_join_no_bloc_and_imply_no_tie():
    graph = build_view(real_fragment(), "alliances", element_cap=1500)
    drawn = {n.id: n.kind for n in graph.nodes}
    assert set(drawn.values()) == {"state", "organization"}
    assert "cameo-eur" not in drawn and "cameo-afr" not in drawn  # AFG-AFR talks: no tie
    assert graph.blocs is not None
    assert set(graph.blocs.assignment) == set(drawn)
    assert graph.blocs.assignment["cameo-sad"] == graph.blocs.assignment["ZWE"]
    ties = {(t.source, t.target, t.sign): t for t in graph.edges}
    un_are = ties[("ARE", "cameo-uno", 1)]  # appeal, intent to meet, visit: three events
    assert (len(un_are.events), un_are.gdelt_events, un_are.gdelt_documents) == (3, 3, 3)
