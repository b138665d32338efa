"""One row of a GDELT 2.0 events export: the 61 columns and the checks of their values.

`parse_fields` turns the tab-separated fields of a line into a `GdeltRow`, or raises
`RowRejected` with the reason (one of `export_file.REJECTION_KINDS`) shown to the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from actorgraph.errors import RowRejected

ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
              "FeatureID")

COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in ACTOR_FIELDS),
    *(f"Actor2{f}" for f in ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)
"""The GDELT 2.0 events export columns, in file order."""

FIELD_COUNT = len(COLUMNS)  # 61
GDELT1_FIELD_COUNTS = (57, 58)
"""GDELT 1.0 events: no ADM2Code in the three geo blocks; 57 columns without SOURCEURL."""

_COL = {name: i for i, name in enumerate(COLUMNS)}

QUAD_CLASS_BY_ROOT: dict[int, int] = {
    **dict.fromkeys(range(1, 6), 1),    # verbal cooperation
    **dict.fromkeys(range(6, 10), 2),   # material cooperation
    **dict.fromkeys(range(10, 15), 3),  # verbal conflict
    **dict.fromkeys(range(15, 21), 4),  # material conflict
}
DAY_AFTER_ADDED_TOLERANCE = timedelta(days=1)
"""`Day` may trail DATEADDED by weeks; it may lead it only by a time-zone day."""


@dataclass(frozen=True)
class GdeltActor:
    code: str
    name: str
    country_code: str
    known_group: str
    ethnic: str
    religion1: str
    religion2: str
    type1: str
    type2: str
    type3: str

    @property
    def is_empty(self) -> bool:
        return not (self.code or self.country_code or self.known_group or self.type1)

    @property
    def role_codes(self) -> tuple[str, ...]:
        """The CAMEO role/type codes (GOV, MIL, OPP ...) in the order GDELT gives them."""
        return tuple(c for c in (self.type1, self.type2, self.type3) if c)


@dataclass(frozen=True)
class GdeltGeo:
    type: int  # 0 none, 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1)
    fullname: str
    fips: str  # FIPS 10-4 country code, not ISO
    adm1: str
    adm2: str
    lat: float | None
    lon: float | None
    feature_id: str

    @property
    def is_empty(self) -> bool:
        return self.type == 0 and not self.fullname and not self.fips


@dataclass(frozen=True)
class GdeltRow:
    global_event_id: int
    day: date
    actor1: GdeltActor
    actor2: GdeltActor
    is_root_event: bool
    event_code: str
    base_code: str
    root_code: str
    quad_class: int
    goldstein: float
    num_mentions: int
    num_sources: int
    num_articles: int
    avg_tone: float
    actor1_geo: GdeltGeo
    actor2_geo: GdeltGeo
    action_geo: GdeltGeo
    date_added: datetime
    source_url: str


def _int(fields: list[str], column: str, minimum: int | None = None) -> int:
    raw = fields[_COL[column]].strip()
    try:
        value = int(raw)
    except ValueError:
        raise RowRejected(f"{column} must be a whole number; found {raw!r}",
                          "bad number") from None
    if minimum is not None and value < minimum:
        raise RowRejected(f"{column} must be at least {minimum}; found {raw!r}", "bad number")
    return value


def _opt_float(fields: list[str], column: str, low: float, high: float) -> float | None:
    return None if fields[_COL[column]].strip() == "" else _float(fields, column, low, high)


def _float(fields: list[str], column: str, low: float, high: float) -> float:
    raw = fields[_COL[column]].strip()
    try:
        value = float(raw)
    except ValueError:
        raise RowRejected(f"{column} must be a number; found {raw!r}", "bad number") from None
    if not (low <= value <= high):  # also refuses nan
        raise RowRejected(f"{column} must be between {low:g} and {high:g}; found {raw!r}",
                          "bad number")
    return value


def _day(fields: list[str]) -> date:
    raw = fields[_COL["Day"]].strip()
    try:
        if len(raw) != 8 or not raw.isdigit():
            raise ValueError
        day = date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))  # strptime is 10x slower
    except ValueError:
        raise RowRejected(f"Day must be a date YYYYMMDD; found {raw!r}", "bad date") from None
    month_year = fields[_COL["MonthYear"]].strip()
    year = fields[_COL["Year"]].strip()
    if month_year != raw[:6]:
        raise RowRejected(f"MonthYear {month_year!r} does not match Day {raw!r}", "bad date")
    if year != raw[:4]:
        raise RowRejected(f"Year {year!r} does not match Day {raw!r}", "bad date")
    _float(fields, "FractionDate", 1900.0, 2200.0)
    return day


def _date_added(fields: list[str]) -> datetime:
    raw = fields[_COL["DATEADDED"]].strip()
    try:
        if len(raw) != 14 or not raw.isdigit():
            raise ValueError
        return datetime(int(raw[:4]), int(raw[4:6]), int(raw[6:8]), int(raw[8:10]),
                        int(raw[10:12]), int(raw[12:]))
    except ValueError:
        raise RowRejected(f"DATEADDED must be a time YYYYMMDDHHMMSS; found {raw!r}",
                          "bad date") from None


def _actor(fields: list[str], prefix: str) -> GdeltActor:
    start = _COL[f"{prefix}Code"]
    values = [v.strip() for v in fields[start:start + len(ACTOR_FIELDS)]]
    return GdeltActor(*values)


def _geo(fields: list[str], prefix: str) -> GdeltGeo:
    start = _COL[f"{prefix}Type"]
    raw = [v.strip() for v in fields[start:start + len(GEO_FIELDS)]]
    type_raw = raw[0]
    if type_raw == "":
        geo_type = 0
    elif type_raw.isdigit() and int(type_raw) <= 5:
        geo_type = int(type_raw)
    else:
        raise RowRejected(f"{prefix}Type must be 0-5; found {type_raw!r}", "bad geo field")
    lat = _opt_float(fields, f"{prefix}Lat", -90.0, 90.0)
    lon = _opt_float(fields, f"{prefix}Long", -180.0, 180.0)
    if (lat is None) != (lon is None):
        raise RowRejected(f"{prefix}Lat and {prefix}Long must both be given or both be empty",
                          "bad geo field")
    fips = raw[2].upper()
    if fips and (len(fips) != 2 or not fips.isalpha()):
        raise RowRejected(f"{prefix}CountryCode must be a 2-letter FIPS code; found {raw[2]!r}",
                          "bad geo field")
    return GdeltGeo(type=geo_type, fullname=raw[1], fips=fips, adm1=raw[3], adm2=raw[4],
                    lat=lat, lon=lon, feature_id=raw[7])


def _codes(fields: list[str]) -> tuple[str, str, str, int]:
    code = fields[_COL["EventCode"]].strip()
    base = fields[_COL["EventBaseCode"]].strip()
    root = fields[_COL["EventRootCode"]].strip()
    for column, value, sizes in (("EventCode", code, (3, 4)), ("EventBaseCode", base, (3,)),
                                 ("EventRootCode", root, (2,))):
        if not value.isdigit() or len(value) not in sizes:
            digits = " or ".join(str(s) for s in sizes)
            raise RowRejected(f"{column} must be a CAMEO code of {digits} digits; "
                              f"found {value!r}", "bad CAMEO code")
    if not code.startswith(base) or not base.startswith(root):
        raise RowRejected(f"EventCode {code!r}, EventBaseCode {base!r} and EventRootCode "
                          f"{root!r} do not nest", "bad CAMEO code")
    if int(root) not in QUAD_CLASS_BY_ROOT:
        raise RowRejected(f"EventRootCode must be 01-20; found {root!r}", "bad CAMEO code")
    quad = _int(fields, "QuadClass")
    expected = QUAD_CLASS_BY_ROOT[int(root)]
    if quad != expected:
        raise RowRejected(f"QuadClass {quad} does not match EventRootCode {root!r} "
                          f"(expected {expected})", "bad CAMEO code")
    return code, base, root, quad


def parse_fields(fields: list[str]) -> GdeltRow:
    """One GDELT 2.0 row from its 61 fields; raises RowRejected with the reason."""
    if len(fields) != FIELD_COUNT:
        raise RowRejected(f"expected {FIELD_COUNT} tab-separated fields, found {len(fields)}",
                          "wrong field count")
    event_id = _int(fields, "GlobalEventID", minimum=1)
    day = _day(fields)
    actor1, actor2 = _actor(fields, "Actor1"), _actor(fields, "Actor2")
    if actor1.is_empty and actor2.is_empty:
        raise RowRejected("no actor: Actor1Code and Actor2Code are both empty", "no actor")
    is_root = fields[_COL["IsRootEvent"]].strip()
    if is_root not in ("0", "1"):
        raise RowRejected(f"IsRootEvent must be 0 or 1; found {is_root!r}", "bad number")
    code, base, root, quad = _codes(fields)
    goldstein = _float(fields, "GoldsteinScale", -10.0, 10.0)
    mentions = _int(fields, "NumMentions", minimum=0)
    sources = _int(fields, "NumSources", minimum=0)
    articles = _int(fields, "NumArticles", minimum=0)
    tone = _float(fields, "AvgTone", -100.0, 100.0)
    geos = [_geo(fields, p) for p in ("Actor1Geo_", "Actor2Geo_", "ActionGeo_")]
    added = _date_added(fields)
    if day > added.date() + DAY_AFTER_ADDED_TOLERANCE:
        raise RowRejected(f"Day {day:%Y%m%d} is after DATEADDED {added:%Y%m%d%H%M%S}: "
                          "an event cannot be reported before it happens", "bad date")
    url = fields[_COL["SOURCEURL"]].strip()
    if not url:
        raise RowRejected("SOURCEURL is empty: the row names no reporting article",
                          "no SOURCEURL")
    return GdeltRow(
        global_event_id=event_id, day=day, actor1=actor1, actor2=actor2,
        is_root_event=is_root == "1", event_code=code, base_code=base, root_code=root,
        quad_class=quad, goldstein=goldstein, num_mentions=mentions,
        num_sources=sources, num_articles=articles, avg_tone=tone,
        actor1_geo=geos[0], actor2_geo=geos[1], action_geo=geos[2],
        date_added=added, source_url=url,
    )
