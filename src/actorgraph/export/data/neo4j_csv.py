"""CSV for `neo4j-admin database import full`: one nodes file, one relationships file.

Headers follow the import tool's format: nodes `id:ID,:LABEL,<property>[:type],...`,
relationships `:START_ID,:END_ID,:TYPE,<property>[:type],...`. Types come from the values:
`int`/`long`, `double`, `boolean`, and arrays `string[]`, `long[]`, `double[]` whose items are
joined by the tool's default array delimiter `;`. Several labels go into `:LABEL` joined by `;`
too. An empty field is no property. Objects are written as JSON strings.

One export is two files, so an output `graph.csv` writes `graph-nodes.csv` and
`graph-relationships.csv` next to each other, and an output `graph.zip` (or the app's CSV
download) holds both. Import with:

    neo4j-admin database import full --nodes=graph-nodes.csv \
        --relationships=graph-relationships.csv <database>
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actorgraph.errors import ExportFailed
from actorgraph.export.data.elements_io import column_kind, split
from actorgraph.records import ACTOR_LABELS, EVENT_LABELS

ARRAY_DELIMITER = ";"
INT32 = (-(2**31), 2**31 - 1)
NODE_SKIP = frozenset({"id", "labels"})
EDGE_SKIP = frozenset({"source", "target", "type"})
GROUP_LABELS = {"actor": "Actor", "event": "Event", "place": "Place", "asset": "Asset"}


@dataclass(frozen=True)
class CsvPair:
    nodes: str
    relationships: str
    node_count: int
    relationship_count: int


def node_labels(data: Mapping[str, Any]) -> list[str]:
    """Neo4j labels: `data.labels` when the element has them, else from its group and kind."""
    labels = data.get("labels")
    if isinstance(labels, list | tuple) and labels:
        return [str(x) for x in labels]
    group, kind = data.get("group"), data.get("kind")
    base = GROUP_LABELS.get(str(group))
    if base is None:
        return ["Node"]
    extra = {"Actor": ACTOR_LABELS, "Event": EVENT_LABELS}.get(base, {}).get(str(kind))
    return [base, extra] if extra else [base]


def _header_type(name: str, kind: str, values: list[Any]) -> str:
    if kind == "int":
        ints = [v for v in values if isinstance(v, int)]
        wide = any(not INT32[0] <= v <= INT32[1] for v in ints)
        return f"{name}:{'long' if wide else 'int'}"
    return {
        "float": f"{name}:double", "bool": f"{name}:boolean", "list[str]": f"{name}:string[]",
        "list[int]": f"{name}:long[]", "list[float]": f"{name}:double[]",
    }.get(kind, name)


def _cell(value: Any, kind: str, where: str, name: str) -> str:
    if value is None:
        return ""
    if kind == "bool":
        return "true" if value else "false"
    if kind.startswith("list["):
        items = [str(v) for v in value]
        bad = next((v for v in items if ARRAY_DELIMITER in v), None)
        if bad is not None:
            raise ExportFailed(
                f"{where}: {name} item {bad[:60]!r} contains the array delimiter "
                f"{ARRAY_DELIMITER!r}, which neo4j-admin would split; export GraphML or JSON")
        return ARRAY_DELIMITER.join(items)
    if kind == "json":
        return json.dumps(value, ensure_ascii=False)
    if kind == "float":
        return repr(float(value))
    return str(value)


def _columns(rows: list[dict]) -> list[tuple[str, str, str]]:
    """(property, kind, header) for every column that has a value somewhere."""
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    out = []
    for name in names:
        values = [row.get(name) for row in rows]
        kind = column_kind(values)
        if kind is not None:
            out.append((name, kind, _header_type(name, kind, values)))
    return out


def to_neo4j_csv(elements: Iterable[Mapping[str, Any]]) -> CsvPair:
    nodes, edges = split(elements)
    node_rows = [{k: v for k, v in n["data"].items() if k not in NODE_SKIP} for n in nodes]
    edge_rows = [{k: v for k, v in e["data"].items() if k not in EDGE_SKIP} for e in edges]
    node_cols, edge_cols = _columns(node_rows), _columns(edge_rows)

    nbuf = io.StringIO()
    writer = csv.writer(nbuf, lineterminator="\n")
    writer.writerow(["id:ID", ":LABEL", *(h for _, _, h in node_cols)])
    for node, row in zip(nodes, node_rows, strict=True):
        node_id = str(node["data"]["id"])
        where = f"node {node_id!r}"
        writer.writerow([node_id, ARRAY_DELIMITER.join(node_labels(node["data"])),
                         *(_cell(row.get(n), k, where, n) for n, k, _ in node_cols)])

    rbuf = io.StringIO()
    writer = csv.writer(rbuf, lineterminator="\n")
    writer.writerow([":START_ID", ":END_ID", ":TYPE", *(h for _, _, h in edge_cols)])
    for edge, row in zip(edges, edge_rows, strict=True):
        d = edge["data"]
        where = f"relationship {d.get('id')!r}"
        rel_type = str(d.get("type") or d.get("label") or "RELATED_TO")
        writer.writerow([str(d["source"]), str(d["target"]), rel_type,
                         *(_cell(row.get(n), k, where, n) for n, k, _ in edge_cols)])
    return CsvPair(nbuf.getvalue(), rbuf.getvalue(), len(nodes), len(edges))


def pair_names(stem: str) -> tuple[str, str]:
    return f"{stem}-nodes.csv", f"{stem}-relationships.csv"


def to_zip(pair: CsvPair, stem: str) -> bytes:
    """Both files in one zip (what a single download or a `.zip` output gets)."""
    nodes_name, rels_name = pair_names(stem)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(nodes_name, pair.nodes)
        zf.writestr(rels_name, pair.relationships)
    return buf.getvalue()


def write(pair: CsvPair, out: Path) -> list[Path]:
    """`out` = x.zip: one zip; `out` = x.csv: x-nodes.csv and x-relationships.csv."""
    if out.suffix.lower() == ".zip":
        out.write_bytes(to_zip(pair, out.stem))
        return [out]
    nodes_name, rels_name = pair_names(out.stem)
    paths = [out.with_name(nodes_name), out.with_name(rels_name)]
    paths[0].write_text(pair.nodes, encoding="utf-8")
    paths[1].write_text(pair.relationships, encoding="utf-8")
    return paths
