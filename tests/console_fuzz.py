"""Hypothesis strategies for fuzzing the console: query text built from Cypher fragments
(reads, writes, file reads, administration, procedures, USE, CYPHER options, comment and
string openers, brackets) and random text, and JSON parameter values of any depth.

Shared by the unit fuzz (the text and parameter checks alone) and the integration fuzz (the
whole console against a real Neo4j)."""

from __future__ import annotations

from hypothesis import strategies as st

FRAGMENTS = [
    "MATCH (n)", "MATCH (a:Actor)-[r]->(b)", "OPTIONAL MATCH (n)-[r]-(m)", "WITH n", "WITH *",
    "WHERE n.id = 'PRK'", "WHERE n.id IN $ids", "RETURN n", "RETURN count(*) AS c",
    "RETURN n.name AS name", "ORDER BY n.name", "LIMIT 5", "SKIP 1",
    "UNWIND range(1, 10) AS i", "RETURN reduce(a = 0, i IN range(1, 1000) | a + i) AS s",
    "CASE WHEN true THEN 1 ELSE 0 END", "RETURN 1 AS one", "RETURN $p AS p",
    "CREATE (x:Evil)", "MERGE (x:Evil {id: 1})", "SET n.evil = 1", "SET n:Evil", "DELETE n",
    "DETACH DELETE n", "REMOVE n.name", "FOREACH (x IN [1] | CREATE (:Evil))",
    "LOAD CSV FROM 'file:///etc/passwd' AS row", "CALL db.labels()", "CALL db.labels() YIELD label",
    "CALL dbms.listConfig()", "CALL db.createLabel('Evil')", "CALL { CREATE (:Evil) }",
    "CALL () { MATCH (n) RETURN n }", "CALL { MATCH (n) DETACH DELETE n } IN TRANSACTIONS",
    "CALL db.index.fulltext.queryNodes('x', 'y')", "CALL apoc.create.node(['Evil'], {})",
    "UNION", "UNION ALL", "USE neo4j", "USE system", "CYPHER debug=tostring",
    "CYPHER runtime=slotted", "CYPHER 5", "EXPLAIN", "PROFILE", "SHOW USERS",
    "SHOW TRANSACTIONS", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "CREATE USER evil SET PASSWORD 'secret123'", "ALTER USER neo4j SET PASSWORD 'evil12345'",
    "CREATE INDEX evil FOR (n:Evil) ON (n.p)", "DROP CONSTRAINT actor_id", "STOP DATABASE neo4j",
    "GRANT ROLE admin TO evil", ";", "//", "/*", "*/", "'", '"', "`", "\n", "$", "(", ")", "[",
    "]", "{", "}", ",", "+", ".", ":", "|", "AND", "OR", "NOT", "=",
]

QUERY_ALPHABET = st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Z", "Cc"))


@st.composite
def nested_brackets(draw: st.DrawFn) -> str:
    """An expression nested up to 400 levels: around the depth limit (100) and past the
    depth at which Neo4j's parser stops answering (about 300)."""
    depth = draw(st.integers(min_value=1, max_value=400))
    pairs = draw(st.lists(st.sampled_from(["()", "[]", "{a: }", "CASE WHEN true THEN  END"]),
                          min_size=depth, max_size=depth))
    inner = "1"
    for pair in pairs:
        if pair == "{a: }":
            inner = "{a: " + inner + "}"
        elif pair.startswith("CASE"):
            inner = "CASE WHEN true THEN " + inner + " END"
        else:
            inner = pair[0] + inner + pair[1]
    return "RETURN " + inner + " AS x"


@st.composite
def operator_chain(draw: st.DrawFn) -> str:
    """A chain of up to 150 operators, around the depth limit."""
    count = draw(st.integers(min_value=1, max_value=150))
    op = draw(st.sampled_from([" + 1", " + 'a'", " AND true", " OR false", ".a"]))
    head = "WITH {a: {a: 1}} AS m RETURN m" if op == ".a" else "RETURN 1"
    return head + op * count + " AS x"


queries = st.one_of(
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(QUERY_ALPHABET, max_size=12)),
             min_size=1, max_size=8).map(" ".join),
    nested_brackets(),
    operator_chain(),
    st.text(QUERY_ALPHABET, max_size=200),
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=30,
)


@st.composite
def deep_value(draw: st.DrawFn) -> object:
    """A list or map nested up to 3,000 levels (the limit is 100; Python's recursion limit,
    which a recursive check would hit, is 1,000)."""
    value: object = draw(json_values)
    for _ in range(draw(st.integers(min_value=0, max_value=3000))):
        value = [value] if draw(st.booleans()) else {"k": value}
    return value


param_values = st.one_of(json_values, deep_value())
param_texts = st.one_of(st.text(max_size=40), json_values.map(str),
                        st.integers(min_value=0, max_value=3000).map(
                            lambda n: "[" * n + "]" * n))
