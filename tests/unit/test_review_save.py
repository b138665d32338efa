"""dashboard/pages/review_save.py: the Review page writes what the CLI writes, only valid."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from actorgraph.dashboard.pages.review_save import (
    add_actor,
    draft_document,
    draft_from_text,
    open_article,
    save_article,
    saved_articles,
)
from actorgraph.errors import ValidationFailed
from actorgraph.view.review import actor_entry, apply_decisions

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / "newsde-putin-im-visier" / "article.txt"


@pytest.fixture
def data(tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    return copy


def test_saved_folder_is_what_the_cli_writes(data, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    draft = draft_from_text(text, "review-seed", None, "2025-07-11", None, data)
    records = save_article(draft_document(draft), text, data)
    assert records[0].article.id == "review-seed"
    folder = data / "articles" / "review-seed"
    assert (folder / "article.txt").read_bytes() == SEED.read_bytes()
    (tmp_path / "review-seed.txt").write_bytes(SEED.read_bytes())
    cli = subprocess.run([sys.executable, "-m", "actorgraph", "extract",
                          str(tmp_path / "review-seed.txt"), "--published", "2025-07-11",
                          "--data-dir", str(data)], capture_output=True, text=True, check=True)
    assert (folder / "annotation.yaml").read_text(encoding="utf-8") == cli.stdout
    assert "review-seed" in saved_articles(data)
    annotation, reopened = open_article("review-seed", data)
    assert reopened == text and annotation["article"]["id"] == "review-seed"


def test_nothing_is_written_when_validation_fails(data):
    text = SEED.read_text(encoding="utf-8")
    document = draft_document(draft_from_text(text, "review-bad", None, None, None, data))
    annotation, _ = apply_decisions(document, {}, {"events-0": {"date": "nonsense"}})
    before = sorted(p.name for p in data.iterdir())
    with pytest.raises(ValidationFailed) as failed:
        save_article(annotation, text, data)
    final = data / "articles" / "review-bad" / "annotation.yaml"
    assert any(p.startswith(f"{final}:") and "events[0].date" in p
               for p in failed.value.problems)
    assert not (data / "articles" / "review-bad").exists()
    assert sorted(p.name for p in data.iterdir()) == before  # no temporary folder left


@pytest.mark.parametrize("bad", ["../escape", "a/b", "..", "Upper"])
def test_ids_outside_the_data_folder_are_refused(data, bad):
    with pytest.raises(ValidationFailed):
        draft_from_text("Kim traf Putin in Seoul.", bad, "de", None, None, data)
    with pytest.raises(ValidationFailed):
        save_article({"article": {"id": bad}}, "text", data)
    with pytest.raises(ValidationFailed):
        open_article(bad, data)
    with pytest.raises(ValidationFailed):
        add_actor(actor_entry(bad, "Name", "", "person", ""), data)
    assert not (data.parent / "escape").exists()


def test_an_actor_is_added_only_when_the_registry_stays_valid(data):
    before = (data / "actors.yaml").read_text(encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        add_actor(actor_entry("kim-yo-jong", "Kim Yo-jong", "", "person", "PRKX"), data)
    assert "country" in failed.value.problems[0]
    assert (data / "actors.yaml").read_text(encoding="utf-8") == before
    with pytest.raises(ValidationFailed):
        add_actor(actor_entry("putin", "Putin", "", "person", "RUS"), data)
    add_actor(actor_entry("kim-yo-jong", "Kim Yo-jong", "Kim Yo Jong", "person", "PRK"), data)
    text = "Kim Yo-jong traf Wladimir Putin in Moskau. Die Schwester von Kim Jong-un sprach."
    draft = draft_from_text(text, "kim-test", "de", None, None, data)
    assert draft.text == text
    from actorgraph.ingest.reference.registry import load_registry
    assert "kim-yo-jong" in load_registry(data).actors


def test_a_linked_article_folder_is_not_opened(data, tmp_path):
    outside = tmp_path / "outside"
    shutil.copytree(data / "articles" / "newsde-putin-im-visier", outside)
    (data / "articles" / "linked").symlink_to(outside)
    assert "linked" not in saved_articles(data)
    with pytest.raises(ValidationFailed) as failed:
        open_article("linked", data)
    assert "symbolic link" in failed.value.problems[0]
