"""Hostile article folders and registries (issue #13): links out of the data tree, files that
are not regular files, alias bombs, deep nesting, huge fields, control characters.

Each case asserts the complete list of messages: the file, what was expected, what was found,
and that nothing of a refused file's content appears.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from actorgraph.errors import ValidationFailed, YamlUnreadable
from actorgraph.ingest.annotation.folders import load_articles
from actorgraph.ingest.extract.article_input import read_article_text
from actorgraph.ingest.files.yamldoc import parse_yaml

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
SECRET = "password: hunter2-do-not-leak"
ONLY_ARTICLE = """\
article:
  id: sample-article
  title: Allies hold air drill off Jeju
  outlet: Example Wire
  language: en
"""
LINK_EXPECTED = "(symbolic links are not followed)"
ALIAS_BOMB = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    (tmp_path / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    return target


@pytest.fixture
def folder(data: Path) -> Path:
    return data / "articles" / "sample-article"


def problems(data: Path, *paths: Path, data_dir: Path | None = None) -> list[str]:
    with pytest.raises(ValidationFailed) as caught:
        load_articles(list(paths) or [data / "articles"], data_dir)
    assert SECRET not in str(caught.value) and "hunter2" not in str(caught.value)
    return caught.value.problems


def relink(path: Path, target: str) -> None:
    path.unlink()
    path.symlink_to(target)


# -- 1. files outside the data tree ---------------------------------------------------------

def test_a_linked_article_text_is_refused_not_stored(data: Path, folder: Path) -> None:
    (folder / "annotation.yaml").write_text(ONLY_ARTICLE, encoding="utf-8")
    relink(folder / "article.txt", "../../../secret.txt")
    assert problems(data, data_dir=data) == [
        f"{folder}/article.txt: expected a regular file inside {folder} {LINK_EXPECTED}; "
        "found a symbolic link to '../../../secret.txt'"]


def test_a_linked_article_text_shows_no_closest_passage(data: Path, folder: Path) -> None:
    # the quotes of the annotation are not in the secret: before, its lines were shown
    relink(folder / "article.txt", str(data.parent / "secret.txt"))
    assert problems(data) == [
        f"{folder}/article.txt: expected a regular file inside {folder} {LINK_EXPECTED}; "
        f"found a symbolic link to '{data.parent / 'secret.txt'}'"]


def test_a_linked_annotation_is_refused(data: Path, folder: Path) -> None:
    outside = data.parent / "annotation.yaml"
    shutil.copy(folder / "annotation.yaml", outside)
    relink(folder / "annotation.yaml", str(outside))
    assert problems(data) == [
        f"{folder}/annotation.yaml: expected a regular file inside {folder} {LINK_EXPECTED}; "
        f"found a symbolic link to '{outside}'"]


def test_a_linked_registry_file_is_refused(data: Path) -> None:
    (data / "articles/sample-article/annotation.yaml").write_text(ONLY_ARTICLE,
                                                                 encoding="utf-8")
    shutil.copy(data / "sources.yaml", data.parent / "sources.yaml")
    relink(data / "sources.yaml", "../sources.yaml")
    assert problems(data) == [
        f"{data}/sources.yaml: expected a regular file inside {data} {LINK_EXPECTED}; "
        "found a symbolic link to '../sources.yaml'"]


def test_a_linked_cameo_table_is_refused(data: Path) -> None:
    shutil.copy(data / "cameo-labels.tsv", data.parent / "labels.tsv")
    relink(data / "cameo-labels.tsv", str(data.parent / "labels.tsv"))
    assert problems(data) == [
        f"{data}/cameo-labels.tsv: expected a regular file inside {data} {LINK_EXPECTED}; "
        f"found a symbolic link to '{data.parent / 'labels.tsv'}'"]


def test_a_linked_article_folder_is_refused(data: Path, folder: Path) -> None:
    outside = data.parent / "elsewhere"
    shutil.move(folder, outside)
    folder.symlink_to(outside)
    assert problems(data) == [
        f"{folder}: expected an article folder inside {data / 'articles'}; found a symbolic "
        f"link to '{outside}' (links are not followed)"]


def test_a_linked_path_named_on_the_command_line_is_refused(data: Path, folder: Path) -> None:
    link = data / "articles" / "link"
    link.symlink_to(folder)
    assert problems(data, link, data_dir=data) == [
        f"{link}: expected an article folder (with annotation.yaml) or a folder of article "
        f"folders, not a link; found a symbolic link to '{folder}' (links are not followed); "
        "name the folder it points to"]


def test_a_named_pipe_as_article_text_is_refused_without_reading(data: Path,
                                                                  folder: Path) -> None:
    (folder / "article.txt").unlink()
    os.mkfifo(folder / "article.txt")  # reading it would block forever
    assert problems(data) == [
        f"{folder}/article.txt: expected a regular file inside {folder}; found a named pipe"]


def test_the_extractor_refuses_a_device() -> None:
    with pytest.raises(ValidationFailed) as caught:
        read_article_text(Path("/dev/zero"))  # endless: reading it would never stop
    assert caught.value.problems == ["/dev/zero: expected a regular file; found a device"]


# -- 4. YAML alias bombs and deep nesting ---------------------------------------------------

def test_an_alias_bomb_is_a_validation_error(data: Path, folder: Path) -> None:
    (folder / "annotation.yaml").write_text(ALIAS_BOMB, encoding="utf-8")
    assert problems(data) == [
        f"{folder}/annotation.yaml:5: expected aliases repeating at most 10,000 values in a "
        "file; found aliases repeating 15,670 or more (aliases of aliases multiply)"]


@pytest.mark.parametrize("text", ["[" * 20_000 + "]" * 20_000, "- " * 20_000 + "x\n",
                                  "{a: " * 20_000 + "}" * 20_000],
                         ids=["flow lists", "block lists", "flow mappings"])
def test_yaml_nested_20000_deep_is_a_validation_error(data: Path, folder: Path,
                                                      text: str) -> None:
    (folder / "annotation.yaml").write_text(text, encoding="utf-8")
    assert problems(data) == [
        f"{folder}/annotation.yaml:1: expected values nested at most 50 levels deep; found "
        "deeper nesting (level 51)"]


def test_a_value_containing_itself_is_a_validation_error(data: Path, folder: Path) -> None:
    (folder / "annotation.yaml").write_text("article: &a\n  id: [*a]\n", encoding="utf-8")
    assert problems(data) == [
        f"{folder}/annotation.yaml:2: expected an alias to a complete value; found an alias "
        "inside the value its anchor names (a value that contains itself)"]


def test_a_few_aliases_still_load() -> None:
    root = parse_yaml("a: &x [1, 2]\nb: *x\nc: *x\n")
    assert root is not None and root.plain() == {"a": [1, 2], "b": [1, 2], "c": [1, 2]}


def test_more_than_100_aliases_are_refused() -> None:
    text = "a: &x 1\nb: [" + ", ".join(["*x"] * 101) + "]\n"
    with pytest.raises(YamlUnreadable) as caught:
        parse_yaml(text)
    assert str(caught.value) == "2: expected at most 100 aliases (*name) in a file; found more"


# -- 9. size limits and control characters --------------------------------------------------

def article_field(folder: Path, line: str) -> None:
    (folder / "annotation.yaml").write_text(ONLY_ARTICLE + line + "\n", encoding="utf-8")


def test_a_huge_annotation_file_is_refused_before_reading(data: Path, folder: Path) -> None:
    article_field(folder, "  published_note: " + "x" * (1 << 20))
    size = (folder / "annotation.yaml").stat().st_size
    assert problems(data) == [
        f"{folder}/annotation.yaml: expected a file of at most 1.0 MiB; found "
        f"{size / (1 << 20):.1f} MiB"]


def test_a_note_over_the_limit_is_refused(data: Path, folder: Path) -> None:
    article_field(folder, "  published_note: " + "x" * 5001)
    assert problems(data) == [
        f"{folder}/annotation.yaml:6: article.published_note: expected a note on where the "
        "date comes from (text), or null, at most 5,000 characters; found 5,001 characters"]


def test_a_title_over_the_limit_is_refused(data: Path, folder: Path) -> None:
    (folder / "annotation.yaml").write_text(
        ONLY_ARTICLE.replace("Allies hold air drill off Jeju", "t" * 1001), encoding="utf-8")
    assert problems(data) == [
        f"{folder}/annotation.yaml:3: article.title: expected the article's title (text), at "
        "most 1,000 characters; found 1,001 characters"]


@pytest.mark.parametrize(("escaped", "found"), [
    ("\\0", "U+0000 (NUL, a control character) at character 7"),
    ("\\a", "U+0007 (BEL, a control character) at character 7"),
    ("\\e[2J", "U+001B (ESC, a control character) at character 7"),
    ("\\u202e", "U+202E (RIGHT-TO-LEFT OVERRIDE, a bidirectional control) at character 7"),
    ("\\ud800", "U+D800 (a lone surrogate, not a character) at character 7"),
    ("\\n", "U+000A (LINE FEED, a control character) at character 7"),
])
def test_control_characters_in_a_title_are_refused(data: Path, folder: Path, escaped: str,
                                                   found: str) -> None:
    (folder / "annotation.yaml").write_text(ONLY_ARTICLE.replace(
        "Allies hold air drill off Jeju", f'"Allies{escaped} hold air drill"'), encoding="utf-8")
    assert problems(data) == [
        f"{folder}/annotation.yaml:3: article.title: expected the article's title (text), "
        f"without control characters or bidirectional controls; found {found}"]


def test_control_characters_in_a_registry_name_are_refused(data: Path) -> None:
    text = (data / "actors.yaml").read_text(encoding="utf-8")
    assert text.count("name: South Korea\n") == 1
    (data / "actors.yaml").write_text(text.replace("name: South Korea\n",
                                                   'name: "South \\u202eKorea"\n'),
                                      encoding="utf-8")
    (data / "articles/sample-article/annotation.yaml").write_text(ONLY_ARTICLE,
                                                                 encoding="utf-8")
    [message] = problems(data)
    assert message.startswith(f"{data}/actors.yaml:")
    assert message.endswith(": expected a name (text), without control characters or "
                            "bidirectional controls; found U+202E (RIGHT-TO-LEFT OVERRIDE, a "
                            "bidirectional control) at character 7")


def test_a_note_may_have_line_breaks_and_tabs(data: Path, folder: Path) -> None:
    article_field(folder, '  published_note: "from the\\n\\tdateline"')
    [records] = load_articles([data / "articles"])
    assert records.article.published_note == "from the\n\tdateline"


def test_a_note_may_not_have_other_control_characters(data: Path, folder: Path) -> None:
    article_field(folder, '  published_note: "from the\\n\\bdateline"')
    assert problems(data) == [
        f"{folder}/annotation.yaml:6: article.published_note: expected a note on where the "
        "date comes from (text), or null, without control characters or bidirectional "
        "controls (line breaks and tabs are fine); found U+0008 (BACKSPACE, a control "
        "character) at character 10"]


@pytest.mark.parametrize(("inserted", "found"), [
    ("\x00", "U+0000 (NUL, a control character) at line 3, column 7"),
    ("\u202e", "U+202E (RIGHT-TO-LEFT OVERRIDE, a bidirectional control) at line 3, column 7"),
    ("\x1b", "U+001B (ESC, a control character) at line 3, column 7"),
])
def test_control_characters_in_article_text_are_refused(data: Path, folder: Path,
                                                        inserted: str, found: str) -> None:
    text = (folder / "article.txt").read_text(encoding="utf-8")
    assert text.splitlines()[2].startswith("SEOUL,")
    (folder / "article.txt").write_text(text.replace("SEOUL,", "SEOUL," + inserted, 1),
                                        encoding="utf-8")
    assert problems(data) == [
        f"{folder}/article.txt:3: expected UTF-8 text without control characters (tabs and "
        f"line breaks are fine) or bidirectional controls; found {found}"]


def test_the_extractor_refuses_a_bidi_override(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("Seoul and Tokyo\nagreed \u202eto talks.\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        read_article_text(path)
    assert caught.value.problems == [
        f"{path}: expected UTF-8 text without control characters (tabs and line breaks are "
        "fine) or bidirectional controls; found U+202E (RIGHT-TO-LEFT OVERRIDE, a "
        "bidirectional control) at line 2, column 8"]


def test_a_raw_control_character_in_yaml_is_a_validation_error(data: Path,
                                                                folder: Path) -> None:
    # found by tests/unit/test_annotation_fuzz.py: PyYAML raised a ReaderError (traceback)
    (folder / "annotation.yaml").write_bytes(b"article:\n  id: sample\x00-article\n")
    assert problems(data) == [
        f"{folder}/annotation.yaml:2: expected text YAML allows (no control characters other "
        "than tab and line breaks); found U+0000 (NUL, a control character) at column 13"]
