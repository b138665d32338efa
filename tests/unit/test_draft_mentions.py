"""The draft's `mentions`: every actor the text names, verbatim with offsets, captions
included and marked, names the registry lacks with actor null."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.ingest.extract.pipeline import ExtractionContext, extract_article, load_context

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / "newsde-putin-im-visier" / "article.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "extract"


@pytest.fixture(scope="module")
def context() -> ExtractionContext:
    return load_context()


def test_every_mention_is_verbatim_at_its_offsets(context: ExtractionContext) -> None:
    draft = extract_article(SEED, context, published="2025-07-11")
    assert draft.mentions
    for mention in draft.mentions:
        assert list(mention) == ["text", "start", "end", "actor", "in_caption"]
        assert draft.text[mention["start"]:mention["end"]] == mention["text"]
    starts = [(m["start"], m["end"]) for m in draft.mentions]
    assert starts == sorted(starts)


def test_seed_mentions_name_the_generals_and_mark_the_caption(
        context: ExtractionContext) -> None:
    draft = extract_article(SEED, context, published="2025-07-11")
    caine = draft.text.index("Dan Caine")
    assert {"text": "Dan Caine", "start": caine, "end": caine + 9, "actor": "dan-caine",
            "in_caption": False} in draft.mentions
    caption_start = draft.text.index("Eine Demonstration der Macht")
    caption_end = draft.text.index("\n", caption_start)
    in_caption = [(m["text"], m["actor"]) for m in draft.mentions if m["in_caption"]]
    assert in_caption == [("Wladimir Putin", "putin"), ("USA", "USA"), ("Japan", "JPN"),
                          ("Südkorea", "KOR"), ("Kremlin", "RUS")]
    assert all(caption_start <= m["start"] < caption_end
               for m in draft.mentions if m["in_caption"])


def test_mentioned_actors_include_those_no_fact_involves(context: ExtractionContext) -> None:
    draft = extract_article(SEED, context, published="2025-07-11")
    in_facts = {p if isinstance(p, str) else p["actor"]
                for e in draft.events for p in e["participants"]}
    mentioned = {m["actor"] for m in draft.mentions}
    assert in_facts <= mentioned


def test_a_name_the_registry_lacks_is_a_mention_of_no_actor(
        context: ExtractionContext) -> None:
    draft = extract_article(FIXTURES / "de-aussenminister-tokio" / "article.txt", context,
                            published="2025-11-20")
    unknown = [m["text"] for m in draft.mentions if m["actor"] is None]
    assert "Hana Lee" in unknown
