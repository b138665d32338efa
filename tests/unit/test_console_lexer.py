"""The console's lexer: tokens, parameter names and positions in the user's text."""

from __future__ import annotations

from actorgraph.graph.console.lexer import Position, parameter_names, position_at, tokenize


def test_tokenizer_keeps_strings_and_backticks_whole() -> None:
    tokens = tokenize("MATCH (`a``b`) WHERE a.x = 'x // y' /* c */ RETURN $p, $`q r`")
    assert [(t.kind, t.value) for t in tokens] == [
        ("ident", "MATCH"), ("punct", "("), ("qident", "a`b"), ("punct", ")"),
        ("ident", "WHERE"), ("ident", "a"), ("punct", "."), ("ident", "x"), ("punct", "="),
        ("string", "x // y"), ("ident", "RETURN"), ("param", "p"), ("punct", ","),
        ("param", "q r"),
    ]


def test_parameter_names_in_order_without_strings_or_comments() -> None:
    text = ("MATCH (a:Actor {id: $actor}) WHERE a.note <> '$notparam' // $comment\n"
            "AND a.score > $min RETURN a, $actor, $0, $`two words`")
    assert parameter_names(text) == ["actor", "min", "0", "two words"]


def test_position_at() -> None:
    text = "MATCH (n)\n  RETURN m"
    assert position_at(text, 0) == Position(1, 1, 0)
    assert position_at(text, 12) == Position(2, 3, 12)
    assert str(Position(2, 3, 12)) == "line 2, column 3, offset 12"
