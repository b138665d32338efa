"""What the Review page calls: `draft_annotation` gives the dict `actorgraph extract` writes,
and `write_annotation` writes the article folder exactly as `actorgraph extract --out` does."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.errors import ValidationFailed
from actorgraph.ingest.extract.draft_yaml import render_annotation, write_annotation
from actorgraph.ingest.extract.pipeline import ExtractionContext, draft_annotation, load_context

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / "newsde-putin-im-visier" / "article.txt"


@pytest.fixture(scope="module")
def context() -> ExtractionContext:
    return load_context()


def test_the_dict_is_what_extract_prints(context: ExtractionContext) -> None:
    text = SEED.read_text(encoding="utf-8")
    document = draft_annotation(text, outlet="news.de", url="https://www.news.de/putin",
                                published="2025-07-11", article_id="newsde-putin-im-visier",
                                context=context)
    printed = CliRunner().invoke(main, ["extract", str(SEED), "--published", "2025-07-11",
                                        "--outlet", "news.de"])
    assert printed.exit_code == 0, printed.output
    expected = yaml.safe_load(printed.output)
    expected["article"]["url"] = "https://www.news.de/putin"
    assert document == expected
    assert list(document) == ["article", "events", "relations", "candidates", "mentions"]
    assert yaml.safe_load(render_annotation(document)) == document


def test_the_article_id_defaults_to_the_title(context: ExtractionContext) -> None:
    document = draft_annotation(SEED.read_text(encoding="utf-8"), context=context)
    assert document["article"]["id"] == "wladimir-putin-im-visier-usa-und-japan-starten-mega"


def test_a_text_it_cannot_read_is_refused(context: ExtractionContext) -> None:
    with pytest.raises(ValidationFailed) as refused:
        draft_annotation("   \n", context=context)
    assert refused.value.problems == ["article.txt: expected the article's text (UTF-8); "
                                      "found only whitespace"]


def test_write_annotation_writes_what_extract_writes(context: ExtractionContext,
                                                     tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    document = draft_annotation(text, published="2025-07-11",
                                article_id="newsde-putin-im-visier", context=context)
    written = write_annotation(document, text, tmp_path / "page")
    by_cli = CliRunner().invoke(main, ["extract", str(SEED), "--published", "2025-07-11",
                                       "--out", str(tmp_path / "cli")])
    assert by_cli.exit_code == 0, by_cli.output
    folder = tmp_path / "page" / "newsde-putin-im-visier"
    assert written == [folder / "article.txt", folder / "annotation.yaml"]
    other = tmp_path / "cli" / "newsde-putin-im-visier"
    for name in ("article.txt", "annotation.yaml"):
        assert (folder / name).read_bytes() == (other / name).read_bytes()
    ingested = CliRunner().invoke(main, ["ingest", str(folder), "--dry-run"])
    assert ingested.exit_code == 0, ingested.output
    with pytest.raises(ValidationFailed) as refused:
        write_annotation(document, text, tmp_path / "page")
    assert refused.value.problems == [
        f"{folder / 'annotation.yaml'}: expected no annotation there (a draft never replaces "
        "one); found an existing file; pass --force to overwrite it"]
