"""The export formats, their file suffixes, and which format a path names."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from actorgraph.errors import ExportFailed


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
