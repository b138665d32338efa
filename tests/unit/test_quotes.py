"""Locating evidence quotes verbatim in the article text."""

from __future__ import annotations

import pytest

from actorgraph.errors import OccurrenceOutOfRange, QuoteAmbiguous, QuoteNotFound
from actorgraph.ingest.quotes import closest_passage, locate_quote

TEXT = (
    "Politik\n"
    "\n"
    "Südkorea, die USA und Japan haben am Freitag gemeinsam geübt.\n"
    "\n"
    "Nordkorea antwortet oft mit Raketentests. Nordkorea betrachtet die Manöver als Provokation.\n"
)


def test_a_unique_quote_gives_its_offsets() -> None:
    start, end = locate_quote("am Freitag", TEXT)
    assert TEXT[start:end] == "am Freitag"
    assert (start, end) == (43, 53)


def test_offsets_count_characters_not_bytes() -> None:
    start, end = locate_quote("die USA", TEXT)
    assert TEXT[start:end] == "die USA"
    assert start == len("Politik\n\nSüdkorea, ")


def test_an_ambiguous_quote_needs_an_occurrence() -> None:
    with pytest.raises(QuoteAmbiguous) as caught:
        locate_quote("Nordkorea", TEXT)
    assert caught.value.lines == [5, 5]
    assert str(caught.value) == "'Nordkorea' occurs 2 times (lines 5, 5)"
    first = locate_quote("Nordkorea", TEXT, occurrence=1)
    second = locate_quote("Nordkorea", TEXT, occurrence=2)
    assert TEXT[first[0]:first[1]] == TEXT[second[0]:second[1]] == "Nordkorea"
    assert second[0] == TEXT.index("Nordkorea betrachtet")


def test_an_occurrence_beyond_the_count() -> None:
    with pytest.raises(OccurrenceOutOfRange) as caught:
        locate_quote("Nordkorea", TEXT, occurrence=3)
    assert str(caught.value) == "occurrence 3, but the quote occurs 2 times"


def test_occurrence_one_of_a_unique_quote_is_fine() -> None:
    assert locate_quote("Politik", TEXT, occurrence=1) == (0, 7)


def test_verbatim_means_verbatim() -> None:
    # whitespace and quote marks are not normalised: the offsets must point at these characters
    with pytest.raises(QuoteNotFound):
        locate_quote("am  Freitag", TEXT)
    with pytest.raises(QuoteNotFound):
        locate_quote("AM FREITAG", TEXT)


def test_a_missing_quote_shows_the_closest_passage() -> None:
    with pytest.raises(QuoteNotFound) as caught:
        locate_quote("Nordkorea antwortet häufig mit Raketentests.", TEXT)
    assert caught.value.closest == "Nordkorea antwortet oft mit Raketentests."
    assert caught.value.line == 5
    assert str(caught.value) == (
        "'Nordkorea antwortet häufig mit Raketentests.' is not in the text; closest passage "
        "(line 5): 'Nordkorea antwortet oft mit Raketentests.'")


def test_the_closest_passage_covers_words_the_quote_left_out() -> None:
    passage, start = closest_passage("Südkorea, die USA und Japan haben gemeinsam geübt.", TEXT)
    assert passage == "Südkorea, die USA und Japan haben am Freitag gemeinsam geübt."
    assert start == TEXT.index("Südkorea")


def test_the_closest_passage_stays_within_its_paragraph() -> None:
    passage, _ = closest_passage("Japan haben am Freitag gemeinsam geübt. Nordkorea sagt", TEXT)
    assert "\n\n" not in passage
    assert passage.startswith("Japan haben am Freitag")


def test_an_empty_quote_is_refused() -> None:
    with pytest.raises(ValueError, match="empty quote"):
        locate_quote("", TEXT)
