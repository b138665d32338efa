"""Property-based fuzz of the console's text and parameter checks (no database): whatever the
input, the answer is the text's tokens or one of the console's own errors, with an exit code
of the documented set; never another exception (a traceback in the CLI, HTTP 500 in the app).
Bounded: a fixed number of examples, no example database written."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from actorgraph.errors import ActorgraphError
from actorgraph.graph.console.params import check_params, parse_param_value
from actorgraph.graph.console.text_guard import check_text
from tests.console_fuzz import param_texts, param_values, queries

TEXT_EXIT_CODES = {1, 3}  # failed (empty, EXPLAIN), refused
FUZZ = settings(max_examples=500, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))
TRIED = {"text": 0, "params": 0, "param_texts": 0}


@FUZZ
@given(queries)
def test_check_text_answers_tokens_or_a_console_error(text: str) -> None:
    TRIED["text"] += 1
    try:
        assert isinstance(check_text(text), list)
    except ActorgraphError as e:
        assert e.exit_code in TEXT_EXIT_CODES, (type(e).__name__, str(e))
        assert str(e).startswith(("Refused: ", "The query is empty", "EXPLAIN is not needed",
                                  "PROFILE is not needed")), str(e)


@FUZZ
@given(param_values)
def test_check_params_answers_values_or_a_console_error(value: object) -> None:
    TRIED["params"] += 1
    try:
        assert check_params({"p": value}) == {"p": value}
    except ActorgraphError as e:
        assert e.exit_code in TEXT_EXIT_CODES, (type(e).__name__, str(e))


@FUZZ
@given(param_texts)
def test_parse_param_value_answers_a_value_or_a_refusal(raw: str) -> None:
    TRIED["param_texts"] += 1
    try:
        parse_param_value(raw, "p")
    except ActorgraphError as e:
        assert e.exit_code == 3, str(e)
        assert str(e) == ("Refused: Parameter $p is nested more than 100 levels deep "
                          "(ACTORGRAPH_QUERY_MAX_DEPTH)")


def test_fuzz_tried_every_case() -> None:
    """Runs after the three above (file order): they tried all their examples."""
    print(f"\nconsole guard fuzz: cases tried {TRIED}")
    assert all(count >= 400 for count in TRIED.values()), TRIED
