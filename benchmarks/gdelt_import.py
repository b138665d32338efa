"""`actorgraph import-gdelt` on a GDELT 2.0-shaped events file, against Neo4j's LOAD CSV.

    .venv/bin/python benchmarks/gdelt_import.py [--rows 1000000] [--batch-size 5000]
        [--shape synthetic|real]

--shape synthetic (default): random rows with GDELT's skews (below). --shape real: a real GDELT
2.0 file (tests/fixtures/gdelt/20191024143000.export.CSV, 43 rows) as a stream: every
15-minute file of a day is that file again with new GlobalEventIDs, DATEADDED and SOURCEURLs,
96 files a day, the days one after another - the same hub states and codes every day, new
events each day, the same event reported by every file of its day.

One run, one database (a fresh local Neo4j on a free port with a temporary home, unless
NEO4J_URI is set; then pass --import-dir, the server's import folder, for the baseline):

1. writes a GDELT-shaped file of --rows rows (61 columns, skewed actors and CAMEO codes, visit
   pairs, empty actors, Day before DATEADDED) and a file of its first tenth (at most 100k rows);
2. imports the small file, then the full file, each in a subprocess (this script with
   --child: the importer and PipelinedWriter as `actorgraph import-gdelt` runs them, printing
   when each batch is committed) on an emptied database: rows/s overall, of the first and
   the last 100k rows (their ratio shows whether the import slows down as the graph grows),
   and the importer's peak RSS (from wait4) - a flat peak RSS between the two sizes shows
   memory does not grow with the file;
3. loads the full file with LOAD CSV (graph/write/load_csv_baseline.py) on the emptied database:
   an Event per row, its actors, article and place, no validation, no claims, no merging
   by identity - the floor of what Neo4j itself needs for these rows.

Prints figures, the load average, and the ratio of import-gdelt's rows/s to LOAD CSV's. Not a
pass/fail test.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from actorgraph import config
from actorgraph.config import Neo4jConnection
from actorgraph.graph.connection import Database
from actorgraph.graph.write.load_csv_baseline import clear_graph, graph_counts, load_csv_baseline
from actorgraph.localdb import LocalNeo4j

# (ISO-3 actor code, FIPS geo code, weight): a skew like GDELT's, big states first.
COUNTRIES = [
    ("USA", "US", 30), ("CHN", "CH", 10), ("RUS", "RS", 10), ("GBR", "UK", 6), ("UKR", "UP", 6),
    ("ISR", "IS", 5), ("IND", "IN", 5), ("JPN", "JA", 4), ("KOR", "KS", 4), ("PRK", "KN", 3),
    ("DEU", "GM", 4), ("FRA", "FR", 4), ("IRN", "IR", 3), ("TUR", "TU", 3), ("PAK", "PK", 2),
    ("CAN", "CA", 2), ("AUS", "AS", 2), ("SYR", "SY", 2), ("SAU", "SA", 2), ("MEX", "MX", 2),
    ("BRA", "BR", 1), ("POL", "PL", 1), ("ITA", "IT", 1), ("ESP", "SP", 1), ("TWN", "TW", 1),
    ("PHL", "RP", 1), ("VNM", "VM", 1), ("EGY", "EG", 1), ("NGA", "NI", 1), ("ZAF", "SF", 1),
]
ROLES = ["", "", "GOV", "GOV", "MIL", "BUS", "CVL", "OPP", "MED", "JUD"]
ROOT_WEIGHTS = {"01": 20, "02": 5, "03": 8, "04": 25, "05": 5, "06": 2, "07": 2, "08": 2,
                "09": 1, "10": 2, "11": 6, "12": 2, "13": 2, "14": 2, "15": 1, "16": 1,
                "17": 4, "18": 2, "19": 4, "20": 1}
QUAD = {r: 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4 for r in range(1, 21)}
PLACES_PER_COUNTRY = 200
GEO_COLUMNS = 8


def cameo_codes() -> tuple[list[tuple[str, float]], list[float]]:
    """(code, goldstein) of every 3- and 4-digit code, with weights by root code."""
    path = Path(__file__).resolve().parents[1] / "data" / "cameo-goldstein.tsv"
    codes = []
    for line in path.read_text().splitlines()[1:]:
        code, score = line.split("\t")
        if len(code) >= 3:
            codes.append((code, float(score)))
    weights = [ROOT_WEIGHTS[c[:2]] / (2 if len(c) == 4 else 1) for c, _ in codes]
    return codes, weights


def write_synthetic(path: Path, rows: int, small_path: Path, small_rows: int,
                    seed: int = 20250711) -> None:
    """GDELT 2.0-shaped rows; the first `small_rows` also go to `small_path`."""
    rng = random.Random(seed)
    codes, code_weights = cameo_codes()
    country_weights = [w for _, _, w in COUNTRIES]
    start = datetime(2025, 7, 1)
    with open(path, "w", encoding="utf-8") as out, \
            open(small_path, "w", encoding="utf-8") as small:
        pending_host: list[str] | None = None
        for i in range(rows):
            added = start + timedelta(minutes=15 * (i // 1000))
            if pending_host is not None:  # the 043 half of a visit pair
                fields, pending_host = pending_host, None
                fields[0] = str(1_200_000_000 + i)
            else:
                fields = _row(rng, i, added, codes, code_weights, country_weights)
                if fields[26] == "042" and rng.random() < 0.5:
                    pending_host = _host_half(fields)
            text = "\t".join(fields) + "\n"
            out.write(text)
            if i < small_rows:
                small.write(text)


REAL_FILE = Path(__file__).resolve().parents[1] / "tests/fixtures/gdelt/20191024143000.export.CSV"
FILES_PER_DAY = 96


def write_real_stream(path: Path, rows: int, small_path: Path, small_rows: int) -> None:
    """REAL_FILE again and again (see the module docstring); the first `small_rows` also go
    to `small_path`."""
    template = [line.rstrip("\n").split("\t") for line in
                REAL_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    written = 0
    copy = 0
    with open(path, "w", encoding="utf-8") as out, \
            open(small_path, "w", encoding="utf-8") as small:
        while written < rows:
            day, slot = divmod(copy, FILES_PER_DAY)
            for fields in template:
                if written >= rows:
                    break
                row = list(fields)
                row[0] = str(1_000_000_000 + written)
                event_day = datetime.strptime(row[1], "%Y%m%d") + timedelta(days=day)
                row[1], row[2], row[3] = (f"{event_day:%Y%m%d}", f"{event_day:%Y%m}",
                                          f"{event_day:%Y}")
                row[4] = f"{event_day.year + event_day.timetuple().tm_yday / 365:.4f}"
                # DATEADDED moves with the day and the slot (never before the event's Day)
                added = (datetime.strptime(row[59], "%Y%m%d%H%M%S")
                         + timedelta(days=day, minutes=15 * slot))
                row[59] = f"{added:%Y%m%d%H%M%S}"
                row[60] = f"{row[60]}?copy={copy}"
                text = "\t".join(row) + "\n"
                out.write(text)
                if written < small_rows:
                    small.write(text)
                written += 1
            copy += 1


def _actor(rng: random.Random, country_weights: list[int]) -> tuple[list[str], str]:
    iso3, fips, _ = rng.choices(COUNTRIES, weights=country_weights)[0]
    role = rng.choice(ROLES)
    return [iso3 + role, f"NAME OF {iso3}{' ' + role if role else ''}", iso3, "", "", "", "",
            role, "", ""], fips


def _geo(rng: random.Random, fips: str) -> list[str]:
    kind = rng.random()
    if kind < 0.1:
        return [""] * GEO_COLUMNS
    if kind < 0.3:  # country level: one centroid per country, as GDELT gives it
        lat, lon = ord(fips[0]) * 7 % 120 - 60, ord(fips[1]) * 13 % 340 - 170
        return ["1", f"Country {fips}", fips, fips, "", f"{lat:.4f}", f"{lon:.4f}", fips]
    n = rng.randrange(PLACES_PER_COUNTRY)
    adm1 = f"{fips}{n % 20:02d}"
    return ["4", f"Town {n}, Province {n % 20}, {fips}", fips, adm1, "",
            f"{(n % 170) - 85 + 0.5:.4f}", f"{(n * 7 % 340) - 170 + 0.5:.4f}", f"-{fips}{n}"]


def _row(rng: random.Random, i: int, added: datetime, codes: list[tuple[str, float]],
         code_weights: list[float], country_weights: list[int]) -> list[str]:
    code, goldstein = rng.choices(codes, weights=code_weights)[0]
    a1, fips1 = _actor(rng, country_weights)
    a2, fips2 = _actor(rng, country_weights)
    r = rng.random()
    if r < 0.08:
        a1 = [""] * 10
    elif r < 0.30:
        a2 = [""] * 10
    back = rng.random()
    days = 0 if back < 0.8 else rng.randrange(1, 31) if back < 0.95 else rng.randrange(31, 366)
    day = added.date() - timedelta(days=days)
    action = _geo(rng, rng.choice((fips1, fips2)))
    root = code[:2]
    url_id = i // 3 + rng.randrange(3)
    return [
        str(1_200_000_000 + i), f"{day:%Y%m%d}", f"{day:%Y%m}", f"{day:%Y}",
        f"{day.year + day.timetuple().tm_yday / 365:.4f}",
        *a1, *a2, "1" if rng.random() < 0.6 else "0", code, code[:3], root,
        str(QUAD[int(root)]), f"{goldstein:.1f}", str(rng.randrange(1, 40)),
        str(rng.randrange(1, 5)), str(rng.randrange(1, 40)), f"{rng.uniform(-10, 5):.4f}",
        *(action if a1[0] else [""] * GEO_COLUMNS), *(action if a2[0] else [""] * GEO_COLUMNS),
        *action, f"{added:%Y%m%d%H%M%S}",
        f"https://news{url_id % 97}.example.com/{added:%Y/%m/%d}/story-{url_id}",
    ]


def _host_half(made: list[str]) -> list[str]:
    """The 043 row GDELT codes for the host side of a 042 visit: actors swapped."""
    hosted = list(made)
    hosted[5:15], hosted[15:25] = made[15:25], made[5:15]
    hosted[35:43], hosted[43:51] = made[43:51], made[35:43]
    hosted[26] = hosted[27] = "043"
    hosted[30] = "2.8"
    return hosted


SEGMENT = 100_000
"""Rows at the start and the end of an import whose rates are compared."""


@dataclass
class Run:
    rows: int
    seconds: float
    peak_rss_mb: float
    exit_code: int
    last_lines: str
    commits: list[tuple[int, float]]  # (rows committed so far, seconds since the start)

    def rate_between(self, low: int, high: int) -> float | None:
        """Rows/s from the commit that reached `low` rows to the one that reached `high`."""
        start = next(((n, t) for n, t in self.commits if n >= low), None) if low else (0, 0.0)
        end = next(((n, t) for n, t in self.commits if n >= high), None)
        if start is None or end is None or end[1] <= start[1]:
            return None
        return (end[0] - start[0]) / (end[1] - start[1])

    def first_and_last(self) -> tuple[float | None, float | None]:
        segment = min(SEGMENT, self.rows // 2)
        total = self.commits[-1][0] if self.commits else 0
        last_start = max((n for n, _ in self.commits if n <= total - segment), default=0)
        return self.rate_between(0, segment), self.rate_between(last_start, total)


def empty_database(conn: Neo4jConnection, server: LocalNeo4j | None) -> None:
    """An empty graph: the local server's store is deleted and recreated (seconds, where
    deleting a million nodes in Cypher takes many minutes); NEO4J_URI's is emptied in Cypher.
    Open a new Database afterwards: a driver's bookmarks point into the deleted store."""
    if server is None:
        with Database(conn) as db:
            clear_graph(db)
        return
    server.stop()
    for part in ("databases", "transactions"):
        shutil.rmtree(server.home / "data" / part / "neo4j", ignore_errors=True)
    server.start()


