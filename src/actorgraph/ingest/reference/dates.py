"""Resolving the date phrases articles use ("am Freitag", "im November", "last week") against
the publication date. Pure: no I/O, no clock.

Rules (docs/annotation-format.md, "Dates"):
- a weekday ("am Freitag", "on Friday") is the latest such day on or before publication;
  "letzten/vergangenen Freitag", "last Friday" the latest one strictly before it;
- a month ("im November", "in November") is the latest such month on or before publication;
  with a year ("im November 2024") it is that month;
- "letzte Woche" / "last week" is the week before publication's (precision `week`, value the
  Monday that starts it); "diese Woche" / "this week" publication's own week;
- "heute/gestern/vorgestern/morgen", "today/yesterday/tomorrow", "letzten Monat", "last year",
  a day ("11. Juli 2025", "July 11") and a year ("im Jahr 2024", "in 2024") as one would expect;
- anything else ("in den letzten Jahren", "zeitgleich") stays precision `unknown`, never a guess.
A phrase that needs a finer publication date than the article has (a weekday, when only the
month of publication is known) is `unknown` too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

PRECISION_RANK = {"unknown": 0, "year": 1, "month": 2, "week": 3, "day": 4}

WEEKDAYS = {
    "de": {"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4,
           "samstag": 5, "sonnabend": 5, "sonntag": 6},
    "en": {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
           "saturday": 5, "sunday": 6},
}
MONTHS = {
    "de": {"januar": 1, "jänner": 1, "februar": 2, "feber": 2, "märz": 3, "maerz": 3,
           "april": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8, "september": 9,
           "oktober": 10, "november": 11, "dezember": 12},
    "en": {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
           "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
           "december": 12},
}
_DE_PAST = r"(?:vergangenen|vergangene|vergangener|vergangenes|letzten|letzte|letzter|letztes)"
_DE_THIS = r"(?:diesen|diese|dieser|dieses)"
_DE_NEXT = r"(?:kommenden|kommende|nächsten|nächste)"
_EN_TIME_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_DE_TIME_OF_DAY = r"(?:morgen|vormittag|mittag|nachmittag|abend|nacht)?"

RELATIVE_DAYS = {
    "de": {"heute": 0, "gestern": -1, "vorgestern": -2, "morgen": 1, "übermorgen": 2},
    "en": {"today": 0, "yesterday": -1, "the day before yesterday": -2, "tomorrow": 1},
}
RELATIVE_PERIODS: dict[str, list[tuple[str, str, int]]] = {
    # (pattern, unit, offset): offset -1 the previous unit, 0 publication's own, 1 the next one
    "de": [
        (rf"(?:in der |in )?{_DE_PAST} woche", "week", -1),
        (rf"(?:in )?{_DE_THIS} woche", "week", 0),
        (rf"(?:in der )?{_DE_NEXT} woche", "week", 1),
        (rf"(?:im )?{_DE_PAST} monat", "month", -1),
        (rf"(?:in )?{_DE_THIS} monat", "month", 0),
        (rf"(?:im )?{_DE_NEXT} monat", "month", 1),
        (rf"(?:im )?{_DE_PAST} jahr", "year", -1),
        (rf"(?:in )?{_DE_THIS} jahr", "year", 0),
        (rf"(?:im )?{_DE_NEXT} jahr", "year", 1),
    ],
    "en": [
        (r"(?:in the )?(?:last|past|previous) week", "week", -1),
        (r"this week", "week", 0),
        (r"next week", "week", 1),
        (r"(?:in the )?(?:last|past|previous) month", "month", -1),
        (r"this month", "month", 0),
        (r"next month", "month", 1),
        (r"(?:in the )?(?:last|past|previous) year", "year", -1),
        (r"this year", "year", 0),
        (r"next year", "year", 1),
    ],
}


@dataclass(frozen=True)
class ResolvedDate:
    """An ISO value ('2025-07-11', '2025-07', '2025', or the Monday of a week), its precision,
    and the phrase it came from."""

    value: str | None
    precision: str
    text: str | None


def resolve_date(text: str | None, published: dt.date | None, language: str,
                 published_precision: str = "day") -> ResolvedDate:
    """Resolve a date phrase of an article in `language` ('de' or 'en') against its publication.

    `published` is the publication date; with `published_precision` 'month' or 'year' only its
    month or year counts. An unknown phrase, or one the publication date cannot anchor, gives
    precision 'unknown' and no value.
    """
    unknown = ResolvedDate(None, "unknown", text)
    if text is None or not text.strip():
        return unknown
    phrase = re.sub(r"\s+", " ", text.strip().strip(".,;:").strip()).lower()
    known = PRECISION_RANK.get(published_precision, 0) if published is not None else 0
    languages = [language] if language in WEEKDAYS else list(WEEKDAYS)
    for lang in languages:
        result = _resolve(phrase, published, known, lang)
        if result is not None:
            value, precision = result
            return ResolvedDate(value, precision, text)
    return unknown


def _resolve(phrase: str, published: dt.date | None, known: int, lang: str
             ) -> tuple[str | None, str] | None:
    """(value, precision) when the phrase is understood, ('None', 'unknown') when it is
    understood but cannot be anchored, None when it is not understood."""
    cannot_anchor: tuple[str | None, str] = (None, "unknown")
    for resolver in (_explicit_day, _explicit_month_or_year):
        explicit = resolver(phrase, lang)
        if explicit is not None:
            return explicit
    # Everything below is relative to the publication date.
    if phrase in RELATIVE_DAYS[lang]:
        if known < PRECISION_RANK["day"]:
            return cannot_anchor
        assert published is not None
        day = published + dt.timedelta(days=RELATIVE_DAYS[lang][phrase])
        return day.isoformat(), "day"
    weekday = _weekday(phrase, lang)
    if weekday is not None:
        if known < PRECISION_RANK["day"]:
            return cannot_anchor
        assert published is not None
        target, direction = weekday
        return _nearest_weekday(published, target, direction).isoformat(), "day"
    for pattern, unit, offset in RELATIVE_PERIODS[lang]:
        if re.fullmatch(pattern, phrase):
            needed = "day" if unit == "week" else unit
            if known < PRECISION_RANK[needed]:
                return cannot_anchor
            assert published is not None
            return _shift(published, unit, offset)
    month = _month_without_year(phrase, lang)
    if month is not None:
        if known < PRECISION_RANK["month"]:
            return cannot_anchor
        assert published is not None
        number, strictly_before = month
        year = published.year
        if number > published.month or (strictly_before and number == published.month):
            year -= 1
        return f"{year:04d}-{number:02d}", "month"
    day_month = _day_month_without_year(phrase, lang)
    if day_month is not None:
        if known < PRECISION_RANK["day"]:
            return cannot_anchor
        assert published is not None
        day_no, month_no = day_month
        for year in (published.year, published.year - 1):
            try:
                candidate = dt.date(year, month_no, day_no)
            except ValueError:
                continue
            if candidate <= published:
                return candidate.isoformat(), "day"
        return cannot_anchor
    return None


def _weekday(phrase: str, lang: str) -> tuple[int, int] | None:
    """(weekday number, direction): direction 0 on or before publication, -1 strictly before,
    +1 strictly after."""
    names = "|".join(WEEKDAYS[lang])
    if lang == "de":
        m = re.fullmatch(rf"(?:am )?(?:({_DE_PAST}|{_DE_NEXT}) )?({names}){_DE_TIME_OF_DAY}",
                         phrase)
        if m:
            word = m.group(1) or ""
            direction = -1 if re.fullmatch(_DE_PAST, word) else (1 if word else 0)
            return WEEKDAYS[lang][m.group(2)], direction
        return None
    m = re.fullmatch(rf"(?:on )?(?:(last|this past|next|this coming) )?({names}){_EN_TIME_OF_DAY}",
                     phrase)
    if m:
        word = m.group(1) or ""
        direction = -1 if word in ("last", "this past") else (1 if word else 0)
        return WEEKDAYS[lang][m.group(2)], direction
    return None


def _nearest_weekday(published: dt.date, target: int, direction: int) -> dt.date:
    if direction > 0:
        ahead = (target - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=ahead)
    back = (published.weekday() - target) % 7
    if direction < 0 and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def _shift(published: dt.date, unit: str, offset: int) -> tuple[str, str]:
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=offset)
        return monday.isoformat(), "week"
    if unit == "month":
        index = published.year * 12 + published.month - 1 + offset
        return f"{index // 12:04d}-{index % 12 + 1:02d}", "month"
    return f"{published.year + offset:04d}", "year"


def _month_names(lang: str) -> str:
    return "|".join(sorted(MONTHS[lang], key=len, reverse=True))


def _month_without_year(phrase: str, lang: str) -> tuple[int, bool] | None:
    """(month number, strictly before publication's month)."""
    names = _month_names(lang)
    if lang == "de":
        m = re.fullmatch(rf"(?:im |anfang |mitte |ende )?(?:({_DE_PAST}) )?({names})", phrase)
    else:
        m = re.fullmatch(rf"(?:in )?(?:(?:early|mid|late)[ -]?)?(?:(last) )?({names})", phrase)
    if m is None:
        return None
    return MONTHS[lang][m.group(2)], bool(m.group(1))


def _explicit_month_or_year(phrase: str, lang: str) -> tuple[str, str] | None:
    names = _month_names(lang)
    if lang == "de":
        m = re.fullmatch(rf"(?:im |anfang |mitte |ende )?({names}) (\d{{4}})", phrase)
        y = re.fullmatch(r"(?:im jahr |im jahre |anno )?(\d{4})", phrase)
    else:
        m = re.fullmatch(rf"(?:in )?(?:(?:early|mid|late)[ -]?)?({names}),? (\d{{4}})", phrase)
        y = re.fullmatch(r"(?:in )?(?:the year )?(\d{4})", phrase)
    if m:
        return f"{int(m.group(2)):04d}-{MONTHS[lang][m.group(1)]:02d}", "month"
    if y:
        return f"{int(y.group(1)):04d}", "year"
    return None


def _explicit_day(phrase: str, lang: str) -> tuple[str, str] | None:
    m = re.fullmatch(r"(?:am |on )?(\d{4})-(\d{2})-(\d{2})", phrase)
    if m:
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    names = _month_names(lang)
    if lang == "de":
        m = re.fullmatch(rf"(?:am |vom )?(\d{{1,2}})\. ?({names}) (\d{{4}})", phrase)
        if m:
            return _day(int(m.group(3)), MONTHS[lang][m.group(2)], int(m.group(1)))
        m = re.fullmatch(r"(?:am |vom )?(\d{1,2})\.(\d{1,2})\.(\d{4})", phrase)
        if m:
            return _day(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return None
    m = re.fullmatch(rf"(?:on )?({names}) (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})", phrase)
    if m:
        return _day(int(m.group(3)), MONTHS[lang][m.group(1)], int(m.group(2)))
    m = re.fullmatch(rf"(?:on )?(?:the )?(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({names}),? (\d{{4}})",
                     phrase)
    if m:
        return _day(int(m.group(3)), MONTHS[lang][m.group(2)], int(m.group(1)))
    return None


def _day_month_without_year(phrase: str, lang: str) -> tuple[int, int] | None:
    names = _month_names(lang)
    if lang == "de":
        m = re.fullmatch(rf"(?:am |vom )?(\d{{1,2}})\. ?({names})", phrase)
        if m:
            return int(m.group(1)), MONTHS[lang][m.group(2)]
        m = re.fullmatch(r"(?:am |vom )?(\d{1,2})\.(\d{1,2})\.", phrase)
        if m:
            return int(m.group(1)), int(m.group(2))
        return None
    m = re.fullmatch(rf"(?:on )?({names}) (\d{{1,2}})(?:st|nd|rd|th)?", phrase)
    if m:
        return int(m.group(2)), MONTHS[lang][m.group(1)]
    m = re.fullmatch(rf"(?:on )?(?:the )?(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({names})", phrase)
    if m:
        return int(m.group(1)), MONTHS[lang][m.group(2)]
    return None


def _day(year: int, month: int, day: int) -> tuple[str | None, str]:
    try:
        return dt.date(year, month, day).isoformat(), "day"
    except ValueError:
        return None, "unknown"


def parse_iso_date(value: str) -> tuple[str, str] | None:
    """('2025-07-11', 'day'), ('2025-07', 'month') or ('2025', 'year') for a valid ISO date of
    that shape; None otherwise."""
    patterns = ((r"\d{4}-\d{2}-\d{2}", "day"), (r"\d{4}-\d{2}", "month"), (r"\d{4}", "year"))
    for pattern, precision in patterns:
        if re.fullmatch(pattern, value):
            try:
                if precision == "day":
                    dt.date.fromisoformat(value)
                elif precision == "month":
                    dt.date.fromisoformat(value + "-01")
            except ValueError:
                return None
            return value, precision
    return None
