"""The writer (`graph.write.writer.write_batch`) on a synthetic corpus, against two baselines.

    .venv/bin/python benchmarks/ingest.py [--rows 1000000] [--batch-rows 10000]

The corpus: --actors actors (default rows/10) of all four kinds, and --rows actor-actor
relation claims spread over articles of --per-article relations each (default 10), every
claim with a verbatim quote and its offsets into its article's text. Relation types, modalities
and endpoints are drawn at random (seeded), so some relations are stated by several articles.

One run, one database: a fresh local Neo4j on a free port with a temporary home (2 GB heap),
unless NEO4J_URI is set (then the LOAD CSV baseline needs --import-dir, the server's import
folder, or it is skipped). In order, each on an emptied database with the writer's schema:

0. warm-up (the JVM compiles as it runs): one writer batch and 1,000 per-row rows, then
   cleared (with 200, the first per-row half ran at a third of the second half's rate);
1. per-row baseline: --sample rows (default 5,000) of articles outside the corpus, one
   transaction per row, each a single MERGE statement doing that row's work; half measured
   before the writer on the empty database, half after LOAD CSV on the full one, so both
   ends of the run (and of the machine's other load) count; rows/s is extrapolated;
2. the writer: the whole corpus in batches of --batch-rows relation rows (one transaction per
   batch) through `PipelinedWriter`, as the GDELT importer calls it (the next batch is
   generated and planned while the previous one is written); rows/s over the whole time,
   generating included; peak RSS of this process and of the Neo4j server (every 0.5 s);
3. LOAD CSV: the same rows as CSV files in the server's import folder, loaded with
   `LOAD CSV WITH HEADERS ... CALL { ... } IN TRANSACTIONS OF <batch-rows> ROWS` (articles
   first, then one file per relation type, since types cannot be parameters).

Prints rows/s for each and the ratios writer/per-row and writer/LOAD CSV, and the node and
relationship counts each produced. With its own server it also prints the CPU seconds the
Neo4j process spent on each (on a machine other work shares, wall time varies with that work;
CPU time much less). Figures, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import random
import resource
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil

from actorgraph import config
from actorgraph.graph.connection import Database
from actorgraph.graph.schema import ensure_schema
from actorgraph.graph.write.writer import PipelinedWriter, write_batch
from actorgraph.records import (
    ACTOR_KINDS,
    ACTOR_LABELS,
    MODALITIES,
    RELATION_STANCE,
    RELATION_TYPES,
    Actor,
    Article,
    ArticleRecords,
    Evidence,
    Relation,
)

SEED = 20250711
VERBS = {"ALLIED_WITH": "is allied with", "COOPERATES_WITH": "cooperates with",
         "SUPPORTS": "supports", "OPPOSES": "opposes", "DETERS": "deters", "LEADS": "leads",
         "MEMBER_OF": "is a member of", "SERVES": "serves", "SPEAKS_FOR": "speaks for"}

# The per-row and LOAD CSV body: the same graph work as the writer for one relation claim
# in graph model 2 (docs/graph-model.md): the article, both actors with the article's MENTIONS
# of them and their evidence_count, the relation with its evidence_count (its claims) and
# modality, the claim with its quote, offsets and date.
ROW_BODY = """
MERGE (a:Article {{id: row.article}})
  ON CREATE SET a.title = row.title, a.outlet = 'Synthetic Wire', a.language = 'en',
    a.kind = 'article', a.published = '2025-07-11', a.published_precision = 'day',
    a.text = row.text, a.sha256 = row.sha256
MERGE (s:Actor {{id: row.source}})
  ON CREATE SET s.name = row.source_name, s.kind = row.source_kind,
    s.search_text = row.source_name
MERGE (t:Actor {{id: row.target}})
  ON CREATE SET t.name = row.target_name, t.kind = row.target_kind,
    t.search_text = row.target_name
MERGE (a)-[:MENTIONS]->(s)
MERGE (a)-[:MENTIONS]->(t)
SET s.evidence_count = COUNT {{ (s)<-[:MENTIONS]-() }},
    t.evidence_count = COUNT {{ (t)<-[:MENTIONS]-() }}
MERGE (s)-[r:{rel_type} {{id: row.rid}}]->(t)
  ON CREATE SET r.stance = {stance}, r.means = [], r.contested = false
MERGE (c:Claim {{id: row.claim}})
  SET c.article_id = row.article, c.fact_id = row.rid, c.fact_type = 'relation',
    c.modality = row.modality, c.attributed_to = [], c.quotes = [row.quote],
    c.starts = [toInteger(row.start)], c.ends = [toInteger(row.end)],
    c.published = '2025-07-11'
