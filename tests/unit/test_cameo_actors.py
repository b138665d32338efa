"""The CAMEO actor codebook table (data/cameo-actors.tsv): regions, known groups, types."""

from __future__ import annotations

import pytest

from actorgraph.errors import ValidationFailed
from actorgraph.ingest.reference.cameo_actors import (
    HEADER,
    cameo_actor_table,
    parse_cameo_actors,
)


def test_the_project_table_knows_regions_groups_and_types():
    table = cameo_actor_table()
    assert table.is_region("EUR") and table.is_region("AFR") and table.is_region("MEA")
    assert not table.is_region("USA") and not table.is_region("NAT")
    assert table.label("NAT") == "North Atlantic Treaty Organization (NATO)"
    assert table.label("UNO") == "United Nations"
    assert table.label("HAM") == "Hamas"
    assert table.label("GOV") == "Government"
    assert table.words("GOV") == "government official"
    assert table.words("COP") == "police officer"
    assert table.label("XYZ") == "XYZ" and table.words("XYZ") == "actor coded XYZ"
    kinds = {c.kind for c in table.codes.values()}
    assert kinds == {"region", "group", "type"}
    assert all(c.words for c in table.codes.values() if c.kind == "type")


def test_a_malformed_line_names_the_file_the_line_and_what_was_found():
    text = "\t".join(HEADER) + "\nEUR\tregion\tEurope\t\nNATO\tgroup\tNATO\t\nGOV\trole\tX\ty\n"
    with pytest.raises(ValidationFailed) as caught:
        parse_cameo_actors(text, "t.tsv")
    assert caught.value.problems == [
        "t.tsv:3: expected CODE (3 letters), KIND, LABEL and WORDS, tab-separated; found "
        "'NATO\\tgroup\\tNATO\\t'",
        "t.tsv:4: KIND: expected one of region, group, type; found 'role'",
    ]
