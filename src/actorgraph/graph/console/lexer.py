"""A small Cypher lexer: tokens with comments, whitespace and string contents out of the way,
and positions in the user's text for messages.

Strings and backticked names become single tokens, so nothing inside them is mistaken for
code; the guards (`text_guard`) work on these tokens.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# ---------------------------------------------------------------------------------------------
# Positions and messages
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Position:
    """Where in the user's text: 1-based line and column, 0-based character offset."""

    line: int
    column: int
    offset: int

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}, offset {self.offset}"


def position_at(text: str, offset: int) -> Position:
    """The line and column of a character offset in `text`."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    line_start = text.rfind("\n", 0, offset) + 1
    return Position(line=line, column=offset - line_start + 1, offset=offset)


def excerpt(text: str, pos: Position, width: int = 100) -> str:
    """The line at `pos` (cut to `width` around the column) and a caret under the column."""
    lines = text.split("\n")
    if not 1 <= pos.line <= len(lines):
        return ""
    line = lines[pos.line - 1].rstrip("\r")
    col = min(max(pos.column - 1, 0), len(line))
    start = max(0, min(col - width // 2, len(line) - width)) if len(line) > width else 0
    shown = line[start:start + width]
    lead = "…" if start > 0 else ""
    tail = "…" if start + width < len(line) else ""
    pad = "".join("\t" if ch == "\t" else " " for ch in lead + shown[:col - start])
    return f"  {lead}{shown}{tail}\n  {pad}^"


def with_position(message: str, text: str, pos: Position | None) -> str:
    """`message (line L, column C, offset O)` plus the offending line, or just `message`."""
    if pos is None:
        return message
    shown = excerpt(text, pos)
    return f"{message} ({pos})" + (f"\n{shown}" if shown else "")


# ---------------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Token:
    """One lexical token. `kind`: ident, qident (backticked), string, number, param, punct."""

    kind: str
    value: str
    offset: int

    def is_word(self, *words: str) -> bool:
        """An unquoted identifier equal (ignoring case) to one of `words`."""
        return self.kind == "ident" and self.value.upper() in words


def _is_ident_start(ch: str) -> bool:
    return ch.isalpha() or ch == "_"


def _is_ident_part(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def tokenize(text: str) -> list[Token]:
    """Lex Cypher into tokens; comments and whitespace are dropped.

    Strings ('...' and "..." with backslash escapes) become single `string` tokens, so nothing
    inside them is mistaken for code. An unterminated string or comment runs to the end of the
    text (the server reports the syntax error).
    """
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif ch in "'\"":
            j, buf = i + 1, []
            while j < n and text[j] != ch:
                if text[j] == "\\" and j + 1 < n:
                    buf.append(text[j:j + 2])
                    j += 2
                else:
                    buf.append(text[j])
                    j += 1
            tokens.append(Token("string", "".join(buf), i))
            i = j + 1
        elif ch == "`":
            value, i2 = _read_backticked(text, i)
            tokens.append(Token("qident", value, i))
            i = i2
        elif ch == "$":
            j = i + 1
            if j < n and text[j] == "`":
                value, j = _read_backticked(text, j)
            else:
                while j < n and _is_ident_part(text[j]):
                    j += 1
                value = text[i + 1:j]
            if value:
                tokens.append(Token("param", value, i))
            else:
                tokens.append(Token("punct", "$", i))
            i = max(j, i + 1)
        elif _is_ident_start(ch):
            j = i + 1
            while j < n and _is_ident_part(text[j]):
                j += 1
            tokens.append(Token("ident", text[i:j], i))
            i = j
        elif ch.isdigit():
            j = i + 1
            while j < n and (_is_ident_part(text[j])
                             or (text[j] == "." and j + 1 < n and text[j + 1].isdigit())):
                j += 1
            tokens.append(Token("number", text[i:j], i))
            i = j
        else:
            tokens.append(Token("punct", ch, i))
            i += 1
    return tokens


def _read_backticked(text: str, start: int) -> tuple[str, int]:
    """The name inside backticks starting at `start` (`` `` `` is an escaped backtick)."""
    j, buf, n = start + 1, [], len(text)
    while j < n:
        if text[j] == "`":
            if j + 1 < n and text[j + 1] == "`":
                buf.append("`")
                j += 2
                continue
            return "".join(buf), j + 1
        buf.append(text[j])
        j += 1
    return "".join(buf), n


def split_statements(tokens: Sequence[Token]) -> list[list[Token]]:
    """Tokens grouped by top-level `;`; empty statements (a trailing `;`) are dropped."""
    statements: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.kind == "punct" and tok.value == ";":
            statements.append([])
        else:
            statements[-1].append(tok)
    return [s for s in statements if s]


def parameter_names(text: str) -> list[str]:
    """The distinct `$name` parameters of a query, in order of first use."""
    seen: dict[str, None] = {}
    for tok in tokenize(text):
        if tok.kind == "param":
            seen.setdefault(tok.value, None)
    return list(seen)
