"""The Cypher text the writer runs, and the functions that build it.

Writes are `UNWIND $rows AS row MERGE ...` statements in chunks of `chunk_size` rows, nodes
before relationships. Labels and relationship types cannot be parameters: each one is spelled
out in the statement text (a guarded SET per actor kind, a UNION ALL branch per relation type,
a statement per event label or link type), only from the allow-lists in records.py and
`plan.LINK_TYPES`.
Each statement returns, per article, how many elements it created, updated and removed, which
makes the report exact without reading anything back. Statements that set a fact's modality
take `$certainty`, the modalities most certain first (`transaction.MODALITY_CERTAINTY`).
"""

from __future__ import annotations

from actorgraph.graph.write.plan import LINK_TYPES
from actorgraph.records import ACTOR_LABELS, EVENT_LABELS, RELATION_TYPES

# -- statement pieces ---------------------------------------------------------------------

_NEW_ARTICLES = (
    "[x IN old WHERE NOT x IN $reingested OR x IN row.again]"
    " + [x IN row.again WHERE NOT x IN old] + row.fresh"
)
"""The element's `articles` after this batch: re-ingested articles that no longer state it
leave, those that still do keep their place, new ones are appended. Needs `old` (the list
before) and `row`."""

_MERGED = (
    "WITH {var}, row, properties({var}) AS before "
    "WITH {var}, row, before, coalesce(before.articles, []) AS old "
    "WITH {var}, row, before, " + _NEW_ARTICLES + " AS articles "
)
"""After a MERGE of `var`: `before` (its properties) and `articles` (its new list). Everything
is computed before the one SET that follows, so the planner needs few Eager barriers."""

_REPORT = (
    "RETURN row.owner AS owner, count(CASE WHEN created THEN 1 END) AS created, "
    "count(CASE WHEN NOT created AND before <> after THEN 1 END) AS updated, 0 AS removed"
)

_CHANGED_KEYS = (
    "[k IN keys(row.props) WHERE NOT coalesce(before[k] = row.props[k], "
    "before[k] IS NULL AND row.props[k] IS NULL)] AS changed"
)
"""The keys of `row.props` whose value differs from `before` (null counts as a value)."""

_GUARDED_REPORT = (
    "RETURN row.owner AS owner, count(CASE WHEN created THEN 1 END) AS created, "
    "count(CASE WHEN NOT created AND (size(changed) > 0 OR articles <> old{more}) THEN 1 END) "
    "AS updated, 0 AS removed"
)
"""Updated: an element that existed and got a different value; nothing is re-read."""


def _set_if(condition: str, assignment: str) -> str:
    """An assignment made only when it changes something, so unchanged elements are not
    written at all."""
    return f"FOREACH (_ IN CASE WHEN {condition} THEN [1] ELSE [] END | SET {assignment}) "


_AFTER = (
    "WITH row, before, CASE WHEN before.{key} IS NULL THEN null ELSE properties({var}) END "
    "AS after, before.{key} IS NULL AS created "
)
"""The properties after the write, read only for elements that existed (new ones are
`created`: a MERGE that created it left only the key in `before`)."""

_RETRACT_REPORT = (
    "RETURN row.owner AS owner, 0 AS created, "
    "count(CASE WHEN size(kept) > 0 AND before <> after THEN 1 END) AS updated, "
    "count(CASE WHEN size(kept) = 0 THEN 1 END) AS removed"
)


def _claim_modalities(var: str, fact_type: str) -> str:
    return (f"COLLECT {{ MATCH (c:Claim {{fact_id: {var}.id}}) "
            f"WHERE c.fact_type = '{fact_type}' RETURN c.modality }}")


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
    statement serves every kind."""
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
        "WITH n, row, before, coalesce(before.articles, []) AS old "
        f"WITH n, row, before, old, {_NEW_ARTICLES} AS articles, "
        f"before.articles IS NULL AS created, {_CHANGED_KEYS} "
        + _set_if("size(changed) > 0", "n += row.props")
        + _set_if("articles <> old", "n.articles = articles")
        + relabel
        + _GUARDED_REPORT.format(more="")
    )


_EVENT_FROM_CLAIM = (
    "{kind: p.kind, title: p.title, date: p.date, date_precision: p.date_precision, "
    "date_text: p.date_text, cameo: p.cameo, cameo_label: p.cameo_label, "
    "goldstein: p.goldstein, topics: p.topics}"
)
"""An event's descriptive properties: those of the claim of the first article stating it."""

_RELABEL = "collect(CASE WHEN {when} THEN [after.id, after.kind] END) AS relabel"


