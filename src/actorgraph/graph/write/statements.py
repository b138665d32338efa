"""The Cypher text the writer runs, and the functions that build it.

Writes are `UNWIND $rows AS row MERGE ...` statements in chunks of `chunk_size` rows, nodes
before relationships. Labels and relationship types cannot be parameters: each one is spelled
out in the statement text (a guarded SET per actor kind, a UNION ALL branch per relation type,
a statement per entity label or link type), only from the allow-lists in records.py and
`plan.LINK_TYPES`.

An element's support is never a list on it (docs/graph-model.md): these statements write the
elements, their claims and the articles' `MENTIONS`; `facts.py` then recomputes what is derived
from them for the elements the batch touched. Upserts return, per row, the element's key and
whether this statement created or changed it, which makes the report exact without reading
anything back.
"""

from __future__ import annotations

from actorgraph.graph.write.plan import LINK_TYPES
from actorgraph.records import ACTOR_LABELS, EVENT_LABELS, RELATION_TYPES

# -- statement pieces ---------------------------------------------------------------------

_CHANGED_KEYS = (
    "[k IN keys(row.props) WHERE NOT coalesce(before[k] = row.props[k], "
    "before[k] IS NULL AND row.props[k] IS NULL)] AS changed"
)
"""The keys of `row.props` whose value differs from `before` (null counts as a value)."""

_REPORT = (
    "RETURN row.owner AS owner, count(CASE WHEN created THEN 1 END) AS created, "
    "count(CASE WHEN NOT created AND before <> after THEN 1 END) AS updated, 0 AS removed"
)

_AFTER = (
    "WITH row, before, CASE WHEN before.{key} IS NULL THEN null ELSE properties({var}) END "
    "AS after, before.{key} IS NULL AS created "
)
"""The properties after the write, read only for elements that existed (new ones are
`created`: a MERGE that created it left only the key in `before`)."""


def _set_if(condition: str, assignment: str) -> str:
    """An assignment made only when it changes something, so unchanged elements are not
    written at all."""
    return f"FOREACH (_ IN CASE WHEN {condition} THEN [1] ELSE [] END | SET {assignment}) "


def _other_labels(labels: dict[str, str], label: str) -> str:
    others = [other for other in labels.values() if other != label]
    return f" REMOVE n:{':'.join(others)}" if others else ""


def article_upsert() -> str:
    return (
        "UNWIND $rows AS row "
        "MERGE (n:Article {id: row.id}) "
        "WITH n, row, properties(n) AS before "
        "SET n += row.props "
        "WITH row, before, properties(n) AS after, before.kind IS NULL AS created "
        + _REPORT
    )


def entity_upsert(label: str) -> str:
    """Entities by id. Actors get the label of their kind (and lose any other kind label) when
    new or when their kind changed: one guarded SET per kind, labels from ACTOR_LABELS, so one
    statement serves every kind. Their support (`MENTIONS`, `evidence_count`) is written by
    the statements below."""
    relabel = ""
    if label == "Actor":
        relabel = "".join(
            _set_if(f"'kind' IN changed AND row.props.kind = '{kind}'",
                    f"n:{sub_label}{_other_labels(ACTOR_LABELS, sub_label)}")
            for kind, sub_label in ACTOR_LABELS.items())
    return (
        "UNWIND $rows AS row "
        f"MERGE (n:{label} {{id: row.id}}) "
        "WITH n, row, properties(n) AS before "
        f"WITH n, row, before, size(keys(before)) = 1 AS created, {_CHANGED_KEYS} "
        + _set_if("size(changed) > 0", "n += row.props")
        + relabel
        + "RETURN row.id AS key, created, size(changed) > 0 AS changed"
    )


def mentions_create(label: str) -> str:
    """`MENTIONS` of articles new to the graph: they cannot exist yet."""
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:Article {{id: row.article}}) MATCH (n:{label} {{id: row.id}}) "
        "CREATE (a)-[:MENTIONS]->(n)"
    )


def mentions_merge(label: str) -> str:
    """`MENTIONS` of articles stored before. Neo4j checks for the relationship from the side
    with fewer relationships: the article, not the hub state that 100,000 articles name."""
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:Article {{id: row.article}}) MATCH (n:{label} {{id: row.id}}) "
        "MERGE (a)-[:MENTIONS]->(n)"
    )


def mentions_delete(label: str) -> str:
    """What a re-ingested article no longer names."""
    return (
        "UNWIND $rows AS row "
        f"MATCH (:Article {{id: row.article}})-[m:MENTIONS]->(:{label} {{id: row.id}}) "
        "DELETE m"
    )


def entity_support(label: str) -> str:
    """An entity's `evidence_count`: the articles that mention it, read as its degree (no
    scan of its relationships); an entity no article mentions any more is removed."""
    return (
        "UNWIND $rows AS row "
        f"MATCH (n:{label} {{id: row.id}}) "
        "WITH n, row, n.evidence_count AS before, COUNT { (n)<-[:MENTIONS]-() } AS count "
        + _set_if("before IS NULL OR before <> count", "n.evidence_count = count")
        + "FOREACH (_ IN CASE WHEN count = 0 THEN [1] ELSE [] END | DETACH DELETE n) "
        "RETURN row.id AS key, coalesce(before <> count, true) AS changed, count = 0 AS removed"
    )


EVENT_UPSERT = (
    "UNWIND $rows AS row "
    "MERGE (n:Event {id: row.id}) "
    "RETURN row.id AS key, size(keys(n)) = 1 AS created, false AS changed"
)
"""Events by id; everything else about them comes from their claims (facts.py)."""


