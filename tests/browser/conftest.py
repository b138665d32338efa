"""The real app as a subprocess on a free port, and Debian's Chromium driven by Playwright.

Chromium sees the fonts of a fontconfig file written here, not the machine's: DejaVu alone
(what a fresh Debian has) for every browser test unless it asks for the designed fonts
(`actorgraph.view.fonts`) too, so that the tests pass, or fail, the same on every machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from actorgraph.export.image.browser import CHROMIUM_FLAGS, chromium_path
from actorgraph.graph.connection import Database
from actorgraph.localdb.probe import free_port
from actorgraph.view import fonts
from tests.conftest import ROOT, clear_database

CHROMIUM = chromium_path()
APP_START_TIMEOUT = 60.0
DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_SETS: dict[str, tuple[Path, ...]] = {
    "dejavu": (DEJAVU_DIR,),
    "designed": (fonts.FONT_DIR, DEJAVU_DIR),
}
"""Folders of fonts Chromium may use: DejaVu alone, or the designed fonts and DejaVu."""
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


def ingest_seed(db: Database, env: dict[str, str]) -> None:
    """Empty the test database, then ingest data/articles through the CLI, as `make run` does."""
    clear_database(db)
    result = subprocess.run([sys.executable, "-m", "actorgraph", "ingest",
                             str(ROOT / "data" / "articles")], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def seeded(neo4j_connection, neo4j_env) -> Iterator[Database]:
    """The seed articles, ingested through the CLI into an emptied test database."""
    with Database(neo4j_connection) as db:
        ingest_seed(db, neo4j_env)
        yield db


def wait_for_layout(page) -> None:
    """Until the graph has nodes and they stopped moving (bounded by the page timeout)."""
    page.wait_for_function("""() => {
        if (!window.cy || window.cy.nodes().length === 0) { return false; }
        const now = JSON.stringify(window.cy.nodes().map(n => n.position()));
        const same = window._agLast === now;
        window._agLast = now;
        return same;
    }""", polling=300)


@pytest.fixture(scope="session")
def app_server(neo4j_env, tmp_path_factory) -> Iterator[RunningApp]:
    app = start_app(neo4j_env, tmp_path_factory.mktemp("app") / "app.log")
    yield app
    stop_app(app)


def write_fontconfig(path: Path, font_dirs: tuple[Path, ...], cache_dir: Path) -> Path:
    """A fontconfig file that lets only the fonts in `font_dirs` be used, with the system's
    usual aliases (sans-serif, Arial -> ...). A folder without fonts is an error that names
    the package to install."""
    for folder in font_dirs:
        if not any(folder.glob("*.ttf")):
            package = fonts.DEBIAN_PACKAGE if folder == fonts.FONT_DIR else "fonts-dejavu-core"
            raise RuntimeError(f"no fonts in {folder}: install Debian's {package} "
                               f"(scripts/setup-system.sh installs it)")
    dirs = "".join(f"  <dir>{d}</dir>\n" for d in font_dirs)
    accept = "".join(f"<glob>{d}/*</glob>" for d in font_dirs)
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig>\n{dirs}  <cachedir>{cache_dir}</cachedir>\n"
        '  <include ignore_missing="yes">/etc/fonts/conf.d</include>\n'
        f"  <selectfont><acceptfont>{accept}</acceptfont>"
        "<rejectfont><glob>*</glob></rejectfont></selectfont>\n</fontconfig>\n")
    return path


@pytest.fixture(scope="session")
def fontconfig_files(tmp_path_factory) -> Callable[[str], Path]:
    """The fontconfig file of a font set ("dejavu", "designed"), written when first asked for:
    pass it as FONTCONFIG_FILE to give Chromium (or a CLI export) those fonts alone."""
    folder = tmp_path_factory.mktemp("fonts")
    written: dict[str, Path] = {}

    def file_for(name: str) -> Path:
        if name not in written:
            written[name] = write_fontconfig(folder / f"fonts-{name}.conf", FONT_SETS[name],
                                             folder / "cache")
        return written[name]
    return file_for


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


def launch_chromium(playwright, fontconfig: Path):
    """Chromium that sees only the fonts `fontconfig` lets through."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS,
                                      headless=True,
                                      env={**os.environ, "FONTCONFIG_FILE": str(fontconfig)})


@pytest.fixture(scope="session")
def chromium(playwright_session, fontconfig_files) -> Iterator[object]:
    """Chromium with DejaVu alone, the fonts of a fresh Debian."""
    browser = launch_chromium(playwright_session, fontconfig_files("dejavu"))
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def designed_chromium(playwright_session, fontconfig_files) -> Iterator[object]:
    """Chromium with the designed fonts (and DejaVu)."""
    browser = launch_chromium(playwright_session, fontconfig_files("designed"))
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


@pytest.fixture(scope="session")
def review_data(tmp_path_factory) -> Path:
    """A copy of data/ for the app with review on: its writes never reach the repository."""
    copy = tmp_path_factory.mktemp("review") / "data"
    shutil.copytree(ROOT / "data", copy)
    return copy


@pytest.fixture(scope="session")
def review_server(neo4j_env, review_data, tmp_path_factory) -> Iterator[RunningApp]:
    """The app with the Review page on (`serve --review`), writing into `review_data`."""
    env = {**neo4j_env, "ACTORGRAPH_DATA_DIR": str(review_data)}
    app = start_app(env, tmp_path_factory.mktemp("review-app") / "app.log", ["--review"])
    yield app
    stop_app(app)
