"""Capitalised names in running text: name runs, the function words and dates trimmed from
their edges, organisation words, and the slug a candidate's suggested id is made of."""

from __future__ import annotations

import re

CAPITALISED = r"[A-ZÄÖÜ][\w'’.-]*"
NAME_RUN = re.compile(rf"{CAPITALISED}(?:\s+(?:{CAPITALISED}|bin|al|de|van|von|der)){{0,3}}")
ORGANIZATION_WORDS = (
    "Ministerium", "ministerium", "Ministry", "Agentur", "Nachrichtenagentur", "Agency",
    "Council", "Institut", "Institute", "Kommando", "Command", "Partei", "Party",
    "Zeitung", "Newspaper", "Rat", "Behörde", "Office", "Department", "Armee", "Army",
    "Navy", "Marine", "Luftwaffe", "Air Force", "Streitkräfte", "Forces", "Service",
    "Intelligence", "Geheimdienst", "Generalstab",
)
"""Words that make an unknown capitalised name an organisation candidate."""


def quoted_title(text: str, start: int) -> bool:
    return start > 0 and text[start - 1] in "\"“„'‘"


FUNCTION_WORDS = frozenset({
    "The", "A", "An", "In", "On", "At", "For", "And", "But", "Or", "This", "That", "These",
    "Those", "It", "Its", "He", "She", "They", "We", "His", "Her", "Their", "As", "After",
    "Before", "While", "When", "With", "From", "By", "To", "Of", "If", "Der", "Die", "Das",
    "Ein", "Eine", "Im", "Am", "Zum", "Zur", "Mit", "Von", "Und", "Auch", "Wie", "Als",
    "Nach", "Bei", "Während", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
})


def trim_name(name: str) -> str:
    """Drop function words, dates and trailing punctuation at the edges of a name run."""
    parts = name.rstrip(".,;:'’").split()
    while parts and parts[0] in FUNCTION_WORDS:
        parts.pop(0)
    while parts and parts[-1] in FUNCTION_WORDS:
        parts.pop()
    return " ".join(parts)


def slug(name: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe",
                           "Ü": "ue"})
    return re.sub(r"[^a-z0-9]+", "-", name.translate(table).lower()).strip("-")
