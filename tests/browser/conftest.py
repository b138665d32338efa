"""The real app as a subprocess on a free port, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from actorgraph.export.browser import CHROMIUM_FLAGS, chromium_path
from actorgraph.localdb.launcher import free_port

CHROMIUM = chromium_path()
APP_START_TIMEOUT = 60.0
RUNNING: list[RunningApp] = []
"""Apps started and not stopped yet: a failed test prints the log of each (a test may use an
app of its own, such as one with small caps, rather than `app_server`)."""


@dataclass
class RunningApp:
    url: str
    process: subprocess.Popen
    log_path: object = None

    def stderr_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path else ""


def start_app(env: dict[str, str], log_path, extra_args: list[str] | None = None) -> RunningApp:
    """Start `actorgraph serve` on a free port and wait (bounded) until it answers."""
    port = free_port()
    with open(log_path, "wb") as log:  # the child keeps its own handle
        proc = subprocess.Popen(
            [sys.executable, "-m", "actorgraph", "serve", "--port", str(port),
             *(extra_args or [])],
            env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    app = RunningApp(url=f"http://127.0.0.1:{port}", process=proc, log_path=log_path)
    RUNNING.append(app)
    deadline = time.monotonic() + APP_START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited with {proc.returncode}:\n{app.stderr_text()}")
        try:
            with urllib.request.urlopen(app.url + "/", timeout=2) as resp:
                if resp.status == 200:
                    return app
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    stop_app(app)
    raise RuntimeError(f"the app did not answer within {APP_START_TIMEOUT} s:\n"
                       f"{app.stderr_text()}")


def stop_app(app: RunningApp) -> None:
    if app in RUNNING:
        RUNNING.remove(app)
    app.process.terminate()
    try:
        app.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        app.process.kill()
        app.process.wait(timeout=10)


@pytest.fixture(scope="session")
def app_server(neo4j_env, tmp_path_factory) -> Iterator[RunningApp]:
    app = start_app(neo4j_env, tmp_path_factory.mktemp("app") / "app.log")
    yield app
    stop_app(app)


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@dataclass
class ConsoleWatch:
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def page(chromium, app_server, request) -> Iterator[object]:
    """A fresh page; the test fails if the browser console shows an error."""
    context = chromium.new_context(viewport={"width": 1400, "height": 900},
                                   accept_downloads=True)
    pg = context.new_page()
    watch = ConsoleWatch()
    pg.on("console", lambda msg: watch.errors.append(msg.text) if msg.type == "error" else None)
    pg.on("pageerror", lambda exc: watch.errors.append(str(exc)))
    # Generous: a first query compiles its plan, slow on a loaded 2-core machine (not asserted).
    pg.set_default_timeout(60_000)
    yield pg
    context.close()
    failed = request.node.rep_call.failed if hasattr(request.node, "rep_call") else False
    if failed:
        for app in RUNNING:
            sys.stderr.write(f"\n--- app log ({app.url}) ---\n{app.stderr_text()[-4000:]}\n")
    assert watch.errors == [], f"browser console errors: {watch.errors}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)
