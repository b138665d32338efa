"""The served dashboard against hostile pages and requests: unknown Host headers (DNS
rebinding), framing, console links opened by another site, and failures that must read as a
message rather than a blank HTTP 500. Real HTTP and real Chromium against the real app; the
"other site" is a second HTTP server on 127.0.0.1 (another port: another origin)."""

from __future__ import annotations

import http.client
import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode, urlsplit

import pytest

from actorgraph.dashboard.pages.console import FOREIGN_LINK_NOTICE
from actorgraph.graph.connection import Database
from tests.browser.conftest import start_app, stop_app
from tests.integration.test_console import seed, wipe

SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
MEETING_LINK = "?" + urlencode({
    "q": "MATCH (a:Actor)-[:PARTICIPATED_IN]->(m:Meeting {id: $meeting}) "
         "RETURN a.name AS name ORDER BY name",
    "p": json.dumps({"meeting": "chiefs-of-defence-seoul"}),
})
HTTP_TIMEOUT = 30


@pytest.fixture
def graph(db: Database) -> Iterator[Database]:
    seed(db)
    yield db
    wipe(db)


def request(app_url: str, path: str, host: str | None = None, method: str = "GET",
            body: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """One request to the app's address with the given Host header (default: the address)."""
    parts = urlsplit(app_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=HTTP_TIMEOUT)
    try:
        conn.putrequest(method, path, skip_host=True)
        conn.putheader("Host", host or parts.netloc)
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


def port_of(app_url: str) -> int:
    return urlsplit(app_url).port


# ---------------------------------------------------------------------------------------------
# Host allow-list and headers (HTTP)
# ---------------------------------------------------------------------------------------------

def test_unknown_host_gets_400_and_a_reason_local_hosts_are_served(app_server) -> None:
    port = port_of(app_server.url)
    for path, method in (("/console?q=RETURN%201", "GET"), ("/_dash-update-component", "POST")):
        status, headers, body = request(app_server.url, path, host=f"rebind.example:{port}",
                                        method=method, body=b"{}" if method == "POST" else None)
        assert status == 400, path
        assert headers["Content-Type"] == "text/plain; charset=utf-8"
        assert body.decode() == (
            f"Refused: this dashboard does not answer to the host 'rebind.example:{port}'; "
            "add it to ACTORGRAPH_ALLOWED_HOSTS to allow it.\n")
        assert headers["X-Frame-Options"] == "DENY"

    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}",
                 f"[::1]:{port}", "localhost"):
        status, _headers, body = request(app_server.url, "/console", host=host)
        assert status == 200, host
        assert b'id="react-entry-point"' in body


def test_allowed_hosts_setting_adds_a_name(neo4j_env, tmp_path) -> None:
    env = {**neo4j_env, "ACTORGRAPH_ALLOWED_HOSTS": "graph.example.org, 10.1.2.3"}
    app = start_app(env, tmp_path / "app.log")
    try:
        port = port_of(app.url)
        assert request(app.url, "/", host=f"graph.example.org:{port}")[0] == 200
        assert request(app.url, "/", host="10.1.2.3")[0] == 200
        assert request(app.url, "/", host=f"example.org:{port}")[0] == 400
        assert request(app.url, "/", host=f"other.graph.example.org:{port}")[0] == 400
    finally:
        stop_app(app)


def test_bad_allowed_hosts_setting_stops_serve(neo4j_env, tmp_path) -> None:
    env = {**neo4j_env, "ACTORGRAPH_ALLOWED_HOSTS": "graph.example.org/console"}
    with pytest.raises(RuntimeError) as info:
        start_app(env, tmp_path / "app.log")
    assert ("Error: ACTORGRAPH_ALLOWED_HOSTS: 'graph.example.org/console' is not a host name"
            in str(info.value))