def event_relabel(sub_label: str) -> str:
    """Give events the label of their kind (and no other kind label)."""
    return (
        "UNWIND $ids AS id MATCH (n:Event {id: id}) "
        f"SET n:{sub_label}{_other_labels(EVENT_LABELS, sub_label)}"
    )


def link_upsert(link_type: str) -> str:
    """Event links by their ends. Role codes (GDELT's GOV, MIL ...) and names as sources give
    them: every source adds its own, none replaces another's (docs/gdelt.md)."""
    start, end = LINK_TYPES[link_type]
    union = ""
    if link_type == "PARTICIPATED_IN":
        union = "".join(
            f"WITH r, row, before, [v IN coalesce(row.{key}, []) "
            f"WHERE NOT v IN coalesce(r.{key}, [])] AS added "
            + _set_if("size(added) > 0", f"r.{key} = coalesce(r.{key}, []) + added")
            for key in ("role_codes", "names"))
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{start} {{id: row.start}}) MATCH (b:{end} {{id: row.end}}) "
        f"MERGE (a)-[r:{link_type}]->(b) "
        "WITH r, row, properties(r) AS before "
        + union
        + "RETURN [row.start, row.end] AS key, size(keys(before)) = 0 AS created, "
        "size(keys(before)) > 0 AND properties(r) <> before AS changed"
    )


def relation_upsert() -> str:
    """Actor-actor relations of every type in one statement: a UNION ALL branch per type
    (types cannot be parameters; they come from RELATION_TYPES) MERGEs on the relation id.
    Modality, evidence and contested come from the claims (facts.py)."""
    merges = " UNION ALL ".join(
        f"WITH row, a, b WHERE row.type = '{rel_type}' "
        f"MERGE (a)-[r:{rel_type} {{id: row.id}}]->(b) RETURN r"
        for rel_type in RELATION_TYPES)
    return (
        "UNWIND $rows AS row "
        "MATCH (a:Actor {id: row.source}) MATCH (b:Actor {id: row.target}) "
        f"CALL (row, a, b) {{ {merges} }} "
        "WITH r, row, properties(r) AS before "
        f"WITH r, row, before, size(keys(before)) = 1 AS created, {_CHANGED_KEYS} "
        + _set_if("size(changed) > 0", "r += row.props")
        + "RETURN [row.type, row.id] AS key, created, size(changed) > 0 AND NOT created "
        "AS changed"
    )


CLAIMS_OF_ARTICLES = (
    "UNWIND $ids AS aid "
    "MATCH (c:Claim {article_id: aid}) "
    "RETURN aid, c.fact_type AS fact_type, c.fact_id AS fact_id"
)
MENTIONS_OF_ARTICLES = (
    "UNWIND $ids AS aid "
    "MATCH (:Article {id: aid})-[:MENTIONS]->(n) "
    "RETURN aid, n.id AS id, [x IN labels(n) WHERE x IN $labels][0] AS label"
)
EXISTING_ARTICLES = "UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id"


def relations_by_id(rel_type: str) -> str:
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:Actor)-[r:{rel_type} {{id: row.id}}]->(b:Actor) "
        "RETURN row.article AS aid, r.id AS id"
    )


CLAIM_DELETE_STALE = (
    "UNWIND $rows AS row "
    "MATCH (c:Claim {article_id: row.id}) WHERE NOT c.id IN row.keep "
    "DETACH DELETE c "
    "RETURN row.owner AS owner, 0 AS created, 0 AS updated, count(*) AS removed"
)
CLAIM_UPSERT = (
    "UNWIND $rows AS row "
    "MATCH (a:Article {id: row.props.article_id}) "
    "MERGE (n:Claim {id: row.id}) "
    "WITH a, n, row, properties(n) AS before "
    "SET n += row.props "
    "MERGE (a)-[:CLAIMS]->(n) "
    + _AFTER.format(key="article_id", var="n")
    + _REPORT
)
CLAIM_CREATE = (
    "UNWIND $rows AS row "
    "MATCH (a:Article {id: row.props.article_id}) "
    "CREATE (a)-[:CLAIMS]->(n:Claim) SET n = row.props "
    "RETURN row.owner AS owner, count(*) AS created, 0 AS updated, 0 AS removed"
)
"""Claims of an article new to the graph cannot exist yet (their ids start with its id)."""
CLAIM_ABOUT = (
    "UNWIND $rows AS row "
    "MATCH (c:Claim {id: row.id}) MATCH (e:Event {id: row.fact_id}) "
    "MERGE (c)-[:ABOUT]->(e)"
)
CLAIM_ATTRIBUTIONS = (
    "UNWIND $rows AS row "
    "MATCH (c:Claim {id: row.id}) "
    "CALL (c, row) { "
    "  MATCH (c)-[old:ATTRIBUTED_TO]->(x) "
    "  WHERE NOT [x.id, old.position] IN row.actor_links + row.source_links "
    "  DELETE old } "
    "CALL (c, row) { "
    "  UNWIND row.actor_links AS link MATCH (x:Actor {id: link[0]}) "
    "  MERGE (c)-[:ATTRIBUTED_TO {position: link[1]}]->(x) } "
    "CALL (c, row) { "
    "  UNWIND row.source_links AS link MATCH (x:Source {id: link[0]}) "
    "  MERGE (c)-[:ATTRIBUTED_TO {position: link[1]}]->(x) }"
)
