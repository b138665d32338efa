"""Search suggestions: German and English names and aliases, folded."""

from actorgraph.view.search import entries_from_rows, fold, suggest

ROWS = [
    {"id": "lavrov", "group": "actor", "kind": "person", "name": "Sergey Lavrov",
     "name_de": "Sergej Lawrow", "aliases": ["Lawrow", "Lavrov"], "degree": 9},
    {"id": "PRK", "group": "actor", "kind": "state", "name": "North Korea",
     "name_de": "Nordkorea", "aliases": ["Pjöngjang", "DPRK"], "degree": 20},
    {"id": "KOR", "group": "actor", "kind": "state", "name": "South Korea",
     "name_de": "Südkorea", "aliases": [], "degree": 18},
]


def test_search_finds_german_names_and_aliases():
    entries = entries_from_rows(ROWS)
    found = suggest(entries, "Lawrow")
    assert [s.id for s in found] == ["lavrov"]
    assert found[0].text == "Sergey Lavrov (Lawrow)"  # the exact alias wins
    assert [s.id for s in suggest(entries, "nordkorea")] == ["PRK"]
    assert [s.id for s in suggest(entries, "pjongjang")] == ["PRK"]
    assert [s.id for s in suggest(entries, "korea")] == ["PRK", "KOR"]  # most connected first
    assert suggest(entries, "x") == []


def test_fold_ignores_case_accents_and_sharp_s():
    assert fold("Südkorea") == "sudkorea"
    assert fold("Außenministerin") == "aussenministerin"
