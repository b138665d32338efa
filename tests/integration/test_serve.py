"""`actorgraph serve` as a user runs it: the waitress server on 127.0.0.1, the web guard
in front of every request, and a clean stop on SIGTERM. Real HTTP against the real app and
the test Neo4j."""

from __future__ import annotations

import http.client
import subprocess
import sys

from tests.browser.conftest import RUNNING, start_app, stop_app

HTTP_TIMEOUT = 30
STOP_TIMEOUT = 20


def get(port: int, path: str, host: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=HTTP_TIMEOUT)
    try:
        conn.putrequest("GET", path, skip_host=True)
        conn.putheader("Host", host)
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


def test_serve_runs_waitress_behind_the_web_guard_and_stops_cleanly(neo4j_env, tmp_path):
    env = dict(neo4j_env, ACTORGRAPH_THREADS="3")
    app = start_app(env, tmp_path / "serve.log")
    try:
        port = int(app.url.rsplit(":", 1)[1])
        log = app.stderr_text()
        assert (f"actorgraph dashboard on http://127.0.0.1:{port}/ — waitress, 3 threads, "
                "at most 100 connections") in log
        assert "development server" not in log

        status, headers, body = get(port, "/", f"127.0.0.1:{port}")
        assert status == 200
        assert b"<title>actorgraph</title>" in body
        assert b"_dash-renderer" in body or b"dash_renderer" in body
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Server"] == "actorgraph"

        status, headers, body = get(port, "/", "evil.example:8050")
        assert status == 400
        assert body.decode() == ("Refused: this dashboard does not answer to the host "
                                 "'evil.example:8050'; add it to ACTORGRAPH_ALLOWED_HOSTS to "
                                 "allow it.\n")
        assert headers["X-Frame-Options"] == "DENY"

        status, _, _ = get(port, "/_dash-layout", "localhost")
        assert status == 200

        app.process.terminate()
        assert app.process.wait(timeout=STOP_TIMEOUT) == 0
        RUNNING.remove(app)
        assert app.stderr_text().rstrip().endswith("actorgraph dashboard stopped")
    finally:
        if app.process.poll() is None:
            stop_app(app)


def test_serve_refuses_zero_threads_before_starting(neo4j_env):
    result = subprocess.run([sys.executable, "-m", "actorgraph", "serve", "--threads", "0"],
                            env=neo4j_env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "Error: ACTORGRAPH_THREADS must be at least 1; found 0" in result.stderr
