"""`actorgraph extract` and `actorgraph ingest` agree: a draft ingests unchanged wherever it is
written, and both find the registries by the same default."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.ingest.annotation.folders import DATA_DIR_RULE, data_dir_for
from actorgraph.ingest.reference.countries import DATA_DIR

ROOT = Path(__file__).resolve().parents[2]
SEED_FOLDER = ROOT / "data" / "articles" / "newsde-putin-im-visier"
SEED = SEED_FOLDER / "article.txt"


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_a_draft_written_into_any_folder_ingests_unchanged(tmp_path: Path) -> None:
    folder = tmp_path / "my_folder"
    written = _run("extract", str(SEED), "--published", "2025-07-11",
                   "--out", str(folder / "annotation.yaml"))
    assert written.exit_code == 0, written.output
    assert sorted(p.name for p in folder.iterdir()) == ["annotation.yaml", "article.txt"]
    annotation = yaml.safe_load((folder / "annotation.yaml").read_text(encoding="utf-8"))
    assert annotation["article"]["id"] == "my-folder"
    ingested = _run("ingest", str(folder), "--dry-run")
    assert ingested.exit_code == 0, ingested.output
    assert ingested.output.startswith("my-folder: valid: ")


def test_a_draft_of_the_article_txt_in_its_own_folder_ingests(tmp_path: Path) -> None:
    folder = tmp_path / "Neue_Übung"
    folder.mkdir()
    shutil.copy(SEED, folder / "article.txt")
    written = _run("extract", str(folder / "article.txt"), "--out",
                   str(folder / "annotation.yaml"))
    assert written.exit_code == 0, written.output
    assert written.stderr.startswith("neue-uebung: ")
    ingested = _run("ingest", str(folder), "--dry-run")
    assert ingested.exit_code == 0, ingested.output
    assert ingested.output.startswith("neue-uebung: valid: ")


def test_ingest_names_both_ids_a_folder_accepts(tmp_path: Path) -> None:
    folder = tmp_path / "my_folder"
    shutil.copytree(SEED_FOLDER, folder)
    result = _run("ingest", str(folder), "--dry-run")
    assert result.exit_code == 2
    assert (f"{folder / 'annotation.yaml'}:11: article.id: expected 'my_folder' (the name of "
            "the article's folder) or 'my-folder' (made from it); found "
            "'newsde-putin-im-visier'") in result.output


def test_an_article_folder_outside_data_uses_the_projects_registries(tmp_path: Path) -> None:
    folder = tmp_path / "some" / "newsde-putin-im-visier"
    shutil.copytree(SEED_FOLDER, folder)
    assert data_dir_for(folder) == DATA_DIR
    result = _run("ingest", str(folder), "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("newsde-putin-im-visier: valid: ")
    drafted = _run("extract", str(folder / "article.txt"))
    assert drafted.exit_code == 0, drafted.output


def test_a_data_folder_above_the_articles_is_used_by_both(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "articles").mkdir(parents=True)
    (data / "sources.yaml").write_text("[]\n")
    folder = data / "articles" / "newsde-putin-im-visier"
    shutil.copytree(SEED_FOLDER, folder)
    assert data_dir_for(folder) == data
    ingested = _run("ingest", str(folder), "--dry-run")
    assert ingested.exit_code == 2
    assert f"{data}/actors.yaml: expected the actors registry" in ingested.output
    drafted = _run("extract", str(folder / "article.txt"))
    assert drafted.exit_code == 2
    assert str(data) in drafted.output


def test_both_helps_state_the_one_default() -> None:
    words = " ".join(DATA_DIR_RULE.split())
    for command in ("extract", "ingest"):
        shown = _run(command, "--help")
        assert shown.exit_code == 0
        assert words in " ".join(shown.output.split()), command
