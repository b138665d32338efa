"""Debian's Chromium, driven by Playwright: the one place that knows how to start it.

Playwright never downloads a browser here: it is always given `executable_path`. The flags
keep a headless Chromium from reaching out (no sync, no component updates, no background
networking) and make it start the same way in the CLI, the benchmark and the browser tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from actorgraph import config
from actorgraph.errors import ExportFailed

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

CHROMIUM_FLAGS: list[str] = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def chromium_path() -> str:
    """The Chromium executable (ACTORGRAPH_CHROMIUM, by default Debian's /usr/bin/chromium)."""
    return config.get("ACTORGRAPH_CHROMIUM") or "/usr/bin/chromium"


def launch(playwright: Playwright, executable: str | None = None) -> Browser:
    """A headless Chromium with the project's flags; a clear error when it is missing."""
    path = executable or chromium_path()
    if not Path(path).exists():
        raise ExportFailed(
            f"Chromium not found at {path}: install Debian's chromium package "
            f"(scripts/setup-system.sh --browser) or set ACTORGRAPH_CHROMIUM")
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS, headless=True)
