"""One GDELT 2.0 row: its fields, the checks of their values, the reason of a rejection."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from actorgraph.errors import RowRejected
from actorgraph.ingest.gdelt.rows import COLUMNS, FIELD_COUNT, parse_fields
from tests.gdelt_rows import (
    KORGOV,
    NO_ACTOR,
    PRK,
    SEOUL,
    USAGOV,
    fields,
)


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
