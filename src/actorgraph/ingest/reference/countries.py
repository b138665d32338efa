"""Country codes: GDELT's geo fields use FIPS 10-4, actors and state nodes use ISO-3 / CAMEO.

The table lives in `data/fips-iso3.tsv` (FIPS, ISO-3, English name). GDELT geo codes are mapped
to ISO-3 so that a place's `country` and the state nodes (`USA`, `PRK` ...) use one code system.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[4] / "data"
FIPS_TABLE = DATA_DIR / "fips-iso3.tsv"

CAMEO_STATE_VARIANTS: dict[str, str] = {"ROM": "Romania"}
"""CAMEO actor country codes that are states but not (any longer) ISO-3 codes."""

STATE_NAME_OVERRIDES: dict[str, str] = {"PSE": "Palestine"}
"""ISO-3 codes whose FIPS rows name a part (Gaza Strip, West Bank), not the state."""


@dataclass(frozen=True)
class CountryTable:
    fips_to_iso3: dict[str, str]
    names: dict[str, str]  # ISO-3 -> English name

    def iso3(self, fips: str) -> str | None:
        """The ISO-3 code of a FIPS 10-4 code ('KN' -> 'PRK'); None when unknown or empty."""
        return self.fips_to_iso3.get(fips.strip().upper()) if fips else None

    def is_state(self, code: str) -> bool:
        """True for an ISO-3 (or CAMEO) state code; False for CAMEO regions such as EUR, MEA."""
        return code in self.names

    def state_name(self, code: str) -> str:
        return self.names.get(code, code)


def parse_country_table(text: str, source: str = str(FIPS_TABLE)) -> CountryTable:
    """Parse the FIPS table; a malformed line is an error naming the file and line."""
    fips_to_iso3: dict[str, str] = {}
    names: dict[str, str] = dict(CAMEO_STATE_VARIANTS)
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            header_seen = True
            if fields[:2] == ["FIPS", "ISO3"]:
                continue
        if len(fields) != 3 or len(fields[0]) != 2 or len(fields[1]) != 3:
            raise ValueError(f"{source}:{number}: expected FIPS<TAB>ISO3<TAB>NAME, "
                             f"found {line!r}")
        fips, iso3, name = fields
        fips_to_iso3[fips] = iso3
        names.setdefault(iso3, name)
    names.update(STATE_NAME_OVERRIDES)
    return CountryTable(fips_to_iso3=fips_to_iso3, names=names)


@lru_cache(maxsize=1)
def country_table() -> CountryTable:
    """The project's table, read once."""
    return parse_country_table(FIPS_TABLE.read_text(encoding="utf-8"))
