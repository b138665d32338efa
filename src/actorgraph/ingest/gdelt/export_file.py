"""Reading GDELT 2.0 events exports: 61 tab-separated columns, no header, `.CSV` or `.CSV.zip`.

This module reads the files and `rows` checks each row. Every line ends up either as a
`GdeltRow` or as a `Rejection` naming the file, the line and the reason, so an import can
account for every row (read = loaded + rejected). `records` turns rows into records; `importer`
streams files through the writer.

Quirks handled here (see docs/gdelt.md): empty actor fields, FIPS geo country codes, `Day`
weeks or a year before `DATEADDED`, a last line cut off mid-row, GDELT 1.0 files (57/58
columns) handed in by mistake.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from actorgraph.errors import RowRejected, ValidationFailed
from actorgraph.ingest.gdelt.rows import FIELD_COUNT, GDELT1_FIELD_COUNTS, GdeltRow, parse_fields

SNIFF_LINES = 10
"""Lines read up front to tell a GDELT 2.0 events export from anything else."""


REJECTION_KINDS: tuple[str, ...] = (
    "wrong field count", "truncated last line", "no actor", "bad number", "bad date",
    "bad CAMEO code", "bad geo field", "no SOURCEURL", "not UTF-8", "empty line",
)
"""The reasons a line is not loaded, as the import summary groups them."""


@dataclass(frozen=True)
class Rejection:
    """A line that was not loaded: where it is, why, and the start of the line."""

    file: str
    line: int
    kind: str  # one of REJECTION_KINDS
    reason: str
    excerpt: str = ""

    def __str__(self) -> str:
        tail = f" | {self.excerpt}" if self.excerpt else ""
        return f"{self.file}:{self.line}: {self.reason}{tail}"


def excerpt(line: str, width: int = 100) -> str:
    """The start of a line for an error report, tabs shown as '|'."""
    shown = line.replace("\t", "|")
    return shown if len(shown) <= width else shown[:width] + "..."


# -- files -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SourceFile:
    """A GDELT file as the import sees it: a name for messages and its uncompressed size."""

    path: Path
    display: str
    size: int


@contextmanager
def open_source(path: Path) -> Iterator[BinaryIO]:
    """The file's bytes: a `.zip` must hold exactly one member, which is streamed."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) != 1:
                raise ValidationFailed([f"{path}: a GDELT zip holds one CSV file; this one "
                                        f"holds {len(members)}"])
            with archive.open(members[0]) as stream:
                yield stream  # type: ignore[misc]
    else:
        with open(path, "rb") as stream:
            yield stream


def describe(path: Path) -> SourceFile:
    """Name and uncompressed size (for the progress bar), refusing what is not readable."""
    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as archive:
                size = sum(m.file_size for m in archive.infolist())
        else:
            size = path.stat().st_size
    except (OSError, zipfile.BadZipFile) as e:
        raise ValidationFailed([f"{path}: cannot be read: {e}"]) from e
    return SourceFile(path=path, display=str(path), size=size)


def check_format(source: SourceFile) -> str | None:
    """None for a GDELT 2.0 events export; otherwise why the whole file is refused.

    Looks at the first lines only: GDELT 1.0 files (57/58 columns) and files that are not
    events exports at all (mentions, GKG, a spreadsheet) are refused before anything is written.
    """
    counts: list[int] = []
    with open_source(source.path) as stream:
        for raw in stream:
            text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            if text:
                counts.append(len(text.split("\t")))
            if len(counts) >= SNIFF_LINES:
                break
    if not counts:
        return None  # an empty file: nothing to load, nothing to refuse
    if FIELD_COUNT in counts:
        return None
    if all(c in GDELT1_FIELD_COUNTS for c in counts):
        return (f"{source.display}: this is a GDELT 1.0 events file ({counts[0]} columns per "
                f"line); actorgraph reads GDELT 2.0 events exports ({FIELD_COUNT} columns, "
                "files named YYYYMMDDHHMMSS.export.CSV.zip from data.gdeltproject.org/gdeltv2/)")
    return (f"{source.display}: not a GDELT 2.0 events export: line 1 has {counts[0]} "
            f"tab-separated fields, expected {FIELD_COUNT}")


ByteCounter = Callable[[int], object]


def read_rows(source: SourceFile,
              on_bytes: ByteCounter | None = None) -> Iterator[GdeltRow | Rejection]:
    """Every line of the file, in order, as a row or a rejection. Streams: constant memory.

    `on_bytes(n)`, when given, is called with the bytes consumed (for a progress bar).
    """
    with open_source(source.path) as stream:
        yield from _read_stream(stream, source.display, on_bytes)


def _read_stream(stream: BinaryIO | io.BufferedIOBase, display: str,
                 on_bytes: ByteCounter | None) -> Iterator[GdeltRow | Rejection]:
    pending: bytes | None = None
    number = 0
    for raw in stream:
        if pending is not None:
            yield _parse_line(pending, display, number, last=False)
        number += 1
        pending = raw
        if on_bytes is not None:
            on_bytes(len(raw))
    if pending is not None:
        yield _parse_line(pending, display, number, last=True)


def _parse_line(raw: bytes, display: str, number: int, last: bool) -> GdeltRow | Rejection:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        shown = raw.decode("utf-8", errors="replace")
        return Rejection(display, number, "not UTF-8", f"not valid UTF-8 at byte {e.start}",
                         excerpt(shown.rstrip("\r\n")))
    ended = line.endswith("\n")
    line = line.rstrip("\r\n")
    if not line.strip():
        return Rejection(display, number, "empty line", "empty line")
    fields = line.split("\t")
    if last and not ended and len(fields) < FIELD_COUNT:
        return Rejection(display, number, "truncated last line",
                         f"truncated last line: {len(fields)} of {FIELD_COUNT} fields and no "
                         "line end (the file was cut off)", excerpt(line))
    try:
        return parse_fields(fields)
    except RowRejected as e:
        return Rejection(display, number, e.kind, str(e), excerpt(line))
