"""Reading GDELT 2.0 files: every line a row or a rejection with file, line and reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.errors import ValidationFailed
from actorgraph.ingest.gdelt.export_file import Rejection, check_format, describe, read_rows
from actorgraph.ingest.gdelt.rows import GdeltRow
from tests.gdelt_rows import (
    KORGOV,
    USAGOV,
    fields,
    line,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "gdelt"


def test_fixture_file_every_line_is_a_row_or_a_rejection_naming_file_and_line():
    source = describe(FIXTURES / "20250711120000.export.CSV")
    items = list(read_rows(source))
    assert len(items) == 22
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert sum(isinstance(i, GdeltRow) for i in items) == 17
    shown = [str(r).split(" | ")[0] for r in rejections]
    name = source.display
    assert shown == [
        f"{name}:18: expected 61 tab-separated fields, found 60",
        f"{name}:19: no actor: Actor1Code and Actor2Code are both empty",
        f"{name}:20: GoldsteinScale must be a number; found '1,0'",
        f"{name}:21: Day must be a date YYYYMMDD; found '20251341'",
        f"{name}:22: truncated last line: 21 of 61 fields and no line end (the file was cut off)",
    ]
    assert str(rejections[1]).split(" | ")[1].startswith("1250000019|20250711|202507|2025|")


def test_a_short_last_line_with_a_line_end_is_a_wrong_field_count_not_a_truncation(tmp_path):
    path = tmp_path / "x.export.CSV"
    path.write_text(line(1, "20250710", USAGOV, KORGOV, "042")
                    + "\t".join(fields(2, "20250710", USAGOV, KORGOV, "042")[:20]) + "\n")
    items = list(read_rows(describe(path)))
    assert isinstance(items[0], GdeltRow)
    assert isinstance(items[1], Rejection) and items[1].kind == "wrong field count"


def test_invalid_utf8_and_empty_lines_are_rejected_not_skipped(tmp_path):
    path = tmp_path / "x.export.CSV"
    good = line(1, "20250710", USAGOV, KORGOV, "042").encode()
    path.write_bytes(good + b"\n" + good.replace(b"UNITED STATES", b"UNITED \xff STATES"))
    items = list(read_rows(describe(path)))
    assert [getattr(i, "kind", "row") for i in items] == ["row", "empty line", "not UTF-8"]
    assert [getattr(i, "line", None) for i in items[1:]] == [2, 3]


def test_crlf_line_ends_are_accepted(tmp_path):
    path = tmp_path / "x.export.CSV"
    path.write_bytes(line(1, "20250710", USAGOV, KORGOV, "042").replace("\n", "\r\n").encode())
    (row,) = read_rows(describe(path))
    assert isinstance(row, GdeltRow) and row.source_url == "https://news.example.com/a"


def test_gdelt_1_files_are_refused_with_a_clear_message():
    source = describe(FIXTURES / "20150101.export.CSV")
    assert check_format(source) == (
        f"{source.display}: this is a GDELT 1.0 events file (58 columns per line); actorgraph "
        "reads GDELT 2.0 events exports (61 columns, files named "
        "YYYYMMDDHHMMSS.export.CSV.zip from data.gdeltproject.org/gdeltv2/)")


def test_a_file_that_is_not_an_events_export_is_refused(tmp_path):
    path = tmp_path / "20250711120000.mentions.CSV"
    path.write_text("\t".join(["1"] * 16) + "\n")
    assert check_format(describe(path)) == (
        f"{path}: not a GDELT 2.0 events export: line 1 has 16 tab-separated fields, expected 61")


def test_zip_files_are_streamed(tmp_path):
    import zipfile

    path = tmp_path / "20250711120000.export.CSV.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(FIXTURES / "20250711120000.export.CSV", "20250711120000.export.CSV")
    source = describe(path)
    assert source.size == (FIXTURES / "20250711120000.export.CSV").stat().st_size
    items = list(read_rows(source))
    assert len(items) == 22
    assert sum(isinstance(i, Rejection) for i in items) == 5


def test_unreadable_zip_is_refused(tmp_path):
    path = tmp_path / "broken.export.CSV.zip"
    path.write_bytes(b"not a zip")
    with pytest.raises(ValidationFailed, match=r"broken\.export\.CSV\.zip: cannot be read"):
        describe(path)
