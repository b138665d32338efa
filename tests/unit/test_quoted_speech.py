"""A quoted speaker becomes the speaker of a statement event; scare quotes and quotes a
source reports give none."""

from __future__ import annotations

import pytest

from actorgraph.ingest.extract.pipeline import ExtractionContext, draft_article, load_context


@pytest.fixture(scope="module")
def context() -> ExtractionContext:
    return load_context()


def _statements(context: ExtractionContext, text: str, language: str) -> list[dict]:
    draft = draft_article(text, language=language, published="2025-07-11", article_id="t",
                          context=context)
    return [e for e in draft.events if e["kind"] == "statement"]


@pytest.mark.parametrize(("language", "sentence", "date"), [
    ("en", '"We will not be intimidated by North Korea," General Dan Caine said on '
           "Saturday.", "2025-07-05"),
    ("de", "„Wir lassen uns von Nordkorea nicht einschüchtern“, sagte General Dan Caine am "
           "Samstag.", "2025-07-05"),
])
def test_a_quoted_speaker_makes_a_statement(context: ExtractionContext, language: str,
                                            sentence: str, date: str) -> None:
    title = "Generals meet" if language == "en" else "Generäle treffen sich"
    [statement] = _statements(context, f"{title}\n\n{sentence}\n", language)
    assert statement["participants"] == [{"actor": "dan-caine", "role": "speaker"}]
    assert statement["evidence"] == [sentence]
    assert statement["modality"] == "asserted"
    assert statement["cameo"] == "010"
    assert statement["date"] == date
    assert "attributed_to" not in statement


def test_the_actor_inside_the_quotation_is_not_its_speaker(
        context: ExtractionContext) -> None:
    [statement] = _statements(context, 'Talks\n\n"North Korea must stop," Dan Caine said.\n',
                              "en")
    assert statement["participants"] == [{"actor": "dan-caine", "role": "speaker"}]


@pytest.mark.parametrize(("language", "text"), [
    ("de", "Dialog\n\nLawrow reiste nach Nordkorea zur zweiten Runde des \"strategischen "
           "Dialogs\" mit Choe Son Hui.\n"),
    ("de", "Übung\n\nWie der britische \"Daily Star\" berichtet, halten die USA und Japan "
           "Übungen ab.\n"),
    ("en", "Talks\n\nDan Caine said North Korea must stop its tests.\n"),
])
def test_no_statement_without_a_quotation_and_a_named_speaker(
        context: ExtractionContext, language: str, text: str) -> None:
    assert _statements(context, text, language) == []
