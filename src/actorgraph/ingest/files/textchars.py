"""Characters text fields and article texts may not contain, and how messages name them.

Control characters (NUL, BEL, ESC ...) end up in the graph, in exports and on terminals;
bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) make a text
display in another order than it is stored ("Trojan source"), so a title or a quote could read
differently from what it says. Lone surrogates cannot be encoded as UTF-8 at all. All three
are refused. The left-to-right and right-to-left marks (U+200E, U+200F) stay allowed: they
change no order and real right-to-left text uses them.
"""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS_AND_TABS = "\t\n\r"

_C0_NAMES = {0: "NUL", 7: "BEL", 8: "BACKSPACE", 9: "TAB", 10: "LINE FEED", 11: "VERTICAL TAB",
             12: "FORM FEED", 13: "CARRIAGE RETURN", 27: "ESC", 127: "DELETE"}


def forbidden_char(text: str, allowed: str = "") -> int | None:
    """The index of the first character `text` may not contain (`allowed` excepted)."""
    for i, ch in enumerate(text):
        if ch in allowed:
            continue
        if ch in BIDI_CONTROLS or unicodedata.category(ch) in ("Cc", "Cs"):
            return i
    return None


def name_char(ch: str) -> str:
    """'U+202E (RIGHT-TO-LEFT OVERRIDE, a bidirectional control)', 'U+0000 (NUL, a control
    character)'."""
    code = f"U+{ord(ch):04X}"
    if ch in BIDI_CONTROLS:
        return f"{code} ({unicodedata.name(ch)}, a bidirectional control)"
    if unicodedata.category(ch) == "Cs":
        return f"{code} (a lone surrogate, not a character)"
    if unicodedata.category(ch) == "Cc":
        name = _C0_NAMES.get(ord(ch))
        return f"{code} ({name + ', ' if name else ''}a control character)"
    return f"{code} ({unicodedata.name(ch, 'not a character')})"


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of `text[index]`."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1
