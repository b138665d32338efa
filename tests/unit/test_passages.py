"""Evidence passages: the quote marked inside its paragraph."""

from actorgraph.view.passages import passages

TEXT = "Title\n\nFirst sentence. Quoted part here. Last.\n\nOther paragraph."


def test_evidence_is_shown_in_its_paragraph_with_the_quote_marked():
    start = TEXT.index("Quoted part here.")
    [passage] = passages(TEXT, [(start, start + len("Quoted part here."))])
    assert passage.segments == (("First sentence. ", False), ("Quoted part here.", True),
                                (" Last.", False))


def test_two_quotes_in_one_paragraph_share_it_and_bad_offsets_are_ignored():
    a = TEXT.index("First")
    b = TEXT.index("Last")
    found = passages(TEXT, [(a, a + 5), (b, b + 4), (999, 1005)])
    assert len(found) == 1
    assert found[0].quoted == ["First", "Last"]
