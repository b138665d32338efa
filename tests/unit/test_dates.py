"""Date phrases resolved against the publication date, in German and English."""

from __future__ import annotations

import datetime as dt

import pytest

from actorgraph.ingest.reference.dates import ResolvedDate, parse_iso_date, resolve_date

FRIDAY = dt.date(2025, 7, 11)  # the seed article's publication day, a Friday
TUESDAY = dt.date(2025, 7, 15)


@pytest.mark.parametrize(("phrase", "language", "published", "value", "precision"), [
    # weekdays: the latest such day on or before publication
    ("am Freitag", "de", FRIDAY, "2025-07-11", "day"),
    ("Freitag", "de", FRIDAY, "2025-07-11", "day"),
    ("am Freitagabend", "de", FRIDAY, "2025-07-11", "day"),
    ("am Montag", "de", FRIDAY, "2025-07-07", "day"),
    ("am Samstag", "de", FRIDAY, "2025-07-05", "day"),
    ("am Sonnabend", "de", FRIDAY, "2025-07-05", "day"),
    ("on Friday", "en", FRIDAY, "2025-07-11", "day"),
    ("On Friday night", "en", FRIDAY, "2025-07-11", "day"),
    ("on Sunday", "en", TUESDAY, "2025-07-13", "day"),
    # "last"/"vergangenen": strictly before publication; "next"/"kommenden": after it
    ("letzten Freitag", "de", FRIDAY, "2025-07-04", "day"),
    ("am vergangenen Freitag", "de", FRIDAY, "2025-07-04", "day"),
    ("last Friday", "en", FRIDAY, "2025-07-04", "day"),
    ("next Monday", "en", FRIDAY, "2025-07-14", "day"),
    ("am kommenden Freitag", "de", FRIDAY, "2025-07-18", "day"),
    # months: the latest such month on or before publication
    ("im November", "de", FRIDAY, "2024-11", "month"),
    ("in November", "en", FRIDAY, "2024-11", "month"),
    ("im Juli", "de", FRIDAY, "2025-07", "month"),
    ("Anfang März", "de", FRIDAY, "2025-03", "month"),
    ("in early March", "en", FRIDAY, "2025-03", "month"),
    ("im vergangenen Juli", "de", FRIDAY, "2024-07", "month"),
    ("im November 2023", "de", FRIDAY, "2023-11", "month"),
    ("in November, 2023", "en", FRIDAY, "2023-11", "month"),
    # weeks: the Monday that starts the week
    ("letzte Woche", "de", FRIDAY, "2025-06-30", "week"),
    ("in der vergangenen Woche", "de", FRIDAY, "2025-06-30", "week"),
    ("last week", "en", FRIDAY, "2025-06-30", "week"),
    ("diese Woche", "de", FRIDAY, "2025-07-07", "week"),
    ("next week", "en", FRIDAY, "2025-07-14", "week"),
    # relative days, months and years
    ("heute", "de", FRIDAY, "2025-07-11", "day"),
    ("gestern", "de", FRIDAY, "2025-07-10", "day"),
    ("vorgestern", "de", FRIDAY, "2025-07-09", "day"),
    ("yesterday", "en", FRIDAY, "2025-07-10", "day"),
    ("tomorrow", "en", FRIDAY, "2025-07-12", "day"),
    ("letzten Monat", "de", FRIDAY, "2025-06", "month"),
    ("last month", "en", dt.date(2025, 1, 3), "2024-12", "month"),
    ("im vergangenen Jahr", "de", FRIDAY, "2024", "year"),
    ("last year", "en", FRIDAY, "2024", "year"),
    ("dieses Jahr", "de", FRIDAY, "2025", "year"),
    # explicit days and years
    ("am 11. Juli 2025", "de", FRIDAY, "2025-07-11", "day"),
    ("11.07.2025", "de", FRIDAY, "2025-07-11", "day"),
    ("am 3. Juli", "de", FRIDAY, "2025-07-03", "day"),
    ("am 24. Dezember", "de", FRIDAY, "2024-12-24", "day"),
    ("July 11, 2025", "en", FRIDAY, "2025-07-11", "day"),
    ("on 3 July", "en", FRIDAY, "2025-07-03", "day"),
    ("on July 3rd", "en", FRIDAY, "2025-07-03", "day"),
    ("im Jahr 2022", "de", FRIDAY, "2022", "year"),
    ("in 2022", "en", FRIDAY, "2022", "year"),
    ("2025-07-09", "en", FRIDAY, "2025-07-09", "day"),
])
def test_phrase_resolves(phrase: str, language: str, published: dt.date, value: str,
                         precision: str) -> None:
    assert resolve_date(phrase, published, language) == ResolvedDate(value, precision, phrase)


@pytest.mark.parametrize(("phrase", "language"), [
    ("in den letzten Jahren", "de"),
    ("in den vergangenen Jahren", "de"),
    ("in recent years", "en"),
    ("zeitgleich", "de"),
    ("at the same time", "en"),
    ("am 31. Februar 2025", "de"),
    ("", "de"),
])
def test_unknown_phrases_stay_unknown(phrase: str, language: str) -> None:
    assert resolve_date(phrase, FRIDAY, language) == ResolvedDate(None, "unknown", phrase)


def test_no_phrase_is_unknown() -> None:
    assert resolve_date(None, FRIDAY, "de") == ResolvedDate(None, "unknown", None)


def test_the_language_decides_which_words_count() -> None:
    assert resolve_date("on Friday", FRIDAY, "de").precision == "unknown"
    assert resolve_date("am Freitag", FRIDAY, "en").precision == "unknown"
    # a language without its own table tries both
    assert resolve_date("am Freitag", FRIDAY, "fr").value == "2025-07-11"


def test_a_coarse_publication_date_cannot_anchor_a_weekday() -> None:
    july = dt.date(2025, 7, 1)
    assert resolve_date("am Freitag", july, "de", "month") == ResolvedDate(
        None, "unknown", "am Freitag")
    assert resolve_date("last week", july, "en", "month").precision == "unknown"
    assert resolve_date("im November", july, "de", "month") == ResolvedDate(
        "2024-11", "month", "im November")
    assert resolve_date("im November", dt.date(2025, 1, 1), "de", "year").precision == "unknown"
    assert resolve_date("letztes Jahr", dt.date(2025, 1, 1), "de", "year") == ResolvedDate(
        "2024", "year", "letztes Jahr")
    assert resolve_date("am Freitag", None, "de") == ResolvedDate(None, "unknown", "am Freitag")
    # an explicit date needs no publication date at all
    assert resolve_date("am 11. Juli 2025", None, "de").value == "2025-07-11"


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-07-11", ("2025-07-11", "day")),
    ("2025-07", ("2025-07", "month")),
    ("2025", ("2025", "year")),
    ("2025-13", None),
    ("2025-02-30", None),
    ("11.07.2025", None),
    ("25", None),
])
def test_iso_dates(value: str, expected: tuple[str, str] | None) -> None:
    assert parse_iso_date(value) == expected