MERGE (a)-[:CLAIMS]->(c)
SET r.evidence_count = COUNT {{ MATCH (x:Claim {{fact_id: r.id}}) }}, r.modality = row.modality
"""
ACTOR_RELABEL = "MATCH (n:Actor {kind: $kind}) SET n:%s"


class Corpus:
    """Deterministic synthetic articles; generated batch by batch, never all in memory."""

    def __init__(self, rows: int, actors: int, per_article: int) -> None:
        self.rows, self.per_article = rows, per_article
        self.actors = [Actor(id=f"actor-{i:06d}", name=f"Actor {i}",
                             kind=ACTOR_KINDS[i % len(ACTOR_KINDS)],
                             aliases=(f"A{i}",)) for i in range(actors)]
        self.articles = (rows + per_article - 1) // per_article

    def article(self, index: int, count: int | None = None) -> ArticleRecords:
        """Article `index` of the corpus; beyond it (with `count`) an article outside it."""
        rng = random.Random(SEED + index)
        aid = f"synthetic-{index:07d}"
        if count is None:
            count = min(self.per_article, self.rows - index * self.per_article)
        sentences, relations = [], []
        offset = 0
        involved: dict[str, Actor] = {}
        for _ in range(count):
            source, target = rng.sample(self.actors, 2)
            rel_type = rng.choice(RELATION_TYPES)
            sentence = f"{source.name} {VERBS[rel_type]} {target.name}."
            relations.append(Relation(
                source=source.id, type=rel_type, target=target.id,
                modality=rng.choice(MODALITIES),
                evidence=(Evidence(sentence, offset, offset + len(sentence)),)))
            sentences.append(sentence)
            offset += len(sentence) + 1
            involved[source.id], involved[target.id] = source, target
        text = " ".join(sentences)
        article = Article(id=aid, title=f"Synthetic article {index}", outlet="Synthetic Wire",
                          language="en", text=text,
                          sha256=hashlib.sha256(text.encode()).hexdigest(),
                          published="2025-07-11", published_precision="day")
        return ArticleRecords(article=article, actors=tuple(involved.values()),
                              relations=tuple(relations))

    def batches(self, batch_rows: int) -> Iterator[list[ArticleRecords]]:
        per_batch = max(1, batch_rows // self.per_article)
        for first in range(0, self.articles, per_batch):
            yield [self.article(i) for i in range(first, min(first + per_batch, self.articles))]

    def outside(self, first: int, rows: int) -> list[ArticleRecords]:
        """Articles that are not part of the corpus (indexes from `first` after its end)."""
        count = (rows + self.per_article - 1) // self.per_article
        return [self.article(self.articles + first + i, self.per_article) for i in range(count)]

    def csv_rows(self, bundle: ArticleRecords) -> Iterator[dict]:
        actors = {a.id: a for a in bundle.actors}
        for relation in bundle.relations:
            quote = relation.evidence[0]
            yield {"article": bundle.article.id, "rid": relation.id, "type": relation.type,
                   "source": relation.source, "source_name": actors[relation.source].name,
                   "source_kind": actors[relation.source].kind,
                   "target": relation.target, "target_name": actors[relation.target].name,
                   "target_kind": actors[relation.target].kind,
                   "modality": relation.modality,
                   "claim": f"{bundle.article.id}/relation/{relation.id}",
                   "quote": quote.quote, "start": quote.start, "end": quote.end,
                   "title": bundle.article.title, "text": bundle.article.text,
                   "sha256": bundle.article.sha256}


class PeakRss:
    """Samples a process's RSS every 0.5 s while running (bounded by the run itself)."""

    def __init__(self, pid: int | None) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        if self.pid is None:
            return
        process = psutil.Process(self.pid)
        while not self._stop.wait(0.5):
            try:
                self.peak = max(self.peak, process.memory_info().rss)
            except psutil.Error:
                return

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


class ServerCpu:
    """CPU seconds (user + system) the Neo4j process spends between start() and stop()."""

    def __init__(self, pid: int | None) -> None:
        self.process = psutil.Process(pid) if pid else None
        self.seconds = 0.0

    def _now(self) -> float:
        times = self.process.cpu_times()
        return times.user + times.system

    def __enter__(self) -> ServerCpu:
        self._start = self._now() if self.process else 0.0
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process:
            self.seconds = self._now() - self._start

    def per_row(self, rows: int) -> str:
        return f"{self.seconds * 1e6 / rows:,.0f} us server CPU per row" if self.process else ""