def run_import(path: Path, rows: int, env: dict[str, str], batch_size: int,
               bulk: bool = False) -> Run:
    cmd = ([sys.executable, "-m", "actorgraph", "import-gdelt", str(path), "--no-progress",
            "--batch-size", str(batch_size), "--bulk"] if bulk else
           [sys.executable, __file__, "--child", str(path), "--batch-size", str(batch_size)])
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    assert proc.stdout is not None
    commits: list[tuple[int, float]] = []
    output: list[str] = []
    for line in proc.stdout:
        if line.startswith("committed "):
            commits.append((int(line.split()[1]), time.perf_counter() - t0))
        else:
            output.append(line.rstrip())
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    tail = "\n".join("    " + line for line in output[-4:])
    return Run(rows, seconds, usage.ru_maxrss / 1024, proc.returncode, tail, commits)


def child_import(path: Path, batch_size: int) -> None:
    """What `actorgraph import-gdelt` runs, printing `committed <rows>` after each batch."""
    from actorgraph.graph.connection import connect
    from actorgraph.graph.write.writer import PipelinedWriter
    from actorgraph.ingest.gdelt.importer import import_gdelt

    with connect(start_local=False) as db, PipelinedWriter(db) as writer:
        handed: list[int] = []

        def write(bundles):
            done = writer(bundles)
            handed.append(sum(1 for b in bundles for e in b.events for _ in e.gdelt))
            print(f"committed {sum(handed[:writer.committed])}", flush=True)
            return done

        def finish():
            reports = writer.finish()
            print(f"committed {sum(handed)}", flush=True)
            return reports

        summary = import_gdelt([path], write, batch_size=batch_size, finish=finish)
    for line in summary.lines():
        print(line)