def event_upsert() -> str:
    return (
        "UNWIND $rows AS row "
        "MERGE (n:Event {id: row.id}) "
        + _MERGED.format(var="n")
        + "MATCH (p:Claim {id: articles[0] + '/event/' + row.id}) "
        f"WITH n, row, before, articles, p, {_claim_modalities('n', 'event')} AS modalities "
        f"SET n += {_EVENT_FROM_CLAIM}, n.kind = p.kind, n.articles = articles, "
        "n.evidence_count = size(articles), n.contested = coalesce(before.contested, false), "
        "n.modality = [m IN $certainty WHERE m IN modalities][0] "
        "WITH row, before, properties(n) AS after, before.articles IS NULL AS created "
        + _REPORT + ", "
        + _RELABEL.format(when="created OR before.kind <> after.kind")
    )


def event_relabel(sub_label: str) -> str:
    """Give events the label of their kind (and no other kind label)."""
    return (
        "UNWIND $ids AS id MATCH (n:Event {id: id}) "
        f"SET n:{sub_label}{_other_labels(EVENT_LABELS, sub_label)}"
    )


_ROLE_FROM_CLAIM = (
    "WITH r, row, before, a, b "
    "MATCH (p:Claim {id: r.articles[0] + '/event/' + b.id}) "
    "SET r.role = [i IN range(0, size(p.participants) - 1) "
    "WHERE p.participants[i] = a.id | p.roles[i]][0] "
)
"""A participation's role: as the first article stating it tells it."""


_UNION_LISTS = "".join(
    f"FOREACH (x IN [v IN coalesce(row.{key}, []) WHERE NOT v IN coalesce(r.{key}, [])] | "
    f"SET r.{key} = coalesce(r.{key}, []) + x) "
    for key in ("role_codes", "names")
)
"""Role codes (GDELT's GOV, MIL ...) and names as sources give them: every source adds its
own, none replaces another's (docs/gdelt.md)."""


def link_upsert(link_type: str) -> str:
    start, end = LINK_TYPES[link_type]
    role = _ROLE_FROM_CLAIM if link_type == "PARTICIPATED_IN" else ""
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{start} {{id: row.start}}) MATCH (b:{end} {{id: row.end}}) "
        f"MERGE (a)-[r:{link_type}]->(b) "
        "WITH r, row, properties(r) AS before, a, b "
        "WITH r, row, before, a, b, coalesce(before.articles, []) AS old "
        f"SET r.articles = {_NEW_ARTICLES} "
        f"{_UNION_LISTS if link_type == 'PARTICIPATED_IN' else ''}"
        f"{role}"
        + _AFTER.format(key="articles", var="r")
        + _REPORT
    )


def relation_upsert() -> str:
    """Actor-actor relations of every type in one statement: a UNION ALL branch per type
    (types cannot be parameters; they come from RELATION_TYPES) MERGEs on the relation id.

    A new relation's modality is the most certain of this batch's claims (`row.best`); for
    one that existed, other articles' claims count too: the statement returns those
    (`existing`) for `relation_modality` to recompute, and reports only what it created."""
    merges = " UNION ALL ".join(
        f"WITH row, a, b WHERE row.type = '{rel_type}' "
        f"MERGE (a)-[r:{rel_type} {{id: row.id}}]->(b) RETURN r"
        for rel_type in RELATION_TYPES)
    return (
        "UNWIND $rows AS row "
        "MATCH (a:Actor {id: row.source}) MATCH (b:Actor {id: row.target}) "
        f"CALL (row, a, b) {{ {merges} }} "
        "WITH r, row, properties(r) AS before "
        "WITH r, row, before, coalesce(before.articles, []) AS old "
        f"WITH r, row, before, old, {_NEW_ARTICLES} AS articles, "
        f"before.articles IS NULL AS created, {_CHANGED_KEYS} "
        + _set_if("size(changed) > 0", "r += row.props")
        + _set_if("articles <> old",
                  "r.articles = articles, r.evidence_count = size(articles)")
        + _set_if("created", "r.modality = row.best, r.contested = false")
        + "RETURN row.owner AS owner, count(CASE WHEN created THEN 1 END) AS created, "
        "0 AS updated, 0 AS removed, collect(CASE WHEN NOT created THEN "
        "[row.owner, row.type, row.id, size(changed) > 0 OR articles <> old] END) AS existing"
    )


def relation_modality(rel_type: str) -> str:
    """The modality of relations that existed: the most certain of all their claims."""
    return (
        "UNWIND $rows AS row "
        f"MATCH ()-[r:{rel_type} {{id: row.id}}]->() "
        f"WITH r, row, [m IN $certainty WHERE m IN {_claim_modalities('r', 'relation')}][0] "
        "AS modality "
        "WITH r, row, modality, NOT coalesce(r.modality = modality, false) AS changed "
        + _set_if("changed", "r.modality = modality")
        + "RETURN row.id AS id, changed"
    )


