"""The seed article goes through the loader: it validates, and every quote sits at its offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actorgraph.ingest.annotation.folders import load_articles
from actorgraph.records import ArticleRecords

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / "newsde-putin-im-visier"


@pytest.fixture(scope="module")
def seed() -> ArticleRecords:
    [records] = load_articles([SEED])
    return records


@pytest.fixture(scope="module")
def annotation() -> dict:
    return yaml.safe_load((SEED / "annotation.yaml").read_text(encoding="utf-8"))


def test_the_seed_validates_completely(seed: ArticleRecords, annotation: dict) -> None:
    assert seed.article.id == "newsde-putin-im-visier"
    assert [e.id for e in seed.events] == [e["id"] for e in annotation["events"]]
    assert len(seed.relations) == len(annotation["relations"])
    assert seed.article.text == (SEED / "article.txt").read_text(encoding="utf-8")


def test_every_quote_is_at_its_offsets(seed: ArticleRecords, annotation: dict) -> None:
    text = seed.article.text
    facts = [*seed.events, *seed.relations]
    written = [*annotation["events"], *annotation["relations"]]
    for fact, raw in zip(facts, written, strict=True):
        quotes = [q if isinstance(q, str) else q["quote"] for q in raw["evidence"]]
        assert [e.quote for e in fact.evidence] == quotes
        for evidence in fact.evidence:
            assert text[evidence.start:evidence.end] == evidence.quote


def test_seed_dates_resolve_against_publication(seed: ArticleRecords) -> None:
    events = {e.id: e for e in seed.events}
    exercise = events["trilateral-air-exercise-jeju"]
    assert (exercise.date_text, exercise.date, exercise.date_precision) == (
        "am Freitag", "2025-07-11", "day")
    first_round = events["rus-prk-strategic-dialogue-round-1"]
    assert (first_round.date_text, first_round.date, first_round.date_precision) == (
        "im November", "2024-11", "month")
    expanded = events["trilateral-joint-exercises-expanded"]
    assert (expanded.date, expanded.date_precision) == (None, "unknown")


def test_goldstein_comes_from_the_table(seed: ArticleRecords) -> None:
    scores = {}
    for line in (ROOT / "data" / "cameo-goldstein.tsv").read_text().splitlines()[1:]:
        code, score = line.split("\t")
        scores[code] = float(score)
    for event in seed.events:
        if event.cameo is not None:
            assert event.goldstein == scores[event.cameo]
