"""File names that say what was exported and when: actorgraph-alliances-2026-11-27.png."""

from __future__ import annotations

import re
from datetime import date

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