def test_security_headers_on_every_response(app_server) -> None:
    status, _h, index = request(app_server.url, "/console")
    assert status == 200
    script = re.search(rb'src="(/_dash-component-suites/[^"]+)"', index).group(1).decode()
    update = json.dumps({
        "output": "console-history-picker.options",
        "outputs": {"id": "console-history-picker", "property": "options"},
        "inputs": [{"id": "console-history", "property": "modified_timestamp", "value": 1}],
        "changedPropIds": ["console-history.modified_timestamp"],
        "state": [{"id": "console-history", "property": "data", "value": []}],
    }).encode()
    responses = {
        "/": request(app_server.url, "/"),
        "/console": (status, _h, index),
        "/_dash-layout": request(app_server.url, "/_dash-layout"),
        "/_dash-dependencies": request(app_server.url, "/_dash-dependencies"),
        "/assets/console.js": request(app_server.url, "/assets/console.js"),
        script: request(app_server.url, script),
        "/_dash-update-component": request(app_server.url, "/_dash-update-component",
                                           method="POST", body=update,
                                           headers={"Content-Type": "application/json"}),
    }
    for path, (code, headers, _body) in responses.items():
        assert code == 200, path
        assert {name: headers.get(name) for name in SECURITY_HEADERS} == SECURITY_HEADERS, path


def test_failing_callback_answers_with_a_message_not_500(app_server) -> None:
    """A callback that raises (here: a forged history pick) answers 200 with the app's banner
    text instead of an HTTP 500 the page would show as nothing."""
    forged = json.dumps({
        "output": "..console-query.value...console-param-defaults.data..",
        "outputs": [{"id": "console-query", "property": "value"},
                    {"id": "console-param-defaults", "property": "data"}],
        "inputs": [{"id": "console-examples", "property": "value", "value": None},
                   {"id": "console-history-picker", "property": "value", "value": "x"}],
        "changedPropIds": ["console-history-picker.value"],
        "state": [{"id": "console-history", "property": "data", "value": [{"q": "RETURN 1"}]}],
    }).encode()
    status, _headers, body = request(app_server.url, "/_dash-update-component",
                                     method="POST", body=forged,
                                     headers={"Content-Type": "application/json"})
    assert status == 200
    answer = json.loads(body)
    assert answer["sideUpdate"] == {
        "app-error-text": {"children": (
            "Error: the server could not finish this request (ValueError: invalid literal for "
            "int() with base 10: 'x'). The server's log has the details.")},
        "app-error": {"hidden": False},
    }
    assert b"Traceback" not in body


# ---------------------------------------------------------------------------------------------
# Another site's pages, in Chromium
# ---------------------------------------------------------------------------------------------

class OtherSite:
    """A tiny HTTP server on 127.0.0.1 serving the pages a test puts in `pages`."""

    def __init__(self) -> None:
        pages: dict[str, str] = {}
        self.pages = pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                html = pages.get(self.path.split("?")[0])
                data = (html or "not here").encode()
                self.send_response(200 if html else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


@pytest.fixture
def other_site() -> Iterator[OtherSite]:
    site = OtherSite()
    yield site
    site.close()


def page_html(body: str) -> str:
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>elsewhere</title>"
            "<link rel='icon' href='data:,'></head><body>" + body + "</body></html>")


def table_rows(page) -> list[list[str]]:
    return page.locator("#console-table tr:has(td)").evaluate_all(
        "rows => rows.map(r => Array.from(r.querySelectorAll('td')).map(td => td.innerText))")


def assert_waits_for_run(page) -> None:
    """The link's query is shown with the notice and has not run; Run runs it."""
    page.wait_for_selector("#console-link-notice", state="visible")
    assert page.inner_text("#console-link-notice") == FOREIGN_LINK_NOTICE
    assert page.locator("#console-query").input_value().startswith(
        "MATCH (a:Actor)-[:PARTICIPATED_IN]->(m:Meeting {id: $meeting})")
    assert page.locator("input[id*='console-param']").input_value() == "chiefs-of-defence-seoul"
    page.wait_for_load_state("networkidle")
    assert page.locator("#console-rowcount").count() == 0
    assert table_rows(page) == []

    page.click("#console-run")
    page.wait_for_selector("#console-rowcount")
    assert page.inner_text("#console-rowcount") == "3 rows"
    assert table_rows(page) == [["Japan"], ["South Korea"], ["United States"]]
    assert not page.locator("#console-link-notice").is_visible()


