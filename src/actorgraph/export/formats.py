"""What `actorgraph export` and the app's export panel offer: the formats, their file suffixes
and which format a path names; the file names a download gets; the views, layouts and
backgrounds to choose from.

Light enough for the CLI to import when it starts (the modules that act on these choices
import Dash's helpers, the driver, Playwright).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from actorgraph.errors import ExportFailed

VIEW_ALIASES: dict[str, str] = {"alliances": "alliances", "events": "events",
                                "all": "everything", "everything": "everything"}
LAYOUT_NAMES: tuple[str, ...] = ("force", "hierarchical", "concentric", "grid")
"""The explorer's layouts (view/explorer.layout_options)."""
BACKGROUNDS: dict[str, str | None] = {"white": "#ffffff", "transparent": None}


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]  # the first is the one new files get
    mime: str
    image: bool

    @property
    def suffix(self) -> str:
        return self.suffixes[0]


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("png", (".png",), "image/png", image=True),
    Format("jpg", (".jpg", ".jpeg"), "image/jpeg", image=True),
    Format("svg", (".svg",), "image/svg+xml", image=True),
    Format("graphml", (".graphml", ".xml"), "application/graphml+xml", image=False),
    Format("json", (".json", ".cyjs"), "application/json", image=False),
    Format("csv", (".csv", ".zip"), "text/csv", image=False),
)}
IMAGE_FORMATS: tuple[str, ...] = tuple(n for n, f in FORMATS.items() if f.image)
DATA_FORMATS: tuple[str, ...] = tuple(n for n, f in FORMATS.items() if not f.image)


def format_for(path: Path, given: str | None = None) -> Format:
    """The format of an output path: `given` (checked against the suffix) or the suffix's."""
    suffix = path.suffix.lower()
    if given is not None:
        fmt = FORMATS[given.lower()]
        if suffix not in fmt.suffixes:
            raise ExportFailed(
                f"--out {path} does not end in {' or '.join(fmt.suffixes)} as --format "
                f"{fmt.name} needs; name the file {path.with_suffix(fmt.suffix).name}")
        return fmt
    for fmt in FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt
    known = ", ".join(s for f in FORMATS.values() for s in f.suffixes)
    raise ExportFailed(
        f"--out {path}: cannot tell the format from {suffix or 'a name without a suffix'!r}; "
        f"use one of {known} or give --format")


# File names that say what was exported and when: actorgraph-alliances-2026-11-27.png.

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def slug(text: str) -> str:
    """`text` as a file-name part: letters, digits, '.', '_' and '-' only, no leading dots."""
    cleaned = _UNSAFE.sub("-", text.strip()).strip("-.")
    return cleaned[:60].rstrip("-.") or "graph"


def export_stem(view: str, day: date | None = None) -> str:
    """actorgraph-<view>-<YYYY-MM-DD>, the date being today unless given."""
    return f"actorgraph-{slug(view)}-{(day or date.today()).isoformat()}"


def export_filename(view: str, suffix: str, day: date | None = None) -> str:
    """The download name for `view` in the format with `suffix` ('.png', '.zip', ...)."""
    return export_stem(view, day) + suffix
