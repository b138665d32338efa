"""Search suggestions: German and English names and aliases, folded."""

from actorgraph.view.search import candidate_query, entries_from_rows, fold, suggest

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


def test_the_candidate_query_asks_for_each_word_whole_begun_or_inside_a_name():
    assert candidate_query("Lawrow") == "+(lawrow^4 OR lawrow*^2 OR *lawrow*)"
    assert candidate_query("Süd-Korea") == ("+(sud^4 OR sud*^2 OR *sud*) "
                                            "+(korea^4 OR korea*^2 OR *korea*)")
    assert candidate_query("Außen") == "+(aussen^4 OR aussen*^2 OR *aussen*)"


def test_a_word_the_index_leaves_out_is_not_required_of_a_match():
    assert candidate_query("No Kwang") == ("(no^4 OR no*^2 OR *no*) "
                                          "+(kwang^4 OR kwang*^2 OR *kwang*)")


def test_lucene_syntax_in_the_text_is_no_syntax_in_the_query():
    assert candidate_query('a) OR name:*"x') == (
        "(a^4 OR a*^2 OR *a*) (or^4 OR or*^2 OR *or*) +(name^4 OR name*^2 OR *name*) "
        "+(x^4 OR x*^2 OR *x*)")
    assert candidate_query('"(*:') is None  # nothing a name could hold
    assert candidate_query("x") is None  # one letter: `suggest` looks for nothing
    assert candidate_query("  ") is None