def time_bulk(full: Path, rows: int, conn: Neo4jConnection, server: LocalNeo4j,
              batch_size: int) -> Run:
    """`import-gdelt --bulk` of `full` into the emptied local server, end to end."""
    empty_database(conn, server)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(ACTORGRAPH_NEO4J_HOME=str(server.home), ACTORGRAPH_NEO4J_PORT=str(server.port),
               ACTORGRAPH_NEO4J_LIB=str(server.lib_root), ACTORGRAPH_NEO4J_HEAP=server.heap,
               ACTORGRAPH_NEO4J_PAGECACHE=server.pagecache,
               ACTORGRAPH_NEO4J_TX_TIMEOUT=server.tx_timeout)
    bulk = run_import(full, rows, env, batch_size, bulk=True)
    with Database(server.connection()) as db:
        counts = graph_counts(db)
    print(f"import-gdelt --bulk {rows:>9} rows: {bulk.seconds:8.1f} s, "
          f"{rows / bulk.seconds:8.0f} rows/s, peak RSS {bulk.peak_rss_mb:6.0f} MB (the largest "
          f"of the command and neo4j-admin), exit {bulk.exit_code} (end to end: server stop and "
          f"start, indexes); {load()}\n{bulk.last_lines}")
    print(f"graph after --bulk:       {counts}", flush=True)
    return bulk


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--import-dir", type=Path, default=None,
                        help="The server's import folder (only with NEO4J_URI).")
    parser.add_argument("--shape", choices=("synthetic", "real"), default="synthetic")
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--bulk", action="store_true",
                        help="Also time `import-gdelt --bulk` of the full file (local server "
                             "only) and print its ratio to the online import.")
    args = parser.parse_args()
    if args.child is not None:
        child_import(args.child, args.batch_size)
        return
    small_rows = min(100_000, max(1, args.rows // 10))

    server = None
    conn = config.configured_connection()
    if conn is None:
        from actorgraph.localdb.probe import free_port

        server = LocalNeo4j(home=Path(tempfile.mkdtemp(prefix="gdelt-bench-")),
                            port=free_port(), heap="2g", pagecache="1g", tx_timeout="0s")
        server.start()
        conn = server.connection()
        import_dir = server.import_dir
    elif args.import_dir is None:
        sys.exit("With NEO4J_URI set, pass --import-dir (the server's import folder) so that "
                 "LOAD CSV can read the file.")
    else:
        import_dir = args.import_dir
    env = dict(os.environ, NEO4J_URI=conn.uri, NEO4J_USERNAME=conn.username,
               NEO4J_PASSWORD=conn.password or "")
    try:
        full = import_dir / "bench.export.CSV"
        small = import_dir / "bench-small.export.CSV"
        t0 = time.perf_counter()
        (write_real_stream if args.shape == "real" else write_synthetic)(
            full, args.rows, small, small_rows)
        print(f"{args.shape} file: {args.rows} rows, {full.stat().st_size / 2**20:.0f} MiB, "
              f"written in {time.perf_counter() - t0:.1f} s; {load()}", flush=True)
        runs = []
        for path, rows in ((small, small_rows), (full, args.rows)):
            empty_database(conn, server)
            run = run_import(path, rows, env, args.batch_size)
            runs.append(run)
            first, last = run.first_and_last()
            print(f"import-gdelt {rows:>9} rows: {run.seconds:8.1f} s, "
                  f"{rows / run.seconds:8.0f} rows/s, peak RSS {run.peak_rss_mb:6.0f} MB, "
                  f"exit {run.exit_code}; {load()}\n{run.last_lines}", flush=True)
            if first and last:
                print(f"    first {min(SEGMENT, rows // 2):,} rows {first:,.0f} rows/s, last "
                      f"{min(SEGMENT, rows // 2):,} rows {last:,.0f} rows/s: last / first "
                      f"{last / first:.2f}x (target >= 0.9x)", flush=True)
        with Database(conn) as db:
            imported = graph_counts(db)
        if args.bulk and server is not None:
            bulk = time_bulk(full, args.rows, conn, server, args.batch_size)
            print(f"ratio --bulk / online import-gdelt (rows/s): "
                  f"{runs[1].seconds / bulk.seconds:.2f}x (target >= 3x)", flush=True)
        empty_database(conn, server)
        with Database(conn) as db:  # a new driver: no bookmark from the deleted store
            t0 = time.perf_counter()
            load_csv_baseline(db, full.name)
            baseline = time.perf_counter() - t0
            loaded = graph_counts(db)
        print(f"LOAD CSV     {args.rows:>9} rows: {baseline:8.1f} s, "
              f"{args.rows / baseline:8.0f} rows/s (server side; no validation, no claims); "
              f"{load()}")
        print(f"graph after import-gdelt: {imported}")
        print(f"graph after LOAD CSV:     {loaded}")
        small_run, full_run = runs
        print(f"peak RSS {small_rows} rows -> {args.rows} rows: {small_run.peak_rss_mb:.0f} MB "
              f"-> {full_run.peak_rss_mb:.0f} MB "
              f"(x{full_run.peak_rss_mb / small_run.peak_rss_mb:.2f} for "
              f"x{args.rows / small_rows:.0f} the rows)")
        print(f"ratio import-gdelt / LOAD CSV (rows/s): {baseline / full_run.seconds:.2f}x "
              f"(time: {full_run.seconds / baseline:.2f}x LOAD CSV's)")
    finally:
        if server is not None:
            server.stop()
            shutil.rmtree(server.home, ignore_errors=True)  # the store and the 1M-row file


if __name__ == "__main__":
    main()