def test_link_from_another_origin_waits_for_run_the_same_link_typed_runs(
        page, app_server, graph, other_site) -> None:
    """A link (even with rel=noreferrer) on a page of another origin, 127.0.0.1:other-port,
    does not run; the same address typed, or opened by a page of the app, runs at once."""
    target = f"{app_server.url}/console{MEETING_LINK}"
    other_site.pages["/link.html"] = page_html(
        f"<a id='go' rel='noreferrer' href='{target}'>see this</a>")
    page.goto(other_site.url("/link.html"))
    page.click("#go")
    page.wait_for_url(target)
    assert_waits_for_run(page)

    page.goto(target)  # as typed in the address bar: Sec-Fetch-Site none
    page.wait_for_selector("#console-rowcount")
    assert page.inner_text("#console-rowcount") == "3 rows"
    assert not page.locator("#console-link-notice").is_visible()

    page.goto(f"{app_server.url}/dyads")  # a page of the app opens the link: same-origin
    page.wait_for_selector("#react-entry-point")
    page.evaluate("url => { window.location.href = url; }", target)
    page.wait_for_url(target)
    page.wait_for_selector("#console-rowcount")
    assert table_rows(page) == [["Japan"], ["South Korea"], ["United States"]]
    assert not page.locator("#console-link-notice").is_visible()


def test_window_open_from_another_site_does_not_run(page, app_server, graph,
                                                    other_site) -> None:
    """window.open from a page on another site (localhost, not 127.0.0.1)."""
    target = f"{app_server.url}/console{MEETING_LINK}"
    other_site.pages["/open.html"] = page_html(
        f"<button id='go' onclick='window.open({json.dumps(target)})'>open</button>")
    page.goto(other_site.url("/open.html", host="localhost"))
    with page.context.expect_page() as opened:
        page.click("#go")
    popup = opened.value
    popup.set_default_timeout(60_000)
    popup.wait_for_load_state()
    assert popup.url == target
    assert_waits_for_run(popup)


def test_app_refuses_to_be_framed(chromium, app_server, other_site) -> None:
    """Another site's iframe of the console stays empty: the app never starts inside it."""
    context = chromium.new_context()
    try:
        pg = context.new_page()
        messages: list[str] = []
        pg.on("console", lambda msg: messages.append(msg.text))
        other_site.pages["/frame.html"] = page_html(
            f"<iframe id='f' src='{app_server.url}/console{MEETING_LINK}'></iframe>")
        pg.goto(other_site.url("/frame.html"), wait_until="load", timeout=60_000)
        frame = pg.frame_locator("#f")
        assert frame.locator("#react-entry-point").count() == 0
        assert any("frame-ancestors 'none'" in m for m in messages), messages
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------
# Failures read as messages
# ---------------------------------------------------------------------------------------------

def test_deeply_nested_link_parameters_show_a_message(page, app_server) -> None:
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 500
            else None)
    deep = "[" * 5000 + "]" * 5000
    page.goto(f"{app_server.url}/console?" + urlencode({"q": "RETURN $x AS x",
                                                        "p": '{"x": ' + deep + "}"}))
    page.wait_for_selector("#console-error")
    assert page.inner_text("#console-error") == (
        "The link's p= value is nested more than 100 levels deep (ACTORGRAPH_QUERY_MAX_DEPTH); "
        "the parameters were left empty.")
    assert page.locator("#console-query").input_value() == "RETURN $x AS x"
    assert page.locator("#console-rowcount").count() == 0
    assert failed == []


def test_deeply_nested_typed_parameter_shows_a_message(page, app_server) -> None:
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 500
            else None)
    page.goto(f"{app_server.url}/console")
    page.wait_for_selector("#console-query")
    page.fill("#console-query", "RETURN $x AS x")
    page.wait_for_selector("input[id*='console-param']")
    page.fill("input[id*='console-param']", "[" * 5000 + "]" * 5000)
    page.click("#console-run")
    page.wait_for_selector("#console-error")
    assert page.inner_text("#console-error").strip() == (
        "Refused: Parameter $x is nested more than 100 levels deep (ACTORGRAPH_QUERY_MAX_DEPTH)")
    assert page.locator("#console-rowcount").count() == 0
    assert failed == []
