"""Reading GDELT 2.0 rows: fields, checks, rejections with file, line and reason."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from actorgraph.errors import RowRejected, ValidationFailed
from actorgraph.ingest.gdelt.export_file import Rejection, check_format, describe, read_rows
from actorgraph.ingest.gdelt.importer import check_files
from actorgraph.ingest.gdelt.rows import COLUMNS, FIELD_COUNT, GdeltRow, parse_fields
from tests.gdelt_rows import (
    KORGOV,
    NO_ACTOR,
    PRK,
    SEOUL,
    USAGOV,
    fields,
    line,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "gdelt"


def test_columns_are_the_61_of_gdelt_2():
    assert FIELD_COUNT == 61
    assert COLUMNS[0] == "GlobalEventID"
    assert COLUMNS[26:30] == ("EventCode", "EventBaseCode", "EventRootCode", "QuadClass")
    assert COLUMNS[51] == "ActionGeo_Type"
    assert COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_a_row_is_parsed_with_codes_as_strings_and_fips_geo():
    row = parse_fields(fields(1250000001, "20250710", USAGOV, KORGOV, "042", SEOUL,
                              added="20250711120000", url="https://x.example/a",
                              mentions=10, sources=2, articles=9, tone=2.5))
    assert row.global_event_id == 1250000001
    assert row.day == date(2025, 7, 10)
    assert row.date_added == datetime(2025, 7, 11, 12, 0, 0)
    assert (row.event_code, row.base_code, row.root_code, row.quad_class) == (
        "042", "042", "04", 1)
    assert row.goldstein == 1.9
    assert (row.num_mentions, row.num_sources, row.num_articles) == (10, 2, 9)
    assert row.avg_tone == 2.5
    assert row.actor1.code == "USAGOV" and row.actor1.country_code == "USA"
    assert row.actor1.role_codes == ("GOV",)
    assert row.action_geo.fips == "KS" and row.action_geo.adm1 == "KS11"
    assert row.action_geo.type == 4
    assert row.action_geo.lat == pytest.approx(37.5664)
    assert row.action_geo.feature_id == "-716583"
    assert row.source_url == "https://x.example/a"


def test_one_empty_actor_is_fine_and_day_weeks_before_dateadded_is_fine():
    row = parse_fields(fields(7, "20250601", NO_ACTOR, PRK, "112", added="20250711120000"))
    assert row.actor1.is_empty and not row.actor2.is_empty
    assert row.day == date(2025, 6, 1)


@pytest.mark.parametrize(("overrides", "kind", "reason"), [
    ({"GlobalEventID": "abc"}, "bad number",
     "GlobalEventID must be a whole number; found 'abc'"),
    ({"GoldsteinScale": "1,9"}, "bad number", "GoldsteinScale must be a number; found '1,9'"),
    ({"GoldsteinScale": "12.0"}, "bad number",
     "GoldsteinScale must be between -10 and 10; found '12.0'"),
    ({"AvgTone": "nan"}, "bad number", "AvgTone must be between -100 and 100; found 'nan'"),
    ({"NumMentions": "-1"}, "bad number", "NumMentions must be at least 0; found '-1'"),
    ({"ActionGeo_Lat": "95.0"}, "bad number",
     "ActionGeo_Lat must be between -90 and 90; found '95.0'"),
    ({"Day": "20250231"}, "bad date", "Day must be a date YYYYMMDD; found '20250231'"),
    ({"MonthYear": "202506"}, "bad date", "MonthYear '202506' does not match Day '20250710'"),
    ({"DATEADDED": "2025071112"}, "bad date",
     "DATEADDED must be a time YYYYMMDDHHMMSS; found '2025071112'"),
    ({"DATEADDED": "20250701120000"}, "bad date",
     "Day 20250710 is after DATEADDED 20250701120000: an event cannot be reported before it "
     "happens"),
    ({"EventCode": "42"}, "bad CAMEO code",
     "EventCode must be a CAMEO code of 3 or 4 digits; found '42'"),
    ({"EventCode": "0431"}, "bad CAMEO code",
     "EventCode '0431', EventBaseCode '042' and EventRootCode '04' do not nest"),
    ({"QuadClass": "4"}, "bad CAMEO code",
     "QuadClass 4 does not match EventRootCode '04' (expected 1)"),
    ({"ActionGeo_CountryCode": "KOR"}, "bad geo field",
     "ActionGeo_CountryCode must be a 2-letter FIPS code; found 'KOR'"),
    ({"SOURCEURL": ""}, "no SOURCEURL", "SOURCEURL is empty: the row names no reporting article"),
])
def test_bad_fields_are_rejected_with_the_column_and_the_value(overrides, kind, reason):
    values = fields(1, "20250710", USAGOV, KORGOV, "042", SEOUL, **overrides)
    with pytest.raises(RowRejected) as info:
        parse_fields(values)
    assert str(info.value) == reason
    assert info.value.kind == kind


def test_a_row_without_any_actor_is_rejected():
    with pytest.raises(RowRejected, match=r"^no actor: Actor1Code and Actor2Code are both empty$"):
        parse_fields(fields(1, "20250710", NO_ACTOR, NO_ACTOR, "010", SEOUL))


def test_wrong_field_count_is_rejected():
    with pytest.raises(RowRejected, match=r"^expected 61 tab-separated fields, found 60$"):
        parse_fields(fields(1, "20250710", USAGOV, KORGOV, "042")[:-1])


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


def test_check_files_refuses_all_before_writing_when_one_file_is_gdelt_1():
    with pytest.raises(ValidationFailed) as info:
        check_files([FIXTURES / "20250711120000.export.CSV", FIXTURES / "20150101.export.CSV"])
    assert info.value.problems == [check_format(describe(FIXTURES / "20150101.export.CSV"))]
    assert str(info.value).startswith("1 problem found; nothing was written:")


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
