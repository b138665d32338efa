"""Load benchmark of `actorgraph serve`: the requests of a real explorer page load, replayed
by many concurrent clients against the real server (waitress) and a real Neo4j.

    .venv/bin/python benchmarks/serve_load.py [--clients 50] [--seconds 60] [--threads N]

1. Neo4j: NEO4J_URI when set (used as it is; `--ingest` ingests data/articles into it),
   otherwise a local one on a free port in a temporary folder, with data/articles ingested.
2. `actorgraph serve` as a subprocess on a free 127.0.0.1 port.
3. Chromium (Playwright, /usr/bin/chromium) opens the explorer once with a node selected
   (`--page`) and the script records the requests that page load makes: GET /, the Dash
   layout and dependencies, and every callback POST with its body (the page's content, which
   carries the first view and the filters' options, then details ...). Static assets are left
   out. A first load, not recorded, warms the store.
4. One client replays that sequence for `--baseline-seconds`; then `--clients` clients (one
   thread and one keep-alive connection each) replay it until `--seconds` have passed. Every
   request has a timeout; every loop ends at the deadline.

Prints, per request kind: count, errors, p50/p95/max in ms, for one client and under load,
and the ratio of the p95s; the server's RSS (VmRSS) before, after the load and after an idle
pause; the load average at the start and the end. Figures only, nothing asserted.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from actorgraph import config  # noqa: E402
from actorgraph.export.image.browser import CHROMIUM_FLAGS, chromium_path  # noqa: E402
from actorgraph.localdb import LocalNeo4j  # noqa: E402
from actorgraph.localdb.probe import free_port  # noqa: E402

START_TIMEOUT = 120.0
DEFAULT_PAGE = "/?sel=lavrov"
"""The explorer with Sergey Lavrov (in the seed article) selected: the page load then runs the
details callback too."""
CALLBACK_KINDS = {
    "_pages_content.children": "page-content",  # the explorer's layout with its first view
    "ex-graph.elements": "render",
    "ex-details.children": "details",
    "ex-sources.options": "filter-options",
    "ex-articles.options": "article-options",
    "ex-outlets.options": "outlet-options",
    "ex-banner.children": "health",
}


@dataclass(frozen=True)
class Recorded:
    kind: str
    method: str
    path: str
    body: bytes | None


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, ms: float, ok: bool) -> None:
        with self.lock:
            self.times[kind].append(ms)
            if not ok:
                self.errors[kind] += 1


def callback_kind(body: bytes) -> str:
    output = json.loads(body).get("output", "")
    for marker, kind in CALLBACK_KINDS.items():
        if marker in output:
            return kind
    return output.strip(".").split(".")[0][:24]


def request_kind(method: str, path: str, body: bytes | None) -> str | None:
    """The kind of a page-load request, or None for one not replayed (assets)."""
    if method == "POST" and path.startswith("/_dash-update-component"):
        return callback_kind(body or b"{}")
    if method == "GET" and path.split("?")[0] in ("/", "/_dash-layout", "/_dash-dependencies"):
        return {"/": "page", "/_dash-layout": "layout",
                "/_dash-dependencies": "dependencies"}[path.split("?")[0]]
    return None


WARM_UP_TIMEOUT_MS = 600_000
"""The first page load on a cold store of millions of relationships took minutes (the record
then timed out after 90 s): it warms the store and is not recorded."""


def record_page_load(base_url: str, page_path: str) -> list[Recorded]:
    """The requests Chromium makes to open `page_path` until the explorer is drawn and the
    details panel filled; the second of two loads, the first warms Neo4j and the server."""
    from playwright.sync_api import sync_playwright

    seen: list[Recorded] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS,
                                    headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})

            def open_page() -> None:
                page.goto(base_url + page_path)
                page.locator("#ex-counter-text").wait_for()
                if "sel=" in page_path:
                    page.locator("#ex-details h3").wait_for()
                page.wait_for_load_state("networkidle")

            page.set_default_timeout(WARM_UP_TIMEOUT_MS)
            open_page()
            page.set_default_timeout(90_000)

            def on_request(req) -> None:
                parts = urlsplit(req.url)
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                body = req.post_data_buffer if req.method == "POST" else None
                kind = request_kind(req.method, path, body)
                if kind is not None:
                    seen.append(Recorded(kind, req.method, path, body))

            page.on("request", on_request)
            open_page()
        finally:
            browser.close()
    return seen


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def replay(base_url: str, sequence: list[Recorded], deadline: float, timeout: float,
           tally: Tally, stop: threading.Event) -> None:
    """Replay the page load again and again on one keep-alive connection until `deadline`."""
    parts = urlsplit(base_url)
    conn: http.client.HTTPConnection | None = None
    while time.monotonic() < deadline and not stop.is_set():
        for rec in sequence:
            if time.monotonic() >= deadline:
                break
            if conn is None:
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
            headers = {"Content-Type": "application/json"} if rec.body is not None else {}
            t0 = time.perf_counter()
            ok = False
            try:
                conn.request(rec.method, rec.path, body=rec.body, headers=headers)
                resp = conn.getresponse()
                resp.read()
                ok = resp.status in (200, 204)
                if resp.will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = None
            tally.add(rec.kind, (time.perf_counter() - t0) * 1000, ok)
    if conn is not None:
        conn.close()


def run_clients(base_url: str, sequence: list[Recorded], clients: int, seconds: float,
                timeout: float) -> tuple[Tally, float]:
    tally = Tally()
    stop = threading.Event()
    deadline = time.monotonic() + seconds
    started = time.monotonic()
    threads = [threading.Thread(target=replay, name=f"client-{i}", daemon=True,
                                args=(base_url, sequence, deadline, timeout, tally, stop))
               for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:  # a request in flight at the deadline ends within its timeout
        t.join(max(0.0, deadline - time.monotonic()) + timeout + 5)
    stop.set()
    return tally, time.monotonic() - started


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_server(env: dict[str, str], log_path: Path, threads: int | None
                 ) -> tuple[subprocess.Popen, str]:
    port = free_port()
    args = [sys.executable, "-m", "actorgraph", "serve", "--port", str(port)]
    if threads:
        args += ["--threads", str(threads)]
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"the server exited with {proc.returncode}:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(url + "/", timeout=2) as resp:
                if resp.status == 200:
                    return proc, url
        except OSError:
            pass
        time.sleep(0.3)
    proc.kill()
    sys.exit(f"the server did not answer within {START_TIMEOUT:.0f} s")


def stop_server(proc: subprocess.Popen) -> int | None:
    proc.terminate()
    try:
        return proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
        return None


def ingest_seed(env: dict[str, str]) -> None:
    result = subprocess.run([sys.executable, "-m", "actorgraph", "ingest",
                             str(ROOT / "data" / "articles")], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        sys.exit(f"ingest failed:\n{result.stderr}")


def print_table(title: str, tally: Tally, seconds: float, kinds: list[str]) -> None:
    total = sum(len(v) for v in tally.times.values())
    print(f"\n{title}: {total} requests in {seconds:.1f} s ({total / seconds:.1f}/s)")
    print(f"  {'kind':<24}{'count':>7}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for kind in kinds:
        times = tally.times.get(kind, [])
        print(f"  {kind:<24}{len(times):>7}{tally.errors.get(kind, 0):>8}"
              f"{percentile(times, 0.5):>9.0f}{percentile(times, 0.95):>9.0f}"
              f"{max(times, default=float('nan')):>9.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--baseline-seconds", type=float, default=15.0,
                        help="How long one client alone replays the page load first.")
    parser.add_argument("--timeout", type=float, default=30.0, help="Seconds per request.")
    parser.add_argument("--threads", type=int, default=None,
                        help="The server's threads (default: ACTORGRAPH_THREADS).")
    parser.add_argument("--idle-seconds", type=float, default=30.0,
                        help="Pause after the load before the last RSS reading (the server "
                             "keeps results 10 s and gives their memory back after 10 s "
                             "without requests, on a 10 s tick).")
    parser.add_argument("--page", default=DEFAULT_PAGE, help="The explorer page recorded.")
    parser.add_argument("--ingest", action="store_true",
                        help="With NEO4J_URI: ingest data/articles into it first.")
    args = parser.parse_args()
    if args.clients < 1 or args.seconds <= 0 or args.timeout <= 0:
        sys.exit("--clients, --seconds and --timeout must be positive")

    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"({os.cpu_count()} CPUs)", flush=True)
    work = Path(tempfile.mkdtemp(prefix="serve-load-"))
    neo4j = None
    conn = config.configured_connection()
    try:
        if conn is None:
            neo4j = LocalNeo4j(home=work / "neo4j", port=free_port(), heap="1g",
                               pagecache="512m")
            print("starting Neo4j ...", flush=True)
            neo4j.start()
            conn = neo4j.connection()
        env = dict(os.environ, NEO4J_URI=conn.uri, NEO4J_USERNAME=conn.username,
                   NEO4J_PASSWORD=conn.password or "", PYTHONPATH=str(ROOT / "src"))
        if conn.database:
            env["NEO4J_DATABASE"] = conn.database
        if neo4j is not None or args.ingest:
            ingest_seed(env)
        print(f"Neo4j at {conn.display_uri}", flush=True)

        proc, url = start_server(env, work / "serve.log", args.threads)
        try:
            startup = (work / "serve.log").read_text().splitlines()
            print(f"server pid {proc.pid}: {startup[0] if startup else '?'}", flush=True)
            sequence = record_page_load(url, args.page)
            kinds = list(dict.fromkeys(r.kind for r in sequence))
            print(f"recorded page load of {args.page}: {len(sequence)} requests: "
                  + ", ".join(f"{k} x{sum(r.kind == k for r in sequence)}" for k in kinds),
                  flush=True)
            rss_before = rss_mb(proc.pid)

            single, single_s = run_clients(url, sequence, 1, args.baseline_seconds,
                                           args.timeout)
            print_table("1 client (baseline)", single, single_s, kinds)
            loaded, loaded_s = run_clients(url, sequence, args.clients, args.seconds,
                                           args.timeout)
            print_table(f"{args.clients} clients", loaded, loaded_s, kinds)
            rss_after = rss_mb(proc.pid)
            time.sleep(args.idle_seconds)
            rss_idle = rss_mb(proc.pid)

            print(f"\np95 ratio, {args.clients} clients / 1 client (same run):")
            for kind in kinds:
                one = percentile(single.times.get(kind, []), 0.95)
                many = percentile(loaded.times.get(kind, []), 0.95)
                print(f"  {kind:<24}{many / one if one else float('nan'):>7.1f}x "
                      f"({one:.0f} ms -> {many:.0f} ms)")
            pages_one = len(single.times.get("page", [])) / single_s
            pages_many = len(loaded.times.get("page", [])) / loaded_s
            print(f"page loads per second: 1 client {pages_one:.2f}, {args.clients} clients "
                  f"{pages_many:.2f}")
            print(f"server RSS: before {rss_before:.0f} MB, after the load {rss_after:.0f} MB, "
                  f"after {args.idle_seconds:.0f} s idle {rss_idle:.0f} MB")
            warnings = [line for line in (work / "serve.log").read_text().splitlines()
                        if "WARNING" in line]
            print(f"server log: {len(warnings)} warning lines"
                  + (f", e.g. {warnings[-1][:160]}" if warnings else ""))
        finally:
            code = stop_server(proc)
            print(f"server stopped, exit code {code}")
    finally:
        if neo4j is not None:
            neo4j.stop()
        shutil.rmtree(work, ignore_errors=True)
        print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
