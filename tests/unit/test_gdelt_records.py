"""GDELT rows -> records: FIPS mapping, actor nodes, event identity, one bundle per article."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.ingest.gdelt.records import (
    actor_record,
    article_id,
    event_key,
    place_record,
    records_for_rows,
)
from actorgraph.ingest.gdelt.rows import parse_fields
from actorgraph.ingest.reference.countries import country_table, parse_country_table
from actorgraph.records import Unidentified
from tests.gdelt_rows import (
    CHN,
    EUROPE,
    KOR,
    KORGOV,
    MOSCOW,
    NO_ACTOR,
    PRK,
    PRKGOV,
    PYONGYANG,
    RUS,
    RUSGOV,
    SEOUL,
    SOUTH_KOREA,
    SPRATLY,
    UNO,
    USA,
    USAGOV,
    USAMIL,
    WASHINGTON,
    actor,
    fields,
)


def row(*args, **kwargs):
    return parse_fields(fields(*args, **kwargs))


@pytest.mark.parametrize(("fips", "iso3"), [
    ("KN", "PRK"), ("KS", "KOR"), ("RS", "RUS"), ("JA", "JPN"), ("UP", "UKR"), ("US", "USA"),
    ("CH", "CHN"), ("TW", "TWN"), ("MG", "MNG"), ("HK", "HKG"), ("GM", "DEU"), ("UK", "GBR"),
    ("SZ", "CHE"), ("SW", "SWE"), ("EZ", "CZE"), ("LO", "SVK"), ("BO", "BLR"), ("EN", "EST"),
    ("LG", "LVA"), ("LH", "LTU"), ("RI", "SRB"), ("MJ", "MNE"), ("CA", "CAN"), ("MX", "MEX"),
    ("IS", "ISR"), ("IR", "IRN"), ("IZ", "IRQ"), ("SF", "ZAF"), ("AS", "AUS"), ("VM", "VNM"),
    ("RP", "PHL"), ("BM", "MMR"), ("TU", "TUR"), ("IN", "IND"), ("BR", "BRA"),
])
def test_fips_geo_codes_map_to_iso3(fips, iso3):
    assert country_table().iso3(fips) == iso3


def test_the_table_covers_east_asia_europe_and_north_america():
    table = country_table()
    needed = {"CHN", "JPN", "KOR", "PRK", "MNG", "TWN", "HKG", "MAC", "USA", "CAN", "MEX",
              "ALB", "AND", "AUT", "BLR", "BEL", "BIH", "BGR", "HRV", "CYP", "CZE", "DNK", "EST",
              "FIN", "FRA", "DEU", "GRC", "HUN", "ISL", "IRL", "ITA", "XKX", "LVA", "LIE", "LTU",
              "LUX", "MLT", "MDA", "MCO", "MNE", "NLD", "MKD", "NOR", "POL", "PRT", "ROU", "RUS",
              "SMR", "SRB", "SVK", "SVN", "ESP", "SWE", "CHE", "UKR", "GBR", "VAT"}
    assert needed - set(table.fips_to_iso3.values()) == set()
    assert len(table.fips_to_iso3) >= 240


def test_unknown_or_empty_fips_has_no_iso3():
    table = country_table()
    assert table.iso3("PG") is None  # Spratly Islands
    assert table.iso3("") is None


def test_a_malformed_table_line_names_file_and_line():
    with pytest.raises(ValueError, match=r"^t.tsv:3: expected FIPS<TAB>ISO3<TAB>NAME, "
                                         r"found 'KNX\\tPRK\\tNorth Korea'$"):
        parse_country_table("FIPS\tISO3\tNAME\nKS\tKOR\tSouth Korea\nKNX\tPRK\tNorth Korea\n",
                            source="t.tsv")


def test_actor_mapping_state_known_group_region_bare_role_and_empty():
    table = country_table()
    state = actor_record(row(1, "20250710", USAMIL, KOR, "150").actor1, table)
    assert (state.id, state.kind, state.name, state.country) == (
        "USA", "state", "United States", "USA")
    un = actor_record(row(1, "20250710", UNO, PRK, "020").actor1, table)
    assert (un.id, un.kind, un.name) == ("cameo-uno", "organization", "United Nations")
    europe = actor_record(row(1, "20250710", EUROPE, KOR, "051").actor1, table)
    assert (europe.id, europe.kind, europe.name) == ("cameo-eur", "region", "Europe")
    business = actor_record(row(1, "20250710", actor("BUS", "COMPANY", type1="BUS"), KOR,
                                "051").actor1, table)
    assert business == Unidentified(code="BUS", role="participant", words="business actor",
                                    name="COMPANY")
    assert actor_record(row(1, "20250710", NO_ACTOR, KOR, "051").actor1, table) is None


def test_places_get_ids_iso3_countries_and_containment_paths():
    table = country_table()
    seoul = place_record(row(1, "20250710", USA, KOR, "042", SEOUL).action_geo, table)
    assert (seoul.id, seoul.country, seoul.path) == (
        "gdelt-feature--716583", "KOR", "KOR/KS11/-716583/")
    assert seoul.name == "Seoul, Soul-t'ukpyolsi, South Korea"
    country = place_record(row(1, "20250710", USA, KOR, "042", SOUTH_KOREA).action_geo, table)
    assert (country.id, country.country, country.path) == ("gdelt-country-kor", "KOR", "KOR/")
    assert seoul.path.startswith(country.path)
    washington = place_record(row(1, "20250710", KOR, USA, "042", WASHINGTON).action_geo, table)
    assert washington.path == "USA/USDC/531871/"
    spratly = place_record(row(1, "20250710", CHN, USA, "150", SPRATLY).action_geo, table)
    assert (spratly.country, spratly.path) == (None, "FIPS-PG/PG00/-2412012/")
    assert place_record(row(1, "20250710", USA, KOR, "042").action_geo, table) is None


def test_visit_pair_042_and_043_from_both_sides_is_one_visit_guest_to_host():
    made = row(1, "20250710", USAGOV, KORGOV, "042", SEOUL)
    hosted = row(2, "20250710", KORGOV, USAGOV, "043", SEOUL)
    key_made = event_key(made, "USA", "KOR")
    key_hosted = event_key(hosted, "KOR", "USA")
    assert key_made == key_hosted
    assert key_made.id == "gdelt-20250710-042-USA-KOR"
    assert (key_made.first_role, key_made.second_role) == ("guest", "host")
    other_way = event_key(row(3, "20250710", KORGOV, USAGOV, "042", SEOUL), "KOR", "USA")
    assert other_way.id == "gdelt-20250710-042-KOR-USA"


def test_symmetric_codes_ignore_actor_order_directed_codes_keep_it():
    consult_a = event_key(row(1, "20250712", RUSGOV, PRKGOV, "040"), "RUS", "PRK")
    consult_b = event_key(row(2, "20250712", PRK, RUS, "040"), "PRK", "RUS")
    assert consult_a.id == consult_b.id == "gdelt-20250712-040-PRK-RUS"
    threat_a = event_key(row(3, "20250712", RUS, PRK, "130"), "RUS", "PRK")
    threat_b = event_key(row(4, "20250712", PRK, RUS, "130"), "PRK", "RUS")
    assert threat_a.id != threat_b.id
    assert (threat_a.first_role, threat_a.second_role) == ("sender", "recipient")


def test_the_day_is_part_of_the_identity_the_place_is_not():
    a = event_key(row(1, "20250712", RUS, PRK, "040", PYONGYANG), "RUS", "PRK")
    b = event_key(row(2, "20250712", RUS, PRK, "040", MOSCOW), "RUS", "PRK")
    c = event_key(row(3, "20250711", RUS, PRK, "040", PYONGYANG), "RUS", "PRK")
    assert a.id == b.id != c.id


def test_rows_of_one_article_about_one_visit_become_one_event_with_both_gdelt_ids():
    url = "https://news.example.com/visit"
    bundles = records_for_rows([
        row(1, "20250710", USAGOV, KORGOV, "042", SEOUL, url=url, mentions=10, tone=2.0),
        row(2, "20250710", KORGOV, USAGOV, "043", SEOUL, url=url, mentions=6, tone=1.0),
        row(3, "20250711", USAMIL, PRK, "150", SOUTH_KOREA, url="https://other.example.org/x"),
    ])
    assert [b.article.id for b in bundles] == [article_id(url),
                                               article_id("https://other.example.org/x")]
    first = bundles[0]
    assert first.article.kind == "gdelt" and first.article.text == ""
    assert first.article.outlet == "news.example.com" and first.article.url == url
    (visit,) = first.events
    assert visit.id == "gdelt-20250710-042-USA-KOR"
    assert (visit.kind, visit.title) == ("visit", "Visit: United States → South Korea")
    assert (visit.cameo, visit.goldstein, visit.date, visit.date_precision) == (
        "042", 1.9, "2025-07-10", "day")
    assert [(p.actor, p.role, p.codes) for p in visit.participants] == [
        ("USA", "guest", ("GOV",)), ("KOR", "host", ("GOV",))]
    assert visit.place == "gdelt-feature--716583"
    assert [g.global_event_id for g in visit.gdelt] == [1, 2]
    assert [g.event_code for g in visit.gdelt] == ["042", "043"]
    assert [g.num_mentions for g in visit.gdelt] == [10, 6]
    assert [g.avg_tone for g in visit.gdelt] == [2.0, 1.0]
    assert [g.goldstein for g in visit.gdelt] == [1.9, 2.8]
    assert [(g.actor1_code, g.actor2_code) for g in visit.gdelt] == [
        ("USAGOV", "KORGOV"), ("KORGOV", "USAGOV")]
    assert {g.date_added for g in visit.gdelt} == {"2025-07-11T12:00:00"}
    assert {g.place for g in visit.gdelt} == {"gdelt-feature--716583"}
    assert visit.cameo_label == "Make a visit"
    assert visit.evidence == () and visit.modality == "asserted"
    assert {a.id for a in first.actors} == {"USA", "KOR"}
    assert [p.id for p in first.places] == ["gdelt-feature--716583"]
    (show_of_force,) = bundles[1].events
    assert (show_of_force.kind, show_of_force.goldstein) == ("military_exercise", -7.2)
    assert [(p.actor, p.role) for p in show_of_force.participants] == [
        ("USA", "sender"), ("PRK", "recipient")]


def test_conflicting_places_within_one_document_keep_the_first_and_say_so():
    url = "https://news.example.com/talks"
    (bundle,) = records_for_rows([
        row(1, "20250712", RUS, PRK, "040", PYONGYANG, url=url),
        row(2, "20250712", PRK, RUS, "040", MOSCOW, url=url),
    ])
    (event,) = bundle.events
    assert event.place == "gdelt-feature--1281087"
    assert event.note == "Other GDELT rows of this document place it at: Moscow, Moskva, Russia"
    assert [(g.place, g.place_path) for g in event.gdelt] == [
        ("gdelt-feature--1281087", "PRK/KN12/-1281087/"),
        ("gdelt-feature--2960561", "RUS/RS48/-2960561/")]


def test_a_finer_place_within_the_same_country_refines_rather_than_conflicts():
    url = "https://news.example.com/visit"
    (bundle,) = records_for_rows([
        row(1, "20250710", USA, KOR, "042", SOUTH_KOREA, url=url),
        row(2, "20250710", USA, KOR, "042", SEOUL, url=url),
    ])
    (event,) = bundle.events
    assert (event.place, event.note) == ("gdelt-feature--716583", None)


def test_same_actor_on_both_sides_is_one_participant():
    (bundle,) = records_for_rows([row(1, "20250710", USAGOV, actor("USAOPP", "DEMOCRATS", "USA",
                                                                   type1="OPP"), "112")])
    (event,) = bundle.events
    assert event.id == "gdelt-20250710-112-USA-USA"
    assert [(p.actor, p.role, p.codes) for p in event.participants] == [
        ("USA", "participant", ("GOV", "OPP"))]


def test_states_in_the_registry_keep_its_names_aliases_and_wikidata_id():
    (bundle,) = records_for_rows([row(1, "20250710", USAGOV, actor("CHE", "SWITZERLAND", "CHE"),
                                      "040")])
    actors = {a.id: a for a in bundle.actors}
    assert actors["USA"].wikidata == "Q30"
    assert "Vereinigte Staaten" in actors["USA"].aliases
    assert (actors["CHE"].name, actors["CHE"].aliases, actors["CHE"].wikidata) == (
        "Switzerland", (), None)


# -- real rows -------------------------------------------------------------------------------
# tests/fixtures/gdelt/20191024143000.export.CSV: 43 lines, verbatim, of GDELT 2.0's export
# http://data.gdeltproject.org/gdeltv2/20191024143000.export.CSV.zip, as kept in the public
# repository arekziobrowski/gdelt-big-data (logs/20191024143000.export.CSV, commit 030156c):
# bare roles (COP, GOV, BUS), country roles (AREGOV, MKD...), known groups (IGOEUREEC,
# IGOUNODEVWBK, IGOSAFSAD, AFGINSTAL) and regions (EUR, AFR, IGOAFRAFU).

REAL = Path(__file__).resolve().parent.parent / "fixtures" / "gdelt" / "20191024143000.export.CSV"


def real_bundles():
    lines = REAL.read_text(encoding="utf-8").splitlines()
    return records_for_rows(parse_fields(line.split("\t")) for line in lines)


def test_real_rows_nodes_are_states_known_groups_and_regions_named_from_the_codebook():
    actors = {a.id: (a.kind, a.name) for b in real_bundles() for a in b.actors}
    assert {i: v for i, v in actors.items() if v[0] != "state"} == {
        "cameo-eec": ("organization", "European Union"),  # IGOEUREEC: group EEC, not EUR
        "cameo-uno": ("organization", "United Nations"),  # IGOUNODEVWBK, "WORLD BANK"
        "cameo-sad": ("organization", "Southern African Development Community"),
        "cameo-tal": ("organization", "Taliban"),  # AFGINSTAL: the group, not Afghanistan
        "cameo-eur": ("region", "Europe"),
        "cameo-afr": ("region", "Africa"),  # also IGOAFRAFU "THE AU": GDELT gives no group
    }
    assert actors["ARE"] == ("state", "United Arab Emirates")  # not "DUBAI"
    assert not [i for i in actors if i in ("cameo-gov", "cameo-cop", "cameo-bus")]


def test_real_rows_bare_roles_are_unidentified_participants_on_the_event():
    events = {e.id: e for b in real_bundles() for e in b.events}
    police = events["gdelt-20181024-090-anon-cop-DEU"]  # COP "POLICE" investigates Germans
    assert [(p.actor, p.role) for p in police.participants] == [("DEU", "recipient")]
    assert police.unidentified == (Unidentified("COP", "sender", "police officer", "POLICE"),)
    assert police.title == "Investigate: unidentified police officer → Germany"
    taliban = events["gdelt-20191024-025-anon-gov-cameo-tal"]
    assert taliban.unidentified == (
        Unidentified("GOV", "sender", "government official", "PRESIDENT"),)
    assert [p.actor for p in taliban.participants] == ["cameo-tal"]
    # Two bare roles: an event with no actor node, both sides kept on the claim.
    deal = events["gdelt-20191024-057-anon-bus-anon-gov"]
    assert deal.participants == ()
    assert {(u.code, u.role, u.name) for u in deal.unidentified} == {
        ("GOV", "participant", "PRESIDENT"), ("BUS", "participant", "PRODUCER")}
    # A country role stays on the state node, its role codes on the participation.
    finance = events["gdelt-20191024-030-ARE-anon-gov"]
    assert [(p.actor, p.codes, p.name) for p in finance.participants] == [
        ("ARE", ("GOV",), "UNITED ARAB EMIRATES")]
    assert finance.unidentified == (
        Unidentified("GOV", "recipient", "government official", "MINIST OF FINANCE"),)
    assert events["gdelt-20191024-046-AFG-cameo-afr"].participants[1].actor == "cameo-afr"


def test_real_rows_dry_run_json_keeps_the_unidentified_participants():
    bundle = next(b for b in real_bundles() if any(e.unidentified for e in b.events))
    event = next(e for e in bundle.to_json_dict()["events"] if e["unidentified"])
    assert set(event["unidentified"][0]) == {"code", "role", "words", "name"}
