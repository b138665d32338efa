"""Build GDELT 2.0 events rows by column name, for unit tests and the fixture files."""

from __future__ import annotations

from datetime import date

from actorgraph.ingest.gdelt.rows import COLUMNS, QUAD_CLASS_BY_ROOT

GOLDSTEIN = {"010": 0.0, "020": 3.0, "036": 4.0, "040": 1.0, "042": 1.9, "043": 2.8, "046": 7.0,
             "051": 3.4, "112": -2.0, "150": -7.2, "190": -10.0}


def actor(code: str = "", name: str = "", country: str = "", group: str = "",
          type1: str = "") -> list[str]:
    """The ten Actor fields: Code, Name, CountryCode, KnownGroupCode, Ethnic, Religion1,
    Religion2, Type1, Type2, Type3."""
    return [code, name, country, group, "", "", "", type1, "", ""]


NO_ACTOR = actor()


def geo(type_: int = 0, fullname: str = "", fips: str = "", adm1: str = "",
        lat: float | None = None, lon: float | None = None, feature: str = "") -> list[str]:
    """The eight geo fields: Type, FullName, CountryCode (FIPS), ADM1Code, ADM2Code, Lat,
    Long, FeatureID."""
    return [str(type_), fullname, fips, adm1, "", "" if lat is None else f"{lat:.4f}",
            "" if lon is None else f"{lon:.4f}", feature]


NO_GEO = geo()
SEOUL = geo(4, "Seoul, Soul-t'ukpyolsi, South Korea", "KS", "KS11", 37.5664, 126.9997,
            "-716583")
PYONGYANG = geo(4, "Pyongyang, P'yongyang-si, North Korea", "KN", "KN12", 39.0194, 125.7547,
                "-1281087")
MOSCOW = geo(4, "Moscow, Moskva, Russia", "RS", "RS48", 55.7522, 37.6156, "-2960561")
WASHINGTON = geo(3, "Washington, District of Columbia, United States", "US", "USDC", 38.8951,
                 -77.0364, "531871")
GENEVA = geo(4, "Geneva, Geneve, Switzerland", "SZ", "SZ07", 46.2022, 6.1457, "-2552035")
KYIV = geo(4, "Kyiv, Kyyiv, Misto, Ukraine", "UP", "UP12", 50.4547, 30.5238, "-1044367")
SOUTH_KOREA = geo(1, "South Korea", "KS", "KS", 37.0, 127.5, "KS")
JAPAN = geo(1, "Japan", "JA", "JA", 36.0, 138.0, "JA")
SPRATLY = geo(4, "Spratly Islands, Spratly Islands", "PG", "PG00", 8.6333, 111.9167,
              "-2412012")

USA = actor("USA", "UNITED STATES", "USA")
USAGOV = actor("USAGOV", "UNITED STATES", "USA", type1="GOV")
USAMIL = actor("USAMIL", "PENTAGON", "USA", type1="MIL")
KOR = actor("KOR", "SOUTH KOREA", "KOR")
KORGOV = actor("KORGOV", "SEOUL", "KOR", type1="GOV")
PRK = actor("PRK", "NORTH KOREA", "PRK")
PRKGOV = actor("PRKGOV", "PYONGYANG", "PRK", type1="GOV")
RUS = actor("RUS", "RUSSIA", "RUS")
RUSGOV = actor("RUSGOV", "KREMLIN", "RUS", type1="GOV")
RUSMIL = actor("RUSMIL", "RUSSIAN ARMY", "RUS", type1="MIL")
UKRMIL = actor("UKRMIL", "UKRAINIAN ARMY", "UKR", type1="MIL")
JPNGOV = actor("JPNGOV", "TOKYO", "JPN", type1="GOV")
CHN = actor("CHN", "CHINA", "CHN")
CHNMIL = actor("CHNMIL", "CHINESE NAVY", "CHN", type1="MIL")
PHL = actor("PHL", "PHILIPPINES", "PHL")
UNO = actor("IGOUNO", "UNITED NATIONS", "", group="UNO", type1="IGO")
EUROPE = actor("EUR", "EUROPE", "EUR")


def fields(event_id: int, day: str, a1: list[str], a2: list[str], code: str,
           action: list[str] = NO_GEO, added: str = "20250711120000",
           url: str = "https://news.example.com/a", mentions: int = 4, sources: int = 1,
           articles: int = 4, tone: float = -1.25, is_root: int = 1,
           **overrides: str) -> list[str]:
    """The 61 fields of a row; `overrides` replace single columns by name (as strings)."""
    d = date(int(day[:4]), int(day[4:6]), int(day[6:]))
    fraction = d.year + (d.timetuple().tm_yday / 365)
    base, root = code[:3], code[:2]
    values = [
        str(event_id), day, day[:6], day[:4], f"{fraction:.4f}",
        *a1, *a2,
        str(is_root), code, base, root, str(QUAD_CLASS_BY_ROOT[int(root)]),
        f"{GOLDSTEIN.get(base, 0.0):.1f}", str(mentions), str(sources), str(articles),
        f"{tone:.4f}",
        *(action if a1 != NO_ACTOR else NO_GEO), *(action if a2 != NO_ACTOR else NO_GEO),
        *action, added, url,
    ]
    assert len(values) == len(COLUMNS)
    for name, value in overrides.items():
        values[COLUMNS.index(name)] = value
    return values


def line(*args: object, **kwargs: object) -> str:
    return "\t".join(fields(*args, **kwargs)) + "\n"  # type: ignore[arg-type]
