"""`actorgraph ingest` against a real Neo4j with hostile article folders (issue #13): nothing
of a file outside the data tree reaches the graph or the terminal, and over-long or
control-character fields are refused before anything is written."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from actorgraph.graph.connection import Database

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
SECRET = "neo4j-password-5f2c9e"
ONLY_ARTICLE = """\
article:
  id: sample-article
  title: {title}
  outlet: Example Wire
  language: en
  published_note: {note}
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    (tmp_path / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    return target


def ingest(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "actorgraph", "ingest", *args], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=240)


def annotate(data: Path, title: str = "Allies hold air drill off Jeju",
             note: str = "null") -> Path:
    folder = data / "articles" / "sample-article"
    (folder / "annotation.yaml").write_text(ONLY_ARTICLE.format(title=title, note=note),
                                            encoding="utf-8")
    return folder


def articles(db: Database) -> list[dict]:
    return db.read("MATCH (a:Article) RETURN a.id AS id, a.text AS text")


def test_a_linked_article_text_is_refused_and_nothing_is_stored(db: Database, neo4j_env,
                                                                data: Path) -> None:
    folder = annotate(data)
    (folder / "article.txt").unlink()
    (folder / "article.txt").symlink_to("../../../secret.txt")
    result = ingest(neo4j_env, data.parent, "data/articles", "--data-dir", "data")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "Error: 1 problem found; nothing was written:",
        "  - data/articles/sample-article/article.txt: expected a regular file inside "
        "data/articles/sample-article (symbolic links are not followed); found a symbolic link "
        "to '../../../secret.txt'"]
    assert SECRET not in result.stdout + result.stderr
    assert articles(db) == []


def test_a_link_to_a_system_file_shows_none_of_it(db: Database, neo4j_env,
                                                  data: Path) -> None:
    folder = data / "articles" / "sample-article"  # the annotation's quotes stay
    (folder / "article.txt").unlink()
    (folder / "article.txt").symlink_to("/etc/passwd")
    result = ingest(neo4j_env, data.parent, "data/articles")
    assert result.returncode == 2
    assert result.stderr.splitlines()[1:] == [
        "  - data/articles/sample-article/article.txt: expected a regular file inside "
        "data/articles/sample-article (symbolic links are not followed); found a symbolic link "
        "to '/etc/passwd'"]
    assert "root:" not in result.stderr and "closest passage" not in result.stderr
    assert articles(db) == []


def test_an_over_long_note_is_refused_and_nothing_is_stored(db: Database, neo4j_env,
                                                            data: Path) -> None:
    annotate(data, note="x" * 100_000)
    result = ingest(neo4j_env, data.parent, "data/articles")
    assert result.returncode == 2
    assert result.stderr.splitlines()[1:] == [
        "  - data/articles/sample-article/annotation.yaml:6: article.published_note: expected "
        "a note on where the date comes from (text), or null, at most 5,000 characters; found "
        "100,000 characters"]
    assert articles(db) == []


def test_control_characters_in_a_title_are_refused_and_nothing_is_stored(
        db: Database, neo4j_env, data: Path) -> None:
    annotate(data, title='"Allies\\0 hold\\a air \\u202edrill"')
    result = ingest(neo4j_env, data.parent, "data/articles")
    assert result.returncode == 2
    assert result.stderr.splitlines()[1:] == [
        "  - data/articles/sample-article/annotation.yaml:3: article.title: expected the "
        "article's title (text), without control characters or bidirectional controls; found "
        "U+0000 (NUL, a control character) at character 7"]
    assert articles(db) == []


def test_the_same_article_without_the_hostile_parts_is_stored(db: Database, neo4j_env,
                                                              data: Path) -> None:
    annotate(data, note='"from the dateline,\\n\\tline two"')
    result = ingest(neo4j_env, data.parent, "data/articles")
    assert result.returncode == 0, result.stderr
    stored = articles(db)
    assert [a["id"] for a in stored] == ["sample-article"]
    assert stored[0]["text"] == (FIXTURE / "articles/sample-article/article.txt").read_text(
        encoding="utf-8")