CLAIMS_OF_ARTICLES = (
    "UNWIND $ids AS aid "
    "MATCH (c:Claim {article_id: aid}) "
    "RETURN aid, c.fact_type AS fact_type, c.fact_id AS fact_id"
)
LINKS_OF_EVENTS = (
    "UNWIND $rows AS row "
    "MATCH (e:Event {id: row.event})-[r:" + "|".join(LINK_TYPES) + "]-() "
    "WHERE row.article IN r.articles "
    "RETURN row.article AS aid, type(r) AS type, startNode(r).id AS start, "
    "endNode(r).id AS end"
)
ATTRIBUTIONS_OF_ARTICLES = (
    "UNWIND $ids AS aid "
    "MATCH (c:Claim {article_id: aid})-[:ATTRIBUTED_TO]->(x) "
    "RETURN aid, x.id AS id, x:Actor AS is_actor"
)
EXISTING_ARTICLES = "UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id"


def relations_by_id(rel_type: str) -> str:
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:Actor)-[r:{rel_type} {{id: row.id}}]->(b:Actor) "
        "RETURN row.article AS aid, r.id AS id, a.id AS source, b.id AS target"
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


def relation_retract(rel_type: str) -> str:
    return (
        "UNWIND $rows AS row "
        f"MATCH ()-[r:{rel_type} {{id: row.id}}]->() "
        "WITH r, row, properties(r) AS before, "
        "[x IN r.articles WHERE NOT x IN $reingested] AS kept, "
        f"{_claim_modalities('r', 'relation')} AS modalities "
        "SET r.articles = kept, r.evidence_count = size(kept), "
        "r.modality = [m IN $certainty WHERE m IN modalities][0] "
        "WITH r, row, before, kept, properties(r) AS after "
        "FOREACH (_ IN CASE WHEN size(kept) = 0 THEN [1] ELSE [] END | DELETE r) "
        + _RETRACT_REPORT
    )


def link_retract(link_type: str) -> str:
    start, end = LINK_TYPES[link_type]
    role = ""
    if link_type == "PARTICIPATED_IN":
        role = ("WITH r, row, before, kept, a, b "
                "OPTIONAL MATCH (p:Claim {id: kept[0] + '/event/' + b.id}) "
                "SET r.role = CASE WHEN p IS NULL THEN r.role ELSE "
                "[i IN range(0, size(p.participants) - 1) "
                "WHERE p.participants[i] = a.id | p.roles[i]][0] END ")
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{start} {{id: row.start}})-[r:{link_type}]->(b:{end} {{id: row.end}}) "
        "WITH r, row, properties(r) AS before, a, b, "
        "[x IN r.articles WHERE NOT x IN $reingested] AS kept "
        "SET r.articles = kept "
        f"{role}"
        "WITH r, row, before, kept, properties(r) AS after "
        "FOREACH (_ IN CASE WHEN size(kept) = 0 THEN [1] ELSE [] END | DELETE r) "
        + _RETRACT_REPORT
    )


def event_retract() -> str:
    return (
        "UNWIND $rows AS row "
        "MATCH (n:Event {id: row.id}) "
        "WITH n, row, properties(n) AS before, "
        "[x IN n.articles WHERE NOT x IN $reingested] AS kept "
        "OPTIONAL MATCH (p:Claim {id: kept[0] + '/event/' + n.id}) "
        f"WITH n, row, before, kept, p, {_claim_modalities('n', 'event')} AS modalities "
        f"SET n += CASE WHEN p IS NULL THEN {{}} ELSE {_EVENT_FROM_CLAIM} END, "
        "n.kind = coalesce(p.kind, n.kind), "
        "n.articles = kept, n.evidence_count = size(kept), "
        "n.modality = [m IN $certainty WHERE m IN modalities][0] "
        "WITH n, row, before, kept, properties(n) AS after "
        "FOREACH (_ IN CASE WHEN size(kept) = 0 THEN [1] ELSE [] END | DETACH DELETE n) "
        + _RETRACT_REPORT + ", "
        + _RELABEL.format(when="size(kept) > 0 AND before.kind <> after.kind")
    )


def entity_retract(label: str) -> str:
    return (
        "UNWIND $rows AS row "
        f"MATCH (n:{label} {{id: row.id}}) "
        "WITH n, row, properties(n) AS before, "
        "[x IN n.articles WHERE NOT x IN $reingested] AS kept "
        "SET n.articles = kept "
        "WITH n, row, before, kept, properties(n) AS after "
        "FOREACH (_ IN CASE WHEN size(kept) = 0 THEN [1] ELSE [] END | DETACH DELETE n) "
        + _RETRACT_REPORT
    )