def clear(db: Database) -> None:
    with db.driver.session(database=db.name) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } "
                    "IN TRANSACTIONS OF 10000 ROWS").consume()


def counts(db: Database) -> tuple[int, int]:
    found = db.counts()
    return found["nodes"], found["relationships"]


def per_row(db: Database, corpus: Corpus, bundles: list[ArticleRecords], rows: int) -> float:
    """Seconds for `rows` rows of `bundles`, one transaction (one statement) per row."""
    statements = {t: ROW_BODY.format(rel_type=t, stance=RELATION_STANCE[t])
                  for t in RELATION_TYPES}
    sample = [row for bundle in bundles for row in corpus.csv_rows(bundle)][:rows]
    start = time.perf_counter()
    for row in sample:
        db.write("WITH $row AS row " + statements[row["type"]], row=row)
    return time.perf_counter() - start


def writer_run(db: Database, corpus: Corpus, batch_rows: int, chunk_size: int
               ) -> tuple[float, float, int]:
    """(rows/s, seconds, rows) through `PipelinedWriter`, as `actorgraph import-gdelt` uses
    it: the corpus is generated and planned batch by batch while the previous batch is being
    written, so the seconds include generating the corpus."""
    written, done = 0, 0
    started = time.perf_counter()
    with PipelinedWriter(db, chunk_size=chunk_size) as write:
        for batch in corpus.batches(batch_rows):
            write(batch)
            written += sum(len(b.relations) for b in batch)
            done += 1
            if done % 10 == 0:
                print(f"  writer: {written:,} rows handed over, "
                      f"{written / (time.perf_counter() - started):,.0f} rows/s so far",
                      flush=True)
    seconds = time.perf_counter() - started
    return written / seconds, seconds, written


def write_csv_files(corpus: Corpus, folder: Path, batch_rows: int) -> list[tuple[str, Path]]:
    """One file per relation type (types cannot be parameters), as LOAD CSV reads them."""
    folder.mkdir(parents=True, exist_ok=True)
    relation_fields = ["article", "rid", "source", "source_name", "source_kind", "target",
                       "target_name", "target_kind", "modality", "claim", "quote", "start",
                       "end", "title", "text", "sha256"]
    with contextlib.ExitStack() as stack:
        writers = {}
        for t in RELATION_TYPES:
            handle = stack.enter_context(open(folder / f"relations-{t.lower()}.csv", "w",
                                              newline="", encoding="utf-8"))
            writers[t] = csv.DictWriter(handle, fieldnames=relation_fields,
                                        extrasaction="ignore")
            writers[t].writeheader()
        for batch in corpus.batches(batch_rows):
            for bundle in batch:
                for row in corpus.csv_rows(bundle):
                    writers[row["type"]].writerow(row)
    return [(t, folder / f"relations-{t.lower()}.csv") for t in RELATION_TYPES]


def load_csv_run(db: Database, files: list[tuple[str, Path]], import_dir: Path,
                 batch_rows: int) -> float:
    """Seconds for LOAD CSV of every file, plus the actor kind labels the writer also sets."""
    started = time.perf_counter()
    with db.driver.session(database=db.name) as session:
        for rel_type, path in files:
            url = "file:///" + str(path.relative_to(import_dir))
            body = ROW_BODY.format(rel_type=rel_type, stance=RELATION_STANCE[rel_type])
            session.run(f"LOAD CSV WITH HEADERS FROM '{url}' AS row "
                        f"CALL (row) {{ {body} }} IN TRANSACTIONS OF {batch_rows} ROWS"
                        ).consume()
        for kind, label in ACTOR_LABELS.items():
            session.run(f"MATCH (n:Actor {{kind: $kind}}) "
                        f"CALL (n) {{ SET n:{label} }} IN TRANSACTIONS OF {batch_rows} ROWS",
                        kind=kind).consume()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="relation claims")
    parser.add_argument("--actors", type=int, default=None, help="default: rows / 10")
    parser.add_argument("--per-article", type=int, default=10)
    parser.add_argument("--batch-rows", type=int, default=10_000,
                        help="relation rows per write_batch transaction and per LOAD CSV "
                             "transaction")
    parser.add_argument("--chunk-size", type=int, default=10_000,
                        help="rows per UNWIND statement inside the writer")
    parser.add_argument("--sample", type=int, default=5_000, help="rows of the per-row run")
    parser.add_argument("--import-dir", type=Path, default=None,
                        help="the server's import folder (only with NEO4J_URI)")
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="1g")
    args = parser.parse_args()
    actors = args.actors or max(100, args.rows // 10)
    corpus = Corpus(args.rows, actors, args.per_article)

    server = None
    home = None
    conn = config.configured_connection()
    import_dir = args.import_dir
    server_pid = None
    if conn is None:
        from actorgraph.localdb import LocalNeo4j
        from actorgraph.localdb.probe import free_port

        home = Path(tempfile.mkdtemp(prefix="actorgraph-bench-"))
        server = LocalNeo4j(home=home, port=free_port(), heap=args.heap,
                            pagecache=args.pagecache, tx_timeout="0")
        print(f"starting a local Neo4j in {home} ...", flush=True)
        server.start()
        conn = server.connection()
        import_dir = server.import_dir
        server_pid = server.running_pid()
    db = Database(conn)
    try:
        print(f"corpus: {args.rows:,} relation rows, {actors:,} actors, "
              f"{corpus.articles:,} articles of {args.per_article}; transactions of "
              f"{args.batch_rows:,} rows; machine: {psutil.cpu_count()} cores", flush=True)
        clear(db)
        ensure_schema(db)
        print("warming up ...", flush=True)
        write_batch(db, corpus.outside(0, args.batch_rows), chunk_size=args.chunk_size)
        per_row(db, corpus, corpus.outside(args.batch_rows, 1_000), 1_000)
        clear(db)

        first_half = args.sample // 2
        second_half = args.sample - first_half
        offset = 2 * args.batch_rows
        with ServerCpu(server_pid) as cpu_before:
            before_seconds = per_row(db, corpus, corpus.outside(offset, first_half), first_half)
        print(f"per-row baseline (empty database): {first_half / before_seconds:,.0f} rows/s "
              f"on {first_half:,} rows {cpu_before.per_row(first_half)}", flush=True)
        clear(db)

        with PeakRss(server_pid) as server_rss, ServerCpu(server_pid) as writer_cpu:
            rate, seconds, written = writer_run(db, corpus, args.batch_rows, args.chunk_size)
        writer_counts = counts(db)
        client_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"writer: {written:,} rows at {rate:,.0f} rows/s "
              f"({seconds:,.1f} s, generating the corpus included); "
              f"graph: {writer_counts[0]:,} nodes, {writer_counts[1]:,} relationships; "
              f"{writer_cpu.per_row(written)}", flush=True)
        print(f"peak RSS: this process {client_peak:,.0f} MB"
              + (f", Neo4j server {server_rss.peak / 2**20:,.0f} MB" if server_pid else ""),
              flush=True)

        load_rate = None
        if import_dir is not None:
            clear(db)
            folder = Path(import_dir) / "bench-ingest"
            print("writing the CSV files ...", flush=True)
            files = write_csv_files(corpus, folder, args.batch_rows)
            with ServerCpu(server_pid) as load_cpu:
                seconds = load_csv_run(db, files, Path(import_dir), args.batch_rows)
            load_rate = args.rows / seconds
            load_counts = counts(db)
            print(f"LOAD CSV: {args.rows:,} rows at {load_rate:,.0f} rows/s ({seconds:,.1f} s);"
                  f" graph: {load_counts[0]:,} nodes, {load_counts[1]:,} relationships; "
                  f"{load_cpu.per_row(args.rows)}", flush=True)
            shutil.rmtree(folder, ignore_errors=True)
        else:
            print("LOAD CSV: skipped (NEO4J_URI is set and --import-dir was not given)")

        with ServerCpu(server_pid) as cpu_after:
            after_seconds = per_row(db, corpus, corpus.outside(offset + first_half, second_half),
                                    second_half)
        print(f"per-row baseline (full database): {second_half / after_seconds:,.0f} rows/s "
              f"on {second_half:,} rows {cpu_after.per_row(second_half)}", flush=True)
        per_row_rate = args.sample / (before_seconds + after_seconds)
        print(f"per-row baseline: {per_row_rate:,.0f} rows/s (one transaction per row, "
              f"{args.sample:,} rows measured, extrapolated)")
        print(f"ratio writer / per-row: {rate / per_row_rate:,.1f}x (target >= 50x)")
        if load_rate is not None:
            print(f"ratio writer / LOAD CSV: {rate / load_rate:,.2f}x (target >= 1.0x)")
    finally:
        db.close()
        if server is not None:
            server.stop()
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
